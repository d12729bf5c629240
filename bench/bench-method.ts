import { REVIEW_THRESHOLD } from '../src/config/review-threshold.js';
import { loadTemplates } from '../src/read/templates/template-registry.js';
import { DEGRADATION } from '../scripts/sample-kit/degrade-scan.js';
import { JPEG_QUALITY } from '../scripts/sample-kit/scan-pdf.js';
import { FILES } from './real-form-inputs.js';
import { BROKER_SEED } from './trust-rows.js';

const range = ([lo, hi]: readonly [number, number], unit = '') => (lo === -hi ? `±${hi}${unit}` : `${lo}–${hi}${unit}`);

/**
 * How the bench's accuracy figures are made, in markdown, from the constants the bench and the sample kit
 * use (the templates, the degradation ranges, the seed, the threshold), so the text cannot drift from the code.
 */
export function benchMethod(): string[] {
  const templates = loadTemplates();
  const editions = [...new Set(templates.map((t) => `${t.form} (${t.edition})`))].sort().join(', ');
  const real = Object.entries(FILES)
    .map(([form, file]) => `ACORD ${form}: \`${file}\`, edition ${templates.find((t) => t.form === form && t.derivedFrom.some((d) => d.file === file))?.edition ?? 'unknown'}`)
    .join('; ');
  const d = DEGRADATION;
  return [
    '## Method',
    '',
    `- **Forms and editions.** The templates read ${editions}. The "real forms" rows fill the real blank forms of \`../shared/acord-forms\` (${real}), in memory only: they are licensed and never stored here. The samples are our own drawings of those forms (\`samples/\`, made by \`npm run samples\`).`,
    '- **Values.** "real forms" rows: every mapped box filled with one short value per type that differs per field (T12, C13 …, `scripts/sample-kit/typed-raw-values.ts`). The confidence rows fill the same boxes with broker-style values (`bench/broker-values.ts`, seed ' +
      `"${BROKER_SEED}"): words in code boxes ("Joisted Masonry", "EQ%"), ACORD one-letter codes, identifiers mixing look-alike letters and digits, form numbers with their spaces, explanations long enough to wrap with commas at the line ends, names with punctuation. Samples draw each value's spelling from a table of broker spellings (\`scripts/sample-kit/broker-spellings.ts\`: dates, money, phones as brokers write them), so a gap in the normaliser shows as a wrong value.`,
    '- **Rendering.** Fillable: the AcroForm fields set with pdf-lib. Flattened: the same, flattened (a print to PDF: text layer, no fields). Agency print: the values drawn as an agency system prints them (Courier a size larger, offset from the boxes, name and address as one block, overflow to the cell edge, a licence line beside the customer id: `scripts/sample-kit/agency-print.ts`). Vector outlines: the flattened form with its text turned to curves by Ghostscript (no text layer, no images).',
    `- **Scans.** Each page rendered by pdfjs at 300 or 200 dpi, then degraded as a sheet on a scanner bed: turned ${range(d.angleDeg, '°')}, shrunk to ${range(d.scale)}, shifted ${range(d.shiftPt, ' pt')} (held so every filled box stays on the image), blurred (weight ${range(d.blur)}), toned to paper ${range(d.paper)} and ink ${range(d.ink)}, with noise (σ ${range(d.paperNoise)} on paper, ${range(d.inkNoise)} on ink) and ${range(d.specks)} specks; JPEG quality ${range(JPEG_QUALITY)}; one image per page, no text layer (\`scripts/sample-kit/scan-pdf.ts\`, \`degrade-scan.ts\`). Every draw is seeded: a run reads the same pixels as the last.`,
    `- **Scoring.** Per field, the value read under the model path is compared with the expected one after normalisation (dates, money, codes as the model stores them; whitespace folded where a value wraps): exact or not. A value read where none was written is "spurious". "wrong≥thr" counts wrong and spurious values whose confidence is at or above the review threshold (${REVIEW_THRESHOLD}): errors nobody would be shown. "right→review" counts right values below it: needless review work. Checkboxes are scored as values (checked or not).`,
    '- **Speed.** Reading times are medians of warm runs in one process (a warm OCR pool); the scanned-125 row compares with native `tesseract` (whole-page `--psm 3`, two processes) on the same page images, in one run. The machine is shared: the load average is printed, and CPU time beside wall time where it matters.',
    '',
  ];
}
