/**
 * Writes schemas/submission.schema.json, the JSON Schema of a packet's submission.json, from the zod
 * schemas. Run after changing a schema; tests/json-schema.test.ts fails while the file is stale.
 *
 *   npm run schema
 */
import path from 'node:path';
import { PACKET_JSON_SCHEMA_FILE, packetJsonSchemaText } from '../src/assemble/packet-files/packet-json-schema.js';
import { writeWholeFile } from '../src/runtime/write-whole-file.js';

const text = packetJsonSchemaText();
await writeWholeFile(PACKET_JSON_SCHEMA_FILE, text);
console.log(`wrote ${path.relative(process.cwd(), PACKET_JSON_SCHEMA_FILE)} (${(text.length / 1024).toFixed(0)} KB)`);
