import type { XmlCursor } from './xml-cursor.js';
import type { XmlMappingContext } from './xml-mapping-context.js';
import { mapQuestions } from './xml-map-questions.js';
import { policyAggregate, policySupplement } from './xml-policy-aggregates.js';
import { lookUpCode, putAmount } from './xml-values.js';

/** ACORD LOBCd → the 125's lines-of-business checkbox. */
const LINE_BY_LOB: Record<string, string> = {
  CGL: 'commercialGeneralLiability',
  PROPC: 'commercialProperty',
  BOP: 'businessOwners',
  CYBER: 'cyberAndPrivacy',
  AUTOB: 'businessAuto',
  UMBRC: 'umbrella',
  CRIME: 'crime',
  INMRC: 'commercialInlandMarine',
  BOILR: 'boilerAndMachinery',
  GARAG: 'garageAndDealers',
  TRUCK: 'truckers',
};

/** The package LOBCd says "several lines", which the line-business elements then name. */
const PACKAGE_LOB = 'CPKGE';

/** The prior-carrier table's columns (125 page 3); any other line goes to "other line". */
const PRIOR_COLUMN_BY_LOB: Record<string, string> = { CGL: 'generalLiability', AUTOB: 'automobile', PROPC: 'property' };

export type RequestAction = 'QuoteInq' | 'Add' | 'Mod';

/** The request type is the status of transaction: a quote inquiry, a new policy, or a change. */
const STATUS_BY_ACTION: Record<RequestAction, string> = { QuoteInq: 'quoteIndicator', Add: 'issueIndicator', Mod: 'changeIndicator' };

/** BusinessPurposeTypeCd, which says what a PolicyRq asks: a new-business quote or a policy change. */
const STATUS_BY_PURPOSE: Record<string, string> = { NBQ: 'quoteIndicator', PCH: 'changeIndicator' };

/**
 * The policy (CommlPolicy or Policy) and the request's own header: policy, status of transaction,
 * lines, carrier codes, nature of business. `action` is undefined for a PolicyRq, whose name does not
 * say what it asks.
 */
export function mapPolicy(ctx: XmlMappingContext, action: RequestAction | undefined): void {
  const rq = ctx.request;
  const policy = policyAggregate(rq);
  ctx.read('policy.policyNumberIdentifier', policy, 'PolicyNumber');
  ctx.read('policy.effectiveDate', policy, 'ContractTerm/EffectiveDt');
  ctx.read('policy.expirationDate', policy, 'ContractTerm/ExpirationDt');
  ctx.read('policy.controllingStateCode', policy, 'ControllingStateProvCd');
  ctx.read('policy.formCompletionDate', rq, 'TransactionRequestDt');
  ctx.read('policy.status.effectiveDate', rq, 'TransactionEffectiveDt');
  ctx.read('carrier.naicCode', policy, 'NAICCd');
  ctx.read('carrier.productCode', policy, 'CompanyProductCd');
  if (action) ctx.check(`policy.status.${STATUS_BY_ACTION[action]}`, rq.name);
  const purpose = lookUpCode(rq, 'BusinessPurposeTypeCd', STATUS_BY_PURPOSE);
  if (purpose) ctx.check(`policy.status.${purpose}`, rq.at('BusinessPurposeTypeCd')!.path);
  ctx.read('policy.payment.paymentScheduleCode', policy, 'PaymentOption/PaymentPlanCd');
  ctx.read('namedInsureds[0].signatureDate', policy, 'SignatureInfo/SignedDt');

  mapLinesOfBusiness(ctx, policy);

  const supplement = policySupplement(rq);
  const business = rq.all('InsuredOrPrincipal').map((p) => p.at('InsuredOrPrincipalInfo/BusinessInfo')).find(Boolean);
  const fromBusinessOrSupplement = (modelPath: string, element: string) =>
    ctx.read(modelPath, business, element) || ctx.read(modelPath, supplement, element);
  fromBusinessOrSupplement('businessInformation.operationsDescription', 'OperationsDesc');
  fromBusinessOrSupplement('businessInformation.employeeCount', 'NumEmployees');
  fromBusinessOrSupplement('businessInformation.ownerCount', 'NumOwners');
  ctx.read('namedInsureds[0].generalLiabilityCode', supplement, 'GeneralLiabilityCd');
  if (!business?.peekAt('BusinessStartDt')) ctx.read('namedInsureds[0].businessStartDate', supplement, 'BusinessStartDt');

  mapQuestions(ctx, 'generalInformation', policy);
  mapPriorPolicies(ctx, policy);
  mapLosses(ctx, policy);
}

/** The line elements whose presence requests a line of business. */
const LINE_BY_ELEMENT: Record<string, string> = {
  GeneralLiabilityLineBusiness: 'commercialGeneralLiability',
  CommlPropertyLineBusiness: 'commercialProperty',
  BOPLineBusiness: 'businessOwners',
};

function mapLinesOfBusiness(ctx: XmlMappingContext, policy: XmlCursor | undefined): void {
  const done = new Set<string>();
  const request = (key: string, xmlPath: string) => {
    if (done.has(key)) return;
    done.add(key);
    ctx.check(`policy.linesOfBusiness.${key}.requested`, xmlPath);
  };
  for (const [element, key] of Object.entries(LINE_BY_ELEMENT)) {
    const line = ctx.request.one(element);
    if (!line) continue;
    request(key, line.path);
    // The line's own LOBCd restates what its element name says.
    line.consume('LOBCd');
  }

  const lob = policy?.one('LOBCd');
  const code = lob?.text.toUpperCase();
  if (!lob || !code || code === PACKAGE_LOB) return;
  const key = LINE_BY_LOB[code];
  if (key) {
    request(key, lob.path);
  } else {
    ctx.check('policy.otherLinesOfBusiness[0].requested', lob.path);
    ctx.put('policy.otherLinesOfBusiness[0].description', lob.text, lob.path);
  }
}

/** OtherOrPriorPolicy (PolicyCd Prior, or unstated) → the prior-carrier table: one row per policy year, one column per line. */
function mapPriorPolicies(ctx: XmlMappingContext, policy: XmlCursor | undefined): void {
  let rowCount = 0;
  const rowsOfYear = new Map<string, number[]>();
  const cellsUsed = new Map<string, number>();
  for (const prior of policy?.all('OtherOrPriorPolicy') ?? []) {
    const kind = prior.peekAt('PolicyCd');
    if (kind && kind.toLowerCase() !== 'prior') continue;
    prior.consume('PolicyCd');
    const effective = prior.at('ContractTerm/EffectiveDt');
    const year = /^\d{4}/.exec(effective?.text ?? '')?.[0] ?? '';
    const lob = prior.textAt('LOBCd')?.toUpperCase() ?? '';
    const column = PRIOR_COLUMN_BY_LOB[lob] ?? 'otherLine';
    // The n-th policy of a year and line goes in that year's n-th row, opening a row when there is none.
    const rows = rowsOfYear.get(year) ?? [];
    rowsOfYear.set(year, rows);
    const nth = cellsUsed.get(`${year}|${column}`) ?? 0;
    cellsUsed.set(`${year}|${column}`, nth + 1);
    if (nth === rows.length) {
      rows.push(rowCount++);
      if (year) ctx.put(`priorCoverage[${rows[nth]}].policyYear`, year, effective!.path);
    }
    const index = rows[nth]!;

    const base = `priorCoverage[${index}]`;
    const cell = `${base}.${column}`;
    if (column === 'otherLine') ctx.read(`${cell}.lineOfBusinessCode`, prior, 'LOBCd');
    ctx.read(`${cell}.insurerFullName`, prior, 'InsurerName');
    ctx.read(`${cell}.policyNumberIdentifier`, prior, 'PolicyNumber');
    putAmount(ctx, `${cell}.totalPremiumAmount`, prior.one('PolicyAmt'));
    ctx.read(`${cell}.effectiveDate`, prior, 'ContractTerm/EffectiveDt');
    ctx.read(`${cell}.expirationDate`, prior, 'ContractTerm/ExpirationDt');
  }
}

/** ClaimStatusCd in words → the 125's "open?" Y/N. */
const OPEN_BY_CLAIM_STATUS: Record<string, string> = { OPEN: 'Y', REOPENED: 'Y', CLOSED: 'N' };

/** CommlPolicy/Loss rows and the loss summary (NumLosses, NumLossesYrs, TotalPaidLossAmt) → the 125's loss history. */
function mapLosses(ctx: XmlMappingContext, policy: XmlCursor | undefined): void {
  const losses = policy?.all('Loss') ?? [];
  losses.forEach((loss, k) => {
    const base = `lossHistory.losses[${k}]`;
    ctx.read(`${base}.occurrenceDate`, loss, 'LossDt');
    ctx.read(`${base}.lineOfBusiness`, loss, 'LOBCd');
    ctx.read(`${base}.occurrenceDescription`, loss, 'LossDesc');
    putAmount(ctx, `${base}.paidAmount`, loss.one('TotalPaidAmt'));
    putAmount(ctx, `${base}.reservedAmount`, loss.one('ReservedAmt'));
    const open = lookUpCode(loss, 'ClaimStatusCd', OPEN_BY_CLAIM_STATUS);
    if (open) ctx.put(`${base}.open`, open, loss.at('ClaimStatusCd')!.path);
  });
  ctx.read('lossHistory.informationYearCount', policy, 'NumLossesYrs');
  putAmount(ctx, 'lossHistory.totalAmount', policy?.one('TotalPaidLossAmt'));
  // The form has no box for a loss count: it is read when the loss rows say the same, and a zero
  // with no rows is the "no prior losses" box. A count that disagrees with the rows stays unread.
  const count = policy?.one('NumLosses');
  if (count?.el.text && Number(count.el.text) === losses.length) {
    policy!.consume('NumLosses');
    if (losses.length === 0) ctx.check('lossHistory.noPriorLossesIndicator', count.path);
  }
}
