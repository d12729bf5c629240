import type { XmlCursor } from './xml-cursor.js';
import type { XmlMappingContext } from './xml-mapping-context.js';
import { mapQuestions } from './xml-map-questions.js';
import { putAmount } from './xml-values.js';

/** ACORD LOBCd → the 125's lines-of-business checkbox. */
const LINE_BY_LOB: Record<string, string> = {
  CGL: 'commercialGeneralLiability',
  PROPC: 'commercialProperty',
  BOP: 'businessOwners',
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

/** CommlPolicy and the request's own header: policy, status of transaction, lines, carrier codes, nature of business. */
export function mapPolicy(ctx: XmlMappingContext, action: RequestAction): void {
  const rq = ctx.request;
  const policy = rq.one('CommlPolicy');
  ctx.read('policy.policyNumberIdentifier', policy, 'PolicyNumber');
  ctx.read('policy.effectiveDate', policy, 'ContractTerm/EffectiveDt');
  ctx.read('policy.expirationDate', policy, 'ContractTerm/ExpirationDt');
  ctx.read('policy.controllingStateCode', policy, 'ControllingStateProvCd');
  ctx.read('policy.formCompletionDate', rq, 'TransactionRequestDt');
  ctx.read('carrier.naicCode', policy, 'NAICCd');
  ctx.read('carrier.productCode', policy, 'CompanyProductCd');

  // The request type is the status of transaction: a quote inquiry, a new policy, or a change.
  const status = { QuoteInq: 'quoteIndicator', Add: 'issueIndicator', Mod: 'changeIndicator' }[action];
  ctx.check(`policy.status.${status}`, rq.name);
  if (action === 'Mod') ctx.read('policy.status.effectiveDate', rq, 'TransactionEffectiveDt');

  mapLinesOfBusiness(ctx, policy);

  const supplement = policy?.one('CommlPolicySupplement');
  const business = rq.all('InsuredOrPrincipal').map((p) => p.at('InsuredOrPrincipalInfo/BusinessInfo')).find(Boolean);
  if (!ctx.read('businessInformation.operationsDescription', business, 'OperationsDesc')) {
    ctx.read('businessInformation.operationsDescription', supplement, 'OperationsDesc');
  }
  ctx.read('namedInsureds[0].generalLiabilityCode', supplement, 'GeneralLiabilityCd');
  if (!business?.textAt('BusinessStartDt')) ctx.read('namedInsureds[0].businessStartDate', supplement, 'BusinessStartDt');

  mapQuestions(ctx, 'generalInformation', policy);
  mapPriorPolicies(ctx, policy);
  mapLosses(ctx, policy);
}

function mapLinesOfBusiness(ctx: XmlMappingContext, policy: XmlCursor | undefined): void {
  const done = new Set<string>();
  const request = (key: string, xmlPath: string) => {
    if (done.has(key)) return;
    done.add(key);
    ctx.check(`policy.linesOfBusiness.${key}.requested`, xmlPath);
  };
  const gl = ctx.request.one('GeneralLiabilityLineBusiness');
  if (gl) request('commercialGeneralLiability', gl.path);
  const property = ctx.request.one('CommlPropertyLineBusiness');
  if (property) request('commercialProperty', property.path);

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
    const kind = prior.textAt('PolicyCd');
    if (kind && kind.toLowerCase() !== 'prior') continue;
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
    // The 125 asks "open?" as Y/N; ClaimStatusCd says it in words.
    const status = loss.one('ClaimStatusCd');
    const open = { open: 'Y', reopened: 'Y', closed: 'N' }[status?.text.toLowerCase() ?? ''];
    if (status && open) ctx.put(`${base}.open`, open, status.path);
  });
  ctx.read('lossHistory.informationYearCount', policy, 'NumLossesYrs');
  putAmount(ctx, 'lossHistory.totalAmount', policy?.one('TotalPaidLossAmt'));
  const count = policy?.one('NumLosses');
  if (count && /^0+$/.test(count.text) && losses.length === 0) ctx.check('lossHistory.noPriorLossesIndicator', count.path);
}
