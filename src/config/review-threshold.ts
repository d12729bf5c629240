/**
 * Values read with less confidence than this go to a person for review. Set where OCR's wrong reads
 * fall below it and its right reads mostly above (npm run bench prints both counts).
 */
export const REVIEW_THRESHOLD = 0.8;

/**
 * The confidence a reader gives a value it has reason to doubt (a guessed placement, readings that
 * disagree, a look-alike glyph no rule decides): under the threshold, so a person is shown it.
 */
export const UNSURE_CONFIDENCE = REVIEW_THRESHOLD - 0.05;
