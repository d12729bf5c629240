import type { ExportValues } from './export-values.js';
import { putAmount, putQuestions } from './export-elements.js';
import type { XmlNode } from './xml-node.js';

/** The policy's LOBCd by request: the package code names no line (the line elements do). */
export const POLICY_LOB = { gl: 'CGL', package: 'CPKGE', property: 'PROPC' } as const;

/** The prior-carrier table's columns and the LOBCd the reader puts in each. */
const PRIOR_COLUMNS = [
  ['generalLiability', 'CGL'],
  ['automobile', 'AUTOB'],
  ['property', 'PROPC'],
  ['otherLine', undefined],
] as const;
const COLUMN_CODES = new Set(['CGL', 'AUTOB', 'PROPC']);

/** The request's own header: form completion date (the request date) and status effective date. */
export function writeRequestHeader(v: ExportValues, rq: XmlNode): void {
  v.put(rq, 'TransactionRequestDt', 'policy.formCompletionDate', (d) => (v.value('policy.formCompletionDate') ? `${d}T00:00:00` : d));
  v.put(rq, 'TransactionEffectiveDt', 'policy.status.effectiveDate');
  rq.add('CurCd', 'USD');
  // The request is a quote inquiry, which the reader takes as the quote box.
  v.note('policy.status.quoteIndicator', '1', rq);
}

/** CommlPolicy: term, carrier codes, payment plan, signature date, prior carriers, losses, general questions, supplement. */
export function writePolicy(v: ExportValues, rq: XmlNode, lob: string): XmlNode {
  const policy = rq.add('CommlPolicy');
  v.put(policy, 'PolicyNumber', 'policy.policyNumberIdentifier');
  policy.add('LOBCd', lob);
  v.put(policy, 'NAICCd', 'carrier.naicCode');
  v.put(policy, 'CompanyProductCd', 'carrier.productCode');
  v.put(policy, 'ControllingStateProvCd', 'policy.controllingStateCode');
  const term = policy.add('ContractTerm');
  v.put(term, 'EffectiveDt', 'policy.effectiveDate');
  v.put(term, 'ExpirationDt', 'policy.expirationDate');
  v.put(policy.add('PaymentOption'), 'PaymentPlanCd', 'policy.payment.paymentScheduleCode');
  v.put(policy.add('SignatureInfo'), 'SignedDt', 'namedInsureds[0].signatureDate');
  writePriorPolicies(v, policy);
  writeLosses(v, policy);
  putQuestions(v, policy, 'generalInformation');
  return policy;
}

/** The supplement, after the policy's parties. */
export function writeSupplement(v: ExportValues, policy: XmlNode): void {
  v.put(policy.add('CommlPolicySupplement'), 'GeneralLiabilityCd', 'namedInsureds[0].generalLiabilityCode');
}

/**
 * The prior-carrier table as OtherOrPriorPolicy elements. The reader rebuilds the rows from each
 * policy's effective year (the n-th policy of a year and line goes in that year's n-th row), so the
 * rows are replayed as it will read them and a cell that would land elsewhere is skipped.
 */
function writePriorPolicies(v: ExportValues, policy: XmlNode): void {
  let rowCount = 0;
  const rowsOfYear = new Map<string, number[]>();
  const cellsUsed = new Map<string, number>();
  const yearWritten = new Set<number>();
  for (let i = 0; i < v.count('priorCoverage'); i++) {
    for (const [column, code] of PRIOR_COLUMNS) {
      const base = `priorCoverage[${i}].${column}`;
      const cell = v.below(base);
      if (!cell.length) continue;
      const effective = v.value(`${base}.effectiveDate`);
      const year = typeof effective === 'string' ? effective.slice(0, 4) : '';
      const lob = code ?? v.text(`${base}.lineOfBusinessCode`)?.toUpperCase() ?? '';
      const why =
        year !== String(v.value(`priorCoverage[${i}].policyYear`) ?? '')
          ? "the reader puts a prior policy in the row of its effective date's year, which is not this row's policy year"
          : !code && COLUMN_CODES.has(lob)
            ? "its line code is one of the table's own columns, where the reader would put it"
            : undefined;
      // Replays the reader's row assignment.
      const rows = rowsOfYear.get(year) ?? [];
      const nth = cellsUsed.get(`${year}|${column}`) ?? 0;
      const row = nth < rows.length ? rows[nth]! : rowCount;
      if (why || row !== i) {
        for (const p of cell) v.skip(p, why ?? 'the reader rebuilds the rows by year and line, which would put this policy in another row');
        continue;
      }
      rowsOfYear.set(year, rows);
      cellsUsed.set(`${year}|${column}`, nth + 1);
      if (nth === rows.length) {
        rows.push(rowCount++);
      }
      const prior = policy.add('OtherOrPriorPolicy');
      prior.add('PolicyCd', 'Prior');
      if (code) prior.add('LOBCd', code);
      else v.put(prior, 'LOBCd', `${base}.lineOfBusinessCode`);
      v.put(prior, 'InsurerName', `${base}.insurerFullName`);
      v.put(prior, 'PolicyNumber', `${base}.policyNumberIdentifier`);
      putAmount(v, prior, 'PolicyAmt', `${base}.totalPremiumAmount`);
      const priorTerm = prior.add('ContractTerm');
      const effectiveNode = v.put(priorTerm, 'EffectiveDt', `${base}.effectiveDate`)!;
      v.put(priorTerm, 'ExpirationDt', `${base}.expirationDate`);
      if (!yearWritten.has(i)) {
        yearWritten.add(i);
        v.note(`priorCoverage[${i}].policyYear`, year, effectiveNode);
      }
    }
    if (!yearWritten.has(i)) v.skip(`priorCoverage[${i}].policyYear`, "the reader takes a row's policy year from a prior policy's effective date; the row has none");
  }
}

/** Loss rows, their count (which the reader checks against the rows) and the summary. */
function writeLosses(v: ExportValues, policy: XmlNode): void {
  const count = v.count('lossHistory.losses');
  for (let k = 0; k < count; k++) {
    const base = `lossHistory.losses[${k}]`;
    const loss = policy.add('Loss');
    v.put(loss, 'LOBCd', `${base}.lineOfBusiness`);
    v.put(loss, 'LossDt', `${base}.occurrenceDate`);
    v.put(loss, 'LossDesc', `${base}.occurrenceDescription`);
    putAmount(v, loss, 'TotalPaidAmt', `${base}.paidAmount`);
    putAmount(v, loss, 'ReservedAmt', `${base}.reservedAmount`);
    const open = v.value(`${base}.open`);
    if (typeof open === 'boolean') {
      // The reader turns the claim status words into the 125's Y/N answer.
      const status = loss.add('ClaimStatusCd', open ? 'open' : 'closed');
      v.note(`${base}.open`, open ? 'Y' : 'N', status);
    }
  }
  if (count || v.isTrue('lossHistory.noPriorLossesIndicator')) {
    const node = policy.add('NumLosses', String(count));
    if (count === 0) v.note('lossHistory.noPriorLossesIndicator', '1', node);
    else v.skip('lossHistory.noPriorLossesIndicator', 'the losses listed say otherwise');
  }
  v.put(policy, 'NumLossesYrs', 'lossHistory.informationYearCount');
  putAmount(v, policy, 'TotalPaidLossAmt', 'lossHistory.totalAmount');
}
