import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { degrees, PDFDocument } from 'pdf-lib';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckReport } from '../schemas/check-report.js';
import type { AnyField, Source } from '../schemas/field.js';
import type { Submission } from '../schemas/submission.js';
import { documentId } from '../src/read/extract/extract-document.js';
import { extractSubmission, type ExtractionResult } from '../src/read/extract/extract-submission.js';
import { inkBounds } from '../src/read/ocr/ink-bounds.js';
import { subImage } from '../src/read/ocr/sub-image.js';
import { buildPacketPdf } from '../src/assemble/packet/build-packet-pdf.js';
import { flagCrops, type FlagCrop } from '../src/assemble/packet/flag-crops.js';
import { drawVectorCrop } from '../src/assemble/packet/vector-page-crops.js';
import { openPdf, type PDFDocumentProxy } from '../src/read/pdf/open-pdf.js';
import { decodeCanvasImage, paintGray } from '../src/read/raster/canvas-image.js';
import { encodeGrayImage } from '../src/read/raster/encode-gray-image.js';
import { renderPdfPage } from '../src/read/raster/render-pdf-page.js';
import { hasSharedForms, readSharedForm } from './support/shared-forms.js';

const SAMPLES = path.resolve(import.meta.dirname, '../samples');
const RECEIVED = new Date('2026-11-30T14:05:00Z');
/** Set to a folder to keep the packets the tests build, to look at them. */
const PREVIEW = process.env.PACKET_PREVIEW_DIR;

function readSample(name: string) {
  const dir = path.join(SAMPLES, name);
  return readdirSync(dir)
    .filter((f) => /\.(pdf|xml)$/.test(f))
    .sort()
    .map((fileName) => ({ fileName, bytes: new Uint8Array(readFileSync(path.join(dir, fileName))) }));
}

/** Where a leaf sits on a page: its own source, or the first page source that confirmed it (an XML value read from a PDF too). */
function pageSource(leaf: AnyField | undefined): Source {
  const source = [leaf?.source, ...(leaf?.confirmedBy ?? [])].find((s) => s?.page && s.rect);
  if (!source) throw new Error('the sample value has no page source');
  return source;
}

const flagSource = (s: Submission, source: Source, label: string) => ({
  document: source.document,
  fileName: s.documents.find((d) => d.id === source.document)?.fileName,
  page: source.page,
  rect: source.rect,
  label,
});

/** A check report as the checker would write it, on the values of a real extracted submission. */
function reportFor(s: Submission) {
  const insured = s.namedInsureds![0]!;
  const building = s.property!.locations![0]!;
  return CheckReport.parse({
    lines: ['general-liability', 'property'],
    checklist: [
      { id: 'fein', label: 'FEIN', why: 'Identifies the insured for clearance', when: 'quote', path: 'namedInsureds[*].taxIdentifier', status: 'flagged', flags: ['fein-format:namedInsureds[0].taxIdentifier'] },
      { id: 'operations', label: 'Description of operations', why: 'Class codes are set from it', when: 'quote', path: 'premises[*].operationsDescription', status: 'met', flags: [] },
      { id: 'construction', label: 'Construction class per building', why: 'The C of COPE: rates the fire exposure', when: 'quote', path: 'property.locations[*].construction.constructionCode', status: 'flagged', flags: ['appetite-frame:property.locations[0].construction.constructionCode'] },
      { id: 'loss-runs', label: 'Loss runs, 5 years, currently valued', why: 'Prices the account on its own losses', when: 'bind', path: 'lossHistory', status: 'missing', flags: ['loss-runs:lossHistory'] },
      { id: 'signature', label: 'Signed and dated application', why: 'A subjectivity of every quote', when: 'bind', path: 'namedInsureds[*].signature', status: 'met', flags: [] },
    ],
    flags: [
      {
        id: 'fein-format:namedInsureds[0].taxIdentifier',
        path: 'namedInsureds[0].taxIdentifier',
        code: 'low-confidence',
        severity: 'blocking',
        when: 'quote',
        rule: 'fein',
        message: 'The FEIN was read with low confidence: check it against the form.',
        source: flagSource(s, pageSource(insured.taxIdentifier), 'FEIN OR SOC SEC #'),
        value: '**-***' + String(insured.taxIdentifier!.value).slice(-4),
      },
      {
        id: 'appetite-frame:property.locations[0].construction.constructionCode',
        path: 'property.locations[0].construction.constructionCode',
        code: 'appetite',
        severity: 'warning',
        when: 'quote',
        rule: 'frame-restaurants',
        message: `Frame construction (${String(building.construction!.constructionCode!.value)}) for a restaurant is referred to underwriting.`,
        source: flagSource(s, pageSource(building.construction!.constructionCode), 'CONSTRUCTION TYPE'),
        value: String(building.construction!.constructionCode!.value),
      },
      {
        id: 'loss-runs:lossHistory',
        path: 'lossHistory',
        code: 'missing',
        severity: 'blocking',
        when: 'bind',
        rule: 'loss-runs',
        message: 'Loss runs for the last 5 years, valued within 90 days, are not attached.',
        source: null,
      },
      {
        id: 'area:premises[0].buildingArea',
        path: 'premises[0].buildingArea',
        code: 'inconsistent',
        severity: 'info',
        when: 'quote',
        rule: 'area-agrees',
        message: 'Caf\u00e9 \u201cNa\u00efve\u201d \u2192 building area \u2264 occupied area \u2014 \u0416\u0443\u043a (non-Latin text must not break the packet).',
        source: flagSource(s, pageSource(s.premises![0]!.buildingArea), 'BUILDING AREA'),
        value: String(s.premises![0]!.buildingArea!.value),
        resolution: { action: 'confirmed', by: 'j.doe', at: '2026-11-30T15:00:00Z', note: 'Matches the 140.' },
      },
    ],
    appetite: { carrier: 'Example Mutual', version: '2026.1', decision: 'refer', hits: [{ rule: 'frame-restaurants', decision: 'refer', message: 'Frame restaurants are referred.' }] },
    formsNotRead: [],
    readyToQuote: false,
  });
}

async function pageTexts(doc: PDFDocumentProxy, from: number, to: number): Promise<string[]> {
  const texts: string[] = [];
  for (let n = from; n <= to; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    texts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  return texts;
}

type OutlineNode = { title: string; page: number; items: OutlineNode[] };
async function outline(doc: PDFDocumentProxy): Promise<OutlineNode[]> {
  const walk = async (items: Awaited<ReturnType<PDFDocumentProxy['getOutline']>>): Promise<OutlineNode[]> =>
    Promise.all(items.map(async (i) => ({ title: i.title, page: (await doc.getPageIndex((i.dest as [{ num: number; gen: number }])[0])) + 1, items: await walk(i.items) })));
  return walk(await doc.getOutline());
}

/** A crop as a gray image (a vector crop drawn alone on a page and rendered), its box in pixels, and the text it carries. */
async function showCrop(crop: FlagCrop, dpi = 144) {
  if (crop.kind === 'raster') {
    const image = await decodeCanvasImage(crop.png, 'crop');
    return { gray: paintGray(image, image.width, image.height, crop.dpi), box: crop.box, text: '' };
  }
  const doc = await PDFDocument.create();
  drawVectorCrop(doc.addPage([crop.width, crop.height]), crop, 0, 0, 1);
  const shown = await openPdf(await doc.save(), 'crop');
  const gray = await renderPdfPage(shown, 1, dpi);
  const [text] = await pageTexts(shown, 1, 1);
  await shown.destroy();
  return { gray, box: crop.box.map((v) => (v * dpi) / 72) as FlagCrop['box'], text: text! };
}

async function build(result: ExtractionResult, originals: { fileName: string; bytes: Uint8Array }[], name: string, report = reportFor(result.submission)) {
  const bytes = await buildPacketPdf({ submission: result.submission, report, outcome: result.outcome, originals, received: RECEIVED });
  if (PREVIEW) writeFileSync(path.join(PREVIEW, `${name}.pdf`), bytes);
  return openPdf(bytes, `${name} packet`);
}

describe('the packet of restaurant-tx (fillable forms and ACORD XML)', () => {
  const originals = readSample('restaurant-tx');
  let result: ExtractionResult;
  let packet: PDFDocumentProxy;
  let tree: OutlineNode[];
  beforeAll(async () => {
    result = await extractSubmission(originals);
    packet = await build(result, originals, 'restaurant-tx');
    tree = await outline(packet);
  }, 60_000);

  it('has a bookmark per section, per original and per form of each original', () => {
    expect(tree.map((n) => n.title)).toEqual(['Cover', 'Contents', 'Checklist', 'Flags', 'Data summary', 'Original documents']);
    const files = tree[5]!.items;
    expect(files.map((f) => f.title)).toEqual(originals.map((o) => o.fileName));
    expect(files.find((f) => f.title === 'acord-125.pdf')!.items.map((i) => i.title)).toEqual(['ACORD 125 (2016/03)']);
    expect(files.find((f) => f.title === 'acord-140-2.pdf')!.items.map((i) => i.title)).toEqual(['ACORD 140 (2016/03)']);
  });

  it('holds every page of every original after its own pages, each PDF page copied as it was', async () => {
    const files = tree[5]!.items;
    const pdfs = originals.filter((o) => o.fileName.endsWith('.pdf'));
    const firstOriginal = files[0]!.page;
    expect(tree.slice(0, 5).every((n) => n.page < firstOriginal)).toBe(true);
    for (const original of pdfs) {
      const source = await openPdf(original.bytes, original.fileName);
      const at = files.find((f) => f.title === original.fileName)!.page;
      const next = files.find((f) => f.page > at)?.page;
      // Consecutive originals: each PDF spans exactly its own page count; the XML, set in type, ends the packet.
      if (next) expect(next - at).toBe(source.numPages);
      const [copied] = await pageTexts(packet, at, at);
      const [own] = await pageTexts(source, 1, 1);
      expect(copied!.startsWith(own!.slice(0, 200))).toBe(true);
      await source.destroy();
    }
    const xml = files.find((f) => f.title === 'submission.xml')!;
    const xmlPages = await pageTexts(packet, xml.page, packet.numPages);
    expect(xmlPages[0]).toContain('ACORD');
    expect(packet.numPages).toBe(firstOriginal - 1 + 4 + 4 + 3 + 3 + xmlPages.length);
  });

  it('shows the insured, the masked FEIN and the quote status on the cover, and no full FEIN on any page of its own', async () => {
    const own = await pageTexts(packet, 1, tree[5]!.page - 1);
    const fein = String(result.submission.namedInsureds![0]!.taxIdentifier!.value);
    expect(own[0]).toContain('Harbor Lights Seafood Grill LLC');
    expect(own[0]).toContain(`**-***${fein.slice(-4)}`);
    expect(own[0]).toContain('Not ready to quote: 1 item blocking');
    expect(own[0]).toContain('Refer to underwriting');
    for (const text of own) {
      expect(text).not.toContain(fein);
      expect(text.replace(/\D/g, '')).not.toContain(fein.replace(/\D/g, ''));
    }
    expect(own.every((t, i) => t.includes(`Page ${i + 1} of ${packet.numPages}`))).toBe(true);
  });

  it('links each contents line to the page its bookmark points at', async () => {
    const contents = await packet.getPage(2);
    const links = (await contents.getAnnotations()).filter((a) => a.subtype === 'Link');
    const linked = await Promise.all(links.map(async (l) => (await packet.getPageIndex((l.dest as [{ num: number; gen: number }])[0])) + 1));
    const flat = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...flat(n.items)]);
    expect(linked).toEqual(flat(tree.slice(2)).map((n) => n.page));
    const [flagsPage] = await pageTexts(packet, tree[3]!.page, tree[3]!.page);
    expect(flagsPage!.startsWith('Flags')).toBe(true);
  });

  it('lists the checklist by quote and bind, and each flag with its source and resolution', async () => {
    const [checklist] = await pageTexts(packet, tree[2]!.page, tree[2]!.page);
    expect(checklist).toMatch(/Needed to quote: 0 missing, 2 flagged, 1 met.*Needed to bind \(subjectivities\): 1 missing, 0 flagged, 1 met/);
    const flags = (await pageTexts(packet, tree[3]!.page, tree[4]!.page - 1)).join(' ');
    expect(flags).toContain('acord-125.pdf, page 1, box "FEIN OR SOC SEC #"');
    expect(flags).toContain('confirmed by j.doe on 2026-11-30');
    expect(flags).toContain('Caf\u00e9 \u201cNa\u00efve\u201d -> building area <= occupied area \u2014 ??? (non-Latin text');
  });

  it('summarizes buildings with COPE and TIV, GL classes, prior carriers and losses', async () => {
    const summary = (await pageTexts(packet, tree[4]!.page, tree[5]!.page - 1)).join(' ');
    expect(summary).toContain('Frame, 2 stories, built 1987, 6,300 sq ft');
    expect(summary).toContain('$1,960,000'); // building 1: 1,120,000 + 680,000 + 160,000
    expect(summary).toContain('Restaurants - with alcohol under 30% of receipts');
    expect(summary).toContain('Sentinel Oak Insurance');
    expect(summary).toContain('Kitchen grease fire');
  });
  it('crops a fillable page as vector: its content around the flagged box, the value read from it drawn inside the box', async () => {
    const s = result.submission;
    const leaves: [string, AnyField | undefined][] = [
      ['property.locations[0].construction.constructionCode', s.property!.locations![0]!.construction!.constructionCode],
      ['premises[1].buildingArea', s.premises![1]!.buildingArea],
      ['generalLiability.hazards[0].classCode', s.generalLiability!.hazards![0]!.classCode],
    ];
    const flags = leaves.map(([p, leaf]) => ({ id: p, path: p, code: 'invalid' as const, severity: 'warning' as const, when: 'quote' as const, rule: 'r', message: 'm', source: flagSource(s, pageSource(leaf), 'label') }));
    const crops = await flagCrops(flags, new Map(originals.map((o) => [documentId(o.bytes), o])));
    expect([...crops.keys()]).toEqual(leaves.map(([p]) => p));
    for (const [p, leaf] of leaves) {
      const crop = crops.get(p)!;
      expect(crop.kind).toBe('vector');
      const { gray, box, text } = await showCrop(crop);
      const [x, y, w, h] = box;
      expect(x).toBeGreaterThan(0);
      expect(x + w).toBeLessThan(gray.width);
      // Inside the box, its border left out: the value's glyphs, drawn from the widget's appearance.
      const ink = inkBounds(subImage(gray, [x + 3, y + 3, x + w - 3, y + h - 3]));
      expect(ink).not.toBeNull();
      expect(ink![3] - ink![1]).toBeGreaterThan(h / 3);
      expect(text).toContain(String(leaf!.raw));
    }
  });

  it('crops a turned page (/Rotate) as pdfjs shows it: the box over its value, upright with the page', async () => {
    const s = result.submission;
    const leaf = s.property!.locations![0]!.construction!.constructionCode!;
    const source = pageSource(leaf);
    const original = originals.find((o) => documentId(o.bytes) === source.document)!;
    const flag = (path: string) => ({ id: path, path, code: 'invalid' as const, severity: 'warning' as const, when: 'quote' as const, rule: 'r', message: 'm', source: { ...flagSource(s, source, 'label'), document: 'turned' } });
    for (const angle of [0, 90, 180, 270]) {
      const doc = await PDFDocument.load(original.bytes);
      doc.getPage(source.page! - 1).setRotation(degrees(angle));
      const turned = new Map([['turned', { fileName: original.fileName, bytes: await doc.save() }]]);
      // A tax-id path takes the raster way (pdfjs's own viewport): the picture the vector crop must match.
      const [vector, raster] = await Promise.all(['p', 'x.taxIdentifier'].map(async (p) => (await flagCrops([flag(p)], turned)).get(p)!));
      expect([vector!.kind, raster!.kind]).toEqual(['vector', 'raster']);
      const drawn = await showCrop(vector!, raster!.dpi);
      const rendered = await showCrop(raster!);
      // The raster crop starts on a whole pixel: up to one pixel off.
      drawn.box.forEach((v, i) => expect(Math.abs(v - rendered.box[i]!)).toBeLessThanOrEqual(1));
      expect(drawn.text).toContain(String(leaf.raw));
      expect(Math.abs(drawn.gray.width - rendered.gray.width)).toBeLessThanOrEqual(1);
      expect(Math.abs(drawn.gray.height - rendered.gray.height)).toBeLessThanOrEqual(1);
      // The form's rules and labels around the box land where pdfjs draws them.
      const [a, b] = [inkBounds(drawn.gray)!, inkBounds(rendered.gray)!];
      a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(2));
    }
  });

  it('crops a FEIN box, and any box whose surroundings show one, by rendering it: its digits never become page text', async () => {
    const [flag] = reportFor(result.submission).flags;
    const near = { ...flag!, id: 'near', path: 'namedInsureds[0].naicsCode' };
    const far = { ...near, id: 'far', source: { ...near.source!, rect: [near.source!.rect![0], near.source!.rect![1] - 200, 60, 12] as [number, number, number, number] } };
    const crops = await flagCrops([flag!, near, far], new Map(originals.map((o) => [documentId(o.bytes), o])));
    expect([flag!.id, 'near', 'far'].map((id) => crops.get(id)!.kind)).toEqual(['raster', 'raster', 'vector']);
  });

  it('keeps every word of a value longer than a page inside its cell and the margins, and masks a FEIN typed into the remarks', async () => {
    const words = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ');
    const token = 'X'.repeat(300);
    const submission = structuredClone(result.submission);
    const description = submission.premises![0]!.operationsDescription!;
    description.value = description.raw = `${words} ${token}`;
    const fein = String(submission.namedInsureds![0]!.taxIdentifier!.value);
    const remark = submission.policy!.remarkText!;
    remark.value = remark.raw = `Insured FEIN ${fein}, call before quoting.`;
    const long = await build({ ...result, submission }, originals, 'restaurant-tx-long');
    const own = (await outline(long))[5]!.page - 1;
    let text = '';
    for (let n = 1; n <= own; n++) {
      const content = await (await long.getPage(n)).getTextContent({ includeMarkedContent: true });
      // A flag's crop is the original's own content, clipped: its text runs past the crop, not the packet's margins.
      let inCrop = false;
      for (const item of content.items) {
        if ('type' in item) inCrop = item.type === 'beginMarkedContent' ? (item as { tag?: string }).tag === 'Figure' : item.type === 'endMarkedContent' ? false : inCrop;
        if (inCrop || !('str' in item) || !item.str.trim()) continue;
        expect(item.transform[4]).toBeGreaterThanOrEqual(49.5);
        expect(item.transform[4] + item.width).toBeLessThanOrEqual(612 - 49.5);
        expect(item.transform[5]).toBeGreaterThanOrEqual(20);
      }
      text += content.items.map((i) => ('str' in i ? i.str : '')).join('');
    }
    expect(text).toContain(`Insured FEIN **-***${fein.slice(-4)}, call before quoting.`);
    expect(text).not.toContain(fein);
    expect(text).toContain('word0');
    expect(text).toContain('word899');
    expect(text.replace(/[^X]/g, '').length).toBeGreaterThanOrEqual(300);
  }, 60_000);
});

describe('the packet of office-ny-scan200 with an image file, an encrypted form and a file of no known kind', () => {
  const scan = readSample('office-ny-scan200');
  const junk = { fileName: 'notes.txt', bytes: new TextEncoder().encode('Call the insured back on Monday.\n') };
  // The encrypted XFA copy is licensed: read from ../shared at test time, never kept in the repo.
  const encrypted = hasSharedForms ? [{ fileName: 'acord-140-2014-12-encrypted-xfa.pdf', bytes: readSharedForm('acord-140-2014-12-encrypted-xfa.pdf') }] : [];
  let packet: PDFDocumentProxy;
  let files: OutlineNode[];
  let flagsAt: number;
  beforeAll(async () => {
    const result = await extractSubmission(scan);
    const source = await openPdf(scan[0]!.bytes, scan[0]!.fileName);
    const image = { fileName: 'page-photo.png', bytes: new Uint8Array(encodeGrayImage(await renderPdfPage(source, 1, 100), 'png')) };
    await source.destroy();
    const building = result.submission.property!.locations![0]!;
    const report = CheckReport.parse({
      lines: ['property'],
      checklist: [
        { id: 'construction', label: 'Construction class per building', why: 'COPE', when: 'quote', path: 'property.locations[*].construction.builtYear', status: 'flagged', flags: ['year:property.locations[0].construction.builtYear'] },
        { id: 'questions', label: 'Every question answered', why: 'Unanswered is undisclosed', when: 'quote', path: 'generalInformation.questions', status: 'missing', flags: ['q:AAA', 'q:AAB'] },
      ],
      flags: [
        ...['AAA', 'AAB'].map((q) => ({ id: `q:${q}`, path: `generalInformation.questions.${q}.answer`, code: 'missing', severity: 'blocking', when: 'quote', rule: 'questions', message: 'Missing: every question answered (Y or N).', source: null })),
        {
          id: 'year:property.locations[0].construction.builtYear',
          path: 'property.locations[0].construction.builtYear',
          code: 'appetite',
          severity: 'blocking',
          when: 'quote',
          rule: 'building-age',
          message: 'Built in 1965: buildings over 35 years old need an update form.',
          source: flagSource(result.submission, pageSource(building.construction!.builtYear), 'YR BUILT'),
          value: '1965',
        },
      ],
      appetite: null,
      formsNotRead: [],
      readyToQuote: false,
    });
    packet = await build(result, [...scan, image, ...encrypted, junk], 'office-ny-scan200', report);
    const tree = await outline(packet);
    files = tree[5]!.items;
    flagsAt = tree[3]!.page;
  }, 60_000);

  it('includes the scan copied, the image file as a page and the unknown file as a notice', async () => {
    const titles = files.map((f) => f.title);
    expect(titles.filter((t) => t !== encrypted[0]?.fileName)).toEqual(['acord-140-1.scan200.pdf', 'page-photo.png', 'notes.txt (not shown: see why)']);
    const at = (title: string) => files.find((f) => f.title === title)!.page;
    expect(at('page-photo.png') - at('acord-140-1.scan200.pdf')).toBe(3); // the scan's 3 pages
    const notice = at('notes.txt (not shown: see why)');
    expect(packet.numPages).toBe(notice);
    const [text] = await pageTexts(packet, notice, notice);
    expect(text).toContain('Original: notes.txt');
    expect(text).toContain('not a PDF, image or ACORD XML file');
    expect(text).toContain('It looks like');
  });

  it.skipIf(!hasSharedForms)('includes an encrypted XFA form pdf-lib cannot copy as its pages, rendered', async () => {
    const at = files.map((f) => f.page);
    const index = files.findIndex((f) => f.title === 'acord-140-2014-12-encrypted-xfa.pdf');
    expect(index).toBe(2);
    expect(at[index]! - at[index - 1]!).toBe(1); // the PNG before it: one page
    expect(at[index + 1]! - at[index]!).toBe(3); // the encrypted 140's 3 pages
    for (let n = at[index]!; n < at[index + 1]!; n++) {
      // A rendered page is one image: the form's printed words are not in its text layer.
      const [text] = await pageTexts(packet, n, n);
      expect(text).not.toContain('PROPERTY SECTION');
      const ops = await (await packet.getPage(n)).getOperatorList();
      expect(ops.fnArray.filter((op) => op === OPS.paintImageXObject)).toHaveLength(1);
    }
  });

  it('says a message shared by several flags of a checklist item once, with its count', async () => {
    const checklist = (await pageTexts(packet, flagsAt - 1, flagsAt - 1))[0]!;
    expect(checklist).toContain('Missing: every question answered (Y or N). (2 times)');
  });

  it('shows the flagged box on the scanned page', async () => {
    const ops = await (await packet.getPage(flagsAt)).getOperatorList();
    expect(ops.fnArray.filter((op) => op === OPS.paintImageXObject)).toHaveLength(1);
    const [text] = await pageTexts(packet, flagsAt, flagsAt);
    expect(text).toContain('acord-140-1.scan200.pdf, page 1, box "YR BUILT"');
  });
});

describe('a packet of a submission with nothing readable', () => {
  it('still has a cover saying so, the checklist, flags and summary pages, and the originals attached', async () => {
    const junk = { fileName: 'scan.docx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]) };
    const submission = { documents: [], conflicts: [], unplaced: [] };
    const report = CheckReport.parse({ lines: [], checklist: [], flags: [], appetite: null, formsNotRead: [], readyToQuote: false });
    const broken = { fileName: 'broken.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n%%EOF\n') };
    const bytes = await buildPacketPdf({ submission, report, outcome: null, originals: [junk, broken], received: RECEIVED });
    const packet = await openPdf(bytes, 'empty packet');
    const [cover] = await pageTexts(packet, 1, 1);
    expect(cover).toContain('Insured not read');
    expect(cover).toContain('Nothing could be read from the files of this submission');
    const tree = await outline(packet);
    expect(tree.map((n) => n.title)).toEqual(['Cover', 'Contents', 'Checklist', 'Flags', 'Data summary', 'Original documents']);
    expect(tree[5]!.items.map((n) => n.title)).toEqual(['scan.docx (not shown: see why)', 'broken.pdf (not shown: see why)']);
    const [notice, brokenNotice] = await pageTexts(packet, tree[5]!.page, tree[5]!.page + 1);
    expect(notice).toContain('It looks like a ZIP archive');
    expect(brokenNotice).toContain('Original: broken.pdf');
    expect(brokenNotice).toContain('It could not be shown (read as PDF)');
    expect(packet.numPages).toBe(tree[5]!.page + 1);
  });
});

describe('image files sent as originals', () => {
  it('become a page per image page, each the size the file says', async () => {
    const fixture = (name: string) => ({ fileName: name, bytes: new Uint8Array(readFileSync(path.resolve(import.meta.dirname, 'fixtures/images', name))) });
    const bytes = await buildPacketPdf({
      submission: { documents: [], conflicts: [], unplaced: [] },
      report: CheckReport.parse({ lines: [], checklist: [], flags: [], appetite: null, formsNotRead: [], readyToQuote: false }),
      outcome: null,
      originals: [fixture('scan-g4-2pages.tif'), fixture('fax-g3-204x98.tif')],
      received: RECEIVED,
    });
    const packet = await openPdf(bytes, 'image packet');
    const files = (await outline(packet))[5]!.items;
    expect(files.map((f) => [f.title, f.page])).toEqual([
      ['scan-g4-2pages.tif', files[0]!.page],
      ['fax-g3-204x98.tif', files[0]!.page + 2],
    ]);
    expect(packet.numPages).toBe(files[0]!.page + 2);
    for (let n = files[0]!.page; n <= packet.numPages; n++) {
      const page = await packet.getPage(n);
      const ops = await page.getOperatorList();
      expect(ops.fnArray.filter((op) => op === OPS.paintImageXObject)).toHaveLength(1);
    }
    // The fax's 204 x 98 dpi pixels are not square: its page keeps the Letter paper's shape, not the pixels'.
    const [, , width, height] = (await packet.getPage(packet.numPages)).view;
    expect(width).toBeCloseTo(610, 0);
    expect(height).toBeCloseTo(792, 0);
  });
});

describe('a 200-page original', () => {
  it('is appended whole', async () => {
    const form = await PDFDocument.load(readFileSync(path.join(SAMPLES, 'restaurant-tx-flat/acord-125.flat.pdf')));
    const big = await PDFDocument.create();
    for (const page of await big.copyPages(form, Array.from({ length: 200 }, (_, i) => i % 4))) big.addPage(page);
    const bytes = await buildPacketPdf({
      submission: { documents: [], conflicts: [], unplaced: [] },
      report: CheckReport.parse({ lines: [], checklist: [], flags: [], appetite: null, formsNotRead: [], readyToQuote: false }),
      outcome: null,
      originals: [{ fileName: 'archive.pdf', bytes: await big.save() }],
      received: RECEIVED,
    });
    const packet = await openPdf(bytes, '200-page packet');
    const tree = await outline(packet);
    expect(packet.numPages - tree[5]!.page + 1).toBe(200);
  }, 60_000);
});
