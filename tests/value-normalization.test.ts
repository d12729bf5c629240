import { afterEach, describe, expect, it, vi } from 'vitest';
import { isBlank, normalizeValue, type FieldFacts } from '../src/read/normalize/normalize-value.js';

const n = (type: Parameters<typeof normalizeValue>[0], raw: string, facts?: FieldFacts) => normalizeValue(type, raw, facts).value;

describe('normalizeValue', () => {
  it('dates to ISO, rejecting impossible dates', () => {
    expect(n('date', '03/15/2024')).toBe('2024-03-15');
    expect(n('date', '3/5/24')).toBe('2024-03-05');
    expect(n('date', '2020-09-30')).toBe('2020-09-30');
    expect(n('date', '2020-09-11T18:40:31')).toBe('2020-09-11');
    expect(n('date', '02/30/2024')).toBeNull();
    expect(n('date', 'next week')).toBeNull();
    expect(n('date', 'November 2, 2026')).toBe('2026-11-02');
    expect(n('date', 'Sept. 30 2024')).toBe('2024-09-30');
    expect(n('date', '02-Nov-26')).toBe('2026-11-02');
    expect(n('date', 'Mayday 3, 2020')).toBeNull();
    expect(n('date', 'June 31, 2026')).toBeNull();
  });
  it('money to a two-place decimal string', () => {
    expect(n('money', '$1,000,000')).toBe('1000000.00');
    expect(n('money', '2500.5')).toBe('2500.50');
    expect(n('money', '(500)')).toBe('-500.00');
    expect(n('money', 'one million')).toBeNull();
  });
  it('FEIN, SSN, states, ZIP, phones', () => {
    expect(n('taxId', '33-9494949')).toBe('33-9494949');
    expect(n('taxId', '123-45-6789')).toBe('123-45-6789');
    expect(n('taxId', '12345')).toBeNull();
    expect(n('state', 'nv')).toBe('NV');
    expect(n('state', 'Nevada')).toBe('NV');
    expect(n('state', 'XX')).toBeNull();
    expect(n('postalCode', '894311234')).toBe('89431-1234');
    expect(n('postalCode', '89431')).toBe('89431');
    expect(n('phone', '+1-775-3597676 ')).toBe('+17753597676');
    expect(n('phone', '(775) 359-7676 x12')).toBe('+17753597676;ext=12');
    expect(n('phone', '359-7676')).toBeNull();
  });
  it('Yes/No, checkboxes, numbers, percent, year, time', () => {
    expect(n('yesNo', 'Y')).toBe(true);
    expect(n('yesNo', 'no')).toBe(false);
    expect(n('yesNo', 'maybe')).toBeNull();
    expect(n('boolean', '1')).toBe(true);
    expect(n('integer', '12,500 sq ft')).toBe(12500);
    expect(n('integer', '1.5')).toBeNull();
    expect(n('percent', '80%')).toBe(80);
    expect(n('percent', '180')).toBeNull();
    expect(n('year', '1998')).toBe(1998);
    expect(n('time', '1:30 PM')).toBe('13:30');
  });
  it('text keeps line breaks of multi-line boxes and folds spaces', () => {
    expect(n('text', '  Barber   shop \r\n and  retail ')).toBe('Barber shop\nand retail');
    expect(n('code', ' cgl ')).toBe('CGL');
  });
  it('blank boxes and unchecked checkboxes say nothing', () => {
    expect(isBlank('text', '   ')).toBe(true);
    expect(isBlank('boolean', 'Off')).toBe(true);
    expect(isBlank('boolean', '1')).toBe(false);
    expect(isBlank('date', '13/45/2020')).toBe(false);
  });

  describe('never turns a slip into a confident wrong value', () => {
    afterEach(() => vi.useRealTimers());

    it('code boxes upper-case code-like tokens and keep words as written', () => {
      expect(n('code', 'Joisted Masonry')).toBe('Joisted Masonry');
      expect(n('code', 'Monthly')).toBe('Monthly');
      expect(n('code', 'c104')).toBe('C104');
      expect(n('code', 'jm')).toBe('JM');
    });

    it('money written with a scale word or letter', () => {
      expect(n('money', '$3.5M')).toBe('3500000.00');
      expect(n('money', '3.5 million')).toBe('3500000.00');
      expect(n('money', '$250K')).toBe('250000.00');
      expect(n('money', '1.2mm')).toBe('1200000.00');
      expect(n('money', '2 mil')).toBe('2000000.00');
      expect(n('money', '$1,500k')).toBe('1500000.00');
      expect(n('money', '1.2345678M')).toBe('1234567.80');
      expect(n('money', '1.234567891M')).toBeNull();
      expect(n('money', '3.5 millions of')).toBeNull();
    });

    it('a comma that does not group thousands is no thousands separator', () => {
      for (const raw of ['1,25', '12,50', '1,2345', '32,0000', '1,250,00']) {
        expect(n('money', raw)).toBeNull();
        expect(n('decimal', raw)).toBeNull();
        expect(n('integer', raw)).toBeNull();
      }
      expect(n('money', '1,250')).toBe('1250.00');
      expect(n('money', '$12,500,000')).toBe('12500000.00');
      expect(n('money', '1,250.50')).toBe('1250.50');
      expect(n('integer', '12,500')).toBe(12500);
      expect(n('decimal', '1,250.5')).toBe(1250.5);
    });

    it('two-digit years: founding and building in the past, policy dates near today, ISO years as written', () => {
      vi.useFakeTimers({ now: new Date('2026-12-01T09:00:00Z'), toFake: ['Date'] });
      expect(n('date', '03/15/27', { path: 'namedInsureds[0].businessStartDate' })).toBe('1927-03-15');
      expect(n('date', '03/15/26', { path: 'namedInsureds[0].businessStartDate' })).toBe('2026-03-15');
      expect(n('year', '98', { path: 'property.locations[0].construction.builtYear' })).toBe(1998);
      expect(n('year', '27', { path: 'property.locations[0].construction.builtYear' })).toBe(1927);
      expect(n('date', '06/01/27', { path: 'policy.effectiveDate' })).toBe('2027-06-01');
      expect(n('date', '06/01/08', { path: 'policy.expirationDate' })).toBe('2008-06-01');
      expect(n('date', '06/01/46', { path: 'policy.expirationDate' })).toBe('2046-06-01');
      expect(n('date', '06/01/47', { path: 'policy.expirationDate' })).toBeNull();
      expect(n('date', '06/01/60', { path: 'policy.effectiveDate' })).toBeNull();
      expect(n('date', '06/01/60')).toBeNull();
      expect(n('date', '0099-01-01')).toBe('0099-01-01');
      expect(n('date', '06/01/1960', { path: 'policy.effectiveDate' })).toBe('1960-06-01');
      expect(n('year', '1998')).toBe(1998);
    });

    it('nine bare digits are a tax id of unknown kind unless the dashes or the box say which', () => {
      expect(n('taxId', '339494949')).toBe('339494949');
      expect(n('taxId', '339494949', { path: 'namedInsureds[0].taxIdentifier', label: 'NamedInsured_TaxIdentifier_A' })).toBe('339494949');
      expect(n('taxId', '339494949', { path: 'applicant.federalEmployerIdentificationNumber' })).toBe('33-9494949');
      expect(n('taxId', '339494949', { label: 'Applicant FEIN' })).toBe('33-9494949');
      expect(n('taxId', '123456789', { label: 'SSN' })).toBe('123-45-6789');
      expect(n('taxId', '123456789', { label: 'Social Security Number' })).toBe('123-45-6789');
      expect(n('taxId', '123456789', { label: 'businessName' })).toBe('123456789');
      expect(n('taxId', '123-45-6789', { label: 'FEIN' })).toBe('123-45-6789');
    });

    it('a checkbox is ticked by any export value but Off', () => {
      for (const on of ['1', 'Yes', 'On', 'Choice1', 'X', 'Checked']) {
        expect(n('boolean', on)).toBe(true);
        expect(isBlank('boolean', on)).toBe(false);
      }
      expect(isBlank('boolean', 'Off')).toBe(true);
      expect(isBlank('boolean', '')).toBe(true);
    });

    it('"N/A", "none" and dashes are no value on purpose, and kept', () => {
      for (const raw of ['NA', 'N/A', 'n/a', 'none', '-', '—']) {
        for (const type of ['code', 'money', 'integer', 'date'] as const) {
          expect(normalizeValue(type, raw)).toEqual({ value: null, notApplicable: true });
          expect(isBlank(type, raw)).toBe(false);
        }
      }
      expect(normalizeValue('money', '1O0')).toEqual({ value: null });
      expect(normalizeValue('text', 'none')).toEqual({ value: 'none' });
      expect(normalizeValue('code', 'NAV')).toEqual({ value: 'NAV' });
    });
  });

  describe('spellings brokers write that the sample table (scripts/sample-kit/broker-spellings.ts) found missing', () => {
    it('dates with an ordinal day, and year first with slashes or dots', () => {
      expect(n('date', 'June 1st, 2026')).toBe('2026-06-01');
      expect(n('date', 'March 22nd, 1998')).toBe('1998-03-22');
      expect(n('date', 'Sept. 3rd 2025')).toBe('2025-09-03');
      expect(n('date', 'November 11th, 2025')).toBe('2025-11-11');
      expect(n('date', '1st June 2026')).toBe('2026-06-01');
      expect(n('date', '2026/06/01')).toBe('2026-06-01');
      expect(n('date', '2026.6.1')).toBe('2026-06-01');
      expect(n('date', '2026/02/30')).toBeNull();
      expect(n('date', 'June 1xx, 2026')).toBeNull();
    });

    it('phone extensions after a comma or with a colon', () => {
      expect(n('phone', '555 123 4567, ext. 204')).toBe('+15551234567;ext=204');
      expect(n('phone', '+1 555 123 4567 ext: 204')).toBe('+15551234567;ext=204');
      expect(n('phone', '(555) 123-4567; x12')).toBe('+15551234567;ext=12');
      expect(n('phone', '555-123-4567, 204')).toBeNull();
    });

    it('percent written as a word', () => {
      expect(n('percent', '25 percent')).toBe(25);
      expect(n('percent', '12.5 Percent')).toBe(12.5);
      expect(n('percent', '40 pct.')).toBe(40);
      expect(n('percent', '140 percent')).toBeNull();
    });

    it('states by the abbreviations of office writing', () => {
      expect(n('state', 'Fla.')).toBe('FL');
      expect(n('state', 'Calif.')).toBe('CA');
      expect(n('state', 'Colo')).toBe('CO');
      expect(n('state', 'W.Va.')).toBe('WV');
      expect(n('state', 'Mass.')).toBe('MA');
      expect(n('state', 'Cal.')).toBeNull();
    });

    it('areas in "SF", and years with the apostrophe for the century', () => {
      expect(n('integer', '12,500 SF')).toBe(12500);
      expect(n('integer', '800 s.f.')).toBe(800);
      expect(n('year', "'98", { path: 'property.locations[0].builtYear' })).toBe(1998);
      expect(n('year', '\u201924', { path: 'property.locations[0].roofingYear' })).toBe(2024);
      expect(n('year', "'1998")).toBeNull();
    });
  });
});
