import { describe, expect, it } from 'vitest';
import type { ValueType } from '../schemas/value-type.js';
import { normalizeValue } from '../src/read/normalize/normalize-value.js';
import { BROKER_SPELLINGS, spellingsOf, type BoxFacts } from '../scripts/sample-kit/broker-spellings.js';
import type { TruthValue } from '../scripts/sample-kit/truth.js';

const box = (path: string, label = 'Box_A'): BoxFacts => ({ path, label });

/** Values of every type the samples hold, in boxes whose facts change how some spellings read back. */
const CASES: [ValueType, TruthValue, BoxFacts][] = [
  ['date', '2026-06-01', box('policy.effectiveDate')],
  ['date', '2025-09-15', box('policy.expirationDate')],
  ['date', '1998-03-22', box('namedInsureds[0].businessStartDate')],
  ['date', '2024-11-02', box('losses[0].occurrenceDate')],
  ['date', '2025-12-31', box('policy.effectiveDate')],
  ['money', '1250000.00', box('policy.limit')],
  ['money', '1000000.00', box('policy.limit')],
  ['money', '250000.00', box('policy.limit')],
  ['money', '1234.56', box('policy.premium')],
  ['money', '-500.00', box('policy.premium')],
  ['phone', '+15551234567', box('producer.phone')],
  ['phone', '+15551234567;ext=204', box('producer.phone')],
  ['taxId', '12-3456789', box('namedInsureds[0].taxIdentifier', 'NamedInsured_TaxIdentifier_A')],
  ['taxId', '12-3456789', box('namedInsureds[0].taxIdentifier', 'Federal Employer Identification Number')],
  ['taxId', '123-45-6789', box('namedInsureds[0].taxIdentifier', 'Social Security Number')],
  ['percent', 25, box('premises[0].occupiedPercent')],
  ['percent', 12.5, box('premises[0].occupiedPercent')],
  ['yesNo', true, box('generalLiability.question')],
  ['yesNo', false, box('generalLiability.question')],
  ...['TX', 'FL', 'CO', 'OH', 'NY', 'CA', 'WA', 'WV', 'DC', 'ON'].map((s): [ValueType, TruthValue, BoxFacts] => ['state', s, box('premises[0].physicalAddress.stateOrProvinceCode')]),
  ['postalCode', '75201-1234', box('premises[0].physicalAddress.postalCode')],
  ['postalCode', '75201', box('premises[0].physicalAddress.postalCode')],
  ['integer', 12500, box('premises[0].buildingArea')],
  ['integer', 12, box('premises[0].fullTimeEmployeeCount')],
  ['year', 1998, box('property.locations[0].builtYear')],
  ['year', 2024, box('property.locations[0].roofingYear')],
  ['year', 1925, box('property.locations[0].builtYear')],
  ['time', '00:01', box('policy.effectiveTime')],
  ['time', '13:30', box('policy.effectiveTime')],
  ['time', '12:00', box('policy.effectiveTime')],
  ['email', 'info@acme-grill.com', box('namedInsureds[0].emailAddress')],
];

describe('broker spellings', () => {
  it('every spelling of every value reads back as that value (a miss is a gap in src/read/normalize)', () => {
    const misses = CASES.flatMap(([type, value, facts]) =>
      spellingsOf(type, value, facts)
        .filter(({ raw }) => normalizeValue(type, raw, facts).value !== value)
        .map(({ name, raw }) => `${type} ${JSON.stringify(value)} as ${name}: "${raw}" → ${JSON.stringify(normalizeValue(type, raw, facts).value)}`),
    );
    expect(misses).toEqual([]);
  });

  it('the table is wide where brokers differ: dates, money, phones, states', () => {
    const names = (type: ValueType, value: TruthValue, facts: BoxFacts) => spellingsOf(type, value, facts).map((s) => s.raw);
    expect(names('date', '2026-06-01', box('policy.effectiveDate'))).toEqual(
      expect.arrayContaining(['06/01/2026', '6/1/26', '06-01-2026', 'June 1, 2026', '2026-06-01', '6/1/2026', 'June 1st, 2026', '2026/06/01']),
    );
    expect(names('money', '1250000.00', box('policy.limit'))).toEqual(expect.arrayContaining(['$1,250,000', '1250000', '1,250,000.00', '$1.25M']));
    expect(names('phone', '+15551234567;ext=204', box('producer.phone'))).toEqual(
      expect.arrayContaining(['(555) 123-4567 x204', '555-123-4567 ext. 204', '555.123.4567 Ext 204', '5551234567 x204', '+1 555 123 4567 ext: 204']),
    );
    expect(names('state', 'CA', box('premises[0].physicalAddress.stateOrProvinceCode'))).toEqual(['CA', 'Ca', 'California', 'Calif.']);
    for (const type of ['date', 'money', 'phone', 'state', 'percent', 'yesNo', 'taxId'] as const) expect(BROKER_SPELLINGS[type].length, type).toBeGreaterThan(2);
  });

  it('no two-digit year where the box would read it in another century, no bare tax id where the box does not say which', () => {
    expect(spellingsOf('year', 1925, box('property.locations[0].builtYear')).map((s) => s.raw)).toEqual(['1925']);
    expect(spellingsOf('taxId', '12-3456789', box('namedInsureds[0].taxIdentifier', 'NamedInsured_TaxIdentifier_A')).map((s) => s.raw)).toEqual(['12-3456789']);
  });
});
