import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentStore } from '../src/store/content-store.js';

const sample = (rel: string) => readFile(path.join('samples', rel));
const allFiles = async (root: string) => (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

describe('ContentStore', () => {
  it('keeps bytes under their sha256, once, and leaves no temporary file', async () => {
    const store = new ContentStore(await mkdtemp(path.join(tmpdir(), 'store-')));
    const bytes = await sample('restaurant-tx/acord-125.pdf');
    const sha = createHash('sha256').update(bytes).digest('hex');

    const stored = await Promise.all([1, 2, 3, 4, 5].map(() => store.put(bytes)));
    const other = await store.put(await sample('office-ny/acord-125.pdf'));

    expect(stored.every((s) => s.sha256 === sha && s.size === bytes.length && s.path === store.pathOf(sha))).toBe(true);
    expect(await store.has(sha)).toBe(true);
    expect(await store.has(other.sha256)).toBe(true);
    expect(await store.has('0'.repeat(64))).toBe(false);
    expect(Buffer.from(await store.read(sha)).equals(bytes)).toBe(true);
    const files = await allFiles(store.root);
    expect(files.sort()).toEqual([store.pathOf(sha), store.pathOf(other.sha256)].sort());
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('refuses a name that is not a sha256, and bytes changed on disk', async () => {
    const store = new ContentStore(await mkdtemp(path.join(tmpdir(), 'store-')));
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/sha256/);
    const { sha256, path: file } = await store.put(Buffer.from('a broker note'));
    await writeFile(file, 'changed');
    await expect(store.read(sha256)).rejects.toThrow(/damaged/);
    // put writes it again when the size differs from the bytes given.
    await store.put(Buffer.from('a broker note'));
    expect(Buffer.from(await store.read(sha256)).toString()).toBe('a broker note');
  });
});
