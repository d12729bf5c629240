import { EXIT, runCli } from './acord-prep-cli.js';

// Standard output closed early (`| head`) or unwritable: a message and an exit code, never a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  console.error(`acord-prep: cannot write the submission to standard output (${err.message}); give --out submission.json instead`);
  process.exit(EXIT.cannotWrite);
});

process.exitCode = await runCli(process.argv.slice(2));
