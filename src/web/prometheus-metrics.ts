import type { SubmissionState } from '../../schemas/db-records.js';

/** A label value as the Prometheus text format quotes it. */
const label = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** The service's gauges in the Prometheus text exposition format (version 0.0.4). */
export function prometheusMetrics(byState: Record<SubmissionState, number>, queues: readonly { queue: string; counts: Record<string, number> }[] | null): string {
  const lines = [
    '# HELP acord_prep_submissions Submissions by state.',
    '# TYPE acord_prep_submissions gauge',
    ...Object.entries(byState).map(([state, n]) => `acord_prep_submissions{state=${label(state)}} ${n}`),
  ];
  if (queues) {
    lines.push('# HELP acord_prep_queue_jobs Jobs in each queue by status.', '# TYPE acord_prep_queue_jobs gauge');
    for (const { queue, counts } of queues) {
      for (const [status, n] of Object.entries(counts)) lines.push(`acord_prep_queue_jobs{queue=${label(queue)},status=${label(status)}} ${n}`);
    }
  }
  return lines.join('\n') + '\n';
}
