import type { SyntheticSubmission } from './synthetic-insureds.js';
import type { Truth, TruthValue } from './truth.js';

/** An element being written; text and children are exclusive. */
class Node {
  readonly children: Node[] = [];
  constructor(
    readonly name: string,
    readonly text: string | undefined,
    readonly attrs: readonly [string, string][] = [],
  ) {}

  add(name: string, text?: string | number, attrs: [string, string][] = []): Node {
    const child = new Node(name, text === undefined ? undefined : String(text), attrs);
    this.children.push(child);
    return child;
  }
}

/** What the XML says for one model path, and which element says it. */
export interface XmlValue {
  path: string;
  raw: string;
  /** The element path below the request, as the XML extractor names sources (`Location[1]/Addr/City`). */
  field: string;
}

type Emission = { path: string; raw: string; node: Node; suffix: string };

const REQUEST = {
  gl: 'GeneralLiabilityPolicyQuoteInqRq',
  package: 'CommlPkgPolicyQuoteInqRq',
  property: 'CommlPropertyPolicyQuoteInqRq',
};

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function serialize(node: Node, depth: number): string {
  const pad = '  '.repeat(depth);
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
  if (node.text !== undefined) return `${pad}<${node.name}${attrs}>${escape(node.text)}</${node.name}>\n`;
  return `${pad}<${node.name}${attrs}>\n${node.children.map((c) => serialize(c, depth + 1)).join('')}${pad}</${node.name}>\n`;
}

/** Element paths below `root`, indexed (0-based) only where a name repeats among siblings. */
function elementPaths(root: Node): Map<Node, string> {
  const paths = new Map<Node, string>([[root, '']]);
  const walk = (node: Node, path: string) => {
    for (const child of node.children) {
      const same = node.children.filter((c) => c.name === child.name);
      const step = same.length > 1 ? `${child.name}[${same.indexOf(child)}]` : child.name;
      const childPath = path ? `${path}/${step}` : step;
      paths.set(child, childPath);
      walk(child, childPath);
    }
  };
  walk(root, '');
  return paths;
}

/** "+15125550142" → "+1-512-5550142", as quoting platforms send phone numbers. */
const xmlPhone = (e164: string) => `+1-${e164.slice(2, 5)}-${e164.slice(5)}`;

/** An amount inside its holder (Limit, Deductible, …Amt): whole ones as FormatInteger, others as FormatCurrencyAmt/Amt. */
function amountIn(holder: Node, money: string): Node {
  return money.endsWith('.00') ? holder.add('FormatInteger', money.slice(0, -3)) : holder.add('FormatCurrencyAmt').add('Amt', money);
}

/**
 * Writes a sample's ACORD XML request from its truth: a GeneralLiabilityPolicyQuoteInqRq for
 * liability alone, a CommlPkgPolicyQuoteInqRq for liability and property, a
 * CommlPropertyPolicyQuoteInqRq for property alone. Uses the elements of ACORD's P&C schema that
 * the XML extractor reads (src/extract/xml-map-*.ts), so the XML carries fewer facts than the
 * forms. Returns the document and, for the expected JSON, what each written element says.
 */
export function writeAcordXml(sub: SyntheticSubmission, truth: Truth): { xml: string; request: string; values: XmlValue[] } {
  const { spec } = sub;
  const emitted: Emission[] = [];
  const has = (path: string) => truth[path] !== undefined;
  const str = (path: string): string => String(truth[path]);
  /** Writes `name` with the truth at `path` (as `format` writes it) and records it; nothing when the truth has none. */
  const put = (parent: Node, name: string, path: string, format: (v: TruthValue) => string = String): Node | undefined => {
    const value = truth[path];
    if (value === undefined) return undefined;
    const node = parent.add(name, format(value));
    emitted.push({ path, raw: node.text!, node, suffix: '' });
    return node;
  };
  const note = (path: string, raw: string, node: Node, suffix = '') => {
    if (has(path)) emitted.push({ path, raw, node, suffix });
  };
  const moneyIn = (holder: Node, path: string) => {
    if (!has(path)) return;
    const at = amountIn(holder, str(path));
    emitted.push({ path, raw: at.text!, node: at, suffix: '' });
  };
  const money = (parent: Node, name: string, path: string) => {
    if (has(path)) moneyIn(parent.add(name), path);
  };
  const address = (parent: Node, base: string, type?: string, county = false) => {
    const addr = parent.add('Addr');
    if (type) addr.add('AddrTypeCd', type);
    put(addr, 'Addr1', `${base}.lineOne`);
    if (type) put(addr, 'Addr2', `${base}.lineTwo`);
    put(addr, 'City', `${base}.cityName`);
    if (county) put(addr, 'County', `${base}.countyName`);
    put(addr, 'StateProvCd', `${base}.stateOrProvinceCode`);
    put(addr, 'PostalCode', `${base}.postalCode`);
  };
  const phone = (comms: Node, path: string, type: string, use?: string) => {
    if (!has(path)) return;
    const info = comms.add('PhoneInfo');
    info.add('PhoneTypeCd', type);
    if (use) info.add('CommunicationUseCd', use);
    put(info, 'PhoneNumber', path, (v) => xmlPhone(String(v)));
  };
  const questions = (parent: Node, base: string) => {
    const codes = Object.keys(truth)
      .map((p) => new RegExp(`^${base.replace('.', '\\.')}\\.questions\\.([A-Z]{3})\\.answer$`).exec(p)?.[1])
      .filter((c): c is string => Boolean(c))
      .sort();
    for (const code of codes) {
      const qa = parent.add('QuestionAnswer');
      qa.add('QuestionCd', code);
      put(qa, 'YesNoCd', `${base}.questions.${code}.answer`, (v) => (v ? 'YES' : 'NO'));
      put(qa, 'Explanation', `${base}.questions.${code}.explanation`);
    }
  };

  const kind = spec.generalLiability && spec.property ? 'package' : spec.generalLiability ? 'gl' : 'property';
  const requestName = REQUEST[kind];
  const acord = new Node('ACORD', undefined);
  const signon = acord.add('SignonRq');
  signon.add('SignonTransport').add('SignonRoleCd', 'Customer');
  signon.add('CustLangPref', 'EN-US');
  const app = signon.add('ClientApp');
  app.add('Org', 'acord-prep');
  app.add('Name', 'acord-prep sample generator');
  app.add('Version', '1.0');
  const svc = acord.add('InsuranceSvcRq');
  const uid = `00000000-0000-4000-8000-${spec.name.replace(/[^a-z0-9]/g, '').slice(0, 12).padEnd(12, '0')}`;
  svc.add('RqUID', uid);
  const rq = svc.add(requestName);
  rq.add('RqUID', uid);
  put(rq, 'TransactionRequestDt', 'policy.formCompletionDate', (v) => `${v}T09:30:00`);
  rq.add('CurCd', 'USD');
  note('policy.status.quoteIndicator', '1', rq);

  // Producer: the agency (with the carrier's codes for it) and its contact person.
  const agency = rq.add('Producer');
  const agencyParty = agency.add('GeneralPartyInfo');
  put(agencyParty.add('NameInfo').add('CommlName'), 'CommercialName', 'producer.fullName');
  address(agencyParty, 'producer.mailingAddress', 'MailingAddress');
  const agencyComms = agencyParty.add('Communications');
  phone(agencyComms, 'producer.contactPerson.phoneNumber', 'Phone', 'Business');
  phone(agencyComms, 'producer.faxNumber', 'Fax');
  put(agencyComms.add('EmailInfo'), 'EmailAddr', 'producer.contactPerson.emailAddress');
  const producerInfo = agency.add('ProducerInfo');
  put(producerInfo, 'ContractNumber', 'carrier.producerIdentifier');
  put(producerInfo, 'ProducerSubCode', 'carrier.subProducerIdentifier');
  if (has('producer.contactPerson.fullName')) {
    const person = rq.add('Producer').add('GeneralPartyInfo').add('NameInfo').add('PersonName');
    const [given, ...rest] = str('producer.contactPerson.fullName').split(' ');
    person.add('GivenName', given);
    person.add('Surname', rest.join(' '));
    note('producer.contactPerson.fullName', str('producer.contactPerson.fullName'), person);
  }

  // Named insureds, then contacts (parties named only as persons).
  for (let i = 0; has(`namedInsureds[${i}].fullName`); i++) {
    const base = `namedInsureds[${i}]`;
    const party = rq.add('InsuredOrPrincipal');
    if (i === 0) put(party.add('ItemIdInfo'), 'AgencyId', 'producer.customerIdentifier');
    const general = party.add('GeneralPartyInfo');
    const nameInfo = general.add('NameInfo');
    put(nameInfo.add('CommlName'), 'CommercialName', `${base}.fullName`);
    const entity = put(nameInfo, 'LegalEntityCd', `${base}.legalEntity.code`);
    if (entity) {
      const indicator = Object.keys(truth).find((p) => p.startsWith(`${base}.legalEntity.`) && p.endsWith('Indicator') && truth[p] === true);
      if (indicator) note(indicator, '1', entity);
    }
    if (has(`${base}.taxIdentifier`)) {
      const tax = nameInfo.add('TaxIdentity');
      tax.add('TaxIdTypeCd', 'FEIN');
      // Written with its dash, so the id reads as a FEIN on its own; bare digits with their type code are
      // read in tests/acord-xml-extractor.test.ts.
      put(tax, 'TaxId', `${base}.taxIdentifier`);
    }
    address(general, `${base}.mailingAddress`, 'MailingAddress');
    const comms = general.add('Communications');
    phone(comms, `${base}.primary.phoneNumber`, 'Phone', 'Business');
    put(comms.add('WebsiteInfo'), 'WebsiteURL', `${base}.primary.websiteAddress`);
    const info = party.add('InsuredOrPrincipalInfo');
    info.add('InsuredOrPrincipalRoleCd', 'Insured');
    const business = info.add('BusinessInfo');
    put(business, 'SICCd', `${base}.sicCode`);
    put(business, 'NAICSCd', `${base}.naicsCode`);
    put(business, 'BusinessStartDt', `${base}.businessStartDate`);
    if (i === 0) {
      put(business, 'OperationsDesc', 'businessInformation.operationsDescription');
      if (spec.locations === 1) {
        put(business, 'NumEmployeesFullTime', 'premises[0].fullTimeEmployeeCount');
        put(business, 'NumEmployeesPartTime', 'premises[0].partTimeEmployeeCount');
      }
    }
    put(business, 'NumMembersManagers', `${base}.legalEntity.memberManagerCount`);
  }
  for (let j = 0; has(`contacts[${j}].fullName`); j++) {
    const base = `contacts[${j}]`;
    const party = rq.add('InsuredOrPrincipal');
    const general = party.add('GeneralPartyInfo');
    const person = general.add('NameInfo').add('PersonName');
    const [given, ...rest] = str(`${base}.fullName`).split(' ');
    person.add('GivenName', given);
    person.add('Surname', rest.join(' '));
    note(`${base}.fullName`, str(`${base}.fullName`), person);
    const comms = general.add('Communications');
    for (const slot of ['primary', 'secondary'] as const) {
      // The form's home/business/cell box becomes PhoneTypeCd Cell or CommunicationUseCd Home/Business.
      const kind = (['Cell', 'Home', 'Business'] as const).find((k) => truth[`${base}.${slot}${k}PhoneIndicator`] === true);
      const before = comms.children.length;
      if (kind === 'Cell') phone(comms, `${base}.${slot}PhoneNumber`, 'Cell');
      else phone(comms, `${base}.${slot}PhoneNumber`, 'Phone', kind);
      if (kind && comms.children.length > before) note(`${base}.${slot}${kind}PhoneIndicator`, '1', comms.children[before]!);
    }
    put(comms.add('EmailInfo'), 'EmailAddr', `${base}.primaryEmailAddress`);
    party.add('InsuredOrPrincipalInfo').add('InsuredOrPrincipalRoleCd', 'Contact');
  }

  // The policy: term, lines, prior carriers, losses, general questions.
  const policy = rq.add('CommlPolicy');
  put(policy, 'PolicyNumber', 'policy.policyNumberIdentifier');
  policy.add('LOBCd', { gl: 'CGL', package: 'CPKGE', property: 'PROPC' }[kind]);
  put(policy, 'NAICCd', 'carrier.naicCode');
  put(policy, 'CompanyProductCd', 'carrier.productCode');
  put(policy, 'ControllingStateProvCd', 'policy.controllingStateCode');
  const term = policy.add('ContractTerm');
  put(term, 'EffectiveDt', 'policy.effectiveDate');
  put(term, 'ExpirationDt', 'policy.expirationDate');
  for (let i = 0; has(`priorCoverage[${i}].policyYear`); i++) {
    for (const [column, code] of [['generalLiability', 'CGL'], ['automobile', 'AUTOB'], ['property', 'PROPC'], ['otherLine', undefined]] as const) {
      const base = `priorCoverage[${i}].${column}`;
      if (!has(`${base}.effectiveDate`)) continue;
      const prior = policy.add('OtherOrPriorPolicy');
      prior.add('PolicyCd', 'Prior');
      if (code) prior.add('LOBCd', code);
      else put(prior, 'LOBCd', `${base}.lineOfBusinessCode`);
      put(prior, 'InsurerName', `${base}.insurerFullName`);
      put(prior, 'PolicyNumber', `${base}.policyNumberIdentifier`);
      money(prior, 'PolicyAmt', `${base}.totalPremiumAmount`);
      const priorTerm = prior.add('ContractTerm');
      const effective = put(priorTerm, 'EffectiveDt', `${base}.effectiveDate`)!;
      put(priorTerm, 'ExpirationDt', `${base}.expirationDate`);
      if (!emitted.some((e) => e.path === `priorCoverage[${i}].policyYear`)) note(`priorCoverage[${i}].policyYear`, str(`${base}.effectiveDate`).slice(0, 4), effective);
    }
  }
  for (let k = 0; has(`lossHistory.losses[${k}].occurrenceDate`); k++) {
    const base = `lossHistory.losses[${k}]`;
    const loss = policy.add('Loss');
    put(loss, 'LOBCd', `${base}.lineOfBusiness`);
    put(loss, 'LossDt', `${base}.occurrenceDate`);
    put(loss, 'LossDesc', `${base}.occurrenceDescription`);
    money(loss, 'TotalPaidAmt', `${base}.paidAmount`);
    money(loss, 'ReservedAmt', `${base}.reservedAmount`);
    if (has(`${base}.open`)) {
      // The extractor turns the status words into the 125's Y/N answer.
      const status = loss.add('ClaimStatusCd', truth[`${base}.open`] ? 'open' : 'closed');
      note(`${base}.open`, truth[`${base}.open`] ? 'Y' : 'N', status);
    }
  }
  const lossCount = policy.add('NumLosses', String(Object.keys(truth).filter((p) => /^lossHistory\.losses\[\d+\]\.occurrenceDate$/.test(p)).length));
  if (lossCount.text === '0') note('lossHistory.noPriorLossesIndicator', '1', lossCount);
  put(policy, 'NumLossesYrs', 'lossHistory.informationYearCount');
  money(policy, 'TotalPaidLossAmt', 'lossHistory.totalAmount');
  questions(policy, 'generalInformation');
  const supplement = policy.add('CommlPolicySupplement');
  put(supplement, 'GeneralLiabilityCd', 'namedInsureds[0].generalLiabilityCode');
  if (spec.locations === 1) money(supplement, 'AnnualSalesAmt', 'premises[0].annualRevenueAmount');

  // Locations (the 125's premises) and, for property, their buildings.
  for (let i = 0; has(`premises[${i}].physicalAddress.lineOne`); i++) {
    const base = `premises[${i}]`;
    const location = rq.add('Location', undefined, [['id', `L${i + 1}`]]);
    note(`${base}.locationProducerIdentifier`, String(i + 1), location);
    address(location, `${base}.physicalAddress`, undefined, true);
    const inside = truth[`${base}.riskLocation.insideCityLimitsIndicator`] === true;
    const outside = truth[`${base}.riskLocation.outsideCityLimitsIndicator`] === true;
    if (inside || outside) {
      const code = location.add('RiskLocationCd', inside ? 'IN' : 'OUT');
      note(`${base}.riskLocation.${inside ? 'inside' : 'outside'}CityLimitsIndicator`, '1', code);
    }
    if (spec.property) location.add('SubLocation', undefined, [['id', `L${i + 1}S1`]]);
  }

  if (spec.generalLiability) {
    const line = rq.add('GeneralLiabilityLineBusiness');
    line.add('LOBCd', 'CGL');
    // The line element, not LOBCd, is what says a line is requested: a package's LOBCd names no line.
    note('policy.linesOfBusiness.commercialGeneralLiability.requested', '1', line);
    note('generalLiability.coverage.commercialGeneralLiabilityIndicator', '1', line);
    const claimsMadeInfo = line.add('ClaimsMadeInfo');
    const claimsMade = claimsMadeInfo.add('ClaimsMadeInd', truth['generalLiability.coverage.claimsMadeIndicator'] === true ? '1' : '0');
    note(`generalLiability.coverage.${claimsMade.text === '1' ? 'claimsMade' : 'occurrence'}Indicator`, '1', claimsMade);
    put(claimsMadeInfo, 'CurrentRetroactiveDt', 'generalLiability.claimsMade.proposedRetroactiveDate');
    const liability = line.add('LiabilityInfo');
    for (const [code, key] of [
      ['EAOCC', 'eachOccurrence'],
      ['GENAG', 'generalAggregate'],
      ['PRDCO', 'productsAndCompletedOperationsAggregate'],
      ['PIADV', 'personalAndAdvertisingInjury'],
      ['FIRDM', 'fireDamageRentedPremises'],
      ['MEDEX', 'medicalExpense'],
    ] as const) {
      if (!has(`generalLiability.limits.${key}`)) continue;
      const coverage = liability.add('CommlCoverage');
      coverage.add('CoverageCd', code);
      money(coverage, 'Limit', `generalLiability.limits.${key}`);
    }
    for (let h = 0; has(`generalLiability.hazards[${h}].classCode`); h++) {
      const base = `generalLiability.hazards[${h}]`;
      const location = Number(truth[`${base}.locationProducerIdentifier`] ?? 1);
      const c = liability.add('GeneralLiabilityClassification', undefined, [['LocationRef', `L${location}`]]);
      note(`${base}.hazardProducerIdentifier`, String(h + 1), c);
      note(`${base}.locationProducerIdentifier`, String(location), c, '@LocationRef');
      put(c, 'ClassCd', `${base}.classCode`);
      put(c, 'ClassCdDesc', `${base}.classification`);
      put(c, 'Exposure', `${base}.exposure`);
      put(c, 'PremiumBasisCd', `${base}.premiumBasisCode`);
      put(c, 'TerritoryCd', `${base}.territoryCode`);
      for (const [code, key] of [['PREM', 'premisesOperations'], ['PRDCO', 'products']] as const) {
        if (!has(`${base}.${key}Rate`)) continue;
        const coverage = c.add('CommlCoverage');
        coverage.add('CoverageCd', code);
        put(coverage, 'Rate', `${base}.${key}Rate`);
        money(coverage, 'CurrentTermAmt', `${base}.${key}PremiumAmount`);
      }
    }
    questions(line, 'generalLiability');
  }

  if (spec.property) {
    const line = rq.add('CommlPropertyLineBusiness');
    line.add('LOBCd', 'PROPC');
    note('policy.linesOfBusiness.commercialProperty.requested', '1', line);
    const info = line.add('PropertyInfo');
    for (let k = 0; has(`property.locations[${k}].locationProducerIdentifier`); k++) {
      const base = `property.locations[${k}]`;
      const refs: [string, string][] = [['LocationRef', `L${k + 1}`], ['SubLocationRef', `L${k + 1}S1`]];
      for (let j = 0; has(`${base}.subjectsOfInsurance[${j}].subjectOfInsuranceCode`); j++) {
        const s = `${base}.subjectsOfInsurance[${j}]`;
        const subject = info.add('CommlPropertyInfo', undefined, refs);
        if (j === 0) {
          note(`${base}.locationProducerIdentifier`, String(k + 1), subject, '@LocationRef');
          note(`${base}.buildingProducerIdentifier`, '1', subject, '@SubLocationRef');
        }
        put(subject, 'SubjectInsuranceCd', `${s}.subjectOfInsuranceCode`);
        put(subject, 'BlanketNumber', `${s}.blanketNumber`);
        const coverage = subject.add('CommlCoverage');
        coverage.add('CoverageCd', str(`${s}.subjectOfInsuranceCode`));
        if (has(`${s}.limitAmount`)) {
          const limit = coverage.add('Limit');
          moneyIn(limit, `${s}.limitAmount`);
          put(limit, 'ValuationCd', `${s}.valuationCode`);
        }
        money(coverage, 'Deductible', `${s}.deductibleAmount`);
        if (has(`${s}.coinsurancePercent`)) put(coverage.add('CommlCoverageSupplement'), 'CoinsurancePct', `${s}.coinsurancePercent`);
      }
      // physicalAddressLine: the Location's address as one line.
      const location = rq.children.filter((c) => c.name === 'Location')[k];
      const addr = location?.children.find((c) => c.name === 'Addr');
      if (addr) note(`${base}.physicalAddressLine`, str(`${base}.physicalAddressLine`), addr);
    }
    for (let k = 0; has(`property.locations[${k}].locationProducerIdentifier`); k++) {
      const base = `property.locations[${k}]`;
      const prem = `premises[${k}]`;
      const building = rq.add('CommlSubLocation', undefined, [['LocationRef', `L${k + 1}`], ['SubLocationRef', `L${k + 1}S1`]]);
      const construction = building.add('Construction');
      put(construction, 'ConstructionCd', `${base}.construction.constructionCode`);
      put(construction, 'YearBuilt', `${base}.construction.builtYear`);
      put(construction, 'NumStories', `${base}.construction.storeyCount`);
      if (has(`${base}.construction.buildingArea`)) {
        const area = construction.add('BldgArea');
        const units = put(area, 'NumUnits', `${base}.construction.buildingArea`)!;
        area.add('UnitMeasurementCd', 'SQFT');
        note(`${prem}.buildingArea`, units.text!, units);
      }
      if (has(`${base}.construction.roofMaterialCode`)) put(construction.add('RoofingMaterial'), 'RoofMaterialCd', `${base}.construction.roofMaterialCode`);
      const improvements = building.add('BldgImprovements');
      for (const key of ['wiring', 'roofing', 'plumbing', 'heating'] as const) {
        const year = put(improvements, `${key[0]!.toUpperCase()}${key.slice(1)}ImprovementYear`, `${base}.improvements.${key}Year`);
        if (year) note(`${base}.improvements.${key}Indicator`, '1', year);
      }
      const protection = building.add('BldgProtection');
      put(protection, 'FireProtectionClassCd', `${base}.fireProtection.protectionClassCode`);
      if (has(`${base}.fireProtection.hydrantDistanceFeetCount`)) {
        const d = protection.add('DistanceToHydrant');
        put(d, 'NumUnits', `${base}.fireProtection.hydrantDistanceFeetCount`);
        d.add('UnitMeasurementCd', 'FT');
      }
      if (has(`${base}.fireProtection.fireStationDistanceMileCount`)) {
        const d = protection.add('DistanceToFireStation');
        put(d, 'NumUnits', `${base}.fireProtection.fireStationDistanceMileCount`);
        d.add('UnitMeasurementCd', 'SMI');
      }
      put(protection, 'SprinkleredPct', `${base}.fireProtection.sprinklerPercent`);
      if (has(`${prem}.occupiedArea`)) {
        const occupied = building.add('BldgOccupancy').add('AreaOccupied');
        put(occupied, 'NumUnits', `${prem}.occupiedArea`);
        occupied.add('UnitMeasurementCd', 'SQFT');
      }
      const owner = truth[`${prem}.insuredInterest.ownerIndicator`] === true;
      const tenant = truth[`${prem}.insuredInterest.tenantIndicator`] === true;
      if (owner || tenant) {
        const interest = building.add('InterestCd', owner ? 'OWNER' : 'TENANT');
        note(`${prem}.insuredInterest.${owner ? 'owner' : 'tenant'}Indicator`, '1', interest);
      }
    }
  }

  const paths = elementPaths(rq);
  const values = emitted.map((e) => ({ path: e.path, raw: e.raw, field: paths.get(e.node) === '' ? requestName : `${paths.get(e.node)}${e.suffix}` }));
  return { xml: `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(acord, 0)}`, request: requestName, values };
}
