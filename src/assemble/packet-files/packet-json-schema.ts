import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CheckReport } from '../../../schemas/check-report.js';
import { ExtractionOutcome } from '../../../schemas/extraction-outcome.js';
import { Rect, Source } from '../../../schemas/field.js';
import { Address, F, Question } from '../../../schemas/fields.js';
import { Flag } from '../../../schemas/flag.js';
import { PacketJson } from '../../../schemas/packet-json.js';
import { DocumentRef, Submission } from '../../../schemas/submission.js';

/** Where the schema is checked in: written by `npm run schema`, compared by tests/json-schema.test.ts. */
export const PACKET_JSON_SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schemas/submission.schema.json');

type Meta = Record<string, unknown>;

/**
 * The schema's own metadata (descriptions, value types) with a `$defs` name added for the schemas
 * used in many places, so the JSON Schema names them once (`#/$defs/TextField`) instead of repeating
 * them — every leaf inline would make it megabytes — and the names stay stable as the model grows.
 */
class NamedDefs extends z.core.$ZodRegistry<Meta> {
  constructor(private readonly names: Map<z.ZodType, string>) {
    super();
  }
  override get<S extends z.core.$ZodType>(schema: S) {
    const name = this.names.get(schema as unknown as z.ZodType);
    const meta = z.globalRegistry.get(schema);
    return (name ? { ...meta, id: name } : meta) as ReturnType<z.core.$ZodRegistry<Meta>['get']>;
  }
}

const capitalized = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function defNames(): Map<z.ZodType, string> {
  // A leaf is `field(...).optional()`: the field object inside is what every path shares.
  const leaves = Object.entries(F).map(([type, leaf]) => [leaf.unwrap(), `${capitalized(type)}Field`] as const);
  const parts = Object.entries({ Submission, DocumentRef, Address, Question, Source, Rect, Flag, CheckReport, ExtractionOutcome });
  return new Map<z.ZodType, string>([...leaves, ...parts.map(([name, schema]) => [schema, name] as const)]);
}

/**
 * The JSON Schema (draft 2020-12) of a packet's submission.json, as the text checked in at
 * schemas/submission.schema.json. It describes the parsed JSON (`io: 'output'`); a zod type with no
 * JSON Schema equivalent throws (`unrepresentable: 'throw'`) rather than becoming "anything", so the
 * schema never silently stops checking a value.
 */
export function packetJsonSchemaText(): string {
  const schema = z.toJSONSchema(PacketJson, { target: 'draft-2020-12', io: 'output', unrepresentable: 'throw', reused: 'inline', metadata: new NamedDefs(defNames()) });
  return JSON.stringify(schema, null, 2) + '\n';
}
