import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServiceAppetite, ServiceAppetiteError } from '../src/service/service-appetite.js';
import { loadServiceConfig } from '../src/service/service-config.js';

const EXAMPLE = path.resolve('samples/example-carrier-appetite.json');
let home: string;

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'acord-appetite-'));
  await writeFile(path.join(home, 'broken.json'), '{"rules": [');
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe("the service's appetite rules", () => {
  it('are none without ACORD_PREP_APPETITE, the file it names when set, and --appetite over both', async () => {
    expect(await loadServiceAppetite(loadServiceConfig({ ACORD_PREP_HOME: home }, home))).toEqual({ rules: null, file: null });
    const config = loadServiceConfig({ ACORD_PREP_HOME: home, ACORD_PREP_APPETITE: EXAMPLE }, home);
    const fromEnv = await loadServiceAppetite(config);
    expect(fromEnv.file).toBe(EXAMPLE);
    expect(fromEnv.rules).not.toBeNull();
    const broken = loadServiceConfig({ ACORD_PREP_HOME: home, ACORD_PREP_APPETITE: 'broken.json' }, home);
    expect((await loadServiceAppetite(broken, EXAMPLE)).file).toBe(EXAMPLE);
  });

  it('stop the start with an error naming the setting and the file', async () => {
    const broken = loadServiceConfig({ ACORD_PREP_HOME: home, ACORD_PREP_APPETITE: 'broken.json' }, home);
    const fromEnv = await loadServiceAppetite(broken).catch((err: unknown) => err);
    expect(fromEnv).toBeInstanceOf(ServiceAppetiteError);
    expect((fromEnv as Error).message).toMatch(new RegExp(`^ACORD_PREP_APPETITE: ${path.join(home, 'broken.json')}: not valid JSON`));
    const missing = await loadServiceAppetite(broken, path.join(home, 'missing.json')).catch((err: unknown) => err);
    expect((missing as Error).message).toMatch(/^--appetite: .*missing\.json: no such rule file; check the path; fix the file or the setting and start again$/);
  });
});
