import path from 'node:path';
import { sameSnapshot, snapshotEntry, type EntrySnapshot } from './entry-snapshot.js';

export type StableEntry = { name: string; snapshot: EntrySnapshot; firstSeen: Date };
type Tracked = { snapshot: EntrySnapshot | null; since: number; firstSeen: Date };

/**
 * paperless-ngx's stability rule, for files and whole folders: an entry is stable when its snapshot
 * (size and mtime of every file) has not changed and no event has come for `stableMs`; any change
 * restarts its clock. Filesystem events are only hints (`touch`); `check` decides, by looking.
 */
export class StabilityTracker {
  private readonly tracked = new Map<string, Tracked>();

  constructor(
    private readonly dir: string,
    private readonly stableMs: number,
    private readonly maxFiles: number,
    private readonly onError: (err: unknown, name: string) => void,
  ) {}

  has(name: string): boolean {
    return this.tracked.has(name);
  }

  /** Something happened to the entry (or it was found by a scan): track it, and restart its clock. */
  touch(name: string, now = Date.now()): void {
    const known = this.tracked.get(name);
    if (known) known.since = now;
    else this.tracked.set(name, { snapshot: null, since: now, firstSeen: new Date(now) });
  }

  /** Looks at every tracked entry; returns (and stops tracking) the ones stable now. Vanished ones are dropped. */
  async check(now = Date.now()): Promise<StableEntry[]> {
    const stable: StableEntry[] = [];
    for (const [name, entry] of this.tracked) {
      let snapshot: EntrySnapshot | null;
      try {
        snapshot = await snapshotEntry(path.join(this.dir, name), this.maxFiles + 1);
      } catch (err) {
        // Cannot be looked at now (permissions, a busy network share): keep it, look again next time.
        this.onError(err, name);
        continue;
      }
      if (snapshot === null) {
        this.tracked.delete(name);
        continue;
      }
      if (!sameSnapshot(entry.snapshot, snapshot)) {
        entry.snapshot = snapshot;
        entry.since = now;
        continue;
      }
      // An empty folder is still being made (or is left over): wait for files.
      if (now - entry.since >= this.stableMs && snapshot.files.length > 0) {
        this.tracked.delete(name);
        stable.push({ name, snapshot, firstSeen: entry.firstSeen });
      }
    }
    return stable;
  }
}
