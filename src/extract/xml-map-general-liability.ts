import type { XmlCursor } from './xml-cursor.js';
import type { XmlMappingContext } from './xml-mapping-context.js';
import { mapQuestions } from './xml-map-questions.js';
import { acordBoolean, putAmount } from './xml-values.js';

/** LiabilityInfo CommlCoverage CoverageCd → the 126's limit boxes. */
const LIMIT_BY_COVERAGE: Record<string, string> = {
  EAOCC: 'eachOccurrence',
  GENAG: 'generalAggregate',
  MEDEX: 'medicalExpense',
  PRDCO: 'productsAndCompletedOperationsAggregate',
  PIADV: 'personalAndAdvertisingInjury',
  FIRDM: 'fireDamageRentedPremises',
};

/** GeneralLiabilityLineBusiness → the 126: coverage form, limits, hazards, questions. */
export function mapGeneralLiability(ctx: XmlMappingContext): void {
  const line = ctx.request.one('GeneralLiabilityLineBusiness');
  if (!line) return;
  ctx.check('generalLiability.coverage.commercialGeneralLiabilityIndicator', line.path);
  const liability = line.one('LiabilityInfo');

  const claimsMade = line.one('ClaimsMadeInfo') ?? liability?.one('ClaimsMadeInfo');
  const indicator = claimsMade?.one('ClaimsMadeInd');
  const isClaimsMade = acordBoolean(indicator?.text);
  if (indicator && isClaimsMade !== undefined) {
    ctx.check(`generalLiability.coverage.${isClaimsMade ? 'claimsMadeIndicator' : 'occurrenceIndicator'}`, indicator.path);
  }
  ctx.read('generalLiability.claimsMade.proposedRetroactiveDate', claimsMade, 'CurrentRetroactiveDt');

  for (const coverage of liability?.all('CommlCoverage') ?? []) {
    const limit = LIMIT_BY_COVERAGE[coverage.textAt('CoverageCd')?.toUpperCase() ?? ''];
    if (limit) putAmount(ctx, `generalLiability.limits.${limit}`, coverage.all('Limit'));
  }

  const classifications = [...(liability?.all('GeneralLiabilityClassification') ?? []), ...line.all('GeneralLiabilityClassification')];
  classifications.forEach((c, i) => mapHazard(ctx, c, i));

  mapQuestions(ctx, 'generalLiability', line);
}

function mapHazard(ctx: XmlMappingContext, c: XmlCursor, i: number): void {
  const base = `generalLiability.hazards[${i}]`;
  ctx.put(`${base}.hazardProducerIdentifier`, String(i + 1), c.path);
  const ref = c.attr('LocationRef');
  if (ref) ctx.put(`${base}.locationProducerIdentifier`, ctx.locationNumber(ref), `${c.path}@LocationRef`);
  ctx.read(`${base}.classCode`, c, 'ClassCd');
  ctx.read(`${base}.classification`, c, 'ClassCdDesc');
  ctx.read(`${base}.exposure`, c, 'Exposure');
  ctx.read(`${base}.premiumBasisCode`, c, 'PremiumBasisCd');
  ctx.read(`${base}.territoryCode`, c, 'TerritoryCd');
  // The classification's premises/operations (PREM) and products (PRDCO) coverages carry its rates and premiums.
  for (const coverage of c.all('CommlCoverage')) {
    const kind = { PREM: 'premisesOperations', PRDCO: 'products' }[coverage.textAt('CoverageCd')?.toUpperCase() ?? ''];
    if (!kind) continue;
    ctx.read(`${base}.${kind}Rate`, coverage, 'Rate');
    putAmount(ctx, `${base}.${kind}PremiumAmount`, coverage.one('CurrentTermAmt'));
  }
}
