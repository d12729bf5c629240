import type { AppetiteRules } from '../../../schemas/appetite-rules.js';
import type { CheckReport } from '../../../schemas/check-report.js';
import type { ClearanceResult, ClearanceStanding } from '../../../schemas/clearance.js';
import type { RenewalDiff } from '../../../schemas/renewal-diff.js';
import type { ExtractionOutcome } from '../../../schemas/extraction-outcome.js';
import type { Flag } from '../../../schemas/flag.js';
import { PacketJson } from '../../../schemas/packet-json.js';
import type { Submission } from '../../../schemas/submission.js';
import { buildBrokerRequest } from '../broker-request/build-broker-request.js';
import { carryResolutions } from '../../validate/check/carry-resolutions.js';
import { checkWithAppetite } from '../../validate/check/check-with-appetite.js';
import { exportAcordXml } from '../export/acord-xml-export.js';
import { buildPacketPdf } from '../packet/build-packet-pdf.js';
import { packetFolderName } from './packet-folder-name.js';
import type { PacketFile } from './write-packet-files.js';

export type PacketRequest = {
  submission: Submission;
  outcome: ExtractionOutcome | null;
  /** The files as received, each put in the packet after the summary pages. */
  originals: { fileName: string; bytes: Uint8Array }[];
  appetiteRules: AppetiteRules | null;
  /** The day effective dates are judged against. */
  today: Date;
  received: Date;
  /** When the packet is made: the broker request's date. */
  now: Date;
  /** Who the broker request comes from. */
  from: { name: string; address: string };
  /**
   * The flags of an earlier check with the reviewers' decisions (a reassembled packet): a flag raised again
   * keeps its resolution, a corrected one stays (carryResolutions); resolutions are printed in the packet
   * and the JSON, and a flag marked `ask-broker` goes into the broker request.
   */
  reviewedFlags?: readonly Flag[];
  /** The clearance of this submission against earlier ones (the service; null or absent: not run). Its outcome is flagged by the check and shown on the cover. */
  clearance?: ClearanceResult | null;
  /** Where this submission and the clearance's matches stand as the packet is made (null or absent: as the matches recorded it): the check and the cover say which was complete first from it. */
  clearanceStanding?: ClearanceStanding | null;
  /** What changed since the same insured's previous submission (null or absent: none). Printed in the packet. */
  renewal?: RenewalDiff | null;
};

export type Packet = {
  /** `<insured>-<effective date>-<short id>`: the packet's folder name. */
  folder: string;
  report: CheckReport;
  /** packet.pdf, submission.json, submission.xml and, when something is missing, broker-request.eml. */
  files: PacketFile[];
};

/**
 * Everything an underwriter gets for one submission, as files in memory: the check (with the carrier's
 * appetite), the packet PDF, the typed JSON, the ACORD XML export and the request to the broker. The
 * CLI writes them to a folder; the workers store them.
 */
export async function assemblePacket(request: PacketRequest): Promise<Packet> {
  const { submission, outcome, originals, received, from } = request;
  const report = carryResolutions(checkWithAppetite(submission, outcome, { today: request.today, appetiteRules: request.appetiteRules, clearance: request.clearance ?? null, clearanceStanding: request.clearanceStanding ?? null, reviewedFlags: request.reviewedFlags ?? [] }), request.reviewedFlags ?? []);
  const xml = exportAcordXml(submission);
  const json = PacketJson.parse({
    submission,
    flags: report.flags,
    report,
    outcome,
    ...(request.clearance !== undefined ? { clearance: request.clearance } : {}),
    ...(request.renewal !== undefined ? { renewal: request.renewal } : {}),
    xmlExport: { request: xml.request, skipped: xml.skipped },
  });
  const [pdf, email] = await Promise.all([
    buildPacketPdf({ submission, report, outcome, originals, received, clearance: request.clearance ?? null, clearanceStanding: request.clearanceStanding ?? null, renewal: request.renewal ?? null }),
    buildBrokerRequest({ submission, report, from, received, now: request.now }),
  ]);
  const files: PacketFile[] = [
    { name: 'packet.pdf', bytes: pdf },
    { name: 'submission.json', bytes: `${JSON.stringify(json, null, 2)}\n` },
    { name: 'submission.xml', bytes: xml.xml },
    ...(email ? [{ name: 'broker-request.eml', bytes: email }] : []),
  ];
  return { folder: packetFolderName(submission), report, files };
}
