import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** How a sample submission's forms were made: filled in (with its ACORD XML), printed flat, or scanned. */
export type SampleKind = 'fillable' | 'flattened' | 'scanned';

export type SampleFile = { fileName: string; bytes: Uint8Array };

/** One folder of samples/: one broker submission, its PDFs and XML (the expected values left out). */
export type SampleFolder = { name: string; kind: SampleKind; files: SampleFile[] };

const kindOf = (name: string): SampleKind => (/-scan\d+$/.test(name) ? 'scanned' : /-(flat|agency)$/.test(name) ? 'flattened' : 'fillable');

/** Every sample submission under `samplesDir`, by name (its PDFs, XML and spreadsheets); a folder with no PDF or XML is not one. */
export async function sampleFolders(samplesDir: string): Promise<SampleFolder[]> {
  const dirs = (await readdir(samplesDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const folders: SampleFolder[] = [];
  for (const name of dirs) {
    const names = (await readdir(path.join(samplesDir, name))).filter((f) => /\.(pdf|xml|xlsx|csv)$/i.test(f)).sort();
    if (!names.some((f) => /\.(pdf|xml)$/i.test(f))) continue;
    const files = await Promise.all(names.map(async (fileName) => ({ fileName, bytes: new Uint8Array(await readFile(path.join(samplesDir, name, fileName))) })));
    folders.push({ name, kind: kindOf(name), files });
  }
  if (folders.length === 0) throw new Error(`${samplesDir} holds no sample folder with a PDF or XML: run npm run samples to make them`);
  return folders;
}

/**
 * The file with a comment appended that names copy `n`: other bytes (another sha256, so the service takes it as a
 * new document) read to the same values. PDF readers ignore what follows %%EOF; XML allows a comment after the root.
 */
export function distinctCopy(file: SampleFile, n: number): SampleFile {
  const note = /\.xml$/i.test(file.fileName) ? `\n<!-- copy ${n} -->\n` : `\n%copy ${n}\n`;
  const tail = new TextEncoder().encode(note);
  const bytes = new Uint8Array(file.bytes.length + tail.length);
  bytes.set(file.bytes);
  bytes.set(tail, file.bytes.length);
  return { fileName: file.fileName, bytes };
}
