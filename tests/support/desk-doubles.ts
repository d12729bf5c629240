import type { ReassembleQueue, Reviewer } from '../../src/review/review-operations.js';

export const ana: Reviewer = { name: 'ana', role: 'assistant' };
export const uwe: Reviewer = { name: 'uwe', role: 'underwriter' };

/** The review desk's queue as a list: the test runs each job itself. */
export class ListedQueue implements ReassembleQueue {
  readonly ids: string[] = [];
  async enqueueReassemble(submissionId: string): Promise<void> {
    this.ids.push(submissionId);
  }
}
