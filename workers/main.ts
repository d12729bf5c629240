import { parseArgs } from 'node:util';
import { describeConfig, loadServiceConfig, type ServiceConfig } from '../src/service/service-config.js';
import { openDatabase } from '../src/db/open-database.js';
import { createLogger, type Logger } from '../src/runtime/logger.js';
import { DEFAULT_PREFIX, openServiceQueues } from './queues.js';
import { collectStatus, findRunningRedis, formatStatus } from './service-status.js';
import { startService, startWorkerStack } from './start-service.js';

/** The status report is the command's output, for a person at a terminal: plain lines, not log records. */
const print = (text: string) => process.stdout.write(`${text}\n`);

/** `npm run status`: queue counts, the oldest waiting job, failures in the last hour, submissions by state. */
async function printStatus(config: ServiceConfig, prefix: string): Promise<number> {
  const db = await openDatabase({ databaseUrl: config.database.kind === 'postgres' ? config.database.url : undefined, dataDir: config.dataDir });
  try {
    const redisUrl = await findRunningRedis(config.redisUrl, config.dataDir);
    if (!redisUrl) {
      const counts = Object.entries(await db.countByState()).filter(([, n]) => n > 0);
      print(`No Redis answered (${config.redisUrl ? 'REDIS_URL' : "the service's private redis-server, nor 127.0.0.1:6379"}): is the service running? Submissions in ${db.describe()}:`);
      for (const [state, n] of counts) print(`  ${state.padEnd(16)} ${n}`);
      return 3;
    }
    const queues = Object.values(openServiceQueues(redisUrl, prefix));
    try {
      print(formatStatus(await collectStatus(queues, db)));
    } finally {
      await Promise.all(queues.map((q) => q.close()));
    }
    return 0;
  } finally {
    await db.close();
  }
}

/** Until the config is read, LOG_LEVEL is not known: a bad environment is reported at the default level. */
let log: Logger = createLogger({ logLevel: 'info' });

/**
 * `npm start [-- --appetite rules.json] [--prefix <redis key prefix>]`: the whole service (`--service`): inbox
 * watcher, workers, web server. `npm run worker [-- …]`: the workers alone, reading what is queued. Both run
 * until SIGTERM or SIGINT, then finish the jobs in hand within SHUTDOWN_GRACE_MS and exit 0. `--appetite`
 * overrides ACORD_PREP_APPETITE. `npm run status`: what the running service has queued and done
 * (`--status`), then exits.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { appetite: { type: 'string' }, prefix: { type: 'string' }, service: { type: 'boolean' }, status: { type: 'boolean' } } });
  const config = loadServiceConfig();
  log = createLogger(config);
  if (values.status) {
    process.exitCode = await printStatus(config, values.prefix ?? DEFAULT_PREFIX);
    return;
  }
  const options = { log, ...(values.appetite ? { appetiteFile: values.appetite } : {}), ...(values.prefix ? { prefix: values.prefix } : {}) };
  const name = values.service ? 'acord-prep' : 'workers';
  let stop: () => Promise<void>;
  if (values.service) {
    stop = (await startService(config, options)).stop;
  } else {
    log.info(describeConfig(config));
    const stack = await startWorkerStack(config, options);
    log.info([`workers: started (pid ${process.pid})`, ...stack.lines].join('\n'));
    stop = async () => {
      await stack.closeWorkers();
      await stack.closeStores();
      log.info('workers: stopped');
    };
  }

  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${name}: ${signal}: finishing the jobs in hand (at most ${config.shutdownGraceMs} ms)`);
    await stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));
}

process.on('unhandledRejection', (err) => {
  log.fatal({ err }, `acord-prep: unexpected failure: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
main().catch((err: Error) => {
  // An error with a code was written for the person starting the service (a bad setting, a database that
  // does not answer): its message says what to do, a stack would bury it.
  const code = (err as { code?: unknown }).code;
  log.fatal(typeof code === 'string' ? { code } : { err }, `acord-prep: cannot start: ${err.message}`);
  process.exit(1);
});
