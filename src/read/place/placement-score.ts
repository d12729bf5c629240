import type { ValueType } from '../../../schemas/value-type.js';
import { normalizeValue } from '../normalize/normalize-value.js';
import type { ColumnRank } from './column-ranks.js';
import type { PlacementCandidate } from './placement-candidates.js';

/** A filled box of a copy whose field names no template knows, described the way candidates are. */
export type UnknownBox = {
  kind: 'text' | 'checkbox';
  raw: string;
  /** The template page this document page is, and the box's middle as a fraction of the page. */
  page: number;
  at: [number, number];
  label: string[];
  row: string[];
  /** The words of its home-made field name; empty for names that say nothing ("Check Box351"). */
  name: string[];
  /** Middles of the other boxes on its page that print the same label outside its column. */
  rivals: [number, number][];
} & ColumnRank;

export type PlacementScore = { score: number; label: number; name: number | null };

/** Editions move a block by a tenth of a page or so; a quarter page away, position says nothing. */
const POSITION_REACH = 0.25;
/** How much a match loses, at most, for lying further than that from where the template prints it. */
const FAR_PENALTY = 0.3;
/** A box that prints the same label as another box nearer to the field loses this much. */
const RIVAL_PENALTY = 0.3;
const RIVAL_MARGIN = 0.05;
const OTHER_PAGE_PENALTY = 0.4;
/** Another form's page, place and row say neither yes nor no: half marks each. */
const NEUTRAL = 0.5;
/** Another form's field is a fallback: below the same match on this form's own, and so under review. */
const FOREIGN_DISCOUNT = 0.75;

const total = (words: readonly string[], weight: (w: string) => number) => words.reduce((s, w) => s + weight(w), 0);

/** Weighted share of words two sets have in common (Dice). */
function overlap(a: readonly string[], b: readonly string[], weight: (w: string) => number): number {
  if (!a.length || !b.length) return 0;
  const inB = new Set(b);
  return (2 * total(a.filter((w) => inB.has(w)), weight)) / (total(a, weight) + total(b, weight));
}

/** Weighted share of `a`'s words found in `b`: a short home-made name inside a long ACORD one. */
function containment(a: readonly string[], b: readonly string[], weight: (w: string) => number): number {
  const inB = new Set(b);
  return total(a.filter((w) => inB.has(w)), weight) / total(a, weight);
}

const fits = (type: ValueType, raw: string) => normalizeValue(type, raw).value !== null;

/**
 * How well a box of an unknown copy fits a template field, 0..1: mostly the printed label (or, for
 * a box whose label says nothing, the words on its line: a question's text), then the field name's words, then where it sits
 * (same template page, near the same place, same row of its column) and whether its value parses as
 * the field's type. The same label far from where the template prints it is another box that reads alike.
 * Another form's field is scored on its wording and type alone, discounted.
 */
export function placementScore(u: UnknownBox, c: PlacementCandidate, weight: (w: string) => number): PlacementScore {
  const label = overlap(u.label, c.label, weight);
  // A label of no words ("Y / N") leaves the naming to the words on the box's line.
  const text = u.label.length && c.label.length ? label : overlap([...u.label, ...u.row], [...c.label, ...c.row], weight);
  const name = u.name.length ? (containment(u.name, c.words, weight) + overlap(u.name, c.words, weight)) / 2 : null;
  const wording = name === null ? text : 0.7 * text + 0.3 * name;
  const typed = 0.05 * Number(fits(c.valueType, u.raw));
  if (c.foreign) return { score: FOREIGN_DISCOUNT * (0.65 * wording + 0.3 * NEUTRAL + typed), label: text, name };
  const samePage = u.page === c.page;
  const distance = Math.hypot(u.at[0] - c.at[0], u.at[1] - c.at[1]);
  const position = samePage ? Math.max(0, 1 - distance / POSITION_REACH) : 0;
  const row = u.size > 1 || c.size > 1 ? Number(u.rank === c.rank) : 1;
  const score = 0.65 * wording + 0.1 * Number(samePage) + 0.1 * position + 0.1 * row + typed;
  // Editions do move blocks across pages, but a box on the same page that reads alike comes first.
  const far = samePage ? Math.min(FAR_PENALTY, Math.max(0, distance - POSITION_REACH)) : OTHER_PAGE_PENALTY;
  // Two boxes print "EXPIRATION DATE" (the policy's, the alarm certificate's): the field is the nearer one's.
  const rivalled = samePage && u.rivals.some(([x, y]) => Math.hypot(x - c.at[0], y - c.at[1]) < distance - RIVAL_MARGIN);
  return { score: score * (1 - far) * (rivalled ? 1 - RIVAL_PENALTY : 1), label: text, name };
}
