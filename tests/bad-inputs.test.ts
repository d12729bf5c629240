import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractSubmission } from '../src/read/extract/extract-submission.js';

/** A shipped sample, so the good file beside the bad ones is a real ACORD form on every machine. */
const GOOD_126 = new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../samples/contractor-co/acord-126.pdf')));

const utf8 = (s: string) => new TextEncoder().encode(s);

async function plainPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  page.drawText(text, { x: 72, y: 700, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

describe('bad input gets a clear error and loses nothing', () => {
  it('reports each unreadable file with a code and a message naming it, and still reads the rest', async () => {
    const good = GOOD_126;
    const truncated = good.slice(0, Math.floor(good.length / 3));
    const { submission, failures } = await extractSubmission([
      { fileName: 'photo.gif', bytes: utf8('GIF89a....') },
      { fileName: 'empty.pdf', bytes: new Uint8Array() },
      { fileName: 'garbage.pdf', bytes: utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a pdf body\n') },
      { fileName: 'truncated.pdf', bytes: truncated },
      { fileName: 'letter.pdf', bytes: await plainPdf('Dear underwriter, please find attached.') },
      { fileName: 'broken.xml', bytes: utf8('<ACORD><InsuranceSvcRq>') },
      { fileName: 'good.pdf', bytes: good },
    ]);
    const byFile = Object.fromEntries(failures.map((f) => [f.fileName, f]));
    expect(byFile['photo.gif']).toMatchObject({ code: 'unsupported-file', message: expect.stringMatching(/^photo\.gif: not a PDF.*GIF/) });
    expect(byFile['empty.pdf']).toMatchObject({ code: 'unsupported-file', message: expect.stringMatching(/^empty\.pdf: .*empty/) });
    expect(byFile['garbage.pdf']).toMatchObject({ code: 'pdf-corrupt', message: 'garbage.pdf: pdfjs could not parse it (Invalid PDF structure.) (file read as PDF)' });
    expect(byFile['truncated.pdf']).toMatchObject({ code: 'pdf-corrupt', message: 'truncated.pdf: pdfjs could not parse it (Invalid PDF structure.) (file read as PDF)' });
    expect(byFile['letter.pdf']).toMatchObject({ code: 'unknown-form', message: expect.stringMatching(/^letter\.pdf: none of its 1 page\(s\) is an ACORD 125, 126 or 140/) });
    expect(byFile['broken.xml']).toMatchObject({ code: 'xml-malformed', message: expect.stringMatching(/^broken\.xml: /) });
    expect(failures.map((f) => f.retryable)).toEqual(failures.map(() => false));
    expect(Object.keys(byFile).sort()).toEqual(['broken.xml', 'empty.pdf', 'garbage.pdf', 'letter.pdf', 'photo.gif', 'truncated.pdf']);
    expect(submission.documents.map((d) => d.fileName)).toEqual(['good.pdf']);
    expect(submission.namedInsureds?.[0]?.fullName?.raw).toBeTruthy();
  });

  it('reads the same bytes dropped twice once, and says so', async () => {
    const bytes = await plainPdf('ACORD 125 (2016/03)');
    const { submission, warnings, failures } = await extractSubmission([
      { fileName: 'a.pdf', bytes },
      { fileName: 'copy-of-a.pdf', bytes },
    ]);
    expect(warnings).toContain('copy-of-a.pdf: the same bytes as a.pdf; read once');
    expect(submission.documents.length + failures.length).toBe(1);
  });

  it('refuses a password-protected PDF with a message saying what to do', async () => {
    // A minimal PDF whose /Encrypt needs a user password pdfjs cannot supply.
    const bytes = utf8(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
        '3 0 obj<</Filter/Standard/V 2/R 3/Length 128/P -44/O(0123456789abcdef0123456789abcdef)/U(0123456789abcdef0123456789abcdef)>>endobj\n' +
        'trailer<</Root 1 0 R/Encrypt 3 0 R/ID[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]>>\n%%EOF\n',
    );
    const { failures } = await extractSubmission([{ fileName: 'locked.pdf', bytes }]);
    expect(failures).toEqual([
      { fileName: 'locked.pdf', code: 'pdf-encrypted', message: 'locked.pdf: the PDF needs a password to open; ask the sender for an unprotected copy (file read as PDF)', retryable: false },
    ]);
  });
});
