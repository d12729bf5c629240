import { describe, expect, it } from 'vitest';
import { eraseRules, eraseRulesKeepingSpecks, type RuleSizes } from '../src/read/ocr/erase-rules.js';
import { createGrayImage, type GrayImage } from '../src/read/raster/gray-image.js';

const SIZES: RuleSizes = { band: 4, minRowRun: 40, minColumnRun: 16, halfWidth: 1, minRuleLength: 30, maxThickness: 3, maxSpeck: 6, speckReach: 8 };

/** A 120×24 box crop: its bottom border, a glyph-like block, a speck beside it, one far off and one on the left side. */
function crop(): GrayImage {
  const image = createGrayImage(120, 24, 300);
  const ink = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) image.data[y * 120 + x] = 20;
  };
  ink(0, 22, 120, 24);
  ink(30, 6, 38, 18);
  ink(40, 16, 42, 18);
  ink(100, 4, 102, 6);
  ink(0, 10, 2, 12);
  return image;
}

const inked = (image: GrayImage, x: number, y: number) => image.data[y * image.width + x]! < 128;

describe('eraseRulesKeepingSpecks', () => {
  it('cleans as eraseRules does, and keeps the specks as eraseRules with no speck size would', () => {
    const { cleaned, specked } = eraseRulesKeepingSpecks(crop(), SIZES);
    expect(cleaned.data).toEqual(eraseRules(crop(), SIZES).data);
    expect(specked.data).toEqual(eraseRules(crop(), { ...SIZES, maxSpeck: 0 }).data);
    // The border goes in both; the far speck and the one on the side only from the cleaned crop.
    expect(inked(cleaned, 60, 23) || inked(specked, 60, 23)).toBe(false);
    expect([inked(cleaned, 34, 10), inked(cleaned, 41, 17), inked(cleaned, 100, 4), inked(cleaned, 0, 10)]).toEqual([true, true, false, false]);
    expect([inked(specked, 100, 4), inked(specked, 0, 10)]).toEqual([true, true]);
  });
});
