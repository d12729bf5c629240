import type { TemplatePage } from '../../../schemas/form-template.js';
import type { PageTransform } from '../raster/page-transform.js';
import type { PageText } from './read-page-text.js';

/**
 * Where a printed copy's page puts the template: `transform` maps template points to document points
 * (here y stays up: d > 0). `anchors` is how many of the form's printed anchors agreed on it; 0 means
 * it was guessed from the page size alone.
 */
export type TextAlignment = { transform: PageTransform; anchors: number };

type Pair = { tx: number; ty: number; tSize: number; ox: number; oy: number; oSize: number };

/** Anchors further off the fitted transform than this (points) are other text that happens to match. */
const MAX_RESIDUAL = 1.5;
/** The same, against the first guess (a page scaled unevenly along its axes is off by a few points). */
const ROUGH_RESIDUAL = 8;
/** Template points closer together than this along an axis cannot fix that axis's scale. */
const MIN_SPREAD = 100;

export const normalizeText = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Estimates how a flattened copy's page maps onto the template page: "fit to page" printing scales
 * it (97 % is common) and centres or shifts it. The form's own printed anchors (strings unique on
 * the blank page, near its corners) are found among the page's text items and a scale and offset are
 * fitted per axis, dropping anchors that disagree. Without anchors the page is assumed scaled to
 * fit and centred, which is the identity when the page has the template's size.
 */
export function alignTextLayer(text: PageText, page: TemplatePage): TextAlignment {
  const aligned = fitAnchors(matchAnchors(text, page));
  if (aligned) return aligned;
  const [vx, vy, vw, vh] = text.view;
  const s = Math.min(vw / page.width, vh / page.height);
  return { transform: { a: s, b: 0, c: 0, d: s, e: vx + (vw - s * page.width) / 2, f: vy + (vh - s * page.height) / 2 }, anchors: 0 };
}

/**
 * A first guess that one stray match cannot move (scale from the median font-size ratio, offsets
 * from the median shift) picks the anchors that agree; a least-squares fit over them refines it.
 */
function fitAnchors(pairs: Pair[]): TextAlignment | null {
  if (!pairs.length) return null;
  const s = median(pairs.map((p) => p.oSize / p.tSize));
  let transform: PageTransform | null = { a: s, b: 0, c: 0, d: s, e: median(pairs.map((p) => p.ox - s * p.tx)), f: median(pairs.map((p) => p.oy - s * p.ty)) };
  for (const tolerance of [ROUGH_RESIDUAL, MAX_RESIDUAL]) {
    const kept = pairs.filter((p) => residual(transform!, p) <= tolerance);
    transform = kept.length ? fitPairs(kept, s) : null;
    if (!transform) return null;
  }
  const anchors = pairs.filter((p) => residual(transform!, p) <= MAX_RESIDUAL).length;
  return anchors ? { transform, anchors } : null;
}

function matchAnchors(text: PageText, page: TemplatePage): Pair[] {
  const anchors = page.printedText?.anchors ?? [];
  if (!anchors.length) return [];
  const byText = new Map(anchors.map(([str, x, y, size]) => [str, { x, y, size }]));
  const pairs: Pair[] = [];
  for (const item of text.items) {
    // Producers split and join runs differently: an anchor may open a longer item (anchors are
    // chosen so that no other string on the blank page starts with one).
    const words = normalizeText(item.str).split(' ');
    let a: { x: number; y: number; size: number } | undefined;
    for (let n = words.length; n > 0 && !a; n--) a = byText.get(words.slice(0, n).join(' '));
    if (a) pairs.push({ tx: a.x, ty: a.y, tSize: a.size, ox: item.x, oy: item.y, oSize: item.size });
  }
  return pairs;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

/** Scale per axis by least squares where the anchors spread far enough, else the font-size scale. */
function fitPairs(pairs: Pair[], sizeScale: number): PageTransform | null {
  const axis = (t: number[], o: number[]): [number, number] => {
    const mt = t.reduce((s, v) => s + v, 0) / t.length;
    const mo = o.reduce((s, v) => s + v, 0) / o.length;
    let num = 0;
    let den = 0;
    for (let i = 0; i < t.length; i++) {
      num += (t[i]! - mt) * (o[i]! - mo);
      den += (t[i]! - mt) ** 2;
    }
    const scale = Math.max(...t) - Math.min(...t) >= MIN_SPREAD ? num / den : sizeScale;
    return [scale, mo - scale * mt];
  };
  const [a, e] = axis(pairs.map((p) => p.tx), pairs.map((p) => p.ox));
  const [d, f] = axis(pairs.map((p) => p.ty), pairs.map((p) => p.oy));
  return a > 0.5 && a < 2 && d > 0.5 && d < 2 ? { a, b: 0, c: 0, d, e, f } : null;
}

const residual = (t: PageTransform, p: Pair) => Math.hypot(t.a * p.tx + t.e - p.ox, t.d * p.ty + t.f - p.oy);
