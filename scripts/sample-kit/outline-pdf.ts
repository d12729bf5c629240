import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The PDF rewritten by Ghostscript (`gs`, the binary's path) with every glyph drawn as a filled
 * outline and no text left, as Microsoft Print to PDF writes it. The files pass through a temp dir
 * that is removed after: inputs made from the licensed forms are never stored.
 */
export async function outlinePdf(gs: string, bytes: Uint8Array): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), 'acord-outlines-'));
  try {
    const [input, output] = [path.join(dir, 'in.pdf'), path.join(dir, 'out.pdf')];
    await writeFile(input, bytes);
    await run(gs, ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sDEVICE=pdfwrite', '-dNoOutputFonts', `-sOutputFile=${output}`, input]);
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
