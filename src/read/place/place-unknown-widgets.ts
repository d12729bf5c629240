import type { Rect } from '../../../schemas/field.js';
import type { SubmissionData, UnplacedValue } from '../../../schemas/submission.js';
import { UNSURE_CONFIDENCE } from '../../config/review-threshold.js';
import type { UnknownWidget } from '../extract/acroform-extractor.js';
import { SubmissionBuilder } from '../extract/submission-builder.js';
import type { IdentifiedForm } from '../identify/identify-pdf-forms.js';
import { readPageRules } from '../align/read-page-rules.js';
import type { PDFDocumentProxy } from '../pdf/open-pdf.js';
import type { PdfPage } from '../pdf/read-pdf-pages.js';
import { readPageText } from '../text-layer/read-page-text.js';
import { cellLabel, type CellLabel, type LabelPage } from './cell-label.js';
import { columnRanks } from './column-ranks.js';
import { labelTokens } from './label-tokens.js';
import { placementCandidates } from './placement-candidates.js';
import { placementScore, type PlacementScore, type UnknownBox } from './placement-score.js';

/** Below this a box's best match is a guess, and the value stays unplaced. */
export const MIN_PLACEMENT_SCORE = 0.6;
/**
 * A box with a printed label is placed only where labels match this well: page, position and a name
 * that shares a word or two cannot make up for a label that says something else. A box with no
 * label of its own needs its field name to match this well instead.
 */
const MIN_LABEL_MATCH = 0.45;
const MIN_NAME_MATCH = 0.6;
/** Printed label and field name both say so (this well): still inferred, so still under 1. */
const AGREED_CONFIDENCE = 0.9;
const AGREED_LABEL = 0.8;
const AGREED_NAME = 0.6;
/**
 * Another form's field (the 125's expiration date on a 140) has no page or place to vouch for it:
 * it is taken only where the printed label and the field name both say so, and only for a box no
 * field of the form itself takes. On the real 2007/09 140s the right ones ("DIRECT BILL" for the
 * 125's "DIRECT" billing box) have labels from 0.67 and names from 0.75; the nearest wrong one (the
 * 125's agency address line for "AGENCY") a name of 0.68. Its score is discounted below
 * INFERRED_CONFIDENCE, so it always goes to review.
 */
const FOREIGN_LABEL = 0.6;
const FOREIGN_NAME = 0.7;
/** Any other inferred placement goes to a person. */
const INFERRED_CONFIDENCE = UNSURE_CONFIDENCE;
/** Cell sides are often one row (12 pt) high. */
const CELL_RULE_PT = 6;

export type Placement = { data: SubmissionData | null; unplaced: UnplacedValue[] };

const middleOf = (page: PdfPage, [x, y, w, h]: Rect): [number, number] => [(x + w / 2) / page.width, (y + h / 2) / page.height];

/** The page's printed words and rules; a page whose drawing cannot be read leaves names to go by. */
async function printedPage(doc: PDFDocumentProxy, page: PdfPage): Promise<LabelPage> {
  try {
    const text = await readPageText(doc, page.page);
    return { items: text.items, rules: await readPageRules(doc, page.page, CELL_RULE_PT), view: text.view };
  } catch {
    return { items: [], rules: { h: [], v: [] }, view: [0, 0, page.width, page.height] };
  }
}

/**
 * Each box on the document page: its printed label, its row in its column, and where the page prints
 * the same label again outside that column (filled or not: an empty box can be the better match).
 */
async function labelPage(doc: PDFDocumentProxy, page: PdfPage) {
  const labelled = await printedPage(doc, page);
  const labels = page.widgets.map((w) => cellLabel(labelled, w, page.widgets.filter((o) => o !== w).map((o) => o.rect)));
  const ranks = columnRanks(page.widgets.map((w, i) => ({ page: page.page, label: labels[i]!.label, rect: w.rect })));
  return page.widgets.map((w, i) => {
    const rivals = page.widgets.filter(
      (o, j) => j !== i && o.kind === w.kind && labels[j]!.label !== '' && labels[j]!.label === labels[i]!.label && Math.min(o.rect[0] + o.rect[2], w.rect[0] + w.rect[2]) <= Math.max(o.rect[0], w.rect[0]),
    );
    return { widget: w, ...labels[i]!, ...ranks[i]!, rivals: rivals.map((o) => middleOf(page, o.rect)) };
  });
}

/** A box with a printed label goes by it; one without, by its field name; either way the match must be good overall. */
const saidOnForm = (b: UnknownBox, s: PlacementScore) =>
  (b.label.length || b.row.length ? s.label >= MIN_LABEL_MATCH : (s.name ?? 0) >= MIN_NAME_MATCH) && s.score >= MIN_PLACEMENT_SCORE;
const saidByBoth = (s: PlacementScore) => s.label >= FOREIGN_LABEL && s.name !== null && s.name >= FOREIGN_NAME;

const shown = (l: CellLabel) => [l.label, l.row].filter(Boolean).join(' — ');

/**
 * Places the filled boxes of a copy whose field names no template knows (older editions,
 * third-party copies, renamed fields) by where they sit: the printed label of each box's cell,
 * matched against the labels of every edition's template of the form, helped by the words of its
 * field name, its place on the page and its row in its column. Each model path takes one box, best
 * matches first. A value placed this way is inferred, so it goes to review unless label and name
 * both agree; what matches nothing well enough stays unplaced, with its label and best guess.
 */
export async function placeUnknownWidgets(
  unknown: readonly UnknownWidget[],
  form: IdentifiedForm,
  pages: readonly PdfPage[],
  doc: () => Promise<PDFDocumentProxy>,
  documentId: string,
): Promise<Placement> {
  if (!unknown.length) return { data: null, unplaced: [] };
  const { candidates: all, weight } = placementCandidates(form.form);
  // A field the document names as the template does was read by name: it is no candidate.
  const named = new Set(form.pages.flatMap((p) => pages[p - 1]!.widgets.map((w) => w.name)));
  // Nor is another form's field whose path the document already fills by name.
  const read = new Set(all.filter((c) => !c.foreign && named.has(c.name)).map((c) => c.path));
  const candidates = all.filter((c) => !named.has(c.name) && !(c.foreign && read.has(c.path)));

  const boxes: (UnknownBox & { from: UnknownWidget; shown: string })[] = [];
  for (const pageNumber of [...new Set(unknown.map((u) => u.page))]) {
    const page = pages[pageNumber - 1]!;
    const labelled = await labelPage(await doc(), page);
    const templatePage = form.templatePages[form.pages.indexOf(pageNumber)]!;
    for (const u of unknown.filter((x) => x.page === pageNumber)) {
      const l = labelled.find((x) => x.widget === u.widget)!;
      boxes.push({
        from: u,
        shown: shown(l),
        kind: u.widget.kind,
        raw: u.widget.value,
        page: templatePage,
        at: middleOf(page, u.widget.rect),
        rivals: l.rivals,
        label: labelTokens(l.label),
        row: labelTokens(l.row),
        name: labelTokens(u.widget.name),
        rank: l.rank,
        size: l.size,
      });
    }
  }

  const pairs: { box: number; path: string; foreign: boolean; s: PlacementScore }[] = [];
  const best = new Map<number, { path: string; s: PlacementScore }>();
  boxes.forEach((b, i) => {
    for (const c of candidates) {
      if (c.kind !== b.kind) continue;
      const s = placementScore(b, c, weight);
      if (!best.has(i) || s.score > best.get(i)!.s.score) best.set(i, { path: c.path, s });
      if (c.foreign ? saidByBoth(s) : saidOnForm(b, s)) pairs.push({ box: i, path: c.path, foreign: c.foreign, s });
    }
  });
  // The form's own fields first: another form's field only takes a box none of them took.
  pairs.sort((p, q) => Number(p.foreign) - Number(q.foreign) || q.s.score - p.s.score);

  const builder = new SubmissionBuilder();
  const placed = new Set<number>();
  const used = new Set<string>();
  for (const { box, path, foreign, s } of pairs) {
    if (placed.has(box) || used.has(path)) continue;
    const { page, widget } = boxes[box]!.from;
    const agreed = !foreign && s.label >= AGREED_LABEL && s.name !== null && s.name >= AGREED_NAME;
    const confidence = Math.round((agreed ? AGREED_CONFIDENCE : Math.min(s.score, INFERRED_CONFIDENCE)) * 100) / 100;
    if (!builder.set(path, widget.value, { document: documentId, page, rect: widget.rect, method: 'acroform', field: widget.name }, confidence)) continue;
    placed.add(box);
    used.add(path);
  }

  const unplaced = boxes.flatMap(({ from: { page, widget }, shown: label }, i): UnplacedValue[] => {
    if (placed.has(i)) return [];
    const guess = best.get(i);
    return [
      {
        document: documentId,
        page,
        rect: widget.rect,
        field: widget.name,
        raw: widget.value,
        ...(label ? { label } : {}),
        reason: guess
          ? `no printed label or field name matched well enough; best guess: ${guess.path} (${guess.s.score.toFixed(2)})`
          : 'no field of this form takes this kind of box',
      },
    ];
  });
  return { data: placed.size ? builder.build() : null, unplaced };
}
