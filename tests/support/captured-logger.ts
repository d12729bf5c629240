import { Writable } from 'node:stream';
import { createLogger, type Logger, type LogSettings } from '../../src/runtime/logger.js';

/** The service's logger writing JSON lines to memory: `lines()` parsed, `text()` as written. */
export function capturedLogger(settings: LogSettings = { logLevel: 'debug' }, pretty = false): { log: Logger; lines(): Record<string, unknown>[]; text(): string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = createLogger(settings, { destination, pretty });
  const text = () => chunks.join('');
  return { log, text, lines: () => text().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}
