import { watch, type FSWatcher } from 'chokidar';
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  IntakeDuplicate,
  IntakeLimitsSchema,
  IntakeSubmission,
  type IntakeLimits,
  type IntakeRefusal,
  type IntakeSource,
  type StoredFile,
} from '../../schemas/intake.js';
import { sha256Of, type ContentStore } from '../store/content-store.js';
import { sameSnapshot, snapshotEntry } from './entry-snapshot.js';
import { groupByInsured } from './group-by-insured.js';
import { IntakeRefusedError } from './intake-refused-error.js';
import { isJunkFileName, isJunkFolderName } from './junk-names.js';
import { quarantineEntry } from './quarantine-entry.js';
import { entryKind, readEntry, type ReadEntry } from './read-entry.js';
import { StabilityTracker, type StableEntry } from './stability-tracker.js';
import { UnpackedFiles, type UnpackedFile } from './unpacked-files.js';

type Awaitable<T> = T | Promise<T>;

export type InboxOptions = {
  /** The folder brokers drop into. Created when missing. */
  dir: string;
  /** Where every original (and every document unpacked from it) is kept before it leaves the inbox. */
  store: ContentStore;
  /** Where refused entries go, each with `<name>.reason.txt`. Outside the inbox (or a hidden folder in it). */
  quarantine: string;
  /** How long an entry's files must keep their size and mtime to be taken: 5 s, as paperless-ngx. */
  stableMs?: number;
  /** A full look at the inbox, in case the filesystem's events missed something (network shares do): every 60 s. */
  rescanMs?: number;
  /** Loose files taken within this long of each other are looked at together (one submission per insured): 3 s. */
  groupWindowMs?: number;
  limits?: Partial<IntakeLimits>;
  /** The insured a loose file names, or null: files naming the same insured become one submission. */
  insuredOf?: (bytes: Uint8Array, fileName: string) => Promise<string | null>;
  /** The id of an earlier submission with this key (the same bytes), or null: the caller's record of submissions. */
  isDuplicate?: (key: string) => Awaitable<string | null>;
  /** A submission whose originals and documents are in the store. The entry leaves the inbox once this resolves. */
  onSubmission: (submission: IntakeSubmission) => Awaitable<void>;
  /** An entry refused: it is already in quarantine with its reason. */
  onRefusal: (refusal: IntakeRefusal) => Awaitable<void>;
  /** The same bytes as an earlier submission: not submitted again; the entry leaves the inbox once this resolves. */
  onDuplicate?: (duplicate: IntakeDuplicate) => Awaitable<void>;
  /**
   * A failure of the machine, not of the entry (a full disk, a share gone, onSubmission threw): the entry
   * stays in the inbox and is taken again at the next rescan.
   */
  onError?: (error: unknown, entry: string) => void;
};

/** Where a path lies relative to `dir`: inside it (and not in a hidden or junk folder the inbox ignores)? */
function visibleInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  if (rel === '') return true;
  if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
  return !isJunkFolderName(rel.split(path.sep)[0]!);
}

/**
 * Watches an inbox folder and turns what brokers drop into submissions: a loose file, loose files naming
 * the same insured, a folder, a zip, an e-mail. Entries are found three ways — the ones there at start,
 * chokidar's events, and a full rescan every `rescanMs` — and each is taken only once stable (its files'
 * sizes and mtimes unchanged for `stableMs`). Its originals and documents are put in the content store,
 * then the caller is told (`onSubmission`, or `onDuplicate` when `isDuplicate` knows the key), and only
 * then does the entry leave the inbox. A refused entry goes to `quarantine` with its reason, then
 * `onRefusal`. Entries are taken one at a time.
 */
export class Inbox {
  private readonly limits: IntakeLimits;
  private readonly stableMs: number;
  private readonly rescanMs: number;
  private readonly groupWindowMs: number;
  private readonly tracker: StabilityTracker;
  /** Entries out of the tracker: waiting in the loose-file batch, or being taken. */
  private readonly busy = new Set<string>();
  /** Busy entries that changed after they were looked at: tracked again (as new) once released. */
  private readonly changed = new Set<string>();
  private batch: StableEntry[] = [];
  private batchTimer: NodeJS.Timeout | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private rescanTimer: NodeJS.Timeout | undefined;
  private watcher: FSWatcher | undefined;
  private queue: Promise<void> = Promise.resolve();
  private running = false;

  constructor(private readonly options: InboxOptions) {
    this.limits = IntakeLimitsSchema.parse(options.limits ?? {});
    this.stableMs = options.stableMs ?? 5000;
    this.rescanMs = options.rescanMs ?? 60_000;
    this.groupWindowMs = options.groupWindowMs ?? 3000;
    for (const [what, target] of [['quarantine', options.quarantine], ['store', options.store.root]] as const)
      if (visibleInside(options.dir, target)) throw new Error(`the ${what} folder ${target} is inside the inbox ${options.dir}: choose a folder outside it (or a hidden one in it)`);
    this.tracker = new StabilityTracker(options.dir, this.stableMs, this.limits.folderFiles, (err, name) => this.report(err, name));
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await mkdir(this.options.dir, { recursive: true });
    // Watch first, then scan: a file dropped in between is seen by one or the other.
    this.watcher = watch(this.options.dir, {
      ignoreInitial: true,
      depth: 0,
      awaitWriteFinish: false,
      ignored: (p: string) => path.resolve(p) !== path.resolve(this.options.dir) && (isJunkFileName(path.basename(p)) || isJunkFolderName(path.basename(p))),
    });
    this.watcher.on('all', (_event, p) => this.hint(p));
    this.watcher.on('error', (err) => this.report(err, this.options.dir));
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
    await this.scan();
    this.rescanTimer = setInterval(() => void this.scan(), this.rescanMs);
    this.scheduleCheck();
  }

  /** Stops watching; an entry being taken is finished first. Loose files waiting for their group stay in the inbox. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.rescanTimer);
    clearTimeout(this.checkTimer);
    clearTimeout(this.batchTimer);
    this.release(this.batch);
    this.batch = [];
    await this.watcher?.close();
    await this.queue;
  }

  private report(err: unknown, entry: string): void {
    if (this.options.onError) this.options.onError(err, entry);
    else console.error(`inbox: ${entry}: ${err instanceof Error ? err.message : String(err)}`);
  }

  /** An event on `p` (the inbox or anything directly in it): its entry's clock restarts. */
  private hint(p: string): void {
    const rel = path.relative(this.options.dir, p);
    if (!this.running || rel === '' || rel.startsWith('..')) return;
    const name = rel.split(path.sep)[0]!;
    if (!this.busy.has(name)) this.tracker.touch(name);
  }

  /** Every entry in the inbox not yet tracked nor being taken starts being tracked. */
  private async scan(): Promise<void> {
    try {
      for (const e of await readdir(this.options.dir, { withFileTypes: true })) {
        const junk = e.isDirectory() ? isJunkFolderName(e.name) : isJunkFileName(e.name);
        if (!junk && !this.busy.has(e.name) && !this.tracker.has(e.name)) this.tracker.touch(e.name);
      }
    } catch (err) {
      this.report(err, this.options.dir);
    }
  }

  private scheduleCheck(): void {
    if (!this.running) return;
    const every = Math.max(50, Math.min(1000, this.stableMs / 4));
    this.checkTimer = setTimeout(() => void this.check().catch((err) => this.report(err, this.options.dir)).finally(() => this.scheduleCheck()), every);
  }

  /** Stable zips, e-mails and folders are taken now; stable loose files wait `groupWindowMs` for others. */
  private async check(): Promise<void> {
    for (const entry of await this.tracker.check()) {
      if (!this.running) return;
      this.busy.add(entry.name);
      if (entryKind(entry.name, entry.snapshot) !== 'file') this.enqueue(() => this.takeEntry(entry));
      else {
        this.batch.push(entry);
        clearTimeout(this.batchTimer);
        // A steady stream of files (a scanner's pages) is cut into batches of at most folderFiles.
        if (this.batch.length >= this.limits.folderFiles) this.flushBatch();
        else this.batchTimer = setTimeout(() => this.flushBatch(), this.groupWindowMs);
      }
    }
  }

  private flushBatch(): void {
    const loose = this.batch;
    this.batch = [];
    this.enqueue(() => this.takeLoose(loose));
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((err) => this.report(err, this.options.dir));
  }

  private sourceOf(entry: StableEntry, kind = entryKind(entry.name, entry.snapshot)): IntakeSource {
    return { kind, name: entry.name, receivedAt: entry.firstSeen.toISOString() };
  }

  /** The entry read, or null when it changed while being read (it is tracked again, as new). */
  private async read(entry: StableEntry): Promise<ReadEntry | null> {
    const read = await readEntry(this.options.dir, entry.name, entry.snapshot, this.limits);
    if (await this.unchanged(entry)) return read;
    this.changed.add(entry.name);
    return null;
  }

  private async unchanged(entry: StableEntry): Promise<boolean> {
    return sameSnapshot(entry.snapshot, await snapshotEntry(path.join(this.options.dir, entry.name), this.limits.folderFiles + 1));
  }

  private async takeEntry(entry: StableEntry): Promise<void> {
    const source = this.sourceOf(entry);
    try {
      const read = await this.read(entry);
      if (read) await this.submit(source, read.originals, read.unpacked, [entry]);
    } catch (err) {
      await this.fail(err, source, [entry]);
    } finally {
      this.release([entry]);
    }
  }

  /**
   * Entries done with: an entry that changed meanwhile is tracked again now; one left in the inbox by a
   * failure waits for the next rescan, so a lasting failure is not retried in a tight loop.
   */
  private release(entries: StableEntry[]): void {
    for (const { name } of entries) {
      this.busy.delete(name);
      if (this.changed.delete(name)) this.tracker.touch(name);
    }
  }

  /** Loose files taken together: one submission per insured they name (see groupByInsured). */
  private async takeLoose(entries: StableEntry[]): Promise<void> {
    try {
      const named: { item: { entry: StableEntry; read: ReadEntry }; insured: string | null }[] = [];
      for (const entry of entries) {
        try {
          const read = await this.read(entry);
          if (!read) continue;
          const document = read.unpacked.documents[0]!;
          const insured = this.options.insuredOf ? await this.options.insuredOf(document.bytes, document.fileName).catch(() => null) : null;
          named.push({ item: { entry, read }, insured });
        } catch (err) {
          await this.fail(err, this.sourceOf(entry), [entry]);
        }
      }
      for (const group of groupByInsured(named)) {
        const first = group.reduce((a, b) => (b.entry.firstSeen < a.entry.firstSeen ? b : a));
        const source: IntakeSource = {
          kind: group.length > 1 ? 'files' : 'file',
          name: group.map((g) => g.entry.name).join(', '),
          receivedAt: first.entry.firstSeen.toISOString(),
        };
        const documents = new UnpackedFiles();
        for (const g of group) for (const d of g.read.unpacked.documents) documents.add(d.fileName, d.bytes);
        try {
          await this.submit(source, group.flatMap((g) => g.read.originals), documents.result(), group.map((g) => g.entry));
        } catch (err) {
          await this.fail(err, source, group.map((g) => g.entry));
        }
      }
    } finally {
      this.release(entries);
    }
  }

  private async put(files: UnpackedFile[]): Promise<StoredFile[]> {
    const stored: StoredFile[] = [];
    for (const f of files) {
      const { sha256, size } = await this.options.store.put(f.bytes);
      stored.push({ sha256, fileName: f.fileName, size });
    }
    return stored;
  }

  private async submit(source: IntakeSource, originals: UnpackedFile[], unpacked: ReadEntry['unpacked'], entries: StableEntry[]): Promise<void> {
    const storedOriginals = await this.put(originals);
    const documents = await this.put(unpacked.documents);
    const key = storedOriginals.length === 1 ? storedOriginals[0]!.sha256 : sha256Of(Buffer.from(storedOriginals.map((o) => o.sha256).sort().join('\n')));
    const earlier = (await this.options.isDuplicate?.(key)) ?? null;
    if (earlier !== null) await this.options.onDuplicate?.(IntakeDuplicate.parse({ source, key, duplicateOf: earlier }));
    else
      await this.options.onSubmission(
        IntakeSubmission.parse({ id: randomUUID(), key, source, originals: storedOriginals, documents, ...(unpacked.note ? { note: unpacked.note } : {}), skipped: unpacked.skipped }),
      );
    for (const entry of entries) await this.remove(entry);
  }

  /** Takes the entry out of the inbox, unless it changed since it was read: then the new content is tracked as a new entry. */
  private async remove(entry: StableEntry): Promise<void> {
    if (await this.unchanged(entry)) await rm(path.join(this.options.dir, entry.name), { recursive: true, force: true });
    else this.changed.add(entry.name);
  }

  /** A refusal quarantines the entries and is reported; any other failure leaves them in the inbox for the next rescan. */
  private async fail(err: unknown, source: IntakeSource, entries: StableEntry[]): Promise<void> {
    if (!(err instanceof IntakeRefusedError)) return this.report(err, source.name);
    const refusal: IntakeRefusal = { source, code: err.refusal, message: err.message };
    try {
      for (const entry of entries) await quarantineEntry(path.join(this.options.dir, entry.name), this.options.quarantine, refusal);
      await this.options.onRefusal(refusal);
    } catch (quarantineErr) {
      this.report(quarantineErr, source.name);
    }
  }
}
