import { runCli } from './acord-prep-cli.js';

process.exitCode = await runCli(process.argv.slice(2));
