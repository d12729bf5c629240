import { PDFDocument, StandardFonts } from 'pdf-lib';
import { CheckReport } from '../../../schemas/check-report.js';
import { ClearanceResult, ClearanceStanding } from '../../../schemas/clearance.js';
import { RenewalDiff } from '../../../schemas/renewal-diff.js';
import { ExtractionOutcome } from '../../../schemas/extraction-outcome.js';
import { Submission, type DocumentRef } from '../../../schemas/submission.js';
import { documentId } from '../../read/extract/extract-document.js';
import { appendOriginal, type Original } from './append-originals.js';
import { drawChecklist } from './checklist-pages.js';
import { drawClearance } from './clearance-pages.js';
import { drawCover } from './cover-page.js';
import { drawDataSummary } from './data-summary-pages.js';
import { flagCrops } from './flag-crops.js';
import { drawLossRuns } from './loss-run-pages.js';
import { drawFlags } from './flag-pages.js';
import { maskForPrint } from '../../model/mask-for-print.js';
import { addOutline } from './outline.js';
import { insuredName, type PacketContext, type PacketEntry } from './packet-context.js';
import { PAGE_HEIGHT, PAGE_WIDTH, PageFlow, type PacketFonts } from './page-flow.js';
import { stampFooters } from './page-footers.js';
import { drawRenewal } from './renewal-pages.js';
import { savePacketPdf } from './save-packet-pdf.js';
import { drawSchedulesOfValues } from './sov-pages.js';
import { drawToc, TOC_LINES_PER_PAGE, tocLineCount } from './toc-pages.js';

export type PacketInput = {
  submission: Submission;
  report: CheckReport;
  outcome: ExtractionOutcome | null;
  originals: Original[];
  received: Date;
  /** The clearance against earlier submissions (null or absent: not run). */
  clearance?: ClearanceResult | null;
  /** Where this submission and the clearance's matches stand now (null or absent: as the matches recorded it). */
  clearanceStanding?: ClearanceStanding | null;
  /** What changed since the same insured's previous submission (null or absent: none). */
  renewal?: RenewalDiff | null;
};

/**
 * The underwriter's packet as one PDF: a cover (who, lines, term, producer, whether it can be quoted,
 * appetite, clearance, renewal, values and losses), contents with links, the checklist split into what a
 * quote and what binding needs, every flag with the page around its box, the clearance matches, the
 * changes since the last submission, the schedules of values and the loss runs (each when there is one),
 * a data summary, then every original as received. Bookmarks lead
 * to each section and each form of each original; every page says "Page n of N" and whose packet it is.
 */
export async function buildPacketPdf(input: PacketInput): Promise<Uint8Array> {
  const { submission, report, mask } = maskForPrint(Submission.parse(input.submission), CheckReport.parse(input.report));
  const read = input.outcome === null ? null : ExtractionOutcome.parse(input.outcome);
  const outcome = read && { ...read, files: read.files.map((f) => (f.error ? { ...f, error: { ...f.error, message: mask(f.error.message) } } : f)) };
  const originals = input.originals.map((o) => ({ ...o, id: documentId(o.bytes) }));
  const byId = new Map(originals.map((o) => [o.id, o]));

  const doc = await PDFDocument.create();
  const insured = insuredName(submission);
  doc.setTitle(`Submission packet: ${insured}`);
  doc.setCreator('acord-prep');
  doc.setProducer('acord-prep (pdf-lib)');
  doc.setCreationDate(input.received);
  const fonts: PacketFonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  const ctx: PacketContext = {
    submission,
    report,
    outcome,
    received: input.received,
    fileNames: new Map([...submission.documents.map((d) => [d.id, d.fileName] as const), ...originals.map((o) => [o.id, o.fileName] as const)]),
    crops: await flagCrops(report.flags, byId),
    clearance: input.clearance ? ClearanceResult.parse(input.clearance) : null,
    clearanceStanding: input.clearanceStanding ? ClearanceStanding.parse(input.clearanceStanding) : null,
    renewal: input.renewal ? RenewalDiff.parse(input.renewal) : null,
    mask,
  };
  // The sections between the flags and the data summary that only some submissions have, in packet order.
  const attachments: { title: string; draw: () => void }[] = [
    ...(ctx.clearance ? [{ title: 'Clearance', draw: () => drawClearance(flow, ctx.clearance!, ctx.clearanceStanding, mask) }] : []),
    ...(ctx.renewal ? [{ title: 'Changes since the last submission', draw: () => drawRenewal(flow, ctx.renewal!, mask) }] : []),
    ...(submission.schedulesOfValues?.length ? [{ title: 'Schedule of values', draw: () => drawSchedulesOfValues(flow, submission) }] : []),
    ...(submission.lossRuns?.length ? [{ title: 'Loss runs', draw: () => drawLossRuns(flow, submission.lossRuns!, mask) }] : []),
  ];
  const documents = new Map(submission.documents.map((d) => [d.id, d]));
  const flow = new PageFlow(doc, fonts);

  drawCover(flow, ctx);
  // The contents go second but are written last, once every page number is known: reserve their pages.
  const planned = sectionEntries(0, 0, attachments.map((a) => ({ title: a.title, page: 0 })), 0, originals.map((o) => ({ title: o.fileName, page: 0, children: formEntries(documents.get(o.id), 0) })));
  const tocPage = doc.getPageCount();
  const tocPages = Array.from({ length: Math.ceil(tocLineCount(planned) / TOC_LINES_PER_PAGE) }, () => doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]));
  const checklistPage = doc.getPageCount();
  drawChecklist(flow, report);
  const flagsPage = doc.getPageCount();
  await drawFlags(flow, ctx);
  const attachmentEntries = attachments.map((a) => {
    const page = doc.getPageCount();
    a.draw();
    return { title: a.title, page };
  });
  const summaryPage = doc.getPageCount();
  drawDataSummary(flow, submission);
  const ownPages = doc.getPageCount();

  const originalEntries: PacketEntry[] = [];
  for (const original of originals) {
    const appended = await appendOriginal(doc, fonts, original);
    const shown = appended.as === 'copied' || appended.as === 'rendered';
    originalEntries.push({
      title: appended.as !== 'notice' ? original.fileName : `${original.fileName} (${appended.pageCount > 1 ? 'partly shown' : 'not shown'}: see why)`,
      page: appended.firstPage,
      children: shown ? formEntries(documents.get(original.id), appended.firstPage) : [],
    });
  }
  const entries: PacketEntry[] = [{ title: 'Cover', page: 0 }, { title: 'Contents', page: tocPage }, ...sectionEntries(checklistPage, flagsPage, attachmentEntries, summaryPage, originalEntries)];
  drawToc(doc, fonts, tocPages, entries.slice(2));
  addOutline(doc, entries);
  stampFooters(doc, fonts, insured, ownPages);
  return savePacketPdf(doc);
}

function sectionEntries(checklist: number, flags: number, attachments: PacketEntry[], summary: number, originals: PacketEntry[]): PacketEntry[] {
  return [
    { title: 'Checklist', page: checklist },
    { title: 'Flags', page: flags },
    ...attachments,
    { title: 'Data summary', page: summary },
    ...(originals.length ? [{ title: 'Original documents', page: originals[0]!.page, children: originals }] : []),
  ];
}

/** A bookmark per form found in an original, at its first page: "ACORD 125 (2016/03)". */
function formEntries(document: DocumentRef | undefined, firstPage: number): PacketEntry[] {
  if (!document) return [];
  const forms = [
    ...document.forms.map((f) => ({ title: `ACORD ${f.form} (${f.edition})`, pages: f.pages })),
    ...(document.formsNotRead ?? []).map((f) => ({ title: `ACORD ${f.form}${f.edition ? ` (${f.edition})` : ''}, not read`, pages: f.pages })),
  ];
  return forms
    .filter((f) => f.pages.length && f.pages[0]! <= document.pageCount)
    .sort((a, b) => a.pages[0]! - b.pages[0]!)
    .map((f) => ({ title: f.title, page: firstPage + f.pages[0]! - 1 }));
}
