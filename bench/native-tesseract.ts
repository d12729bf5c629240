import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import type { GrayImage } from '../src/read/raster/gray-image.js';
import { toPgm } from '../src/read/raster/gray-image.js';
import { debianBinary } from '../src/runtime/debian-binary.js';

const run = promisify(execFile);

/** Debian's tesseract binary (installed when missing and root): the baseline the issue asks for. */
export const nativeTesseract = () => debianBinary('tesseract', 'tesseract-ocr', (m) => console.log(`native ${m}`));

/** Whole-page OCR of each image with the native binary, two processes at once (2 cores), one thread each. */
export async function nativeWholePageMs(binary: string, images: readonly GrayImage[]): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'acord-bench-'));
  try {
    const files = await Promise.all(images.map(async (img, i) => {
      const file = path.join(dir, `page-${i + 1}.pgm`);
      await writeFile(file, toPgm(img));
      return { file, dpi: img.dpi };
    }));
    const limit = pLimit(2);
    const t0 = performance.now();
    await Promise.all(files.map(({ file, dpi }) => limit(() => run(binary, [file, 'stdout', '--psm', '3', '--dpi', String(dpi)], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 16 * 2 ** 20 }))));
    return performance.now() - t0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
