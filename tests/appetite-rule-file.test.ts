import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppetiteRule } from '../schemas/appetite-rules.js';
import { AppetiteRulesError, loadAppetiteRules } from '../src/validate/appetite/load-appetite-rules.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../samples/example-carrier-appetite.json');
const dir = mkdtempSync(path.join(tmpdir(), 'appetite-rules-'));

/** The example file with one change, written where the loader can read it. */
function exampleWith(name: string, edit: (json: { rules: Record<string, unknown>[] } & Record<string, unknown>) => void): string {
  const json = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  edit(json);
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

async function refusal(file: string): Promise<AppetiteRulesError> {
  const err = await loadAppetiteRules(file).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppetiteRulesError);
  return err as AppetiteRulesError;
}

describe('loadAppetiteRules', () => {
  it('parses the example carrier file: versioned, in force from a day until replaced, a rule of every kind', async () => {
    const rules = await loadAppetiteRules(EXAMPLE);
    // No end date: the example must not go out of force under the samples and tests as the calendar moves on.
    expect(rules).toMatchObject({ carrier: expect.stringContaining('(invented)'), version: '2025.2', effective: { from: '2025-01-01' } });
    expect(rules.effective.to).toBeUndefined();
    const kinds = AppetiteRule.options.map((o) => o.shape.kind.value);
    expect(new Set(rules.rules.map((r) => r.kind))).toEqual(new Set(kinds));
  });

  it('a value of the wrong type is refused naming the file and the key', async () => {
    const file = exampleWith('wrong-type.json', (j) => (j.rules[4]!.amount = 'ten million'));
    const err = await refusal(file);
    expect(err.code).toBe('appetite-rules-invalid');
    expect(err.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not a valid appetite rule file: rules\\[4\\]\\.amount: `));
  });

  it('a misspelt key, an unknown kind, a bad class code range and a bad date are each named', async () => {
    const file = exampleWith('several.json', (j) => {
      j.rules[6]!.maxStories = j.rules[6]!.stories;
      delete j.rules[6]!.stories;
      j.rules[7]!.kind = 'max-age';
      j.rules[2]!.out = ['91589-91580'];
      j.effective = { from: '2025-13-01' };
    });
    const { message } = await refusal(file);
    expect(message).toContain('rules[6]: Unrecognized key: "maxStories"');
    expect(message).toContain('rules[6].stories: ');
    expect(message).toContain('rules[7].kind: ');
    expect(message).toContain('rules[2].out[0]: "91589-91580" is not a iso-gl code, prefix or range');
    expect(message).toContain('effective.from: ');
  });

  it('two rules with one id, and a class-codes rule with neither in nor out, are refused', async () => {
    const file = exampleWith('ids.json', (j) => {
      j.rules[3]!.id = 'CLASS-001';
      delete j.rules[2]!.out;
    });
    const { message } = await refusal(file);
    expect(message).toContain('rules[3].id: "CLASS-001" is used by an earlier rule');
    expect(message).toContain('rules[2]: needs "in", "out" or both');
  });

  it('a missing file and a file that is not JSON are told apart', async () => {
    const missing = path.join(dir, 'absent.json');
    expect(await refusal(missing)).toMatchObject({ code: 'appetite-rules-not-found', message: `${missing}: no such rule file; check the path` });
    const notJson = path.join(dir, 'not.json');
    writeFileSync(notJson, 'carrier: Lone Prairie\n');
    expect((await refusal(notJson)).code).toBe('appetite-rules-not-json');
  });
});
