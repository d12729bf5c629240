import { parseArgs } from 'node:util';
import { loadAppetiteRules } from '../src/appetite/load-appetite-rules.js';
import { describeConfig, loadServiceConfig } from '../src/config/service-config.js';
import { startService, startWorkerStack } from './start-service.js';

/**
 * `npm start [-- --appetite rules.json] [--prefix <redis key prefix>]`: the whole service (`--service`): inbox
 * watcher, workers, web server. `npm run worker [-- …]`: the workers alone, reading what is queued. Both run
 * until SIGTERM or SIGINT, then finish the jobs in hand within SHUTDOWN_GRACE_MS and exit 0.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { appetite: { type: 'string' }, prefix: { type: 'string' }, service: { type: 'boolean' } } });
  const config = loadServiceConfig();
  const appetiteRules = values.appetite ? await loadAppetiteRules(values.appetite) : null;
  const options = { appetiteRules, ...(values.appetite ? { appetiteFile: values.appetite } : {}), ...(values.prefix ? { prefix: values.prefix } : {}) };
  const name = values.service ? 'acord-prep' : 'workers';
  let stop: () => Promise<void>;
  if (values.service) {
    stop = (await startService(config, options)).stop;
  } else {
    console.info(describeConfig(config));
    const stack = await startWorkerStack(config, options);
    console.info([`workers: started (pid ${process.pid})`, ...stack.lines].join('\n'));
    stop = async () => {
      await stack.closeWorkers();
      await stack.closeStores();
      console.info('workers: stopped');
    };
  }

  let stopping = false;
  const onSignal = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`${name}: ${signal}: finishing the jobs in hand (at most ${config.shutdownGraceMs} ms)`);
    await stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  process.on('SIGINT', () => void onSignal('SIGINT'));
}

process.on('unhandledRejection', (err) => {
  console.error(`acord-prep: unexpected failure: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
main().catch((err: Error) => {
  console.error(`acord-prep: cannot start: ${err.message}`);
  process.exit(1);
});
