import type { FileFailure } from '../read/extract/extract-submission.js';

export type QuarantinedSubmission = { id: string; source: string; receivedAt: string };

const advice = (failure: FileFailure) =>
  failure.retryable
    ? 'the machine failed, not the file (a time-out, a crash, too little memory): drop the file in the inbox again later, or on a less loaded worker.'
    : 'the file itself is at fault and will fail the same way again: ask the broker for a readable copy (a PDF, scan or ACORD XML of an ACORD 125, 126 or 140, not encrypted), then drop that in the inbox.';

/** report.txt of a quarantined submission: each file, its error code and message, and what to do. */
export function quarantineReport(submission: QuarantinedSubmission, failures: readonly FileFailure[]): string {
  const lines = [
    `No document of this submission could be read, so no packet was made.`,
    `Submission ${submission.id}, from ${submission.source}, received ${submission.receivedAt}.`,
    `The files are in this folder as they were received.`,
    '',
    ...failures.flatMap((f) => [f.fileName, `  error: ${f.code}`, `  ${f.message}`, `  what to do: ${advice(f)}`, '']),
  ];
  return `${lines.join('\n')}`;
}
