import { ExportValues, type ModelValue } from './export-values.js';
import { writeGeneralLiability } from './export-general-liability.js';
import { writeContacts, writeNamedInsureds, writeProducer } from './export-parties.js';
import { POLICY_LOB, writePolicy, writeRequestHeader, writeSupplement } from './export-policy.js';
import { premisesRows, writePremises } from './export-premises.js';
import { propertyLocations, writeProperty } from './export-property.js';
import { Sites } from './export-sites.js';
import { skipReason } from './skip-reasons.js';
import { XmlNode, elementPaths, pruneEmpty, serializeXml } from './xml-node.js';

const REQUEST = {
  gl: 'GeneralLiabilityPolicyQuoteInqRq',
  package: 'CommlPkgPolicyQuoteInqRq',
  property: 'CommlPropertyPolicyQuoteInqRq',
} as const;
type RequestKind = keyof typeof REQUEST;

/** What the XML says for one model path, and which element says it (as the XML reader names sources). */
export interface XmlValue {
  path: string;
  raw: string;
  /** The element path below the request (`Location[1]/Addr/City`), or the request's name for the request itself. */
  field: string;
}

export interface WrittenRequest {
  xml: string;
  request: string;
  values: XmlValue[];
  skipped: { path: string; why: string }[];
}

/** Who sends the request: the SignonRq's application and the request's id. */
export interface RequestSender {
  rqUid: string;
  clientApp: string;
}

const has = (v: ExportValues, prefix: string) => v.below(prefix).length > 0;

/**
 * The request a submission's data makes: a package when it has both general liability and property
 * (or neither: the 125 alone), else the one line's request.
 */
function requestKind(v: ExportValues): RequestKind {
  const gl = has(v, 'generalLiability') || v.isTrue('policy.linesOfBusiness.commercialGeneralLiability.requested');
  const property = has(v, 'property') || v.isTrue('policy.linesOfBusiness.commercialProperty.requested');
  return gl === property ? 'package' : gl ? 'gl' : 'property';
}

/**
 * Writes model values as one ACORD P&C XML quote request (ACORD / InsuranceSvcRq / …PolicyQuoteInqRq)
 * in the elements the XML reader (src/read/extract/xml-map-*.ts) maps, so reading it back gives the same
 * values at the same paths. Returns the document, what each written element says, and every value
 * not written with why.
 */
export function writeAcordRequest(values: ReadonlyMap<string, ModelValue>, sender: RequestSender): WrittenRequest {
  const v = new ExportValues(values);
  const kind = requestKind(v);
  const requestName = REQUEST[kind];

  const acord = new XmlNode('ACORD', undefined);
  const signon = acord.add('SignonRq');
  signon.add('SignonTransport').add('SignonRoleCd', 'Customer');
  signon.add('CustLangPref', 'EN-US');
  const app = signon.add('ClientApp');
  app.add('Org', 'acord-prep');
  app.add('Name', sender.clientApp);
  app.add('Version', '1.0');
  const svc = acord.add('InsuranceSvcRq');
  svc.add('RqUID', sender.rqUid);
  const rq = svc.add(requestName);
  rq.add('RqUID', sender.rqUid);
  writeRequestHeader(v, rq);

  // Locations are numbered by their place: the premises' first, then those only the 140 names.
  const sites = new Sites();
  for (const { k, location } of premisesRows(v)) sites.location(location ?? `#${k}`);
  const property = propertyLocations(v);
  for (const { location } of property) if (location !== undefined) sites.location(location);

  writeProducer(v, rq);
  writeNamedInsureds(v, rq, (business) => {
    v.put(business, 'OperationsDesc', 'businessInformation.operationsDescription');
    v.put(business, 'NumEmployees', 'businessInformation.employeeCount');
    v.put(business, 'NumOwners', 'businessInformation.ownerCount');
  });
  const policy = writePolicy(v, rq, POLICY_LOB[kind]);
  writeContacts(v, policy);
  writeSupplement(v, policy);

  // A lone premises row shares its building-facts element with the 140's one building at that location.
  const buildingOf = (location: string) => {
    const buildings = property.filter((p) => p.location === location && p.building !== undefined);
    return buildings.length === 1 ? buildings[0]!.building : undefined;
  };
  writePremises(v, sites, buildingOf);

  const lines: XmlNode[] = [];
  if (kind !== 'property') {
    const line = new XmlNode('GeneralLiabilityLineBusiness', undefined);
    writeGeneralLiability(v, line, sites);
    lines.push(line);
  }
  if (kind !== 'gl') {
    const line = new XmlNode('CommlPropertyLineBusiness', undefined);
    line.add('LOBCd', 'PROPC');
    v.note('policy.linesOfBusiness.commercialProperty.requested', '1', line);
    writeProperty(v, line, sites);
    lines.push(line);
  }
  if (v.isTrue('policy.linesOfBusiness.businessOwners.requested')) {
    const line = new XmlNode('BOPLineBusiness', undefined);
    line.add('LOBCd', 'BOP');
    v.note('policy.linesOfBusiness.businessOwners.requested', '1', line);
    lines.push(line);
  }
  rq.children.push(...sites.locations(), ...lines, ...sites.buildingFactsElements());

  for (const path of v.paths()) if (!v.isWritten(path)) v.skip(path, skipReason(path));
  pruneEmpty(acord);
  const paths = elementPaths(rq);
  return {
    xml: serializeXml(acord),
    request: requestName,
    values: v.emitted.map((e) => ({ path: e.path, raw: e.raw, field: paths.get(e.node) === '' ? requestName : `${paths.get(e.node)}${e.suffix}` })),
    skipped: [...v.skipped].map(([path, why]) => ({ path, why })),
  };
}
