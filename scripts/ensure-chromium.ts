/**
 * Debian's Chromium for the browser tests and the screenshots: found at /usr/bin/chromium, or installed with
 * apt-get (package `chromium`) when missing and we are root, as on CI and the project's machines.
 * playwright-core drives it; `npx playwright install` cannot download its own browser here.
 *
 *   npm run ensure-chromium
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { debianBinary } from '../src/runtime/debian-binary.js';

export const CHROMIUM_PACKAGE = 'chromium';

export class ChromiumMissingError extends Error {
  readonly code = 'chromium-missing';
  constructor(reason: string) {
    super(
      `Chromium is needed for the browser tests and the screenshots, and ${reason}. ` +
        `Install it as root with: apt-get update && apt-get install -y ${CHROMIUM_PACKAGE}  (then run this again)`,
    );
    this.name = 'ChromiumMissingError';
  }
}

/** `Chromium 156.0.8078.73 …` as the binary prints it, or null when it does not start. */
function versionOf(binary: string): string | null {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * The path of a Chromium that starts (`/usr/bin/chromium` on Debian), installing Debian's package first when it
 * is missing and we are root; `say` hears each step (what was found, what was installed). Throws
 * ChromiumMissingError, naming the command to run, when there is none and it cannot be installed.
 */
export function ensureChromium(say: (message: string) => void = () => {}): { path: string; version: string } {
  // debianBinary speaks only when the binary is missing: a binary after it spoke is one it installed.
  let wasMissing = false;
  const binary = debianBinary('chromium', CHROMIUM_PACKAGE, (message) => {
    wasMissing = true;
    say(message);
  });
  if (!binary) {
    throw new ChromiumMissingError(
      process.getuid?.() !== 0
        ? 'it is not installed (installing it needs root)'
        : `\`apt-get install ${CHROMIUM_PACKAGE}\` did not install it (no way to Debian's mirror? the command below shows apt-get's own messages)`,
    );
  }
  const version = versionOf(binary);
  if (!version) throw new ChromiumMissingError(`${binary} is there but \`${binary} --version\` fails (a broken install?)`);
  say(`${wasMissing ? 'installed' : 'found'} ${binary} (${version})`);
  return { path: binary, version };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureChromium((message) => console.log(`ensure-chromium: ${message}`));
  } catch (err) {
    console.error(`ensure-chromium: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
