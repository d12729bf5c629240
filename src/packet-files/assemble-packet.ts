import type { AppetiteRules } from '../../schemas/appetite-rules.js';
import type { CheckReport } from '../../schemas/check-report.js';
import type { ExtractionOutcome } from '../../schemas/extraction-outcome.js';
import type { FlagResolution } from '../../schemas/flag.js';
import { PacketJson } from '../../schemas/packet-json.js';
import type { Submission } from '../../schemas/submission.js';
import { buildBrokerRequest } from '../broker-request/build-broker-request.js';
import { checkWithAppetite } from '../check/check-with-appetite.js';
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
   * Reviewers' decisions by flag id, from an earlier check (a reassembled packet): a flag raised again keeps
   * its resolution, printed in the packet and the JSON; one marked `ask-broker` goes into the broker request.
   */
  resolutions?: ReadonlyMap<string, FlagResolution>;
};

export type Packet = {
  /** `<insured>-<effective date>-<short id>`: the packet's folder name. */
  folder: string;
  report: CheckReport;
  /** packet.pdf, submission.json, submission.xml and, when something is missing, broker-request.eml. */
  files: PacketFile[];
};

/** The report with each flag raised again carrying its earlier resolution; readiness follows from them. */
function withResolutions(report: CheckReport, resolutions: ReadonlyMap<string, FlagResolution> | undefined): CheckReport {
  if (!resolutions?.size) return report;
  const flags = report.flags.map((f) => {
    const resolution = f.resolution ?? resolutions.get(f.id);
    return resolution ? { ...f, resolution } : f;
  });
  return { ...report, flags, readyToQuote: !flags.some((f) => f.severity === 'blocking' && f.when === 'quote' && !f.resolution) };
}

/**
 * Everything an underwriter gets for one submission, as files in memory: the check (with the carrier's
 * appetite), the packet PDF, the typed JSON, the ACORD XML export and the request to the broker. The
 * CLI writes them to a folder; the workers store them.
 */
export async function assemblePacket(request: PacketRequest): Promise<Packet> {
  const { submission, outcome, originals, received, from } = request;
  const report = withResolutions(checkWithAppetite(submission, outcome, { today: request.today, appetiteRules: request.appetiteRules }), request.resolutions);
  const xml = exportAcordXml(submission);
  const json = PacketJson.parse({ submission, flags: report.flags, report, outcome, xmlExport: { request: xml.request, skipped: xml.skipped } });
  const [pdf, email] = await Promise.all([
    buildPacketPdf({ submission, report, outcome, originals, received }),
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
