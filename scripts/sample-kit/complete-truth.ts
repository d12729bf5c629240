import type { ValueType } from '../../schemas/value-type.js';
import { Rng } from './rng.js';
import { truthPathOf, type SampleForm } from './sample-forms.js';
import { FIRST_NAMES, LAST_NAMES, STREETS, TEXT_BY_KEY } from './synthetic-data.js';
import type { SyntheticSubmission } from './synthetic-insureds.js';
import { checkTruth, type Truth, type TruthValue } from './truth.js';

type Carried = { type: ValueType; tooltip: string };

const NUMERIC = new Set<ValueType>(['money', 'decimal', 'percent', 'integer', 'year']);

const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('.')));
const keyOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);

/** Every `list[n]` prefix of a path: `a[1].b[0].c` → `a[1]`, `a[1].b[0]`. */
function rowPrefixes(path: string): string[] {
  return [...path.matchAll(/\[\d+\]/g)].map((m) => path.slice(0, m.index + m[0].length));
}

/** Choices a tooltip lists ("B - Building", "* Frame"), for code and text boxes that take one of them. */
function tooltipChoices(tooltip: string): string[] {
  const dash = [...tooltip.matchAll(/^\s*([A-Z][A-Z0-9]{0,5})\s+-\s+\S/gm)].map((m) => m[1]!);
  if (dash.length >= 2) return dash;
  return [...tooltip.matchAll(/^\s*\*\s+([A-Za-z][A-Za-z -]{1,30}?)\s*$/gm)].map((m) => m[1]!);
}

/** Every box the sample's forms carry, keyed by submission path. */
function carriedPaths(forms: readonly SampleForm[]): Map<string, Carried> {
  const carried = new Map<string, Carried>();
  for (const form of forms) {
    for (const f of form.template.fields) {
      if (!f.path || !f.valueType) continue;
      const path = truthPathOf(form, f.path);
      if (path && !carried.has(path)) carried.set(path, { type: f.valueType, tooltip: f.tooltip });
    }
  }
  return carried;
}

/**
 * Fills the boxes the core generator left open, the way a thorough broker completes a form: every
 * Y/N question gets an answer ("N" unless the business says otherwise), and a
 * group of boxes the submission already uses (an address, a building's construction, a loss row)
 * gets its remaining boxes. Groups and list rows the submission does not use stay blank, so
 * answers stay coherent (no claims-made dates on an occurrence policy, no fourth loss row).
 * Works from the templates: a box a template gains is filled without touching this code.
 */
export function completeTruth(sub: SyntheticSubmission, forms: readonly SampleForm[]): Truth {
  const rng = new Rng(`${sub.spec.name}/complete`);
  const truth: Truth = { ...sub.truth };
  const carried = carriedPaths(forms);
  const given = Object.keys(sub.truth);
  const usedRows = new Set(given.flatMap(rowPrefixes));
  const usedGroups = new Set(given.map(parentOf));
  const types = checkTruth(sub.truth);
  const groupsWithBox = new Set(given.filter((p) => types.get(p) === 'boolean').map(parentOf));
  // Where the generator set a group's amounts (a hazard's premium, a building's limits), the rest are not invented.
  const decidedNumbers = new Set(given.filter((p) => NUMERIC.has(types.get(p)!)).map((p) => `${parentOf(p)}:${types.get(p)}`));
  const { context } = sub;

  const synth = (path: string, { type, tooltip }: Carried): TruthValue | undefined => {
    const key = keyOf(path);
    const choices = type === 'code' || type === 'text' ? tooltipChoices(tooltip) : [];
    if (choices.length) return type === 'code' ? rng.pick(choices).toUpperCase() : rng.pick(choices);
    switch (type) {
      case 'text':
        for (const [pattern, pool] of TEXT_BY_KEY) if (pattern.test(key)) return rng.pick(pool);
        if (/fullName$|Name$/.test(key)) return /organization|district|manufacturer|installed/i.test(key) ? `${rng.pick(LAST_NAMES)} ${rng.pick(['Services', 'Group', 'Systems'])}` : `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
        if (key === 'lineTwo') return `Suite ${rng.int(100, 480)}`;
        if (key === 'lineOne') return `${rng.int(100, 9899)} ${rng.pick(STREETS)}`;
        if (key === 'cityName') return context.home.name;
        if (key === 'countyName') return context.home.county;
        return rng.pick(['See attached schedule', 'Per underwriting guidelines', 'As described in remarks', 'Standard for this class']);
      case 'code':
        if (key === 'countryCode') return 'US';
        if (/Identifier$/.test(key)) return `${rng.pick(['A', 'K', 'M', 'R'])}${rng.digits(5)}`;
        // A blanket number points at a blanket the submission would have to define; a type code needs the carrier's list.
        if (/blanket|TypeCode$/i.test(key)) return undefined;
        return rng.digits(rng.int(1, 3));
      case 'date':
        return new Date(Date.parse(`${context.effectiveDate}T00:00:00Z`) + rng.int(-1400, /Expiration|End/.test(key) ? 700 : -30) * 86_400_000).toISOString().slice(0, 10);
      case 'time':
        return '12:01';
      case 'money':
        if (/deductible/i.test(key)) return `${rng.pick([500, 1000, 2500, 5000])}.00`;
        return `${rng.round(1000, 250_000, 500)}.00`;
      case 'integer':
        if (/Area$/.test(key)) return rng.round(500, 20_000, 100);
        if (/Distance/.test(key)) return rng.round(25, 500, 25);
        return rng.int(1, /Count$/.test(key) ? 6 : 40);
      case 'decimal':
        return rng.int(5, 99) / 10;
      case 'percent':
        if (/inflation/i.test(key)) return rng.int(2, 5);
        if (/coinsurance/i.test(key)) return rng.pick([80, 90, 100]);
        return rng.round(5, 100, 5);
      case 'year':
        return rng.int(1995, 2023);
      case 'yesNo':
        return false;
      case 'state':
        return context.state;
      case 'postalCode':
        return context.home.zips[0];
      case 'phone':
        return `+1${context.home.areaCode}55501${rng.digits(2)}`;
      case 'email':
        return `info@${context.domain}`;
      case 'url':
        return `www.${context.domain}`;
      case 'taxId':
        return `${rng.int(20, 88)}-${rng.digits(7)}`;
      case 'boolean':
        return undefined;
    }
  };

  const paths = [...carried.keys()].sort();
  for (const path of paths) {
    if (path in truth) continue;
    const box = carried.get(path)!;
    const key = keyOf(path);
    if (!rowPrefixes(path).every((r) => usedRows.has(r))) continue;
    // The business's "Y" answers are the generator's; every other question is answered "N".
    if (/\.questions\.[A-Z]{3}\.answer$/.test(path)) {
      truth[path] = false;
      continue;
    }
    if (key === 'explanation' && /\.questions\./.test(path)) continue;
    const group = parentOf(path);
    if (!usedGroups.has(group)) continue;
    // A group's checkboxes are alternatives (entity type, interest, status): the one given stands.
    if (box.type === 'boolean') {
      if (groupsWithBox.has(group) || /other/i.test(key) || !rng.chance(0.6)) continue;
      truth[path] = true;
      groupsWithBox.add(group);
      continue;
    }
    if (decidedNumbers.has(`${group}:${box.type}`)) continue;
    // "Other" boxes describe an "other" checkbox nobody ticked.
    if (/^other/.test(key) && truth[`${group}.otherIndicator`] !== true) continue;
    if (!rng.chance(key === 'lineTwo' ? 0.4 : 0.85)) continue;
    const value = synth(path, box);
    if (value === undefined) continue;
    truth[path] = value;
    // A year or amount that belongs to a checkbox (wiringYear → wiringIndicator) ticks it.
    const companion = `${group}.${key.replace(/[A-Z][a-z]+$/, '')}Indicator`;
    if (carried.get(companion)?.type === 'boolean') truth[companion] = true;
  }
  return truth;
}
