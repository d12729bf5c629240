import type { ExportValues } from './export-values.js';
import { putAmount, putQuestions } from './export-elements.js';
import type { Sites } from './export-sites.js';
import type { XmlNode } from './xml-node.js';

/** The 126's limit boxes → LiabilityInfo CommlCoverage CoverageCd. */
const COVERAGE_BY_LIMIT = [
  ['eachOccurrence', 'EAOCC'],
  ['generalAggregate', 'GENAG'],
  ['productsAndCompletedOperationsAggregate', 'PRDCO'],
  ['personalAndAdvertisingInjury', 'PIADV'],
  ['fireDamageRentedPremises', 'FIRDM'],
  ['medicalExpense', 'MEDEX'],
] as const;

/** A hazard's premises/operations and products coverages, which carry its rates and premiums. */
const HAZARD_COVERAGES = [
  ['premisesOperations', 'PREM'],
  ['products', 'PRDCO'],
] as const;

/**
 * GeneralLiabilityLineBusiness: claims-made or occurrence, retroactive date, limits, hazards
 * (GeneralLiabilityClassification, numbered by the reader in order, located by LocationRef) and the
 * 126's questions. The line element itself says commercial general liability is requested.
 */
export function writeGeneralLiability(v: ExportValues, line: XmlNode, sites: Sites): void {
  line.add('LOBCd', 'CGL');
  v.note('policy.linesOfBusiness.commercialGeneralLiability.requested', '1', line);
  v.note('generalLiability.coverage.commercialGeneralLiabilityIndicator', '1', line);
  const claimsMade = v.isTrue('generalLiability.coverage.claimsMadeIndicator');
  const occurrence = v.isTrue('generalLiability.coverage.occurrenceIndicator');
  const claimsMadeInfo = line.add('ClaimsMadeInfo');
  if (claimsMade || occurrence) {
    const ind = claimsMadeInfo.add('ClaimsMadeInd', claimsMade ? '1' : '0');
    v.note(`generalLiability.coverage.${claimsMade ? 'claimsMade' : 'occurrence'}Indicator`, '1', ind);
    if (claimsMade && occurrence) v.skip('generalLiability.coverage.occurrenceIndicator', 'ClaimsMadeInd states one of claims made and occurrence; claims made is checked too');
  }
  v.put(claimsMadeInfo, 'CurrentRetroactiveDt', 'generalLiability.claimsMade.proposedRetroactiveDate');

  const liability = line.add('LiabilityInfo');
  for (const [key, code] of COVERAGE_BY_LIMIT) {
    const path = `generalLiability.limits.${key}`;
    if (!v.has(path)) continue;
    const coverage = liability.add('CommlCoverage');
    coverage.add('CoverageCd', code);
    putAmount(v, coverage, 'Limit', path);
  }
  for (let h = 0; h < v.count('generalLiability.hazards'); h++) writeHazard(v, liability, sites, h);
  putQuestions(v, line, 'generalLiability');
}

function writeHazard(v: ExportValues, liability: XmlNode, sites: Sites, h: number): void {
  const base = `generalLiability.hazards[${h}]`;
  const location = v.text(`${base}.locationProducerIdentifier`);
  const c = liability.add('GeneralLiabilityClassification', undefined, location === undefined ? [] : [['LocationRef', sites.locationRef(location)]]);
  if (v.text(`${base}.hazardProducerIdentifier`) === String(h + 1)) v.note(`${base}.hazardProducerIdentifier`, String(h + 1), c);
  else v.skip(`${base}.hazardProducerIdentifier`, 'the reader numbers hazards 1, 2 … in document order');
  if (location !== undefined) v.note(`${base}.locationProducerIdentifier`, location, c, '@LocationRef');
  v.put(c, 'ClassCd', `${base}.classCode`);
  v.put(c, 'ClassCdDesc', `${base}.classification`);
  v.put(c, 'Exposure', `${base}.exposure`);
  v.put(c, 'PremiumBasisCd', `${base}.premiumBasisCode`);
  v.put(c, 'TerritoryCd', `${base}.territoryCode`);
  for (const [key, code] of HAZARD_COVERAGES) {
    if (!v.has(`${base}.${key}Rate`) && !v.has(`${base}.${key}PremiumAmount`)) continue;
    const coverage = c.add('CommlCoverage');
    coverage.add('CoverageCd', code);
    v.put(coverage, 'Rate', `${base}.${key}Rate`);
    putAmount(v, coverage, 'CurrentTermAmt', `${base}.${key}PremiumAmount`);
  }
}
