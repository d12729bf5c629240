import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LineOfBusiness } from '../schemas/check-report.js';
import { Submission } from '../schemas/submission.js';
import { checklistFor, loadValueRules } from '../src/validate/check/load-check-data.js';
import { patternRegex } from '../src/validate/check/path-pattern.js';
import { leafValueType } from '../src/model/model-path.js';
import { loadTemplates } from '../src/read/templates/template-registry.js';

/** A pattern as one concrete path: a list row `[0]`, a question record a real question code. */
const concrete = (pattern: string) => pattern.replace(/\.questions\[\*\]/g, '.questions.AAA').replace(/\[\*\]/g, '[0]');

const LINES: LineOfBusiness[] = ['general-liability', 'property', 'package'];

describe('checklists and value rules (data)', () => {
  it('every file parses, and every path in them is a value of the model', () => {
    const rules = loadValueRules();
    const paths = [
      // An attachment item (loss runs) is met by a document, not a form value: it has no box (checked below).
      ...LINES.flatMap((l) => checklistFor([l]).filter((i) => !i.attachment)).flatMap((i) => [i.path, ...(i.anyOf ?? []), ...(i.onlyIf ? [i.onlyIf.path] : [])]),
      ...rules.formats.flatMap((r) => r.paths),
      ...rules.crossForm.mustAgree,
      ...rules.totals.flatMap((r) => [r.total, ...r.parts]).map((p) => p.replace('linesOfBusiness[*]', 'linesOfBusiness.crime')),
      rules.locations.premises.location,
      rules.locations.premises.building,
      ...rules.locations.rows.flatMap((r) => [r.location, ...(r.building ? [r.building] : [])]),
    ];
    expect(paths.length).toBeGreaterThan(60);
    for (const p of new Set(paths)) expect(() => leafValueType(Submission, concrete(p)), p).not.toThrow();
  });

  it('every checklist item has a box on the form it names', () => {
    for (const item of checklistFor(['package']).filter((i) => !i.attachment)) {
      const re = patternRegex(item.path);
      const boxes = loadTemplates().filter((t) => t.form === item.form).flatMap((t) => t.fields.filter((f) => f.path && re.test(f.path.replace(/\[\d+\]/g, '[0]'))));
      expect(boxes.length, `${item.id} ${item.path} on the ${item.form}`).toBeGreaterThan(0);
    }
  });

  it('covers what the research lists per line, and the package is derived: both lines, the strictest need of each item', () => {
    const ids = (line: LineOfBusiness) => checklistFor([line]).map((i) => i.id);
    for (const id of ['named-insured', 'fein', 'entity-type', 'operations-description', 'industry-code', 'effective-date', 'expiration-date', 'requested-lines', 'producer', 'producer-contact', 'premises-street', 'general-information-answered', 'loss-history', 'prior-carrier', 'applicant-signature-date']) {
      for (const line of LINES) expect(ids(line), `${line} ${id}`).toContain(id);
    }
    expect(ids('general-liability')).toEqual(expect.arrayContaining(['gl-coverage-form', 'gl-each-occurrence-limit', 'gl-general-aggregate-limit', 'gl-hazard-class-code', 'gl-hazard-premium-basis', 'gl-hazard-exposure']));
    expect(ids('property')).toEqual(expect.arrayContaining(['property-construction', 'property-year-built', 'property-stories', 'property-area', 'property-protection-class', 'property-sprinklered', 'property-roof-year', 'property-wiring-year', 'property-heating-year', 'property-plumbing-year', 'property-limit', 'property-valuation', 'property-coinsurance']));
    expect(ids('property')).not.toContain('gl-hazard-class-code');
    expect(new Set(ids('package'))).toEqual(new Set([...ids('general-liability'), ...ids('property')]));
    expect(checklistFor(['package']).find((i) => i.id === 'applicant-signature-date')?.when).toBe('bind');
    // Loss runs: every line asks for them; a quote is made subject to them, so they are needed to bind.
    for (const line of LINES) expect(checklistFor([line]).find((i) => i.id === 'loss-runs'), line).toMatchObject({ path: 'lossRuns', attachment: 'loss-runs', when: 'bind' });
    // The package file holds no items of its own: it names its lines.
    expect(readdirSync(path.resolve(import.meta.dirname, '../schemas/checklists')).sort()).toEqual(['application.json', 'general-liability.json', 'package.json', 'property.json']);
  });
});
