import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pdfOfOutlines } from '../bench/outlines-pdf.js';
import { loadLimits } from '../src/config/limits.js';
import { AcordPrepError } from '../src/errors.js';
import { DocumentReaderThread } from '../src/read/extract/document-reader-thread.js';
import { extractDocument } from '../src/read/extract/extract-document.js';

const sample = (name: string) => new Uint8Array(readFileSync(path.resolve('samples/contractor-co', name)));
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('the document was read'),
    (err: unknown) => err as AcordPrepError,
  );

const readers: DocumentReaderThread[] = [];
const readerWith = (overrides: Parameters<typeof loadLimits>[0]) => {
  const reader = new DocumentReaderThread(loadLimits(overrides, {}));
  readers.push(reader);
  return reader;
};
afterEach(async () => {
  for (const reader of readers.splice(0)) await reader.close();
});

describe('DocumentReaderThread', () => {
  // 300,000 outlines on one page: pdfjs builds its operator list in one synchronous step (~9 s, a few hundred MB).
  let slow: Uint8Array;
  beforeAll(async () => {
    slow = await pdfOfOutlines(300_000);
  });

  it('reads documents one after another in one thread, as extractDocument does in place', async () => {
    const reader = readerWith({});
    const first = await reader.read(sample('acord-125.pdf'), 'acord-125.pdf');
    const thread = reader.threadId;
    const xml = await reader.read(sample('submission.xml'), 'submission.xml');
    expect(reader.threadId).toBe(thread);
    // What crossed the thread boundary (structured clone) is what reading here gives.
    expect(first).toEqual(await extractDocument(sample('acord-125.pdf'), 'acord-125.pdf'));
    expect(xml).toEqual(await extractDocument(sample('submission.xml'), 'submission.xml'));
  });

  it('stops a page that never yields at the deadline, and reads the next document in a fresh thread', async () => {
    // A deadline inside the page's synchronous step (~5 s on an idle machine, longer on a busy one), and long
    // enough for the thread to load pdfjs (at the first PDF that needs it) and open the file first, even on a
    // busy one: it must be stopped on page 1, by terminating the thread.
    const reader = readerWith({ msPerDocument: 4_000 });
    await reader.start();
    const killed = reader.threadId;
    const err = await refusal(reader.read(slow, 'outlines.pdf'));
    expect(err).toBeInstanceOf(AcordPrepError);
    expect({ code: err.code, page: err.page, retryable: err.retryable }).toEqual({ code: 'deadline-exceeded', page: 1, retryable: true });
    expect(err.message).toMatch(/^outlines\.pdf \(page 1\): reading took longer than the 4 s allowed per document/);
    // Terminated, not left running: the reader holds no thread until the next read starts one.
    expect(reader.threadId).toBeUndefined();

    // ACORD XML: read well inside 4 s by a fresh thread (a PDF's first read also loads pdfjs's worker code).
    const next = await reader.read(sample('submission.xml'), 'submission.xml');
    expect(reader.threadId).not.toBe(killed);
    expect(next.document.forms.map((f) => f.form)).toContain('125');
    expect(next.parts[0]?.namedInsureds?.[0]?.fullName?.value).toBeTruthy();
  });

  // Filling 128 MB of heap with a page's operator list took 34–62 s with the machine loaded 14 deep.
  it('refuses a document that goes over the thread heap as out-of-memory, and reads on', { timeout: 150_000 }, async () => {
    const reader = readerWith({ heapMbPerDocument: 128 });
    const err = await refusal(reader.read(slow, 'outlines.pdf'));
    expect({ code: err.code, retryable: err.retryable }).toEqual({ code: 'out-of-memory', retryable: true });
    expect(err.message).toContain('128 MB heap allowed per document');
    expect(reader.threadId).toBeUndefined();

    const next = await reader.read(sample('acord-125.pdf'), 'acord-125.pdf');
    expect(next.document.forms.map((f) => f.form)).toEqual(['125']);
  });

  it("passes the reader's refusals through with their code, page and message", async () => {
    const reader = readerWith({});
    const err = await refusal(reader.read(new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage\n%%EOF\n'), 'broken.pdf'));
    const here = await refusal(extractDocument(new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage\n%%EOF\n'), 'broken.pdf'));
    expect(err).toBeInstanceOf(AcordPrepError);
    expect({ name: err.name, code: err.code, message: err.message, retryable: err.retryable }).toEqual({ name: here.name, code: here.code, message: here.message, retryable: false });
  });
});
