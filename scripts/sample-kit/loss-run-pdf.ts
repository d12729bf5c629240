import { StandardFonts, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { newSampleDocument, saveSampleDocument } from './draw-form.js';

/** A claim as a sample loss run prints it; dates MM/DD/YYYY, amounts in dollars. */
export type SampleClaim = { number: string; lossDate: string; status: 'Open' | 'Closed' | 'Reopened'; paid: number; expensePaid?: number; reserve: number; description: string };
export type SamplePolicy = { number: string; from: string; to: string; claims: SampleClaim[] };
export type SampleLossRun = { carrier: string; insured: string; valuedAsOf: string; policies: SamplePolicy[] };

/**
 * How three carriers print a loss run: `table` — a claims table per policy with a total row, long
 * descriptions wrapped; `labelled` — "Claim #: …" blocks, a policy without claims says so; `ledger` —
 * another column order, two paid columns, status as O/C, ISO run date, descriptions cut to 30 characters,
 * many rows over several pages.
 */
export type LossRunLayout = 'table' | 'labelled' | 'ledger';

const money = (n: number, symbol = true) => `${symbol ? '$' : ''}${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const iso = (us: string) => `${us.slice(6)}-${us.slice(0, 2)}-${us.slice(3, 5)}`;

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    private readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage([612, 792]);
    this.y = 740;
  }
  /** Cells at x positions on one line; `right` aligns a cell's end at x instead of its start. */
  line(cells: { text: string; x: number; right?: boolean; bold?: boolean }[], size = 9, gap = 14) {
    if (this.y < 60) this.newPage();
    for (const c of cells) {
      const font = c.bold ? this.bold : this.font;
      const x = c.right ? c.x - font.widthOfTextAtSize(c.text, size) : c.x;
      this.page.drawText(c.text, { x, y: this.y, size, font });
    }
    this.y -= gap;
  }
}

/** A loss-run PDF with a text layer, drawn in one of the layouts. */
export async function lossRunPdf(run: SampleLossRun, layout: LossRunLayout): Promise<Uint8Array> {
  const doc = await newSampleDocument(`Loss run - ${run.carrier}`);
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  if (layout === 'table') {
    w.line([{ text: run.carrier, x: 40, bold: true }], 14, 20);
    w.line([{ text: 'Loss Run Report', x: 40, bold: true }], 12, 18);
    w.line([{ text: `Insured: ${run.insured}`, x: 40 }, { text: `Valued as of ${run.valuedAsOf}`, x: 400 }], 9, 24);
    for (const p of run.policies) {
      w.line([{ text: `Policy Number: ${p.number}`, x: 40, bold: true }, { text: `Policy Period: ${p.from} - ${p.to}`, x: 300 }], 9, 18);
      w.line([{ text: 'Claim Number', x: 40, bold: true }, { text: 'Date of Loss', x: 115, bold: true }, { text: 'Status', x: 180, bold: true }, { text: 'Description', x: 225, bold: true }, { text: 'Paid', x: 430, right: true, bold: true }, { text: 'Reserve', x: 500, right: true, bold: true }, { text: 'Total Incurred', x: 575, right: true, bold: true }]);
      for (const c of p.claims) {
        const [first, rest] = c.description.length > 28 ? [c.description.slice(0, c.description.lastIndexOf(' ', 28)), c.description.slice(c.description.lastIndexOf(' ', 28) + 1)] : [c.description, ''];
        w.line([{ text: c.number, x: 40 }, { text: c.lossDate, x: 115 }, { text: c.status, x: 180 }, { text: first, x: 225 }, { text: money(c.paid), x: 430, right: true }, { text: money(c.reserve), x: 500, right: true }, { text: money(c.paid + c.reserve), x: 575, right: true }]);
        if (rest) w.line([{ text: rest, x: 225 }]);
      }
      const total = p.claims.reduce((t, c) => t + c.paid + c.reserve, 0);
      w.line([{ text: 'Policy Total', x: 40, bold: true }, { text: money(total), x: 575, right: true, bold: true }], 9, 24);
    }
  } else if (layout === 'labelled') {
    w.line([{ text: run.carrier, x: 50, bold: true }], 13, 18);
    w.line([{ text: 'Claims History', x: 50 }], 11, 16);
    const [m, d, y] = run.valuedAsOf.split('/');
    const month = new Date(Date.UTC(+y!, +m! - 1, +d!)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    w.line([{ text: `Named insured: ${run.insured}`, x: 50 }], 9, 14);
    w.line([{ text: `Evaluation Date: ${month} ${+d!}, ${y}`, x: 50 }], 9, 24);
    for (const p of run.policies) {
      w.line([{ text: `Policy #: ${p.number}    Term: ${p.from} to ${p.to}`, x: 50, bold: true }], 10, 18);
      if (p.claims.length === 0) w.line([{ text: 'No losses reported for this term.', x: 70 }], 9, 20);
      for (const c of p.claims) {
        w.line([{ text: `Claim #: ${c.number}`, x: 70 }, { text: `Date of Loss: ${c.lossDate}`, x: 220 }, { text: `Status: ${c.status}`, x: 400 }]);
        w.line([{ text: `Paid: ${money(c.paid)}`, x: 70 }, { text: `Reserve: ${money(c.reserve)}`, x: 220 }, { text: `Incurred: ${money(c.paid + c.reserve)}`, x: 400 }]);
        w.line([{ text: `Description: ${c.description}`, x: 70 }], 9, 20);
      }
    }
  } else {
    w.line([{ text: run.carrier, x: 36, bold: true }, { text: `Run Date: ${iso(run.valuedAsOf)}`, x: 440 }], 11, 16);
    w.line([{ text: 'Loss Experience Summary', x: 36 }, { text: run.insured, x: 250 }], 10, 22);
    for (const p of run.policies) {
      w.line([{ text: `Policy ${p.number}  Effective ${p.from} thru ${p.to}`, x: 36, bold: true }], 9, 16);
      w.line([{ text: 'DOL', x: 36, bold: true }, { text: 'Claim #', x: 92, bold: true }, { text: 'Coverage', x: 170, bold: true }, { text: 'Indemnity Paid', x: 340, right: true, bold: true }, { text: 'Expense Paid', x: 410, right: true, bold: true }, { text: 'Outstanding', x: 480, right: true, bold: true }, { text: 'Incurred', x: 540, right: true, bold: true }, { text: 'O/C', x: 556, bold: true }]);
      for (const c of p.claims) {
        const incurred = c.paid + (c.expensePaid ?? 0) + c.reserve;
        w.line([{ text: c.lossDate, x: 36 }, { text: c.number, x: 92 }, { text: c.description.slice(0, 30).trim(), x: 170 }, { text: money(c.paid, false), x: 340, right: true }, { text: money(c.expensePaid ?? 0, false), x: 410, right: true }, { text: money(c.reserve, false), x: 480, right: true }, { text: money(incurred, false), x: 540, right: true }, { text: c.status === 'Open' ? 'O' : 'C', x: 560 }], 8, 12);
      }
      w.y -= 10;
    }
  }
  return saveSampleDocument(doc);
}
