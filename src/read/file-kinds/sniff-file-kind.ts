import { sniffImageType, type ImageType } from './sniff-image-type.js';
import { isXlsxWorkbook } from './zip-entry-names.js';

/**
 * What a file is, from its first bytes (names and MIME types lie): a PDF, a scanned image, XML in a
 * given character encoding, or unknown (with what it looks like, for the refusal).
 */
export type FileKind =
  | { kind: 'pdf'; /** where `%PDF-` starts (producers may put junk before it) */ headerAt: number }
  | { kind: 'image'; type: ImageType }
  | { kind: 'xml'; encoding: XmlEncoding }
  | { kind: 'unknown'; looksLike: string };

export type XmlEncoding = {
  /** A TextDecoder label: utf-8, utf-16le, utf-16be, or the one the XML declaration names (iso-8859-1 …). */
  label: string;
  /** Bytes of byte-order mark before the text. */
  bom: number;
  /** How the encoding was told: by byte-order mark, by the pattern of zero bytes around `<`, by the declaration, or by default. */
  by: 'bom' | 'zero-bytes' | 'declaration' | 'default';
};

/** PDF readers accept junk before the header within the first KiB. */
const PDF_HEADER_WINDOW = 1024;
const XML_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The first non-whitespace code unit of UTF-16 text is `<` (`<\0` little-endian, `\0<` big-endian). */
function utf16StartsWithLt(bytes: Uint8Array, littleEndian: boolean): boolean {
  const [lo, hi] = littleEndian ? [0, 1] : [1, 0];
  for (let i = 0; i + 1 < Math.min(bytes.length, 256); i += 2) {
    if (bytes[i + hi] !== 0) return false;
    const unit = bytes[i + lo]!;
    if (unit === 0x3c) return true;
    if (!XML_WHITESPACE.has(unit)) return false;
  }
  return false;
}

const DECLARED_ENCODING = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/**
 * The character encoding of XML bytes (XML 1.0 appendix F): a byte-order mark first, then the zero bytes
 * of UTF-16 text without one, then the encoding its declaration names, else UTF-8. A declaration of
 * UTF-16 on 8-bit text (a .NET string written out as UTF-8) is ignored: the bytes say UTF-8.
 */
export function xmlEncoding(bytes: Uint8Array): XmlEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', bom: 3, by: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', bom: 2, by: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', bom: 2, by: 'bom' };
  if (utf16StartsWithLt(bytes, true)) return { label: 'utf-16le', bom: 0, by: 'zero-bytes' };
  if (utf16StartsWithLt(bytes, false)) return { label: 'utf-16be', bom: 0, by: 'zero-bytes' };
  // The declaration is ASCII in every 8-bit encoding we accept, so latin1 reads it safely.
  const declared = DECLARED_ENCODING.exec(Buffer.from(bytes.subarray(0, 256)).toString('latin1'))?.[1]?.toLowerCase();
  if (declared && !/^(utf-?16|ucs-?2)/.test(declared)) return { label: declared, bom: 0, by: 'declaration' };
  return { label: 'utf-8', bom: 0, by: 'default' };
}

/** The encoding's name for people: "UTF-16 LE with byte-order mark", "ISO-8859-1 (declared)". */
export function describeXmlEncoding({ label, bom, by }: XmlEncoding): string {
  const name = label.replace(/^utf-16(le|be)$/, (_, e: string) => `UTF-16 ${e.toUpperCase()}`).replace(/^utf-8$/, 'UTF-8');
  return by === 'bom' || by === 'zero-bytes' ? `${name}${bom ? ' with byte-order mark' : ' without byte-order mark'}` : by === 'declaration' ? `${name.toUpperCase()} (declared)` : name;
}

/** The first characters of the XML text, or null when the bytes are not text in that encoding. */
function xmlHead(bytes: Uint8Array, encoding: XmlEncoding): string | null {
  // Whole UTF-16 code units; a multi-byte UTF-8 sequence cut at the end decodes as one replacement character.
  const end = Math.min(bytes.length, encoding.bom + 512);
  try {
    return new TextDecoder(encoding.label, { ignoreBOM: true }).decode(bytes.subarray(encoding.bom, end));
  } catch {
    // An encoding TextDecoder does not know: judge by the ASCII of the head; the XML reader names the encoding it refuses.
    return Buffer.from(bytes.subarray(0, end)).toString('latin1');
  }
}

const MAGIC: [RegExp, string][] = [
  [/^PK\x03\x04/, 'a ZIP archive that is not an Excel workbook (a Word file, or several files zipped): unzip it and send the forms inside (.xlsx schedules of values are read as they are)'],
  [/^\xd0\xcf\x11\xe0/, 'an Office or Outlook file (.doc, .xls, .msg): save the forms as PDF'],
  [/^GIF8[79]a/, 'a GIF image: send the scan as PDF, TIFF, JPEG or PNG'],
  [/^BM/, 'a BMP image: send the scan as PDF, TIFF, JPEG or PNG'],
  [/^RIFF....WEBP/s, 'a WebP image: send the scan as PDF, TIFF, JPEG or PNG'],
  [/^....ftyp(heic|heix|mif1|avif)/s, 'a HEIC/AVIF photo: send the scan as PDF, TIFF, JPEG or PNG'],
  [/^\{\\rtf/, 'an RTF document: save the forms as PDF'],
  [/^(From |Received:|Return-Path:|MIME-Version:)/, 'an e-mail message: save its attachments and send those'],
];

/** Text, not binary data: hardly any control characters in its first KiB. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 1024);
  let control = 0;
  for (const b of sample) if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  return control <= sample.length / 100;
}

/** What bytes that are none of the kinds we read look like, for the refusal. */
function looksLike(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file (0 bytes): it was not saved or not copied whole; ask for the file again';
  if (isXlsxWorkbook(bytes)) return 'an Excel workbook (.xlsx): read as a schedule of values, not as forms';
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  for (const [magic, what] of MAGIC) if (magic.test(head)) return what;
  return looksLikeText(bytes)
    ? 'text that is not XML (it does not start with "<"): send the ACORD forms as PDF, a TIFF/JPEG/PNG scan or ACORD XML (a schedule of values as .xlsx or .csv)'
    : 'binary data of no kind we read (not a PDF, a TIFF/JPEG/PNG scan or ACORD XML); send the ACORD forms in one of those';
}

/**
 * The kind of an input file. An image by its magic number; a PDF when `%PDF-` starts it, after at most
 * whitespace or junk that holds no `<` (so XML that mentions `%PDF-` in a comment stays XML); XML when its
 * first character, in the encoding its bytes or declaration say, is `<`; anything else is unknown.
 */
export function sniffFileKind(bytes: Uint8Array): FileKind {
  const image = sniffImageType(bytes);
  if (image) return { kind: 'image', type: image };
  const window = Buffer.from(bytes.subarray(0, PDF_HEADER_WINDOW)).toString('latin1');
  const headerAt = window.indexOf('%PDF-');
  if (headerAt >= 0 && !window.slice(0, headerAt).includes('<')) return { kind: 'pdf', headerAt };
  const encoding = xmlEncoding(bytes);
  const head = xmlHead(bytes, encoding);
  if (head?.replace(/^\uFEFF/, '').trimStart().startsWith('<')) return { kind: 'xml', encoding };
  return { kind: 'unknown', looksLike: looksLike(bytes) };
}

/** The kind as the refusal of a file believed to be of it names it: "PDF", "TIFF image", "XML (UTF-16 LE with byte-order mark)". */
export function describeFileKind(kind: FileKind): string {
  switch (kind.kind) {
    case 'pdf':
      return kind.headerAt ? `PDF (%PDF- after ${kind.headerAt} byte(s) of junk)` : 'PDF';
    case 'image':
      return `${kind.type.toUpperCase()} image`;
    case 'xml':
      return `XML (${describeXmlEncoding(kind.encoding)})`;
    case 'unknown':
      return 'file of unknown kind';
  }
}
