import { writeAcordRequest, type XmlValue } from '../../src/assemble/export/write-acord-request.js';
import type { SyntheticSubmission } from './synthetic-insureds.js';
import type { Truth } from './truth.js';

/**
 * Writes a sample's ACORD XML request from its truth with the exporter (src/assemble/export/), so the sample
 * carries every fact the XML reader maps and the exporter is exercised on every generated sample.
 * Returns the document and, for the expected JSON, what each written element says.
 */
export function writeAcordXml(sub: SyntheticSubmission, truth: Truth): { xml: string; request: string; values: XmlValue[] } {
  const values = new Map(Object.entries(truth).map(([path, value]) => [path, { value, raw: String(value) }]));
  const rqUid = `00000000-0000-4000-8000-${sub.spec.name.replace(/[^a-z0-9]/g, '').slice(0, 12).padEnd(12, '0')}`;
  const { xml, request, values: written } = writeAcordRequest(values, { rqUid, clientApp: 'acord-prep sample generator' });
  return { xml, request, values: written };
}
