import { pino, type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import { maskTaxIds } from '../model/mask-tax-id.js';

export type { Logger } from 'pino';

export type LogSettings = {
  /** LOG_LEVEL from the service's config. */
  logLevel: Level | 'silent';
};

export type LoggerTarget = {
  /** Where the lines go; stdout when absent. */
  destination?: DestinationStream;
  /** Human-readable lines (pino-pretty) instead of JSON; by default only when stdout is a terminal. */
  pretty?: boolean;
};

/** Secrets the web's requests carry: never written, whatever the level. */
const REDACT = ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-xsrf-token"]', 'res.headers["set-cookie"]', 'password', '*.password', 'passwordHash', '*.passwordHash', 'taxIdentifier', '*.taxIdentifier', 'fein', '*.fein', '*.feinLast4'];

/** A JSON string literal, escapes included: only text is masked, never a number (a byte count may have nine digits). */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/**
 * A serialized line with every tax id in its strings masked (maskTaxIds). Done on the line, not on its
 * parts: a child's bindings, an error's message and stack and the message pino takes from an error are
 * all in it, and none escapes.
 */
const maskLine = (line: string): string => line.replace(JSON_STRING, (literal) => maskTaxIds(literal));

/** pino's settings for the service: the level, masking of tax ids everywhere in a line, redaction of secrets. */
function loggerOptions(settings: LogSettings): LoggerOptions {
  return {
    level: settings.logLevel,
    redact: { paths: REDACT, censor: '[redacted]' },
    hooks: { streamWrite: maskLine },
  };
}

/**
 * The service's logger: one JSON object a line (for journald, Loki, `jq`), or pino-pretty's lines when a
 * person watches the terminal. No line holds a whole FEIN or SSN: messages, fields, bindings and errors
 * are masked to the last four digits, as everything else acord-prep lets out.
 */
export function createLogger(settings: LogSettings, target: LoggerTarget = {}): Logger {
  const options = loggerOptions(settings);
  const toTerminal = !target.destination && process.stdout.isTTY;
  // Synchronous writes to stdout: a line logged just before process.exit is not lost.
  const destination = target.destination ?? pino.destination({ dest: 1, sync: true });
  if (!(target.pretty ?? toTerminal)) return pino(options, destination);
  return pino(options, pretty({ destination, colorize: toTerminal, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true }));
}
