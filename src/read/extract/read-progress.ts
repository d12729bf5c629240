/**
 * Where reading one document is, for its job's progress on the queue board and in the logs: finding its
 * forms, reading their values (by OCR for scanned pages), done; `page` is where that started, of `pages`.
 */
export type ReadProgress = { stage: 'identify' | 'extract' | 'ocr' | 'done'; page?: number; pages?: number };

/** Told as reading moves on; must not throw (a job's progress is a report, not a step of the reading). */
export type OnReadProgress = (progress: ReadProgress) => void;
