import { describe, expect, it } from 'vitest';
import { isBlank, normalizeValue } from '../src/normalize/normalize-value.js';

const n = (type: Parameters<typeof normalizeValue>[0], raw: string) => normalizeValue(type, raw).value;

describe('normalizeValue', () => {
  it('dates to ISO, rejecting impossible dates', () => {
    expect(n('date', '03/15/2024')).toBe('2024-03-15');
    expect(n('date', '3/5/24')).toBe('2024-03-05');
    expect(n('date', '2020-09-30')).toBe('2020-09-30');
    expect(n('date', '2020-09-11T18:40:31')).toBe('2020-09-11');
    expect(n('date', '02/30/2024')).toBeNull();
    expect(n('date', 'next week')).toBeNull();
  });
  it('money to a two-place decimal string', () => {
    expect(n('money', '$1,000,000')).toBe('1000000.00');
    expect(n('money', '2500.5')).toBe('2500.50');
    expect(n('money', '(500)')).toBe('-500.00');
    expect(n('money', 'one million')).toBeNull();
  });
  it('FEIN, SSN, states, ZIP, phones', () => {
    expect(n('taxId', '339494949')).toBe('33-9494949');
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
});
