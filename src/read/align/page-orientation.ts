import type { Rect } from '../../../schemas/field.js';
import { formWithTemplates, type Footer } from '../identify/read-footers.js';
import type { GrayImage } from '../raster/gray-image.js';
import type { Ocr } from '../ocr/ocr-engine.js';
import { readFooterFromImage } from '../ocr/read-footer-from-image.js';
import { turnImage } from '../raster/turn-image.js';
import { loadTemplates } from '../templates/template-registry.js';
import { darkMask } from './dark-mask.js';
import { detectRules, type DetectedRule } from './detect-rules.js';

/** Degrees the stored page is turned clockwise to stand upright. */
export type Turn = 0 | 90 | 180 | 270;

/**
 * A page image made upright; `turned` says how it was turned from the page as stored (shown by a viewer).
 * `footer` is what OCR read of its footer while standing it up (null: no footer found), absent when the
 * rules settled the way up: identifying the page takes it from here rather than read it again, and
 * `footerLineMissed` says the form number's line was read already, to no avail.
 */
export type UprightImage = GrayImage & { turned?: Exclude<Turn, 0>; footer?: Footer | null; footerLineMissed?: true };

/** Rules are looked for on a copy shrunk to about this resolution: enough to see a 20 pt rule, cheap to scan. */
const WORK_DPI = 50;
/** The long side of a letter page, points: the page is taken to be one, whatever dpi its file claims. */
const LETTER_LONG_PT = 792;
/** Ink runs shorter than this are text; ACORD's printed rules are 20 pt and longer. */
const MIN_RULE_PT = 16;
/** Rule rows are compared in bins this many points tall. */
const BIN_PT = 4;
/** Rules are compared cell by cell on a grid of this many points. */
const CELL_PT = 12;
/** A scan may be shrunk or grown (fit-to-page, fax margins) and shifted this much from the form. */
const SCALES = [0.94, 0.97, 1, 1.03, 1.06] as const;
const SHIFT_SHARE = 0.08;
/**
 * A ruled form's long rules run across the page: more rule length running down the page than across
 * it means it lies on its side (an ACORD page has several times more rule length across than down).
 */
const SIDEWAYS_RATIO = 1.5;
/** Below this likeness to every template page, the page is no form we know: left as it is. */
const MIN_LIKENESS = 0.5;
/** Likenesses either way up closer than this leave the way up in doubt (a footer read settles it). */
const DOUBT = 0.06;

type Profile = Float64Array;
/** A rule on the page as it would stand upright, points from the top-left: horizontal ones at y = `at`, vertical at x = `at`. */
type Segment = { at: number; from: number; to: number };
type Segments = { h: Segment[]; v: Segment[] };
type TemplateMaps = { rows: Profile; cols: Profile; map: Profile; height: number; width: number };

/** Template pages' rules by row, by column and on a coarse grid; built once per process. */
let templateMaps: TemplateMaps[] | undefined;

function mapsOfTemplates(): TemplateMaps[] {
  templateMaps ??= loadTemplates().flatMap((t) =>
    t.pages.flatMap(({ rules, height, width }) => {
      if (!rules) return [];
      const h = rules.h.map(([y, x0, x1]) => ({ at: height - y, from: x0, to: x1 }));
      const v = rules.v.map(([x, y0, y1]) => ({ at: x, from: height - y1, to: height - y0 }));
      const place = { scale: 1, dx: 0, dy: 0 };
      return [{ rows: profile(h, height, 1, 0), cols: profile(v, width, 1, 0), map: grid({ h, v }, width, height, place), height, width }];
    }),
  );
  return templateMaps;
}

/** Scaled to unit length, so a likeness is a cosine. */
function unit(p: Profile): Profile {
  let sum = 0;
  for (const v of p) sum += v * v;
  const n = Math.sqrt(sum) || 1;
  return p.map((v) => v / n);
}

/**
 * Rule length per bin of the rules' `at` (scaled, then shifted by `offset` points), spread over
 * neighbouring bins (a rule a bin off still meets its template rule), unit length.
 */
function profile(rules: Segment[], extent: number, scale: number, offset: number): Profile {
  const p = new Float64Array(Math.ceil(extent / BIN_PT) + 1);
  for (const r of rules) {
    const bin = Math.floor((r.at * scale + offset) / BIN_PT);
    if (bin >= 0 && bin < p.length) p[bin]! += r.to - r.from;
  }
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = 0.25 * (p[i - 1] ?? 0) + 0.5 * p[i]! + 0.25 * (p[i + 1] ?? 0);
  return unit(out);
}

/** Rule length per cell of a coarse grid over a width × height page, the rules placed by scale and shift first; smoothed, unit length. */
function grid({ h, v }: Segments, width: number, height: number, { scale, dx, dy }: { scale: number; dx: number; dy: number }): Profile {
  const cols = Math.ceil(width / CELL_PT);
  const rows = Math.ceil(height / CELL_PT);
  const cells = new Float64Array(cols * rows);
  const add = (across: number, from: number, to: number, horizontal: boolean) => {
    const line = Math.floor(across / CELL_PT);
    for (let along = Math.max(0, Math.floor(from / CELL_PT)); along <= Math.floor(to / CELL_PT); along++) {
      const [c, r] = horizontal ? [along, line] : [line, along];
      if (c >= 0 && c < cols && r >= 0 && r < rows) cells[r * cols + c]! += CELL_PT;
    }
  };
  for (const s of h) add(s.at * scale + dy, s.from * scale + dx, s.to * scale + dx, true);
  for (const s of v) add(s.at * scale + dx, s.from * scale + dy, s.to * scale + dy, false);
  const out = new Float64Array(cells.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      for (let y = Math.max(0, r - 1); y <= Math.min(rows - 1, r + 1); y++) for (let x = Math.max(0, c - 1); x <= Math.min(cols - 1, c + 1); x++) sum += cells[y * cols + x]!;
      out[r * cols + c] = sum;
    }
  }
  return unit(out);
}

/** Best cosine of two profiles over shifts of up to `reach` bins, and the shift. */
function bestDot(p: Profile, t: Profile, reach: number): { dot: number; shift: number } {
  let best = { dot: 0, shift: 0 };
  for (let d = -reach; d <= reach; d++) {
    let dot = 0;
    for (let i = Math.max(0, -d); i < p.length && i + d < t.length; i++) dot += p[i]! * t[i + d]!;
    if (dot > best.dot) best = { dot, shift: d };
  }
  return best;
}

const dot = (p: Profile, q: Profile) => p.reduce((sum, v, i) => sum + v * q[i]!, 0);

/**
 * How like some template page the page's rules are (cosine, 0..1): each template page is placed on
 * the page by the rows and the columns of rules (small scales and shifts), then the rules are
 * compared cell by cell, which tells a page from itself upside down.
 */
function likeness(segments: Segments, width: number, height: number): number {
  // Template pages share their size (every ACORD page is a letter page): the page's profiles and grids
  // are made once per size and placement, not once per template page.
  const made = new Map<string, Profile>();
  const once = (key: string, make: () => Profile) => made.get(key) ?? made.set(key, make()).get(key)!;
  let best = 0;
  for (const t of mapsOfTemplates()) {
    const reach = Math.ceil((SHIFT_SHARE * t.height) / BIN_PT);
    let placed = { score: -1, scale: 1, dx: 0, dy: 0 };
    for (const scale of SCALES) {
      // Centred on the template page first: a scan's margins are about even.
      const oy = (t.height - height * scale) / 2;
      const ox = (t.width - width * scale) / 2;
      const r = bestDot(once(`h ${t.height} ${scale}`, () => profile(segments.h, t.height, scale, oy)), t.rows, reach);
      const c = bestDot(once(`v ${t.width} ${scale}`, () => profile(segments.v, t.width, scale, ox)), t.cols, reach);
      if (r.dot + c.dot > placed.score) placed = { score: r.dot + c.dot, scale, dx: ox + c.shift * BIN_PT, dy: oy + r.shift * BIN_PT };
    }
    const { scale, dx, dy } = placed;
    best = Math.max(best, dot(once(`grid ${t.width} ${t.height} ${scale} ${dx} ${dy}`, () => grid(segments, t.width, t.height, placed)), t.map));
  }
  return best;
}

const totalLength = (rules: DetectedRule[]) => rules.reduce((sum, r) => sum + r.to - r.from, 0);

/** The page's rules (points from the top-left) as they would lie with the page turned clockwise by `turn`. */
function turnedSegments(found: { h: DetectedRule[]; v: DetectedRule[] }, pxPerPt: number, w: number, h: number, turn: Turn): Segments {
  const point = (x: number, y: number): [number, number] => {
    const [px, py] = [x / pxPerPt, y / pxPerPt];
    if (turn === 90) return [h - py, px];
    if (turn === 180) return [w - px, h - py];
    if (turn === 270) return [py, w - px];
    return [px, py];
  };
  const out: Segments = { h: [], v: [] };
  const add = ([x0, y0]: [number, number], [x1, y1]: [number, number]) => {
    if (Math.abs(y1 - y0) < Math.abs(x1 - x0)) out.h.push({ at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
    else out.v.push({ at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
  };
  for (const r of found.h) add(point(r.from, r.at), point(r.to, r.at));
  for (const r of found.v) add(point(r.at, r.from), point(r.at, r.to));
  return out;
}

/**
 * How far (clockwise) a scanned page must be turned to stand upright, from its printed rules alone
 * (no OCR): rules running down the page more than across it say it lies on its side; which way up
 * is the one whose rules are more like a template page's. Forms built of even rows of boxes can look
 * much alike either way up: then `doubt` is the other way the page may stand. A page like no template
 * either way (a cover letter, a loss run) is left as it is.
 */
export function pageTurn(image: GrayImage): { turn: Turn; doubt?: Turn } {
  const factor = Math.max(1, Math.round(Math.max(image.width, image.height) / ((LETTER_LONG_PT / 72) * WORK_DPI)));
  // A hairline rule is 2 px thick at 300 dpi: reading every other pixel of every other row still meets it.
  const mask = darkMask(image, factor, Math.max(1, Math.floor(Math.max(image.width, image.height) / ((LETTER_LONG_PT / 72) * 150))));
  const pxPerPt = Math.max(mask.width, mask.height) / LETTER_LONG_PT;
  const found = detectRules(mask, 0, MIN_RULE_PT * pxPerPt);
  const sideways = totalLength(found.v) > SIDEWAYS_RATIO * totalLength(found.h);
  const [w, h] = [mask.width / pxPerPt, mask.height / pxPerPt];
  const [one, other]: [Turn, Turn] = sideways ? [90, 270] : [0, 180];
  const [width, height] = sideways ? [h, w] : [w, h];
  const asOne = likeness(turnedSegments(found, pxPerPt, w, h, one), width, height);
  const asOther = likeness(turnedSegments(found, pxPerPt, w, h, other), width, height);
  if (Math.max(asOne, asOther) < MIN_LIKENESS) return { turn: 0 };
  const doubtful = Math.abs(asOne - asOther) < DOUBT;
  // Upright is what nearly every page is: it stays, unless the page is plainly upside down.
  const turn = sideways ? (asOther > asOne ? other : one) : asOther > asOne + DOUBT ? other : one;
  return doubtful ? { turn, doubt: turn === one ? other : one } : { turn };
}

const turned = (image: GrayImage, turn: Turn): UprightImage => (turn ? { ...turnImage(image, turn), turned: turn } : image);

/**
 * The page stood upright: its pixels as they are (no copy) when it already is, else turned, saying how
 * far. First the form number's line is read as the page lies: a footer of a form we read, at its
 * bottom-left, says it is upright (a turned page shows none there), and identifying the page needs that
 * read anyway; the rules are compared only when it finds none (~50 ms a page at 300 dpi; the scanned
 * 125's four pages needed none). A turn is taken only when OCR reads an ACORD footer the turned way: a
 * page whose rules merely resemble a form's (an ACORD 160, a loss run, a form seen in doubt) stays as
 * stored. A page in doubt is read the way the rules favour first (as it lies, unless it lies on its
 * side): its footer read there settles the doubt.
 */
export async function uprightPage(image: GrayImage, ocr: Ocr): Promise<UprightImage> {
  const asLies = await readFooterFromImage(image, undefined, ocr, undefined, 'line');
  // A form with no template may be an OCR slip ("128" for "125"): the strips get their say, as ever.
  if (asLies && formWithTemplates(asLies)) return { ...image, footer: asLies };
  const { turn, doubt } = pageTurn(image);
  if (!turn && !doubt) return { ...image, footerLineMissed: true };
  let asStored: UprightImage = { ...image, footerLineMissed: true };
  for (const t of [turn, doubt]) {
    if (t === undefined) continue;
    const candidate = turned(image, t);
    const footer = await readFooterFromImage(candidate, undefined, ocr, undefined, t ? 'everywhere' : 'strips');
    if (footer) return { ...candidate, footer };
    if (!t) asStored = { ...image, footer };
  }
  return asStored;
}

/** The footer of a page stood upright by uprightPage, read by OCR unless standing it up already did. */
export function uprightFooter(image: UprightImage, ocr: Ocr): Promise<Footer | null> {
  return image.footer !== undefined ? Promise.resolve(image.footer) : readFooterFromImage(image, undefined, ocr, undefined, image.footerLineMissed ? 'strips' : 'everywhere');
}

/**
 * A rect [x, y, w, h] in points (origin bottom-left) on the upright page, as it lies on the page as
 * stored: a value's source rect points at the page a viewer shows, however the scan had to be turned.
 */
export function rectAsStored(rect: Rect, image: Pick<UprightImage, 'width' | 'height' | 'dpi' | 'turned'>): Rect {
  if (!image.turned) return rect;
  const [x, y, w, h] = rect;
  const width = (image.width * 72) / image.dpi;
  const height = (image.height * 72) / image.dpi;
  // Upright (u, v) from the bottom-left back to the stored page's (x, y) from its bottom-left.
  const back = ([u, v]: [number, number]): [number, number] =>
    image.turned === 180 ? [width - u, height - v] : image.turned === 90 ? [height - v, u] : [v, width - u];
  const corners = [back([x, y]), back([x + w, y + h])];
  const xs = corners.map(([px]) => px);
  const ys = corners.map(([, py]) => py);
  const r = (v: number) => Math.round(v * 100) / 100;
  return [r(Math.min(...xs)), r(Math.min(...ys)), r(Math.abs(xs[1]! - xs[0]!)), r(Math.abs(ys[1]! - ys[0]!))];
}
