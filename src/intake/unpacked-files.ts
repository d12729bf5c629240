import path from 'node:path';
import type { IntakeNote, IntakeSkipped } from '../../schemas/intake.js';
import { sha256Of } from '../store/content-store.js';

export type UnpackedFile = { fileName: string; bytes: Uint8Array };
/** What an inbox entry holds: the documents to read, what was left out and why, and a broker's note. */
export type Unpacked = { documents: UnpackedFile[]; skipped: IntakeSkipped[]; note?: IntakeNote };

/** `acord-125.pdf` → `acord-125 (2).pdf`: a second file of the same name, kept beside the first. */
function numbered(fileName: string, n: number): string {
  const ext = path.extname(fileName);
  return `${fileName.slice(0, fileName.length - ext.length)} (${n})${ext}`;
}

/**
 * Collects the documents of one submission under names that are unique within it (folders flattened:
 * `a/acord-125.pdf` and `b/acord-125.pdf` become `acord-125.pdf` and `acord-125 (2).pdf`). The same
 * bytes twice are one document: the second is listed as skipped, naming the first.
 */
export class UnpackedFiles {
  readonly documents: UnpackedFile[] = [];
  readonly skipped: IntakeSkipped[] = [];
  private readonly names = new Set<string>();
  private readonly bySha = new Map<string, string>();

  add(fileName: string, bytes: Uint8Array): void {
    const sha = sha256Of(bytes);
    const first = this.bySha.get(sha);
    if (first !== undefined) return this.skip(fileName, `the same bytes as ${first}`);
    let name = fileName;
    for (let n = 2; this.names.has(name.toLowerCase()); n++) name = numbered(fileName, n);
    this.names.add(name.toLowerCase());
    this.bySha.set(sha, name);
    this.documents.push({ fileName: name, bytes });
  }

  skip(name: string, reason: string): void {
    this.skipped.push({ name, reason });
  }

  /** Everything another unpacked entry holds (a zip attached to an e-mail), its skipped names under `within`. */
  addAll(unpacked: Unpacked, within: string): void {
    for (const d of unpacked.documents) this.add(d.fileName, d.bytes);
    for (const s of unpacked.skipped) this.skip(`${within}/${s.name}`, s.reason);
  }

  result(note?: IntakeNote): Unpacked {
    return { documents: this.documents, skipped: this.skipped, ...(note ? { note } : {}) };
  }
}
