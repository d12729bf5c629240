/**
 * Values read with less confidence than this go to a person for review. Set where OCR's wrong reads
 * fall below it and its right reads mostly above (npm run bench prints both counts).
 */
export const REVIEW_THRESHOLD = 0.8;
