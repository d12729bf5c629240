import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isOneAddress } from '../assemble/broker-request/producer-recipient.js';
import { AcordPrepError } from '../errors.js';
import { assemblePacket } from '../assemble/packet-files/assemble-packet.js';
import { writePacketFiles } from '../assemble/packet-files/write-packet-files.js';
import { renewalDiff } from '../validate/renewal/renewal-diff.js';
import { CHECK_OPTIONS, readCheckOptions } from './check-options.js';
import { formatCheckReport } from './format-check-report.js';
import { readPreviousPacket } from './read-previous-packet.js';
import { readSubmission, type CliOptions } from './read-submission.js';

/** Who the broker request is from when --from does not say. */
export const FROM_ENV = 'ACORD_PREP_FROM';

/** As mail programs on Unix have long done: the user at this host's name, made a domain when it is not one. */
export function defaultFrom(): string {
  const host = hostname();
  return `Underwriting <underwriting@${host.includes('.') ? host : `${host}.localdomain`}>`;
}

const USAGE = `Usage: acord-prep packet <file-or-folder...> --out <folder> [--today YYYY-MM-DD] [--appetite rules.json]
                          [--from "Name <address>"] [--previous <earlier packet>/submission.json]

Reads the files as \`extract\` does, checks them as \`check\` does, and writes the underwriter's packet to
<folder>/<insured>-<effective date>-<id>/:
  packet.pdf           cover, contents, checklist (to quote / to bind), flags with the page around each box,
                       a data summary, then every original document, with bookmarks
  submission.json      the typed submission, its flags, the check report and what became of each file
                       (JSON Schema: schemas/submission.schema.json)
  submission.xml       the submission as one ACORD XML quote request
  broker-request.eml   a draft e-mail to the producer listing what is missing (only when something is)
--from names the sender of the e-mail (default: $${FROM_ENV}, else underwriting@ this host's name).
--previous names the submission.json of the same insured's earlier packet: the packet then shows what changed
since (values and limits, premises, buildings' TIV and construction, GL classes, losses, an older signature).

Exit codes: 0 written, nothing blocks quoting · 1 unexpected failure (a bug: please report it) · 2 usage
error · 3 written, but something blocks quoting or a file, page or value was not read · 4 written, but no
file could be read (the packet holds the originals and says so) · 5 the packet cannot be written`;

export const PACKET_EXIT = { ready: 0, usage: 2, notReady: 3, nothingRead: 4, cannotWrite: 5 } as const;

/** "Name <address>" or a bare address. */
export function parseFrom(text: string): { name: string; address: string } | null {
  const m = /^\s*(?:"?([^"<]*?)"?\s*<([^<>]+)>|([^<>\s]+))\s*$/.exec(text);
  const address = m?.[2] ?? m?.[3];
  if (!m || !address || !isOneAddress(address)) return null;
  return { name: m[1]?.trim() ?? '', address };
}

/** Runs `acord-prep packet` on its arguments (after the word `packet`) and returns the exit code. */
export async function runPacket(argv: string[], options: CliOptions): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', short: 'o' }, from: { type: 'string' }, previous: { type: 'string' }, ...CHECK_OPTIONS, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return PACKET_EXIT.usage;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return PACKET_EXIT.ready;
  }
  const { out } = parsed.values;
  if (!parsed.positionals.length || !out) {
    console.error(`${out ? 'No file named.' : '--out <folder> is needed: the packet is a folder of files.'}\n\n${USAGE}`);
    return PACKET_EXIT.usage;
  }
  const fromText = parsed.values.from ?? process.env[FROM_ENV] ?? defaultFrom();
  const from = parseFrom(fromText);
  if (!from) {
    console.error(`--from ${fromText}: not an e-mail address; write it as "Name <name@example.com>"\n\n${USAGE}`);
    return PACKET_EXIT.usage;
  }
  const checkOptions = await readCheckOptions(parsed.values);
  if ('problem' in checkOptions) {
    console.error(`${checkOptions.problem}\n\n${USAGE}`);
    return PACKET_EXIT.usage;
  }
  const previous = parsed.values.previous === undefined ? null : await readPreviousPacket(parsed.values.previous);
  if (previous && 'problem' in previous) {
    console.error(`${previous.problem}\n\n${USAGE}`);
    return PACKET_EXIT.usage;
  }
  const outInfo = await stat(out).catch(() => null);
  if (outInfo && !outInfo.isDirectory()) {
    console.error(`error [cannot-write-packet]: --out ${out}: is a file; give a folder (it is created if missing)\nNo file was read: fix the output path and run again.`);
    return PACKET_EXIT.cannotWrite;
  }

  const received = new Date();
  const read = await readSubmission(parsed.positionals, options, USAGE);
  if (!read) return PACKET_EXIT.usage;
  const packet = await assemblePacket({
    submission: read.submission,
    outcome: read.outcome,
    originals: read.inputs,
    appetiteRules: checkOptions.appetiteRules,
    today: checkOptions.today,
    received,
    now: new Date(),
    from,
    ...(previous ? { renewal: renewalDiff(previous.previous, read.submission) } : {}),
  });
  const dir = path.join(out, packet.folder);
  try {
    await writePacketFiles(dir, packet.files);
  } catch (err) {
    if (!(err instanceof AcordPrepError)) throw err;
    console.error(`error [${err.code}]: ${err.message}`);
    return PACKET_EXIT.cannotWrite;
  }
  const size = (f: { bytes: Uint8Array | string }) => (typeof f.bytes === 'string' ? Buffer.byteLength(f.bytes) : f.bytes.byteLength);
  const lines = [`Packet written to ${dir}/`, ...packet.files.map((f) => `  ${f.name.padEnd(20)} ${(size(f) / 1024).toFixed(0).padStart(6)} KB`), '', formatCheckReport(packet.report)];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!read.submission.documents.length) return PACKET_EXIT.nothingRead;
  return packet.report.readyToQuote && read.outcome.status === 'complete' ? PACKET_EXIT.ready : PACKET_EXIT.notReady;
}
