import { describe, expect, it } from 'vitest';
import type { TemplatePage } from '../schemas/form-template.js';
import type { PageTransform } from '../src/read/raster/page-transform.js';
import { alignTextLayer } from '../src/read/text-layer/align-text-layer.js';
import type { PageText, TextItem } from '../src/read/text-layer/read-page-text.js';

const TEMPLATE_PAGE: TemplatePage = {
  width: 612,
  height: 792,
  printedText: {
    anchors: [
      ['ACORD 125 (2016/03)', 21.6, 39.18, 8.4],
      ['Page 1 of 4', 283.86, 39.18, 8.4],
      ['POLICY PREMIUM', 537.78, 334.08, 5.9],
      ['CARRIER', 309.6, 729.36, 8],
      ['NAIC CODE', 547.2, 731.58, 5.9],
    ],
    inFields: [],
  },
};

/** The anchors (and a value) as a print with transform `t` places them. */
function printed(t: PageTransform, extra: TextItem[] = [], view: PageText['view'] = [0, 0, 612, 792]): PageText {
  const items: TextItem[] = TEMPLATE_PAGE.printedText!.anchors.map(([str, x, y, size]) => ({ str, x, y, size, width: str.length * size * 0.5 }));
  items.push({ str: 'T2', x: 23, y: 717.13, width: 9.3, size: 8 }, ...extra);
  return { page: 1, view, marks: [], items: items.map((i) => ({ ...i, x: t.a * i.x + t.e, y: t.d * i.y + t.f, size: i.size * t.d, width: i.width * t.a })) };
}

const close = (t: PageTransform, want: PageTransform) => {
  for (const k of ['a', 'd', 'e', 'f'] as const) expect(t[k]).toBeCloseTo(want[k], 3);
};

describe('aligning a flattened page to its template by the form’s printed anchors', () => {
  it('is the identity for an unscaled copy', () => {
    const t = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };
    const { transform, anchors } = alignTextLayer(printed(t), TEMPLATE_PAGE);
    close(transform, t);
    expect(anchors).toBe(5);
  });

  it('recovers a 97 % "fit to page" print shifted off centre, also when an anchor opens a longer run', () => {
    const t = { a: 0.97, b: 0, c: 0, d: 0.97, e: 12.4, f: 8.1 };
    const page = printed(t);
    page.items[1]!.str = 'Page 1 of 4 continued';
    const { transform, anchors } = alignTextLayer(page, TEMPLATE_PAGE);
    close(transform, t);
    expect(anchors).toBe(5);
  });

  it('ignores a value that happens to read like an anchor', () => {
    const t = { a: 0.97, b: 0, c: 0, d: 0.97, e: 9.2, f: 11.9 };
    const { transform, anchors } = alignTextLayer(printed(t, [{ str: 'CARRIER', x: 100, y: 400, width: 30, size: 8 }]), TEMPLATE_PAGE);
    close(transform, t);
    expect(anchors).toBe(5);
  });

  it('without anchors, assumes the page was scaled to fit and centred', () => {
    const page: PageText = { page: 1, view: [0, 0, 595.28, 841.89], marks: [], items: [] };
    const { transform, anchors } = alignTextLayer(page, TEMPLATE_PAGE);
    const s = 595.28 / 612;
    close(transform, { a: s, b: 0, c: 0, d: s, e: 0, f: (841.89 - 792 * s) / 2 });
    expect(anchors).toBe(0);
  });
});
