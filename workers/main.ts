import { parseArgs } from 'node:util';
import { loadAppetiteRules } from '../src/appetite/load-appetite-rules.js';
import { loadServiceConfig } from '../src/config/service-config.js';
import { openDatabase } from '../src/db/open-database.js';
import { ensureRedis } from '../src/runtime/ensure-redis.js';
import { DEFAULT_PREFIX } from './queues.js';
import { READ_PROCESSOR_FILE, startWorkers } from './start-workers.js';

/**
 * `npm run worker [-- --appetite rules.json] [--prefix <redis key prefix>]`: the service's workers alone, reading what is queued until
 * SIGTERM or SIGINT, then finishing the jobs in hand within SHUTDOWN_GRACE_MS.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { appetite: { type: 'string' }, prefix: { type: 'string' } } });
  const config = loadServiceConfig();
  const redis = await ensureRedis({ url: config.redisUrl, dataDir: config.dataDir, log: console });
  const db = await openDatabase({ databaseUrl: config.database.kind === 'postgres' ? config.database.url : undefined, dataDir: config.dataDir });
  const appetiteRules = values.appetite ? await loadAppetiteRules(values.appetite) : null;
  const prefix = values.prefix ?? DEFAULT_PREFIX;
  const workers = startWorkers(config, { db, redisUrl: redis.url, appetiteRules, prefix });
  console.info(
    [
      `workers: started (pid ${process.pid})`,
      `  Redis            ${redis.how} (${redis.how === 'REDIS_URL' ? 'from REDIS_URL' : redis.url}), key prefix ${prefix}`,
      `  database         ${db.describe()}`,
      `  store            ${config.storeDir}`,
      `  results          ${config.dataDir}/results`,
      `  outbox           ${config.outboxDir}`,
      `  quarantine       ${config.quarantineDir}`,
      `  appetite         ${values.appetite ?? 'none (checklists and value rules only)'}`,
      `  read-document    ${config.workerConcurrency} sandboxed child process(es), ${config.sandboxMemoryMb} MB heap each, ${READ_PROCESSOR_FILE}`,
      `  shutdown grace   ${config.shutdownGraceMs} ms`,
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`workers: ${signal}: finishing the jobs in hand (at most ${config.shutdownGraceMs} ms)`);
    const { graceful } = await workers.close(config.shutdownGraceMs);
    if (!graceful) console.warn('workers: the grace time ran out; the unfinished jobs go back to the queue when their locks expire');
    await db.close();
    await redis.stop();
    console.info('workers: stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

process.on('unhandledRejection', (err) => {
  console.error(`workers: unexpected failure: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
main().catch((err: Error) => {
  console.error(`workers: cannot start: ${err.message}`);
  process.exit(1);
});
