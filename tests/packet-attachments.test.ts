import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../src/assemble/packet/field-text.js';
import { runCliCaptured } from './support/run-cli-captured.js';
import { PACKET_EXIT } from '../src/cli/packet-command.js';
import type { ClearanceMatch, ClearanceResult } from '../schemas/clearance.js';
import type { LossRun, LossRunClaim } from '../schemas/loss-run.js';
import { PacketJson } from '../schemas/packet-json.js';
import type { Submission } from '../schemas/submission.js';
import { requestItems } from '../src/assemble/broker-request/request-items.js';
import { checkSubmission } from '../src/validate/check/check-submission.js';
import { evaluateAppetite } from '../src/validate/appetite/evaluate-appetite.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { assemblePacket, type PacketRequest } from '../src/assemble/packet-files/assemble-packet.js';
import { openPdf, type PDFDocumentProxy } from '../src/read/pdf/open-pdf.js';
import { renewalDiff } from '../src/validate/renewal/renewal-diff.js';
import { readSov } from '../src/read/sov/read-sov.js';

const SAMPLE = path.resolve(import.meta.dirname, '../samples/manufacturing-oh/submission.xml');
const TODAY = new Date('2026-01-01T00:00:00Z');
const CSV = [
  'Loc,Bldg,Address,City,State,Zip,Construction,Year Built,Stories,Sq Ft,Building,Contents,M&E,Business Income',
  '1,1,9255 Industrial Boulevard,Columbus,OH,43201,Masonry Non-Combustible,2011,2,34100,4810000,615000,560000,210000',
  '2,1,6732 Industrial Blvd.,Columbus,OH,43215,Non-Combustible,1985,2,42900,,175000,520000,230000',
  '3,1,3562 Oak Avenue,Columbus,OH,43229,Joisted Masonry,1972,1,16600,2630000,250000,130000,320000',
  '4,1,7889 Lincoln Ave,Westerville,OH,43081,Joisted Masonry,1987,2,26400,4040000,410000,775000,530000',
  '5,1,40 Harbor Way,Columbus,OH,43201,Frame,2001,1,5000,300000,50000,0,0',
].join('\n');

let xmlBytes: Uint8Array;
let base: Submission;
let effective: string;

beforeAll(async () => {
  xmlBytes = new Uint8Array(await readFile(SAMPLE));
  ({ submission: base } = await extractSubmission([{ fileName: 'submission.xml', bytes: xmlBytes }]));
  effective = String(base.policy!.effectiveDate!.value);
});

const shift = (iso: string, years: number, days = 0) => new Date(Date.UTC(Number(iso.slice(0, 4)) + years, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)) + days)).toISOString().slice(0, 10);
const claim = (period: { from: string; to: string }, lossDate: string, paid: number, reserve: number, status: LossRunClaim['status'], claimNumber: string): LossRunClaim => ({
  policyNumber: 'CPP-100',
  policyPeriod: period,
  claimNumber,
  lossDate,
  status,
  paid,
  reserve,
  incurred: paid + reserve,
  description: `Claim ${claimNumber}`,
  source: { file: 'loss-runs.pdf', page: 1, y: 600 },
});
/** A run of the policy years `fromYear`..`toYear` before the effective date (5..1), valued `ageDays` before it. */
function lossRun(fromYear: number, toYear: number, ageDays: number, claims: (periods: { from: string; to: string }[]) => LossRunClaim[] = () => []): LossRun {
  const periods = Array.from({ length: fromYear - toYear + 1 }, (_, k) => ({ from: shift(effective, -(fromYear - k)), to: shift(effective, -(fromYear - k) + 1) }));
  return { file: 'loss-runs.pdf', carrier: 'Buckeye Casualty', valuationDate: shift(effective, 0, -ageDays), periods: periods.map((p) => ({ policyNumber: 'CPP-100', ...p })), claims: claims(periods) };
}
const match = (over: Partial<ClearanceMatch> = {}): ClearanceMatch => ({
  submissionId: 'sub-earlier-1',
  outcome: 'blocked',
  reasons: ['tax-id', 'address'],
  nameSimilarity: 0.92,
  insuredName: 'Midwest Precision Mfg',
  brokerName: 'Lakeshore Brokerage',
  otherBroker: true,
  receivedAt: '2025-12-10T14:30:00.000Z',
  state: 'ready-for-underwriter',
  completeAt: '2025-12-11T09:00:00.000Z',
  explanation: 'Same tax id and premises as a submission from Lakeshore Brokerage received 12/10/2025.',
  ...over,
});
const clearance = (outcome: ClearanceResult['outcome'], over: Partial<ClearanceResult> = {}): ClearanceResult => ({
  outcome,
  checkedAt: '2025-12-20T10:00:00.000Z',
  windowDays: 90,
  matches: outcome === 'clear' ? [] : [match({ outcome })],
  ...over,
});
const check = (s: Submission, c: ClearanceResult | null = null) => checkSubmission(s, null, { today: TODAY, clearance: c });
const clearanceFlag = (s: Submission, c: ClearanceResult) => check(s, c).flags.find((f) => f.id === 'clearance:namedInsureds[0].fullName');

describe('the clearance flag', () => {
  it('takes its severity from the outcome: blocked blocks, probable warns, possible notes, clear raises none', () => {
    expect(clearanceFlag(base, clearance('blocked'))).toMatchObject({ rule: 'clearance', path: 'namedInsureds[0].fullName', severity: 'blocking', when: 'quote' });
    expect(clearanceFlag(base, clearance('probable'))?.severity).toBe('warning');
    expect(clearanceFlag(base, clearance('possible'))?.severity).toBe('info');
    expect(clearanceFlag(base, clearance('clear'))).toBeUndefined();
    expect(check(base, clearance('blocked')).readyToQuote).toBe(false);
    const message = clearanceFlag(base, clearance('blocked'))!.message;
    for (const part of ['Midwest Precision Mfg', 'Lakeshore Brokerage', 'received 2025-12-10 14:30 UTC', 'that submission was complete first (2025-12-11 09:00 UTC)']) expect(message).toContain(part);
    // The sample has nothing blocking its quote: without the earlier one's completion, this one is complete first.
    expect(clearanceFlag(base, clearance('probable', { matches: [match({ outcome: 'probable', completeAt: null })] }))!.message).toContain('this submission is complete first');
  });

  it('an override to clear waives the flag with its reason and audit event; an override to blocked blocks with its reason', () => {
    const override = { outcome: 'clear' as const, reason: 'Broker of record letter received from our broker', by: 'j.doe', at: '2025-12-21T08:00:00.000Z', auditEvent: 41 };
    const waived = clearanceFlag(base, clearance('blocked', { override }))!;
    expect(waived.severity).toBe('blocking');
    expect(waived.resolution).toEqual({ action: 'waived', by: 'j.doe', at: override.at, note: override.reason, auditEvent: 41 });
    expect(check(base, clearance('blocked', { override })).flags.filter((f) => f.rule === 'clearance' && !f.resolution)).toEqual([]);
    const blocked = clearanceFlag(base, clearance('possible', { override: { ...override, outcome: 'blocked', reason: 'The insured confirmed the other broker holds the account' } }))!;
    expect(blocked).toMatchObject({ severity: 'blocking' });
    expect(blocked.resolution).toBeUndefined();
    expect(blocked.message).toContain('The insured confirmed the other broker holds the account');
  });
});

describe('loss runs against the checklist', () => {
  const lossRunFlags = (runs: LossRun[] | undefined) => check({ ...base, ...(runs ? { lossRuns: runs } : {}) }).flags.filter((f) => f.rule === 'loss-runs');

  it('without loss runs the item is missing, a warning needed to bind (the review desk is not held for it); five years valued 30 days before the effective date meet it', () => {
    expect(lossRunFlags(undefined).map((f) => [f.id, f.code, f.severity, f.when])).toEqual([['loss-runs:lossRuns', 'missing', 'warning', 'bind']]);
    expect(check(base).readyToQuote).toBe(true);
    expect(lossRunFlags([lossRun(5, 1, 30)])).toEqual([]);
    const report = check({ ...base, lossRuns: [lossRun(5, 1, 30)] });
    expect(report.checklist.find((i) => i.id === 'loss-runs')).toMatchObject({ status: 'met', label: '5 years of currently valued loss runs' });
  });

  it('names the policy years the runs miss and a valuation older than 90 days; both go to the broker request', () => {
    // Two runs: years 5-4 from one carrier, year 2 from another, the latter valued 120 days before.
    const flags = lossRunFlags([lossRun(5, 4, 30), { ...lossRun(2, 2, 120), file: 'new-carrier.pdf' }]);
    const years = flags.find((f) => f.path === 'lossRuns')!;
    expect(years.message).toBe(
      `The loss runs do not cover 2 of the 5 policy years before the effective date ${effective}: ${shift(effective, -3)} to ${shift(effective, -2)}, ${shift(effective, -1)} to ${effective}; ask for loss runs of those years.`,
    );
    const stale = flags.find((f) => f.path === 'lossRuns[1].valuationDate')!;
    expect(stale).toMatchObject({ code: 'invalid', value: shift(effective, 0, -120) });
    expect(stale.message).toContain('120 days before the effective date');
    const report = check({ ...base, lossRuns: [lossRun(5, 4, 30), { ...lossRun(2, 2, 120), file: 'new-carrier.pdf' }] });
    expect(requestItems(report).bind.filter((i) => i.flag.rule === 'loss-runs').map((i) => i.flag.path)).toEqual(['lossRuns', 'lossRuns[1].valuationDate']);
    expect(report.checklist.find((i) => i.id === 'loss-runs')?.status).toBe('missing');
  });
});

describe('appetite on the schedule of values and the loss runs', () => {
  it('the SOV building on no 140 counts toward the TIV rules; loss-run claims toward the loss rules', async () => {
    const s: Submission = { ...base, schedulesOfValues: await readSov(new TextEncoder().encode(CSV.replace('40 Harbor Way,Columbus,OH,43201,Frame,2001,1,5000,300000', '40 Harbor Way,Columbus,OH,43201,Frame,2001,1,5000,7300000')), 'sov.csv'), lossRuns: [lossRun(5, 1, 30, (p) => [claim(p[3]!, p[3]!.from.replace(/-\d\d$/, '-20'), 80_000, 0, 'closed', 'A-1')])] };
    const rules = {
      carrier: 'Test Mutual',
      version: '1',
      effective: { from: '2020-01-01' },
      lines: ['general-liability', 'property', 'package'] as ('general-liability' | 'property' | 'package')[],
      rules: [
        { id: 'B', kind: 'max-tiv-per-building' as const, amount: 7_000_000, decision: 'refer' as const },
        { id: 'L', kind: 'max-single-loss' as const, amount: 50_000, decision: 'refer' as const },
      ],
    };
    const verdict = evaluateAppetite(s, rules, TODAY);
    expect(verdict.hits.map((h) => [h.rule, h.path, h.value])).toEqual([
      ['B', 'schedulesOfValues[0].buildings[4]', '7350000'],
      ['L', 'lossRuns[0].claims[0].incurred', '80000'],
    ]);
  });
});

async function pageTexts(doc: PDFDocumentProxy): Promise<string[]> {
  const texts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) texts.push((await (await doc.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' '));
  return texts;
}

describe('the packet with clearance, renewal, schedule of values and loss runs', () => {
  let texts: string[];
  let json: PacketJson;
  let outline: string[];
  let pdf: Uint8Array;
  /** The previous submission's effective date: last year's term. */
  let lastTerm: string;

  beforeAll(async () => {
    const csv = new TextEncoder().encode(CSV);
    const runs = [
      lossRun(5, 1, 45, (p) => [
        claim(p[1]!, shift(p[1]!.from, 0, 40), 12_500, 0, 'closed', 'BC-1001'),
        claim(p[3]!, shift(p[3]!.from, 0, 100), 30_000, 15_000, 'open', 'BC-1002'),
        claim(p[3]!, shift(p[3]!.from, 0, 200), 4_000, 0, 'closed', 'BC-1003'),
      ]),
    ];
    const current: Submission = { ...base, schedulesOfValues: await readSov(csv, 'sov.csv'), lossRuns: runs };
    const previous = structuredClone(base);
    previous.generalLiability!.limits!.eachOccurrence!.value = '500000.00';
    previous.property!.locations![0]!.subjectsOfInsurance![0]!.limitAmount!.value = '4000000.00';
    previous.property!.locations![1]!.construction!.builtYear!.value = 1975;
    previous.generalLiability!.hazards![0]!.exposure!.value = 4_000_000;
    previous.generalLiability!.hazards!.pop();
    previous.premises!.pop();
    previous.namedInsureds![0]!.signatureDate!.value = '2026-01-10';
    // Last year's term.
    const effective = previous.policy!.effectiveDate!;
    effective.value = lastTerm = `${Number(String(effective.value).slice(0, 4)) - 1}${String(effective.value).slice(4)}`;
    const request: PacketRequest = {
      submission: current,
      outcome: null,
      originals: [
        { fileName: 'submission.xml', bytes: xmlBytes },
        { fileName: 'sov.csv', bytes: csv },
      ],
      appetiteRules: null,
      today: TODAY,
      received: new Date('2025-12-20T09:00:00Z'),
      now: new Date('2025-12-20T09:05:00Z'),
      from: { name: 'Underwriting', address: 'uw@example.com' },
      clearance: clearance('probable', {
        matches: [match({ outcome: 'probable' }), match({ submissionId: 'sub-earlier-2', outcome: 'possible', reasons: ['name'], brokerName: 'Second Street Insurance', completeAt: null })],
        override: { outcome: 'possible', reason: 'Different business at the same address', by: 'j.doe', at: '2025-12-21T08:00:00.000Z' },
      }),
      renewal: renewalDiff({ id: 'sub-2024-17', receivedAt: '2024-12-01T12:00:00.000Z', submission: previous }, current),
    };
    const packet = await assemblePacket(request);
    pdf = packet.files.find((f) => f.name === 'packet.pdf')!.bytes as Uint8Array;
    json = PacketJson.parse(JSON.parse(packet.files.find((f) => f.name === 'submission.json')!.bytes as string));
    const doc = await openPdf(pdf, 'packet.pdf');
    texts = await pageTexts(doc);
    outline = (await doc.getOutline()).map((o) => o.title);
    await doc.destroy();
  });

  it('submission.json carries the clearance and the renewal diff as given', () => {
    expect(json.clearance?.override?.reason).toBe('Different business at the same address');
    expect(json.renewal?.previousSubmissionId).toBe('sub-2024-17');
    expect(json.flags.find((f) => f.rule === 'clearance')?.resolution?.action).toBe('waived');
  });

  it('lists each new section in the contents and the outline, in packet order', () => {
    const sections = ['Clearance', 'Changes since the last submission', 'Schedule of values', 'Loss runs'];
    expect(outline).toEqual(['Cover', 'Contents', 'Checklist', 'Flags', ...sections, 'Data summary', 'Original documents']);
    for (const s of sections) expect(texts[1]).toContain(s);
  });

  it('the cover: clearance with its override and strongest match, the renewal line, the SOV total against the 140s, the losses', () => {
    const cover = texts[0]!;
    expect(cover).toContain('Clearance: possible (2 earlier submissions alike)');
    expect(cover).toContain('Overridden to possible by j.doe');
    expect(cover).toContain('Different business at the same address');
    expect(cover).toContain('from another broker, Lakeshore Brokerage, received 2025-12-10 14:30 UTC, ready-for-underwriter; that submission was complete first');
    expect(cover).toContain(`Renewal of the term effective ${formatDate(lastTerm)} (received 12/01/2024 12:00 UTC from ${base.producer!.fullName!.value}): 7 changes`);
    expect(cover).toContain('Signed before the previous application');
    expect(cover).toContain('$16,555,000 total insured value over 5 buildings; the ACORD 140s: $16,205,000 (+2.2 %)');
    expect(cover).toContain('3 claims in 5 policy years, $61,500 incurred, largest $45,000, $15,000 open reserves');
  });

  it('the sections: every match, the changes old and new, every SOV row with its row and 140 building, losses by year', () => {
    const at = (title: string) => texts.findIndex((t, i) => i > 1 && t.startsWith(title));
    const clearancePage = texts[at('Clearance')]!;
    expect(clearancePage).toContain('Second Street Insurance');
    expect(clearancePage).toContain('sub-earlier-2');
    const changes = texts[at('Changes since the last submission')]!;
    expect(changes).toMatch(/generalLiability\.limits\.eachOccurrence\s+\$500,000\s+\$2,000,000/);
    expect(changes).toMatch(/9255 Industrial Blvd, Columbus, OH 43201\s+1\s+kept\s+\$5,385,000\s+\$6,195,000 \(\+15\.0 %\)/);
    expect(changes).toContain('builtYear: 1975 -> 1985');
    expect(changes).toMatch(/57410\s+kept\s+4,000,000\s+4,920,000 \(\+23\.0 %\)/);
    expect(changes).toMatch(/61217\s+added\s+-\s+42,900/);
    expect(changes).toContain('The application is signed 12/06/2025, before the previous one (01/10/2026)');
    const sov = texts[at('Schedule of values')]!;
    expect(sov).toContain('sov.csv, sheet "sov.csv" (headers on row 1)');
    expect(sov).toMatch(/\b2\s+1 \/ 1\s+9255 Industrial Boulevard, Columbus, OH 43201/);
    expect(sov).toMatch(/\b6\s+5 \/ 1\s+40 Harbor Way.*on no 140/);
    expect(sov).toContain('Loc 4 / Bldg 1');
    expect(sov).toContain('Sheet total: $16,555,000 over 5 rows.');
    const losses = texts[at('Loss runs')]!;
    expect(losses).toContain('Buckeye Casualty; valued as of');
    // Year 4 before the effective date holds BC-1002 and BC-1003: 2 claims, $49,000 incurred, largest $45,000, $15,000 open.
    expect(losses).toMatch(new RegExp(`${shift(effective, -2).slice(5, 7)}/${shift(effective, -2).slice(8, 10)}/${shift(effective, -2).slice(0, 4)} - \\S+\\s+Buckeye Casualty\\s+2\\s+\\$49,000\\s+\\$45,000\\s+\\$15,000`));
    expect(losses).toMatch(/All years\s+3\s+\$61,500\s+\$45,000\s+\$15,000/);
    expect(losses).toContain('BC-1002');
  });

  it('the spreadsheet original is set in type, every row with its number and cells', () => {
    const original = texts.find((t) => t.includes('sov.csv (spreadsheet, as received'))!;
    expect(original.replace(/\s+/g, ' ')).toContain('6 A: 5 | B: 1 | C: 40 Harbor Way | D: Columbus | E: OH | F: 43201 | G: Frame');
  });
});

describe('acord-prep packet --previous', () => {
  it("diffs against an earlier packet's submission.json; a file that is not one is a usage error before any reading", async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'acord-previous-'));
    // The earlier packet: the same sample with a lower occurrence limit, assembled in memory as the CLI would write it.
    const older = structuredClone(base);
    older.generalLiability!.limits!.eachOccurrence!.value = '500000.00';
    const earlier = await assemblePacket({ submission: older, outcome: null, originals: [], appetiteRules: null, today: TODAY, received: TODAY, now: TODAY, from: { name: '', address: 'uw@example.com' } });
    const previous = path.join(out, 'previous.json');
    await writeFile(previous, earlier.files.find((f) => f.name === 'submission.json')!.bytes);
    const folder = earlier.folder;

    expect((await runCliCaptured(['packet', SAMPLE, '--out', path.join(out, 'second'), '--today', '2025-12-01', '--previous', previous])).code).toBe(PACKET_EXIT.ready);
    const packet = path.join(out, 'second', folder!);
    const json = PacketJson.parse(JSON.parse(await readFile(path.join(packet, 'submission.json'), 'utf8')));
    expect(json.renewal).toMatchObject({ previousSubmissionId: folder, values: [{ path: 'generalLiability.limits.eachOccurrence', old: '500000.00', new: '2000000.00' }] });
    const doc = await openPdf(new Uint8Array(await readFile(path.join(packet, 'packet.pdf'))), 'packet.pdf');
    // The same sample, so the same term: the broker sent it again.
    expect((await pageTexts(doc))[0]).toContain(`Resubmission for the same term, effective ${formatDate(String(base.policy!.effectiveDate!.value))} (the previous one received`);
    await doc.destroy();

    await writeFile(previous, '{"submission": {}}');
    const bad = await runCliCaptured(['packet', SAMPLE, '--out', path.join(out, 'third'), '--previous', previous]);
    expect(bad.code).toBe(PACKET_EXIT.usage);
    expect(bad.stderr).toContain(`--previous ${previous}: not a packet's submission.json`);
    await expect(readdir(path.join(out, 'third'))).rejects.toThrow();
  });
});
