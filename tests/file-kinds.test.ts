import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AcordPrepError } from '../src/errors.js';
import { extractDocument, type ExtractedDocument } from '../src/read/extract/extract-document.js';
import { sniffFileKind } from '../src/read/file-kinds/sniff-file-kind.js';

// Shipped samples (not ../shared): these tests run everywhere.
const SAMPLE = path.resolve(import.meta.dirname, '../samples/contractor-co');
const XML_TEXT = readFileSync(path.join(SAMPLE, 'submission.xml'), 'utf8');
const PDF = new Uint8Array(readFileSync(path.join(SAMPLE, 'acord-125.pdf')));
const INSURED = 'Timberline Remodeling LLC';

/** The sample's text with its declaration naming `encoding` (or no declaration). */
const declaring = (encoding: string | null, text = XML_TEXT) =>
  text.replace(/^<\?xml[^>]*\?>/, encoding ? `<?xml version="1.0" encoding="${encoding}"?>` : '');

const utf16le = (text: string, bom: boolean) => new Uint8Array(Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le'));
const utf16be = (text: string, bom: boolean) => new Uint8Array(Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le').swap16());
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

const insuredOf = (doc: ExtractedDocument) => doc.parts[0]?.namedInsureds?.[0]?.fullName?.value;

async function refusal(bytes: Uint8Array, fileName: string): Promise<AcordPrepError> {
  const err = await extractDocument(bytes, fileName).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AcordPrepError);
  return err as AcordPrepError;
}

describe('file kinds are told by their bytes', () => {
  it.each([
    ['UTF-16 LE with byte-order mark', utf16le(declaring('UTF-16'), true), 'utf-16le', 2],
    ['UTF-16 LE without byte-order mark', utf16le(declaring('UTF-16'), false), 'utf-16le', 0],
    ['UTF-16 BE with byte-order mark', utf16be(declaring('UTF-16'), true), 'utf-16be', 2],
    ['UTF-16 BE without byte-order mark, no declaration, leading blank line', utf16be('\r\n' + declaring(null), false), 'utf-16be', 0],
    ['UTF-8 with byte-order mark', concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(XML_TEXT)), 'utf-8', 3],
  ])('ACORD XML in %s is read, values and all', async (_, bytes, label, bom) => {
    expect(sniffFileKind(bytes)).toMatchObject({ kind: 'xml', encoding: { label, bom } });
    const doc = await extractDocument(bytes, 'request.xml');
    expect(doc.document).toMatchObject({ fileName: 'request.xml', kind: 'acord-xml' });
    expect(insuredOf(doc)).toBe(INSURED);
    expect(doc.parts[0]?.producer?.contactPerson?.fullName?.value).toBe('Thomas Nakamura');
  });

  it('XML declaring ISO-8859-1 is decoded as Latin-1: an é in a name survives', async () => {
    const text = declaring('ISO-8859-1').replace(INSURED, 'Café Timberline Rénovation LLC');
    const bytes = new Uint8Array(Buffer.from(text, 'latin1'));
    expect(bytes.includes(0xe9)).toBe(true); // one byte, not UTF-8's two
    expect(sniffFileKind(bytes)).toMatchObject({ kind: 'xml', encoding: { label: 'iso-8859-1', by: 'declaration' } });
    expect(insuredOf(await extractDocument(bytes, 'latin1.xml'))).toBe('Café Timberline Rénovation LLC');
  });

  it('8-bit XML declaring UTF-16 (a .NET string written as UTF-8) is read as UTF-8', async () => {
    const bytes = utf8(declaring('utf-16').replace(INSURED, 'Café Timberline LLC'));
    expect(sniffFileKind(bytes)).toMatchObject({ kind: 'xml', encoding: { label: 'utf-8' } });
    expect(insuredOf(await extractDocument(bytes, 'dotnet.xml'))).toBe('Café Timberline LLC');
  });

  it('XML that mentions %PDF- in a comment in its first KiB is XML, not a corrupt PDF', async () => {
    const text = XML_TEXT.replace('<ACORD>', '<!-- converted from %PDF-1.7 application.pdf by the agency system -->\n<ACORD>');
    expect(text.indexOf('%PDF-')).toBeLessThan(1024);
    const bytes = utf8(text);
    expect(sniffFileKind(bytes).kind).toBe('xml');
    const doc = await extractDocument(bytes, 'mentions-pdf.xml');
    expect(doc.document.kind).toBe('acord-xml');
    expect(insuredOf(doc)).toBe(INSURED);
  });

  it('a PDF with junk bytes before %PDF- is read as the PDF, values and all', async () => {
    const bytes = concat(new Uint8Array([0x00, 0x0d, 0x0a, 0x1a, 0x7f, 0x20]), utf8('junk\n'), PDF);
    expect(sniffFileKind(bytes)).toEqual({ kind: 'pdf', headerAt: 11 });
    const doc = await extractDocument(bytes, 'junk-first.pdf');
    expect(doc.document).toMatchObject({ kind: 'pdf', pageCount: 4, forms: [{ form: '125', edition: '2016/03' }] });
    expect(insuredOf(doc)).toBe(INSURED);
  });

  it('%PDF- after a "<" is not a PDF header', () => {
    expect(sniffFileKind(utf8('<html>%PDF-1.4</html>')).kind).toBe('xml');
    expect(sniffFileKind(utf8('  \n%PDF-1.4\n')).kind).toBe('pdf');
  });

  it('images by their magic numbers; the rest is unknown with what it looks like', () => {
    expect(sniffFileKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ kind: 'image', type: 'jpeg' });
    expect(sniffFileKind(new Uint8Array([0x49, 0x49, 0x2a, 0x00]))).toEqual({ kind: 'image', type: 'tiff' });
    expect(sniffFileKind(utf8('PK\x03\x04rest'))).toMatchObject({ kind: 'unknown', looksLike: expect.stringMatching(/ZIP archive/) });
    expect(sniffFileKind(new Uint8Array())).toMatchObject({ kind: 'unknown', looksLike: expect.stringMatching(/empty file/) });
    expect(sniffFileKind(utf8('Dear underwriter,\nplease find attached.'))).toMatchObject({ kind: 'unknown', looksLike: expect.stringMatching(/text that is not XML/) });
  });
});

describe('every refusal names the kind the file was taken for', () => {
  it('a file of no kind we read: unsupported-file saying what it looks like', async () => {
    const err = await refusal(utf8('PK\x03\x04\x14\x00\x06\x00 word/document.xml'), 'application.docx');
    expect(err.code).toBe('unsupported-file');
    expect(err.message).toBe(
      'application.docx: not a PDF, a scanned image (TIFF, JPEG, PNG), ACORD XML or a schedule of values (.xlsx, .csv): it looks like a ZIP archive that is not an Excel workbook (a Word file, or several files zipped): unzip it and send the forms inside (.xlsx schedules of values are read as they are)',
    );
  });

  it('junk, then a broken PDF: pdf-corrupt, read as a PDF', async () => {
    const err = await refusal(utf8('\r\n%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a pdf body\n'), 'garbage.pdf');
    expect(err.code).toBe('pdf-corrupt');
    expect(err.message).toMatch(/^garbage\.pdf: pdfjs could not parse it \(.*\) \(file read as PDF \(%PDF- after 2 byte\(s\) of junk\)\)$/);
  });

  it('malformed UTF-16 XML: xml-malformed, read as XML in UTF-16', async () => {
    const err = await refusal(utf16le('<ACORD><InsuranceSvcRq>', true), 'broken.xml');
    expect(err.code).toBe('xml-malformed');
    expect(err.message).toMatch(/^broken\.xml: is not well-formed XML: .* \(file read as XML \(UTF-16 LE with byte-order mark\)\)$/);
  });

  it('a truncated TIFF: image-*, read as a TIFF image', async () => {
    const err = await refusal(utf8('II*\0 not really'), 'scan.tif');
    expect(err.code).toMatch(/^image-(truncated|corrupt)$/);
    expect(err.message).toMatch(/^scan\.tif: .*TIFF.* \(file read as TIFF image\)$/);
  });
});
