import type { XmlElement } from './safe-xml.js';
import { clip } from './xml-text.js';

/**
 * Elements that identify the message, not the risk, left unread on purpose, so not listed; amounts
 * are read as US dollars, so only a currency other than USD is worth listing.
 */
const isPlumbing = (el: XmlElement) =>
  el.name === 'RqUID' || el.name === 'ACORDStandardVersionCd' || (el.name === 'CurCd' && el.text.toUpperCase() === 'USD');

const MAX_LISTED = 15;
/** Values kept one by one (as unplaced); past this a hostile file's rest is only counted in the warning. */
const MAX_VALUES = 2000;

type Tally = { data: number; read: number };

/** One element's text no mapping read, at its indexed path (`Location[1]/Addr/City`). */
export type UnreadValue = { path: string; raw: string };

/**
 * Lists the elements below `root` that carry text no mapping read, so nothing is dropped silently.
 * To keep the list readable, a subtree of which nothing was read is one entry (`…/WorkCompLineBusiness/…`),
 * repeated elements are one entry (indexes collapsed) with the number of values they hold, and the
 * list is capped, largest entries first. The values themselves are handed back one by one with their
 * indexed paths (up to a cap), to be kept as unplaced values.
 */
export function listUnread(root: XmlElement, rootPath: string, reads: ReadonlySet<XmlElement>): { warning?: string; values: UnreadValue[] } {
  const tallies = new Map<XmlElement, Tally>();
  const tally = (el: XmlElement): Tally => {
    const own = el.text && !isPlumbing(el) ? 1 : 0;
    const t = { data: own, read: own && reads.has(el) ? 1 : 0 };
    for (const child of el.children) {
      const c = tally(child);
      t.data += c.data;
      t.read += c.read;
    }
    tallies.set(el, t);
    return t;
  };
  tally(root);

  const values: UnreadValue[] = [];
  const keep = (el: XmlElement, indexed: string): void => {
    if (values.length >= MAX_VALUES) return;
    if (el.text && !reads.has(el) && !isPlumbing(el)) values.push({ path: indexed, raw: el.text });
    forChildren(el, indexed, (child, childIndexed) => keep(child, childIndexed));
  };
  const unread = new Map<string, number>();
  const add = (place: string, n: number) => unread.set(place, (unread.get(place) ?? 0) + n);
  const visit = (el: XmlElement, path: string, indexed: string): void => {
    const t = tallies.get(el)!;
    if (t.data === 0) return;
    if (t.read === 0) {
      add(el.children.some((c) => tallies.get(c)!.data > 0) ? `${path}/…` : path, t.data);
      keep(el, indexed);
      return;
    }
    if (el.text && !reads.has(el) && !isPlumbing(el)) {
      add(path, 1);
      if (values.length < MAX_VALUES) values.push({ path: indexed, raw: el.text });
    }
    forChildren(el, indexed, (child, childIndexed) => visit(child, `${path}/${child.name}`, childIndexed));
  };
  visit(root, rootPath, rootPath);
  if (!unread.size) return { values };

  const total = [...unread.values()].reduce((a, b) => a + b, 0);
  // Largest first (stable, so document order among equals), so the cap never hides a whole skipped section.
  const entries = [...unread].sort((a, b) => b[1] - a[1]).map(([place, n]) => (n > 1 ? `${clip(place, 300)} (${n} values)` : clip(place, 300)));
  const more = entries.length > MAX_LISTED ? `; and ${entries.length - MAX_LISTED} more places` : '';
  return { warning: `not read: ${total} value(s) at ${entries.length} place(s): ${entries.slice(0, MAX_LISTED).join(', ')}${more}`, values };
}

/** Visits an element's children with their indexed paths: `Name[i]` where a name repeats, `Name` where not. */
function forChildren(el: XmlElement, indexed: string, fn: (child: XmlElement, childIndexed: string) => void): void {
  const counts = new Map<string, number>();
  for (const c of el.children) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const child of el.children) {
    const i = seen.get(child.name) ?? 0;
    seen.set(child.name, i + 1);
    fn(child, `${indexed}/${child.name}${counts.get(child.name)! > 1 ? `[${i}]` : ''}`);
  }
}
