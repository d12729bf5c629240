import { z } from 'zod';

const MiB = 1024 * 1024;
const count = () => z.number().int().positive();

/**
 * Every bound on what one input may cost, in one place. Each reader checks its bound before it
 * allocates; over a bound the file is refused with a typed error (`pdf-too-large`, `image-too-large`,
 * `xml-too-large`, `deadline-exceeded`) whose message says what to do.
 */
export const LimitsSchema = z
  .object({
    /** Bytes of one input file (PDF, image, XML): a real submission PDF is a few MB. */
    fileBytes: count().default(100 * MiB),
    /** Pages of one document: a submission is a few forms of 3–5 pages; hundreds is a scanned archive. */
    pagesPerDocument: count().default(200),
    /** Pixels of one image painted on a PDF page or one image file page, as stored. pdfjs skips larger images. */
    pixelsPerImage: count().default(60_000_000),
    /** Pixels of one decoded page (after non-square pixels are squared): a Letter page at 600 dpi is 33.7 MP. */
    pixelsPerPage: count().default(60_000_000),
    /** Pixels decoded for one whole document: 200 Letter pages at 300 dpi are 1.7 G. */
    pixelsPerDocument: count().default(2_000_000_000),
    /** Bytes of an XML file: an ACORD request for a large schedule is a few MB. */
    xmlBytes: count().default(20 * MiB),
    /** Element nesting of an XML file: ACORD requests nest about 12 levels (14 inside a SOAP envelope). */
    xmlDepth: count().default(64),
    /** Elements of an XML file: a 5,000-location property schedule is about 250,000. */
    xmlElements: count().default(500_000),
    /**
     * Milliseconds one document may take to read: checked between pages, and the reading thread is
     * stopped (even inside a page) when it has not answered shortly after.
     */
    msPerDocument: count().default(10 * 60_000),
    /**
     * MB of JavaScript heap the thread reading a document may use (its old generation); over it the read
     * fails as `out-of-memory` (retryable) instead of taking the process down. pdfjs keeps a page's
     * operator list here: 300,000 drawn shapes is a few hundred MB. Under 128 the thread cannot start.
     */
    heapMbPerDocument: z.number().int().min(128).default(1024),
  })
  .strict();

export type Limits = Readonly<z.output<typeof LimitsSchema>>;
export type LimitOverrides = Partial<z.input<typeof LimitsSchema>>;

/** The environment variable holding a JSON object of overrides, e.g. `{"pagesPerDocument":50}`. */
export const LIMITS_ENV = 'ACORD_PREP_LIMITS';

export const DEFAULT_LIMITS: Limits = Object.freeze(LimitsSchema.parse({}));

/**
 * The limits to use: defaults, then the JSON object in ACORD_PREP_LIMITS (when set), then `overrides`.
 * Unknown keys and non-positive or non-integer values are refused with an Error naming them.
 */
export function loadLimits(overrides: LimitOverrides = {}, env: Readonly<Record<string, string | undefined>> = process.env): Limits {
  let fromEnv: unknown = {};
  const raw = env[LIMITS_ENV];
  if (raw?.trim()) {
    try {
      fromEnv = JSON.parse(raw);
    } catch (err) {
      throw new Error(`${LIMITS_ENV} is not JSON: ${(err as Error).message}`);
    }
    if (typeof fromEnv !== 'object' || fromEnv === null || Array.isArray(fromEnv)) throw new Error(`${LIMITS_ENV} must be a JSON object`);
  }
  const parsed = LimitsSchema.safeParse({ ...(fromEnv as object), ...overrides });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(limits)'}: ${i.message}`).join('; ');
    throw new Error(`invalid limits: ${problems}`);
  }
  return Object.freeze(parsed.data);
}

/** Megabytes or megapixels for messages: 1 decimal under 10, whole above. */
export const mega = (n: number, unit = 1e6) => {
  const m = n / unit;
  return m < 10 ? String(Math.round(m * 10) / 10) : String(Math.round(m));
};

/** A byte count for messages: KB under 1 MB, else MB (binary units). */
export const formatBytes = (n: number) => (n < 1024 * 1024 ? `${mega(n, 1024)} KB` : `${mega(n, 1024 * 1024)} MB`);
