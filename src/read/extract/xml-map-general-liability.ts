import type { XmlCursor } from './xml-cursor.js';
import type { XmlMappingContext } from './xml-mapping-context.js';
import { mapQuestions } from './xml-map-questions.js';
import { acordBoolean, coveragesOf, lookUpCode, putAmount } from './xml-values.js';

/** LiabilityInfo CommlCoverage CoverageCd → the 126's limit boxes. */
const LIMIT_BY_COVERAGE: Record<string, string> = {
  EAOCC: 'eachOccurrence',
  GENAG: 'generalAggregate',
  MEDEX: 'medicalExpense',
  PRDCO: 'productsAndCompletedOperationsAggregate',
  PIADV: 'personalAndAdvertisingInjury',
  FIRDM: 'fireDamageRentedPremises',
};

/**
 * GeneralLiabilityLineBusiness, or the liability half of a BOPLineBusiness → the 126: limits, hazards,
 * questions. Only a GL line says the coverage form is commercial general liability (a BOP's liability
 * is written on the businessowners form).
 */
export function mapGeneralLiability(ctx: XmlMappingContext, line: XmlCursor): void {
  if (line.name === 'GeneralLiabilityLineBusiness') ctx.check('generalLiability.coverage.commercialGeneralLiabilityIndicator', line.path);
  const liability = line.one('LiabilityInfo');

  const claimsMade = line.one('ClaimsMadeInfo') ?? liability?.one('ClaimsMadeInfo');
  const isClaimsMade = acordBoolean(claimsMade?.peekAt('ClaimsMadeInd'));
  if (isClaimsMade !== undefined) {
    claimsMade!.consume('ClaimsMadeInd');
    ctx.check(`generalLiability.coverage.${isClaimsMade ? 'claimsMadeIndicator' : 'occurrenceIndicator'}`, claimsMade!.at('ClaimsMadeInd')!.path);
  }
  ctx.read('generalLiability.claimsMade.proposedRetroactiveDate', claimsMade, 'CurrentRetroactiveDt');

  for (const coverage of coveragesOf(liability)) {
    const limit = lookUpCode(coverage, 'CoverageCd', LIMIT_BY_COVERAGE);
    if (limit) putAmount(ctx, `generalLiability.limits.${limit}`, coverage.all('Limit'));
  }

  const classifications = [...(liability?.all('GeneralLiabilityClassification') ?? []), ...line.all('GeneralLiabilityClassification')];
  classifications.forEach((c, i) => mapHazard(ctx, c, i));

  mapQuestions(ctx, 'generalLiability', line);
}

/** A classification's premises/operations (PREM) and products (PRDCO) coverages carry its rates and premiums. */
const HAZARD_COVERAGE: Record<string, string> = { PREM: 'premisesOperations', PRDCO: 'products' };

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
  for (const coverage of coveragesOf(c)) {
    const kind = lookUpCode(coverage, 'CoverageCd', HAZARD_COVERAGE);
    if (!kind) continue;
    ctx.read(`${base}.${kind}Rate`, coverage, 'Rate');
    putAmount(ctx, `${base}.${kind}PremiumAmount`, coverage.one('CurrentTermAmt'));
  }
}
