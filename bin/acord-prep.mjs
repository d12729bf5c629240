#!/usr/bin/env node
// The CLI, compiled (bin/run.mjs compiles first when a source changed since the install step's build).
import { runEntry } from './run.mjs';

await runEntry('src/cli/main.ts', process.argv.slice(2));
