import type { FormId, FormInstance, SubmissionData } from '../../schemas/submission.js';
import { XmlReadError } from '../errors.js';
import { parseSafeXml, type XmlElement } from './safe-xml.js';
import { clip } from './xml-text.js';
import { XmlCursor, isAcordElement } from './xml-cursor.js';
import { mapGeneralLiability } from './xml-map-general-liability.js';
import { mapInsureds, mapProducer } from './xml-map-parties.js';
import { mapPolicy, type RequestAction } from './xml-map-policy.js';
import { mapPremises } from './xml-map-premises.js';
import { mapProperty } from './xml-map-property.js';
import { XmlMappingContext } from './xml-mapping-context.js';

const SUPPORTED_REQUEST = /^(GeneralLiability|CommlPkg|CommlProperty)Policy(QuoteInq|Add|Mod)Rq$/;

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

/**
 * Which forms a request fills: the 125 always (applicant, policy, premises); the 126 when it carries
 * general liability, the 140 when it carries property. A package says which by its line elements.
 */
function formsOf(kind: string, request: XmlCursor): FormId[] {
  const gl = kind === 'GeneralLiability' || (kind === 'CommlPkg' && !!request.one('GeneralLiabilityLineBusiness'));
  const property = kind === 'CommlProperty' || (kind === 'CommlPkg' && !!request.one('CommlPropertyLineBusiness'));
  return ['125', ...(gl ? ['126' as const] : []), ...(property ? ['140' as const] : [])];
}

/**
 * Reads an ACORD P&C XML policy request (general liability, commercial property or package; quote
 * inquiry, add or modify) into submission data with `acord-xml` provenance, each value naming the
 * element path (relative to the request) it was read from. Hostile or foreign input is refused with
 * an XmlReadError (see parseSafeXml); a document with several supported requests is refused too, as
 * one file is one submission.
 */
export async function extractAcordXml(
  bytes: Uint8Array,
  doc: { id: string; fileName: string },
): Promise<{ data: SubmissionData; forms: FormInstance[] }> {
  const root = parseSafeXml(bytes, doc.fileName);
  const acord = findAcord(root);
  if (!acord) {
    throw new XmlReadError(
      doc.fileName,
      'not-acord',
      `is XML but not ACORD: its root element is <${clip(root.name)}>${root.ns ? ` in namespace ${clip(root.ns)}` : ''}, not <ACORD>`,
    );
  }
  const found = new XmlCursor(acord, '').all('InsuranceSvcRq').flatMap((svc) => requestsIn(svc.el));
  const supported = found.filter((r) => SUPPORTED_REQUEST.test(r.name));
  if (supported.length !== 1) {
    const names = [...new Set(found.map((r) => clip(r.name)))].slice(0, 10);
    const seen = names.length ? `it holds ${names.join(', ')}` : `it holds no request (${acordChildren(acord)})`;
    const why = supported.length > 1 ? 'several policy requests in one file; send one request per file' : 'no supported request';
    throw new XmlReadError(
      doc.fileName,
      'unsupported-request',
      `${why}: ${seen}. Read are GeneralLiability, CommlPkg and CommlProperty PolicyQuoteInqRq / PolicyAddRq / PolicyModRq`,
    );
  }

  const request = new XmlCursor(supported[0]!, '');
  const [, kind, action] = SUPPORTED_REQUEST.exec(request.name)!;
  const forms = formsOf(kind!, request);
  const ctx = new XmlMappingContext(request, doc.id);
  mapProducer(ctx);
  mapInsureds(ctx);
  mapPolicy(ctx, action as RequestAction);
  mapPremises(ctx);
  if (forms.includes('126')) mapGeneralLiability(ctx);
  if (forms.includes('140')) mapProperty(ctx);

  return {
    data: ctx.builder.build(),
    forms: forms.map((form) => ({ form, edition: EDITION[form], pages: [], identifiedBy: 'xml-root' })),
  };
}

/** The requests of an InsuranceSvcRq: its children named …Rq (RqUID and the like are not). */
function requestsIn(svc: XmlElement): XmlElement[] {
  return svc.children.filter((c) => isAcordElement(c) && c.name.endsWith('Rq'));
}

function acordChildren(acord: XmlElement): string {
  const names = [...new Set(acord.children.filter(isAcordElement).map((c) => `<${clip(c.name)}>`))].slice(0, 10);
  return names.length ? `ACORD contains ${names.join(', ')}` : 'ACORD is empty';
}
