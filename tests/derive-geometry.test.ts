import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFooterRect } from '../src/read/align/read-footer-rect.js';
import { readPageRules } from '../src/read/align/read-page-rules.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { loadTemplates } from '../src/read/templates/template-registry.js';
import { templateSourcePath } from './support/real-corpus.js';

const onTenth = (v: number) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6;

describe('template page geometry', () => {
  for (const t of loadTemplates()) {
    it(`ACORD ${t.form} (${t.edition}): every page has long printed rules and a footer rectangle`, () => {
      for (const [i, page] of t.pages.entries()) {
        const where = `page ${i + 1}`;
        expect(page.rules, where).toBeDefined();
        const { h, v } = page.rules!;
        // Enough rules on both axes to fix scale and offset of each (the 140's last page has the fewest).
        expect(h.length, where).toBeGreaterThanOrEqual(5);
        expect(v.length, where).toBeGreaterThanOrEqual(4);
        for (const [at, from, to] of h) {
          expect(to - from).toBeGreaterThanOrEqual(20);
          expect(at >= 0 && at <= page.height && from >= 0 && to <= page.width).toBe(true);
          expect([at, from, to].every(onTenth)).toBe(true);
        }
        for (const [at, from, to] of v) {
          expect(to - from).toBeGreaterThanOrEqual(20);
          expect(at >= 0 && at <= page.width && from >= 0 && to <= page.height).toBe(true);
          expect([at, from, to].every(onTenth)).toBe(true);
        }
        // Collinear touching pieces are merged: no two rules of a line overlap or touch.
        for (const [axis, rules] of [['h', h], ['v', v]] as const) {
          const sorted = [...rules].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
          for (let k = 1; k < sorted.length; k++) {
            const [p, q] = [sorted[k - 1]!, sorted[k]!];
            if (Math.abs(p[0] - q[0]) < 0.05) expect(q[1] - p[2], `${where} ${axis} ${p} / ${q}`).toBeGreaterThan(0.9);
          }
        }
        const [x, y, w, hgt] = page.footerRect!;
        expect(x >= 0 && y >= 0 && y + hgt <= 60 && w > 50 && hgt > 5, `${where} footer ${page.footerRect}`).toBe(true);
      }
    });
  }
});

describe('template geometry matches the real forms', () => {
  for (const t of loadTemplates()) {
    const { file } = t.derivedFrom[0]!;
    const source = templateSourcePath(file);
    it.skipIf(!source)(`ACORD ${t.form} (${t.edition}): rules and footer as read from ${file}`, async () => {
      const doc = await openPdf(new Uint8Array(readFileSync(source!)), file);
      for (const [i, page] of t.pages.entries()) {
        expect(await readPageRules(doc, i + 1)).toEqual(page.rules);
        expect(await readFooterRect(doc, i + 1)).toEqual(page.footerRect);
      }
      await doc.destroy();
    });
  }
});
