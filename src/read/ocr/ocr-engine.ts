import type { GrayImage } from '../raster/gray-image.js';

export type OcrRequest = {
  /** tessedit_char_whitelist; empty or absent allows every character. */
  whitelist?: string;
  /**
   * 'line' = PSM 7 (one text line: most boxes), 'block' = PSM 6 (a uniform block: multi-line boxes),
   * 'sparse' = PSM 11 (text anywhere on the image, in no set order: a whole page of columns and tables).
   */
  psm?: 'line' | 'block' | 'sparse';
  /** Give each word its box and its line's baseline (`OcrWord.box`): for reading a whole page by position. */
  wordBoxes?: boolean;
  /**
   * Goes ahead of every queued job that is not urgent: a read that decides what else gets read (a
   * page's footer names its form) should not wait behind hundreds of field crops.
   */
  urgent?: boolean;
  /**
   * Aborts the job: a queued one is dropped, a running one's worker is terminated (a recognition cannot
   * be interrupted otherwise). The job rejects with the signal's reason.
   */
  signal?: AbortSignal;
};

export type OcrWord = {
  text: string;
  /** 0..1, tesseract's for the word (its language model's say included: low for codes and numbers). */
  confidence: number;
  /** 0..1, the least sure of the word's characters. */
  minSymbolConfidence: number;
  /** The word's characters, each with its confidence (0..1) and left and right ink edges in the image's pixels. */
  symbols: OcrSymbol[];
  /** Where the word is, in image pixels (y down); only when the request asked for `wordBoxes`. */
  box?: OcrWordBox;
};

export type OcrWordBox = {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The word's text line: its box, and its baseline from (x0, y0) to (x1, y1). */
  line: { x0: number; y0: number; x1: number; y1: number; baseline: { x0: number; y0: number; x1: number; y1: number } };
};

export type OcrSymbol = { text: string; confidence: number; x0: number; x1: number };

export type OcrResult = {
  text: string;
  /** 0..1, tesseract's mean over the words. */
  confidence: number;
  words: OcrWord[];
};

/** What a reader needs of OCR: a document's reading gets one bound to its deadline. */
export interface Ocr {
  recognize(image: GrayImage, request?: OcrRequest): Promise<OcrResult>;
}

/**
 * An OCR engine: recognizes images and holds workers until its owner closes it. Readers take an `Ocr`;
 * only the code that starts an engine (OcrPool, tesseract.js workers) names the class.
 */
export interface OcrEngine extends Ocr {
  /** Ends the workers; jobs still queued reject. */
  close(): Promise<void>;
}
