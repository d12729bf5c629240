import type { GrayImage } from '../raster/gray-image.js';
import type { OcrResult } from './ocr-engine.js';
import { subImage } from './sub-image.js';

/**
 * A block reading (several text lines) cut into one reading per line, each with the rows of `image` its
 * line covers, full width so its symbols' columns stay where they are: what is measured down whole
 * columns (phantom glyphs, spacing by the glyphs' ink) can then be measured in a multi-line box too.
 * Undefined when the reading's words have no boxes (it was not asked for `wordBoxes`).
 */
export function textLines(result: OcrResult, image: GrayImage): { result: OcrResult; image: GrayImage }[] | undefined {
  if (!result.words.every((w) => w.box)) return undefined;
  const lines: { result: OcrResult; image: GrayImage }[] = [];
  let key = '';
  for (const word of result.words) {
    const { x0, y0, x1, y1 } = word.box!.line;
    if (`${x0},${y0},${x1},${y1}` !== key) {
      key = `${x0},${y0},${x1},${y1}`;
      lines.push({ result: { text: '', confidence: result.confidence, words: [] }, image: subImage(image, [0, y0, image.width, y1 + 1]) });
    }
    const line = lines.at(-1)!.result;
    line.words.push(word);
    line.text = line.text ? `${line.text} ${word.text}` : word.text;
  }
  return lines;
}
