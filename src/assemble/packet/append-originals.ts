import type { PDFDocument } from 'pdf-lib';
import { DEFAULT_LIMITS, type Limits } from '../../config/limits.js';
import { describeFileKind, sniffFileKind, type FileKind } from '../../read/file-kinds/sniff-file-kind.js';
import { openPdf } from '../../read/pdf/open-pdf.js';
import { pdfLibDocument } from '../../read/pdf/pdf-lib-document.js';
import { openImageFile } from '../../read/raster/image-file-pages.js';
import { renderPdfPage } from '../../read/raster/render-pdf-page.js';
import { isSpreadsheetName, readSheetGrids, type SheetGrid } from '../../read/sov/sheet-grid.js';
import { drawText } from './draw-text.js';
import { addImagePage, PAGE_IMAGE_DPI } from './embed-page-image.js';
import { appendAllPages } from './original-copier.js';
import { MUTED, PageFlow, type PacketFonts } from './page-flow.js';
import { winAnsiText } from './winansi-text.js';

export type Original = { fileName: string; bytes: Uint8Array };

/** Where an original landed in the packet (0-based packet page), and how it was included. */
export type AppendedOriginal = {
  fileName: string;
  firstPage: number;
  pageCount: number;
  /** `copied`: its own pages · `rendered`: pages drawn as images · `text`: XML or a spreadsheet's cells set in type · `notice`: a page saying why it is not here. */
  as: 'copied' | 'rendered' | 'text' | 'notice';
};

/**
 * Appends one original document to the packet, whatever it is: a PDF pdf-lib can load is copied page by
 * page; one it cannot (encrypted, damaged) is rendered by pdfjs a page at a time; an image file (TIFF,
 * JPEG, PNG) becomes a page per image page; ACORD XML is set in type, and so is a spreadsheet (.xlsx,
 * .csv: a schedule of values), every sheet's rows with their numbers; a file none of these can show
 * gets a page saying what it is and why it is not shown. Never skipped silently.
 */
export async function appendOriginal(packet: PDFDocument, fonts: PacketFonts, original: Original, limits: Limits = DEFAULT_LIMITS): Promise<AppendedOriginal> {
  const firstPage = packet.getPageCount();
  const kind = sniffFileKind(original.bytes);
  const done = (as: AppendedOriginal['as']): AppendedOriginal => ({
    fileName: original.fileName,
    firstPage,
    pageCount: packet.getPageCount() - firstPage,
    as,
  });
  try {
    if (kind.kind === 'pdf') return done(await appendPdf(packet, original, limits));
    if (kind.kind === 'image') {
      const file = openImageFile(original.bytes, original.fileName, limits);
      for (let n = 1; n <= file.pageCount; n++) {
        const { width, height } = file.pageSize(n);
        await addImagePage(packet, await file.page(n), width, height);
      }
      return done('rendered');
    }
    if (kind.kind === 'xml') {
      appendXmlText(new PageFlow(packet, fonts), original, kind);
      return done('text');
    }
    if (isSpreadsheetName(original.fileName)) {
      appendSheetText(new PageFlow(packet, fonts), original.fileName, await readSheetGrids(original.bytes, original.fileName));
      return done('text');
    }
    noticePage(new PageFlow(packet, fonts), original.fileName, `This file cannot be shown here: it is not a PDF, image or ACORD XML file. It looks like ${kind.looksLike}.`);
  } catch (err) {
    // Pages already added stay (a TIFF whose tenth page is damaged keeps its nine); the notice says what is missing.
    const partly = packet.getPageCount() > firstPage;
    noticePage(new PageFlow(packet, fonts), original.fileName, `It could not be shown${partly ? ' in full' : ''} (read as ${describeFileKind(kind)}): ${(err as Error).message}. Open the original file.`);
  }
  return done('notice');
}

async function appendPdf(packet: PDFDocument, original: Original, limits: Limits): Promise<AppendedOriginal['as']> {
  const source = await pdfLibDocument(original.bytes);
  if (source) {
    // One copy for all pages, and for the crops of them already drawn: objects they share (fonts, a form's fields reached through its widgets) are copied once.
    appendAllPages(packet, source);
    return 'copied';
  }
  // Encrypted copies (ACORD's XFA forms) keep encrypted streams that pdf-lib cannot decrypt: a copy would show garbage.
  const doc = await openPdf(original.bytes, original.fileName, limits);
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      await addImagePage(packet, await renderPdfPage(doc, n, PAGE_IMAGE_DPI), width, height);
    }
  } finally {
    await doc.destroy();
  }
  return 'rendered';
}

const XML_SIZE = 7;

/** ACORD XML as received, in Courier, its indentation kept and long lines folded. */
function appendXmlText(flow: PageFlow, original: Original, kind: Extract<FileKind, { kind: 'xml' }>): void {
  const { mono } = flow.fonts;
  const text = new TextDecoder(kind.encoding.label).decode(original.bytes.subarray(kind.encoding.bom));
  flow.newPage();
  flow.heading(`${original.fileName} (ACORD XML, as received)`, 2, 20);
  const perLine = Math.floor(flow.width / mono.widthOfTextAtSize('M', XML_SIZE));
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = winAnsiText(raw.replace(/\t/g, '  '), mono).trimEnd();
    for (let from = 0; from === 0 || from < line.length; from += perLine) {
      flow.ensure(XML_SIZE + 1.5);
      flow.y -= XML_SIZE;
      drawText(flow.page, line.slice(from, from + perLine), { x: flow.left, y: flow.y, size: XML_SIZE, font: mono });
      flow.y -= 1.5;
    }
  }
}

/**
 * A spreadsheet as received, one line per row in Courier: its row number, then each cell with its column
 * letter ("C: 9255 Industrial Boulevard"), blank cells left out, long rows folded. Every sheet, in order.
 */
function appendSheetText(flow: PageFlow, fileName: string, grids: readonly SheetGrid[]): void {
  const { mono } = flow.fonts;
  const perLine = Math.floor(flow.width / mono.widthOfTextAtSize('M', XML_SIZE));
  flow.newPage();
  flow.heading(`${fileName} (spreadsheet, as received: every sheet, row by row)`, 2, 20);
  for (const grid of grids) {
    flow.heading(`Sheet "${grid.sheet}" (${grid.rows.length} rows)`, 2, 20);
    grid.rows.forEach((cells, r) => {
      const given = cells.flatMap((c, i) => (c.trim() ? [`${columnLetter(i + 1)}: ${c.trim()}`] : []));
      if (!given.length) return;
      const line = winAnsiText(given.join(' | '), mono);
      const chunks = [line.slice(0, perLine - 7)];
      for (let from = perLine - 7; from < line.length; from += perLine - 7) chunks.push(line.slice(from, from + perLine - 7));
      chunks.forEach((chunk, k) => {
        flow.ensure(XML_SIZE + 1.5);
        flow.y -= XML_SIZE;
        drawText(flow.page, `${k ? '' : String(r + 1)}`.padStart(5) + `  ${chunk}`, { x: flow.left, y: flow.y, size: XML_SIZE, font: mono });
        flow.y -= 1.5;
      });
    });
  }
}

/** 1 → "A", 27 → "AA", as a spreadsheet names its columns. */
const columnLetter = (n: number): string => (n > 26 ? columnLetter(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));

/** A page standing for an original that could not be shown (or not in full), saying why. */
function noticePage(flow: PageFlow, fileName: string, why: string): void {
  flow.newPage();
  flow.heading(`Original: ${fileName}`, 1);
  flow.text(why, { size: 11 });
  flow.space(8);
  flow.text('The file is part of the submission as received; this page stands in its place.', { color: MUTED });
}
