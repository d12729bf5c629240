import type { TemplatePage } from '../../../schemas/form-template.js';
import { normalizeText } from './align-text-layer.js';
import { assignTextToFields, type FieldBox, type PrintedString } from './assign-text-to-fields.js';
import type { PageText } from './read-page-text.js';

type PrintedText = NonNullable<TemplatePage['printedText']>;

const IDENTITY = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };
const round2 = (v: number) => Math.round(v * 100) / 100;
/** Anchors are short strings: enough to be unique on a page, not the form's prose. */
const ANCHOR_LENGTH = [4, 40] as const;

/**
 * What the text-layer reader needs to know of a blank form page, read from the blank form itself:
 * - `inFields`: the form's printed strings that the reader would take for values (labels that sit
 *   in or against a box), so it can drop them;
 * - `anchors`: a few strings, each printed once on the page and opening no other string, nearest the
 *   page's corners and edge midpoints, so a scaled or shifted print can be located by them.
 * Throws when the blank page shows a drawn mark in a check box: the reader would take it for a tick.
 */
export function derivePrintedText(blank: PageText, boxes: readonly FieldBox[]): PrintedText {
  const readings = assignTextToFields({ ...blank, marks: [] }, IDENTITY, boxes, []);
  const inFields: PrintedString[] = readings.flatMap((r) => r.items.map((i): PrintedString => [normalizeText(i.str), round2(i.x), round2(i.y)]));
  const ticked = assignTextToFields({ ...blank, items: [] }, IDENTITY, boxes, []);
  if (ticked.length) throw new Error(`the blank page ${blank.page} shows drawn marks in check boxes ${ticked.map((r) => r.name).join(', ')}`);

  const taken = new Set(inFields.map(([s, x, y]) => `${s}@${x},${y}`));
  const strings = blank.items.map((i) => ({ ...i, str: normalizeText(i.str) }));
  const count = new Map<string, number>();
  for (const { str } of strings) {
    const words = str.split(' ');
    // Every word-prefix of a string: an anchor must not open another string (the reader matches prefixes).
    for (let n = 1; n <= words.length; n++) {
      const prefix = words.slice(0, n).join(' ');
      count.set(prefix, (count.get(prefix) ?? 0) + 1);
    }
  }
  const candidates = strings.filter(
    (i) => i.str.length >= ANCHOR_LENGTH[0] && i.str.length <= ANCHOR_LENGTH[1] && count.get(i.str) === 1 && !taken.has(`${i.str}@${round2(i.x)},${round2(i.y)}`),
  );
  const [vx, vy, vw, vh] = blank.view;
  const anchors: PrintedText['anchors'] = [];
  for (const [fx, fy] of [[0, 0], [0.5, 0], [1, 0], [0, 0.5], [1, 0.5], [0, 1], [0.5, 1], [1, 1]] as const) {
    const [tx, ty] = [vx + fx * vw, vy + fy * vh];
    const best = candidates.reduce<(typeof candidates)[number] | undefined>((b, i) => (!b || Math.hypot(i.x - tx, i.y - ty) < Math.hypot(b.x - tx, b.y - ty) ? i : b), undefined);
    if (best && !anchors.some(([s]) => s === best.str)) anchors.push([best.str, round2(best.x), round2(best.y), round2(best.size)]);
  }
  return { anchors, inFields };
}
