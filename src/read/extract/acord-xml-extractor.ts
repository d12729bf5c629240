import type { FormId, FormInstance, SubmissionData, UnplacedValue } from '../../../schemas/submission.js';
import { XmlReadError } from '../../errors.js';
import { parseSafeXml, type XmlElement, type XmlLimits } from './safe-xml.js';
import { clip } from './xml-text.js';
import { XmlCursor, isAcordElement } from './xml-cursor.js';
import { mapGeneralLiability } from './xml-map-general-liability.js';
import { mapInsureds, mapProducer } from './xml-map-parties.js';
import { mapPolicy, type RequestAction } from './xml-map-policy.js';
import { mapPremises } from './xml-map-premises.js';
import { mapProperty } from './xml-map-property.js';
import { XmlMappingContext } from './xml-mapping-context.js';
import { listUnread } from './xml-unread.js';

/** A P&C policy request: `<Line>Policy<Action>Rq`, or the generic PolicyRq, which names neither. */
const POLICY_REQUEST = /^(\w*?)Policy(QuoteInq|Add|Mod)?Rq$/;

/** Requests whose line we read, by the line in their name. */
const READ_KINDS = new Set(['GeneralLiability', 'CommlPkg', 'CommlProperty', 'BOP']);

/** Line elements we read; a request that holds one is read whatever its name (PolicyRq with BOPLineBusiness). */
const READ_LINES = new Set(['GeneralLiabilityLineBusiness', 'CommlPropertyLineBusiness', 'BOPLineBusiness']);

/** What a line element is, for the warning that says it was not read. */
const LINE_NAMES: Record<string, string> = {
  WorkCompLineBusiness: "workers' compensation",
  CommlAutoLineBusiness: 'commercial auto',
  CommlUmbrellaLineBusiness: 'commercial umbrella',
  CrimeLineBusiness: 'crime',
  CommlInlandMarineLineBusiness: 'inland marine',
  BoilerMachineryLineBusiness: 'boiler and machinery',
  GarageLineBusiness: 'garage',
  TruckersLineBusiness: 'truckers',
  ProfessionalLiabilityLineBusiness: 'professional liability',
  CyberLiabilityLineBusiness: 'cyber',
};

const COMMON_PARTS = 'insured, producer, locations and policy dates read';

/**
 * ACORD XML has no form editions; the data is laid onto the editions our templates are derived
 * from, so the assembled packet uses those.
 */
const EDITION: Record<FormId, string> = { '125': '2016/03', '126': '2016/09', '140': '2016/03' };

const SOAP_ENVELOPE = /^http:\/\/(schemas\.xmlsoap\.org\/soap\/envelope\/|www\.w3\.org\/2003\/05\/soap-envelope)$/;

/** The ACORD element: the root, or the one inside a SOAP Envelope/Body. */
function findAcord(root: XmlElement): XmlElement | undefined {
  const isAcord = (el: XmlElement) => el.name === 'ACORD' && isAcordElement(el);
  if (isAcord(root)) return root;
  if (root.name !== 'Envelope' || !SOAP_ENVELOPE.test(root.ns ?? '')) return undefined;
  const body = root.children.find((c) => c.name === 'Body' && c.ns === root.ns);
  return body?.children.find(isAcord);
}

type Lines = { read: XmlCursor[]; skipped: XmlCursor[] };

/** The line elements of a request, split into those we read and those we do not. */
function linesOf(request: XmlCursor): Lines {
  const names = new Set(request.el.children.filter((c) => isAcordElement(c) && c.name.endsWith('LineBusiness')).map((c) => c.name));
  const lines = [...names].map((name) => request.one(name)!);
  return { read: lines.filter((l) => READ_LINES.has(l.name)), skipped: lines.filter((l) => !READ_LINES.has(l.name)) };
}

const kindOf = (name: string) => POLICY_REQUEST.exec(name)?.[1] ?? '';

const isReadRequest = (el: XmlElement) => READ_KINDS.has(kindOf(el.name)) || el.children.some((c) => READ_LINES.has(c.name) && isAcordElement(c));

/**
 * The request to read: the one whose line we read; else the one P&C policy request of another line,
 * of which the insured, producer, locations and policy are read. Several candidates are refused, as
 * one file is one submission.
 */
function chooseRequest(found: XmlElement[], acord: XmlElement, fileName: string): XmlElement {
  const policyRequests = found.filter((r) => POLICY_REQUEST.test(r.name));
  const read = policyRequests.filter(isReadRequest);
  const candidates = read.length ? read : policyRequests;
  if (candidates.length === 1) return candidates[0]!;
  const names = [...new Set(found.map((r) => clip(r.name)))].slice(0, 10);
  const seen = names.length ? `it holds ${names.join(', ')}` : `it holds no request (${acordChildren(acord)})`;
  const why = candidates.length > 1 ? 'several policy requests in one file; send one request per file' : 'no P&C policy request';
  throw new XmlReadError(
    fileName,
    'unsupported-request',
    `${why}: ${seen}. Read are policy requests (…PolicyQuoteInqRq, …PolicyAddRq, …PolicyModRq, PolicyRq): GeneralLiability, CommlProperty, CommlPkg and BOP in full, other lines' insured, producer, locations and policy`,
  );
}

/** Which forms the lines fill: the 125 always; the 126 for liability (GL, a BOP's LiabilityInfo), the 140 for property. */
function formsOf(request: XmlCursor, lines: Lines): { gl: XmlCursor[]; property: XmlCursor[]; forms: FormId[] } {
  const isBop = (l: XmlCursor) => l.name === 'BOPLineBusiness';
  const gl = lines.read.filter((l) => l.name === 'GeneralLiabilityLineBusiness' || (isBop(l) && l.one('LiabilityInfo')));
  const property = lines.read.filter((l) => l.name === 'CommlPropertyLineBusiness' || (isBop(l) && l.one('PropertyInfo')));
  // A GL or property request says its line by its name, even with the line element left out.
  const kind = kindOf(request.name);
  const forms: FormId[] = ['125'];
  if (gl.length || kind === 'GeneralLiability') forms.push('126');
  if (property.length || kind === 'CommlProperty') forms.push('140');
  return { gl, property, forms };
}

/**
 * Reads an ACORD P&C XML policy request into submission data with `acord-xml` provenance, each value
 * naming the element path (relative to the request) it was read from: general liability, commercial
 * property, package and BOP requests in full; of any other line's request the insured, producer,
 * locations and policy, with a warning naming the line not read. Every element with text that no
 * mapping read is listed in a warning, so nothing is dropped silently. Hostile or foreign input is
 * refused with an XmlReadError (see parseSafeXml).
 */
export async function extractAcordXml(
  bytes: Uint8Array,
  doc: { id: string; fileName: string; limits?: XmlLimits },
): Promise<{ data: SubmissionData; forms: FormInstance[]; unplaced: UnplacedValue[]; warnings: string[] }> {
  const root = parseSafeXml(bytes, doc.fileName, doc.limits);
  const acord = findAcord(root);
  if (!acord) {
    throw new XmlReadError(
      doc.fileName,
      'not-acord',
      `is XML but not ACORD: its root element is <${clip(root.name)}>${root.ns ? ` in namespace ${clip(root.ns)}` : ''}, not <ACORD>`,
    );
  }
  const found = new XmlCursor(acord, '').all('InsuranceSvcRq').flatMap((svc) => requestsIn(svc.el));
  const chosen = chooseRequest(found, acord, doc.fileName);
  const request = new XmlCursor(chosen, '');
  const lines = linesOf(request);
  const { gl, property, forms } = formsOf(request, lines);

  const ctx = new XmlMappingContext(request, doc.id);
  mapProducer(ctx);
  mapInsureds(ctx);
  mapPolicy(ctx, POLICY_REQUEST.exec(request.name)![2] as RequestAction | undefined);
  mapPremises(ctx);
  gl.forEach((line) => mapGeneralLiability(ctx, line));
  property.forEach((line) => mapProperty(ctx, line));

  const unread = listUnread(chosen, `InsuranceSvcRq/${request.name}`, request.reads);
  const warnings = [...skippedLines(request, lines), ...otherRequests(found, chosen), ...(unread.warning ? [unread.warning] : [])];
  return {
    data: ctx.builder.build(),
    forms: forms.map((form) => ({ form, edition: EDITION[form], pages: [], identifiedBy: 'xml-root' })),
    unplaced: unread.values.map(({ path, raw }) => ({ document: doc.id, page: null, rect: null, field: path, raw, reason: 'no place in the model for this element' })),
    warnings: warnings.map((w) => `${doc.fileName}: ${w}`),
  };
}

/** One warning per line element not read (the first ten: the not-read list names them all). */
function skippedLines(request: XmlCursor, lines: Lines): string[] {
  const name = clip(request.name);
  const skipped = lines.skipped.slice(0, 10).map((l) => `${name}: ${LINE_NAMES[l.name] ?? 'its'} line (${clip(l.name)}) not read; ${COMMON_PARTS}`);
  if (!lines.read.length && !skipped.length && !READ_KINDS.has(kindOf(request.name))) {
    skipped.push(`${name}: its line of business is not read; ${COMMON_PARTS}`);
  }
  return skipped;
}

function otherRequests(found: XmlElement[], chosen: XmlElement): string[] {
  const others = found.filter((r) => r !== chosen);
  if (!others.length) return [];
  const names = [...new Set(others.map((r) => clip(r.name)))];
  const listed = names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
  return [`${listed} beside ${clip(chosen.name)} not read: a file is read as one request`];
}

/** The requests of an InsuranceSvcRq: its children named …Rq (RqUID and the like are not). */
function requestsIn(svc: XmlElement): XmlElement[] {
  return svc.children.filter((c) => isAcordElement(c) && c.name.endsWith('Rq'));
}

function acordChildren(acord: XmlElement): string {
  const names = [...new Set(acord.children.filter(isAcordElement).map((c) => `<${clip(c.name)}>`))].slice(0, 10);
  return names.length ? `ACORD contains ${names.join(', ')}` : 'ACORD is empty';
}
