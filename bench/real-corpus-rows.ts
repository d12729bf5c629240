import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/real-corpus');

/**
 * Distinct filled form fields in a PDF (a field shown on several pages counts once): the values on the
 * page. Hidden and read-only boxes hold the form author's values (the edition box), not the applicant's.
 */
async function filledFields(bytes: Uint8Array, name: string): Promise<number | null> {
  const doc = await openPdf(bytes.slice(), name).catch(() => null);
  if (!doc) return null;
  try {
    const names = new Set<string>();
    for (let p = 1; p <= doc.numPages; p++) {
      for (const a of await (await doc.getPage(p)).getAnnotations({ intent: 'display' })) {
        const v = a.fieldValue;
        const filled = Array.isArray(v) ? v.length > 0 : typeof v === 'string' && v.trim() !== '' && v !== 'Off';
        if (a.subtype === 'Widget' && !a.readOnly && !a.hidden && filled) names.add(a.fieldName);
      }
    }
    return names.size;
  } finally {
    await doc.destroy();
  }
}

/**
 * Every file of ../shared/real-corpus read as a submission of its own: forms found, values on the
 * page (filled fields, where the file is fillable), values placed, unplaced, pages not read, ms.
 */
export async function benchRealCorpus(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log('real corpus: ../shared/real-corpus is absent; skipped');
    return;
  }
  console.log(`\n${'real corpus file'.padEnd(58)}${'ms'.padStart(8)}${'on page'.padStart(9)}${'placed'.padStart(8)}${'unplaced'.padStart(10)}${'pages not read'.padStart(16)}  outcome`);
  for (const sub of ['pdf', 'xml']) {
    for (const file of (await readdir(path.join(CORPUS, sub))).sort()) {
      const bytes = new Uint8Array(await readFile(path.join(CORPUS, sub, file)));
      const onPage = sub === 'pdf' ? await filledFields(bytes, file) : null;
      const t0 = performance.now();
      const { outcome } = await extractSubmission([{ fileName: file, bytes }]);
      const ms = performance.now() - t0;
      const f = outcome.files[0]!;
      const what = f.status === 'failed' ? `failed [${f.error?.code}]` : `${f.status}: ${f.forms.map((x) => `${x.form} (${x.edition})`).join(' + ')}`;
      console.log(
        `${file.slice(0, 57).padEnd(58)}${ms.toFixed(0).padStart(8)}${String(onPage ?? '—').padStart(9)}${String(f.valuesRead).padStart(8)}${String(f.valuesUnplaced).padStart(10)}${String(f.pagesNotRead.length).padStart(16)}  ${what}`,
      );
    }
  }
}
