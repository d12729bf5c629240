import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AcordPrepError,
  asAcordPrepError,
  ImageReadError,
  OcrJobError,
  PdfReadError,
  TransientError,
  UnknownFormError,
  UnsupportedFileError,
  XmlReadError,
} from '../src/errors.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { FIELD_WHITELISTS } from '../src/read/ocr/field-whitelists.js';
import type { OcrRequest, OcrResult } from '../src/read/ocr/ocr-engine.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import type { GrayImage } from '../src/read/raster/gray-image.js';

const SAMPLES = path.resolve(import.meta.dirname, '../samples');
const sample = (p: string) => ({ fileName: path.basename(p), bytes: new Uint8Array(readFileSync(path.join(SAMPLES, p))) });

describe('each error says whether the file is worth another try', () => {
  it('the file at fault is permanent: corrupt, encrypted, unsupported, over a limit, no form we know', () => {
    const permanent: AcordPrepError[] = [
      new PdfReadError('a.pdf', 'corrupt', 'x'),
      new PdfReadError('a.pdf', 'encrypted', 'x'),
      new PdfReadError('a.pdf', 'too-large', 'x'),
      new PdfReadError('a.pdf', 'no-pages', 'x'),
      new PdfReadError('a.pdf', 'not-a-pdf', 'x'),
      new ImageReadError('a.tif', 'corrupt', 'x'),
      new ImageReadError('a.tif', 'truncated', 'x', 2),
      new ImageReadError('a.tif', 'too-large', 'x'),
      new ImageReadError('a.tif', 'unsupported', 'x'),
      new XmlReadError('a.xml', 'malformed', 'x'),
      new XmlReadError('a.xml', 'entities', 'x'),
      new XmlReadError('a.xml', 'too-large', 'x'),
      new UnknownFormError('a.pdf', 'x'),
      new UnsupportedFileError('a.doc', 'x'),
      new AcordPrepError('a.pdf', 'internal-error', 'x'),
    ];
    for (const err of permanent) expect(err.retryable, err.code).toBe(false);
  });

  it('the machine at fault is transient: time-outs, crashed workers, out of memory', () => {
    for (const problem of ['ocr-timeout', 'ocr-worker-died', 'ocr-unavailable', 'out-of-memory', 'timeout'] as const) {
      const err = new TransientError('scan.pdf', problem, 'try again later', 2);
      expect(err).toBeInstanceOf(AcordPrepError);
      expect(err).toMatchObject({ code: problem, retryable: true, page: 2, name: 'TransientError' });
      expect(err.message).toBe('scan.pdf (page 2): try again later');
    }
  });

  it('anything thrown while reading becomes an AcordPrepError that says which', () => {
    const ours = new PdfReadError('a.pdf', 'corrupt', 'x');
    expect(asAcordPrepError(ours, 'a.pdf')).toBe(ours);
    expect(asAcordPrepError(new OcrJobError('timeout', 'OCR job took over 10 ms'), 'scan.pdf')).toMatchObject({ code: 'ocr-timeout', retryable: true });
    expect(asAcordPrepError(new OcrJobError('worker-died', 'OCR worker thread exited (code 1)'), 'scan.pdf')).toMatchObject({ code: 'ocr-worker-died', retryable: true });
    expect(asAcordPrepError(new OcrJobError('unavailable', 'OcrPool is closed'), 'scan.pdf')).toMatchObject({ code: 'ocr-unavailable', retryable: true });
    expect(asAcordPrepError(new RangeError('Array buffer allocation failed'), 'big.pdf')).toMatchObject({ code: 'out-of-memory', retryable: true });
    const bug = asAcordPrepError(new TypeError("Cannot read properties of undefined (reading 'x')"), 'a.pdf');
    expect(bug).toMatchObject({ code: 'internal-error', retryable: false });
    expect(bug.message).toBe("a.pdf: unexpected failure while reading (Cannot read properties of undefined (reading 'x')); please report it with the file");
  });

  it('the OCR pool says how a job failed: a time-out is an OcrJobError with reason timeout', async () => {
    const pool = new OcrPool({ workers: 1, jobTimeoutMs: 1 });
    try {
      const white: GrayImage = { width: 40, height: 20, dpi: 300, data: new Uint8Array(800).fill(255) };
      const err = await pool.recognize(white).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OcrJobError);
      expect(err).toMatchObject({ reason: 'timeout', message: 'OCR job took over 1 ms; worker replaced' });
    } finally {
      await pool.close();
    }
    expect(await pool.recognize({ width: 1, height: 1, dpi: 300, data: new Uint8Array(1) }).catch((e: unknown) => e)).toMatchObject({ reason: 'unavailable' });
  });
});

/** A real pool whose `fail`-chosen jobs reject as a hung worker would, without waiting for one. */
class FlakyPool extends OcrPool {
  failed = 0;
  constructor(private readonly fail: (request: OcrRequest, call: number) => boolean) {
    super({ workers: 2 });
  }
  private calls = 0;
  override recognize(image: GrayImage, request: OcrRequest = {}): Promise<OcrResult> {
    if (this.fail(request, ++this.calls)) {
      this.failed++;
      return Promise.reject(new OcrJobError('timeout', 'OCR job took over 30000 ms; worker replaced'));
    }
    return super.recognize(image, request);
  }
}

describe('retryable through the outcome of extractSubmission', () => {
  const pools: OcrPool[] = [];
  afterAll(async () => Promise.all(pools.map((p) => p.close())));

  it('a corrupt PDF fails for good (retryable false) and the good sample beside it is read', async () => {
    const corrupt = { fileName: 'corrupt.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\ngarbage') };
    const { outcome, failures } = await extractSubmission([corrupt, sample('contractor-co/acord-125.pdf')]);
    expect(failures).toEqual([{ fileName: 'corrupt.pdf', code: 'pdf-corrupt', message: 'corrupt.pdf: pdfjs could not parse it (Invalid PDF structure.) (file read as PDF)', retryable: false }]);
    expect(outcome.files[0]).toMatchObject({ status: 'failed', error: { code: 'pdf-corrupt', retryable: false } });
    expect(outcome.files[1]).toMatchObject({ status: 'read', fieldsNotRead: [] });
  });

  it("one box's OCR time-out marks that box unreadable; the scanned document is still read", async () => {
    // The first money box read times out (a money box is printed on one page only: no other page reads it).
    const pool: FlakyPool = new FlakyPool((request) => request.whitelist === FIELD_WHITELISTS.money && pool.failed === 0);
    pools.push(pool);
    const { outcome, failures } = await extractSubmission([sample('office-ny-scan300/acord-140-1.scan300.pdf')], { ocr: () => pool });
    expect(failures).toEqual([]);
    expect(pool.failed).toBe(1);
    const [file] = outcome.files;
    expect(file!.status).toBe('incomplete');
    expect(file!.valuesRead).toBeGreaterThan(50);
    expect(file!.fieldsNotRead).toEqual([
      { page: expect.any(Number), rect: expect.any(Array), field: expect.any(String), path: expect.any(String), reason: 'ocr-timeout', detail: 'OCR job took over 30000 ms; worker replaced' },
    ]);
    expect(file!.fieldsNotRead[0]!.path).toMatch(/amount|limit|value|premium|deductible/i);
    expect(file!.warnings.filter((w) => w.includes('not read (ocr-timeout'))).toHaveLength(1);
    expect(outcome.status).toBe('incomplete');
  });

  it('OCR timing out where it must identify the scan fails the document as retryable', async () => {
    const pool = new FlakyPool(() => true);
    pools.push(pool);
    const { outcome, failures } = await extractSubmission([sample('office-ny-scan300/acord-140-1.scan300.pdf'), sample('office-ny/submission.xml')], { ocr: () => pool });
    expect(failures).toEqual([{ fileName: 'acord-140-1.scan300.pdf', code: 'ocr-timeout', message: expect.stringContaining('try again later'), retryable: true }]);
    expect(outcome.files[0]).toMatchObject({ status: 'failed', error: { code: 'ocr-timeout', retryable: true } });
    expect(outcome.files[1]!.status).not.toBe('failed');
  });
});
