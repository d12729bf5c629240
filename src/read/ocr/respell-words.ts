import type { OcrResult } from './ocr-engine.js';

/**
 * The result's text with each word's spelling replaced by `spellings[i]` (same order as `result.words`),
 * found in the text in turn so the line breaks and spaces between words stay as tesseract wrote them.
 */
export function respellWords(result: OcrResult, spellings: readonly string[]): string {
  let text = '';
  let rest = result.text;
  result.words.forEach((w, i) => {
    const at = rest.indexOf(w.text);
    if (at < 0) return;
    text += rest.slice(0, at) + spellings[i];
    rest = rest.slice(at + w.text.length);
  });
  return text + rest;
}
