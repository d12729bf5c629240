import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { benchMethod } from './bench-method.js';

/** Bench settings that change what the figures mean, recorded with them. */
const SETTINGS = ['BENCH_RUNS', 'BENCH_SERVICE_FILLABLE', 'BENCH_SERVICE_SCANNED', 'WORKER_CONCURRENCY'];

/**
 * Keeps everything the bench prints (it still goes to the terminal), so that `npm run bench` can leave its
 * figures in bench/README.md: the last run's, with the commit, the machine and the load it ran under,
 * since figures without those cannot be compared with the next run's.
 */
export function recordBenchOutput(): { write(file: string, root: string): Promise<void> } {
  const lines: string[] = [];
  const print = console.log.bind(console);
  const started = new Date();
  const loadAtStart = loadavg();
  console.log = (...args: unknown[]) => {
    print(...args);
    lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  };
  return {
    async write(file, root) {
      const commit = (() => {
        try {
          return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: root, encoding: 'utf8' }).trim();
        } catch {
          return 'not a git checkout';
        }
      })();
      const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(1);
      const settings = SETTINGS.filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`);
      const text = [
        '# Bench: the last run of `npm run bench`',
        '',
        'Written by `npm run bench` (bench/run-bench.ts) at the end of every complete run; do not edit it by hand. What each',
        'section measures and its targets are in the header of bench/run-bench.ts and in the lines below.',
        '',
        `- run: ${started.toISOString()}, ${minutes} min, commit ${commit}${settings.length ? `, ${settings.join(' ')}` : ''}`,
        `- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
        `- load average at the start ${loadAtStart.map((l) => l.toFixed(1)).join(' / ')}, at the end ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (other work on the machine slows every figure)`,
        '',
        ...benchMethod(),
        '## Figures',
        '',
        '```',
        ...lines.flatMap((l) => l.split('\n')),
        '```',
        '',
      ].join('\n');
      await writeFile(file, text);
      print(`\nwrote ${path.relative(root, file)}`);
    },
  };
}
