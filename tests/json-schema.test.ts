import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckReport } from '../schemas/check-report.js';
import { ExtractionOutcome } from '../schemas/extraction-outcome.js';
import { FlagCode } from '../schemas/flag.js';
import { PacketJson } from '../schemas/packet-json.js';
import { Submission } from '../schemas/submission.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { PACKET_JSON_SCHEMA_FILE, packetJsonSchemaText } from '../src/assemble/packet-files/packet-json-schema.js';

const SAMPLE = path.resolve(import.meta.dirname, '../samples/restaurant-tx');
let packet: PacketJson;

type Json = { [key: string]: unknown };
const checkedIn = () => JSON.parse(readFileSync(PACKET_JSON_SCHEMA_FILE, 'utf8')) as Json & { $defs: Record<string, Json> };

/** Every `$ref` in a JSON Schema. */
function refs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refs);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refs(v)));
}

beforeAll(async () => {
  const files = readdirSync(SAMPLE).filter((f) => f.endsWith('.pdf')).sort();
  const { submission, outcome } = await extractSubmission(files.map((f) => ({ fileName: f, bytes: new Uint8Array(readFileSync(path.join(SAMPLE, f))) })));
  const doc = submission.documents.find((d) => d.fileName === 'acord-125.pdf')!;
  // A report as the checks write it (built here by hand: the checks are another stage): one open
  // bind item, one flag a reviewer confirmed.
  const flags = [
    {
      id: 'gl-loss-runs:lossHistory',
      path: 'lossHistory',
      code: 'missing',
      severity: 'blocking',
      when: 'bind',
      rule: 'gl-loss-runs',
      message: 'Loss runs for the last five years are not attached.',
      source: { document: null, form: '125', page: null, rect: null },
    },
    {
      id: 'low-confidence:namedInsureds[0].fullName',
      path: 'namedInsureds[0].fullName',
      code: 'low-confidence',
      severity: 'warning',
      when: 'quote',
      rule: 'low-confidence',
      message: 'The insured\'s name was read with little confidence.',
      source: { document: doc.id, fileName: doc.fileName, form: '125', page: 1, rect: [22, 276, 280, 12], label: 'NAME (First Named Insured) AND MAILING ADDRESS (including ZIP+4)', field: 'NamedInsured_FullName_A' },
      value: 'Harbor Lights Seafood Grill LLC',
      resolution: { action: 'confirmed', by: 'underwriter@example.com', at: '2026-12-01T10:00:00.000Z' },
    },
  ];
  const report = CheckReport.parse({
    lines: ['package'],
    checklist: [{ id: 'gl-loss-runs', label: 'Loss runs', why: 'Needed before binding.', when: 'bind', path: 'lossHistory', status: 'missing', flags: ['gl-loss-runs:lossHistory'] }],
    flags,
    appetite: { carrier: 'example', version: '1', decision: 'in', hits: [] },
    formsNotRead: [],
    readyToQuote: true,
  });
  packet = PacketJson.parse({ submission: Submission.parse(submission), flags: report.flags, report, outcome: ExtractionOutcome.parse(outcome) });
});

describe('the JSON Schema of submission.json', () => {
  it('the checked-in schemas/submission.schema.json is what the zod schemas give now (else: npm run schema)', () => {
    expect(readFileSync(PACKET_JSON_SCHEMA_FILE, 'utf8')).toBe(packetJsonSchemaText());
  });

  it('is draft 2020-12, every $ref names a $def, and every $def is used', () => {
    const schema = checkedIn();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['submission', 'flags', 'report', 'outcome']);
    const used = new Set(refs(schema));
    for (const ref of used) expect(Object.keys(schema.$defs)).toContain(ref.replace('#/$defs/', ''));
    expect([...used].sort()).toEqual(Object.keys(schema.$defs).map((d) => `#/$defs/${d}`).sort());
  });

  it('names each kind of leaf once, with its value type and the value\'s format', () => {
    const { $defs } = checkedIn();
    expect($defs.DateField).toMatchObject({ valueType: 'date', properties: { value: { anyOf: [{ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, { type: 'null' }] } } });
    expect($defs.TaxIdField).toMatchObject({ valueType: 'taxId', required: ['value', 'raw', 'confidence', 'source'] });
    expect(($defs.Flag!.properties as Json).code).toEqual({ type: 'string', enum: FlagCode.options });
  });

  /** The checked-in schema compiled by a JSON Schema validator: what a program outside TypeScript would use. */
  const validator = () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    return ajv.compile(checkedIn());
  };

  it('a real sample\'s submission.json validates against the checked-in JSON Schema, and parses back with zod', () => {
    const text = JSON.stringify(packet, null, 2);
    const validate = validator();
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const parsed = PacketJson.parse(JSON.parse(text));
    expect(parsed.submission.namedInsureds?.[0]?.fullName?.value).toBe('Harbor Lights Seafood Grill LLC');
    expect(parsed.outcome?.files).toHaveLength(4);
    expect(parsed.flags.map((f) => f.id)).toEqual(['gl-loss-runs:lossHistory', 'low-confidence:namedInsureds[0].fullName']);
  });

  it('a submission.json with a leaf of the wrong shape, or an unknown flag code, is refused by the schema and by zod', () => {
    const validate = validator();
    const badLeaf = structuredClone(packet) as unknown as { submission: { policy: { effectiveDate: { value: string } } } };
    badLeaf.submission.policy.effectiveDate.value = '07/01/2025';
    expect(validate(badLeaf)).toBe(false);
    expect(PacketJson.safeParse(badLeaf).success).toBe(false);
    const badFlag = structuredClone(packet) as unknown as { flags: { code: string }[] };
    badFlag.flags[0]!.code = 'urgent';
    expect(validate(badFlag)).toBe(false);
    expect(PacketJson.safeParse(badFlag).success).toBe(false);
  });
});
