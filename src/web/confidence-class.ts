import { REVIEW_THRESHOLD } from '../config/review-threshold.js';

/** Green at or above the review threshold, orange below it, red below half (§5.1's colours). */
export const confidenceClass = (confidence: number): string => (confidence >= REVIEW_THRESHOLD ? 'conf-high' : confidence >= 0.5 ? 'conf-mid' : 'conf-low');

export const percent = (confidence: number): string => `${Math.round(confidence * 100)} %`;
