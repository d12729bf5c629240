import { existsSync } from 'node:fs';

/**
 * Whether licensed material beside the repo (../shared) is there for the tests that read it. On a
 * developer's machine without it those tests are skipped with a message; under CI (`CI=true`), where
 * ../shared is always laid beside the clone, its absence is a broken set-up and fails the run.
 */
export function sharedPresent(path: string, what: string): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${path} is absent: the tests on ${what} cannot run; lay ../shared beside the clone`);
  console.warn(`Skipping tests on ${what}: ${path} is absent`);
  return false;
}
