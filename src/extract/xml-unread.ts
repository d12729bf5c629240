import type { XmlElement } from './safe-xml.js';
import { clip } from './xml-text.js';

/**
 * Elements that identify the message, not the risk, left unread on purpose, so not listed; amounts
 * are read as US dollars, so only a currency other than USD is worth listing.
 */
const isPlumbing = (el: XmlElement) =>
  el.name === 'RqUID' || el.name === 'ACORDStandardVersionCd' || (el.name === 'CurCd' && el.text.toUpperCase() === 'USD');

const MAX_LISTED = 15;

type Tally = { data: number; read: number };

/**
 * Lists the elements below `root` that carry text no mapping read, so nothing is dropped silently.
 * To keep the list readable, a subtree of which nothing was read is one entry (`…/WorkCompLineBusiness/…`),
 * repeated elements are one entry (indexes collapsed) with the number of values they hold, and the
 * list is capped, largest entries first. Returns undefined when everything was read.
 */
export function listUnread(root: XmlElement, rootPath: string, reads: ReadonlySet<XmlElement>): string | undefined {
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

  const unread = new Map<string, number>();
  const add = (place: string, values: number) => unread.set(place, (unread.get(place) ?? 0) + values);
  const visit = (el: XmlElement, path: string): void => {
    const t = tallies.get(el)!;
    if (t.data === 0) return;
    if (t.read === 0) {
      add(el.children.some((c) => tallies.get(c)!.data > 0) ? `${path}/…` : path, t.data);
      return;
    }
    if (el.text && !reads.has(el) && !isPlumbing(el)) add(path, 1);
    for (const child of el.children) visit(child, `${path}/${child.name}`);
  };
  visit(root, rootPath);
  if (!unread.size) return undefined;

  const total = [...unread.values()].reduce((a, b) => a + b, 0);
  // Largest first (stable, so document order among equals), so the cap never hides a whole skipped section.
  const entries = [...unread].sort((a, b) => b[1] - a[1]).map(([place, n]) => (n > 1 ? `${clip(place, 300)} (${n} values)` : clip(place, 300)));
  const more = entries.length > MAX_LISTED ? `; and ${entries.length - MAX_LISTED} more places` : '';
  return `not read: ${total} value(s) at ${entries.length} place(s): ${entries.slice(0, MAX_LISTED).join(', ')}${more}`;
}
