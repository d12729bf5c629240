import type { SubmissionState } from '../../schemas/db-records.js';

/** A submission's state as the pages say it. */
export const STATE_WORDS: Record<SubmissionState, string> = {
  received: 'Received',
  reading: 'Reading',
  checking: 'Checking',
  'packet-ready': 'In review',
  reassembling: 'Reassembling',
  'ready-for-underwriter': 'Ready for underwriter',
  taken: 'Taken',
  quarantined: 'Quarantined',
  failed: 'Failed',
  duplicate: 'Duplicate',
};
