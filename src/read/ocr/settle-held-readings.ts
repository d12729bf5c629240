import { voteByPrototypes } from './glyph-prototypes.js';
import type { FieldReading, HeldReading } from './read-fields-from-image.js';

/**
 * The readings of a document's pages (firstReadFields each) with every held value's second read done:
 * by the document's own glyphs where they vouch for it (voteByPrototypes: every glyph agrees), else by
 * tesseract again, as every held value was before. Run once all
 * pages have had their first reads, so the prototypes come from the whole form.
 */
export async function settleHeldReadings(pages: readonly (readonly HeldReading[])[]): Promise<FieldReading[][]> {
  const voters = pages.flat().filter((r) => r.held?.glyphs);
  const votes = voteByPrototypes(voters.map((r) => ({ text: r.held!.text, glyphs: r.held!.glyphs! })));
  const verdictOf = new Map(voters.map((r, i) => [r, votes[i]!]));
  return Promise.all(
    pages.map((page) =>
      Promise.all(
        page.map((r) => {
          const { held, ...reading } = r;
          if (!held) return reading;
          const verdict = verdictOf.get(r) ?? 'undecided';
          // A contested glyph goes to tesseract too: a document may mix fonts (the shipped samples' scans),
          // and a glyph of one judged by another's prototypes is contested while right (made unsure
          // outright, 15–24 right values per sample scan went to review against 0–9 before).
          if (verdict === 'agree') return { ...reading, confidence: held.sure };
          return held.secondRead();
        }),
      ),
    ),
  );
}
