import { describe, expect, it } from 'vitest';
import type { ValueType } from '../schemas/value-type.js';
import { normalizeValue } from '../src/read/normalize/normalize-value.js';
import { cleanOcrText } from '../src/read/ocr/clean-ocr-text.js';

describe('cleanOcrText undoes the usual OCR slips by value type', () => {
  const cases: [ValueType, string, string][] = [
    ['date', 'O5/O1/2O24', '05/01/2024'],
    ['date', '05101/2024', '05/01/2024'],
    ['date', '05/012024', '05/01/2024'],
    ['date', '0501 2024', '05012024'],
    ['money', 'S47,000', '$47,000'],
    ['money', '$518.490.', '$518,490'],
    ['money', '$1,518.435', '$1,518,435'],
    ['money', '1,250.50', '1,250.50'],
    ['money', '-500', '-500'],
    ['integer', '1,2OO', '1,200'],
    ['postalCode', 'I0O07', '10007'],
    ['postalCode', 'KIA OBI', 'K1A 0B1'],
    ['state', 'T X', 'TX'],
    ['state', 'M0', 'MO'],
    ['code', 'C1O4', 'C1O4'],
    ['code', 'Hi5', 'Hi5'],
    ['code', 'gl', 'gl'],
    ['phone', '(775) 555-1OO9', '(775) 555-1009'],
    ['time', '05:3O', '05:30'],
    ['yesNo', 'Y.', 'Y'],
    ['text', '| T2 |', 'T2'],
    ['text', 'Las Vegas .', 'Las Vegas'],
    ['text', 'Acme Co.', 'Acme Co.'],
    ['text', 'Ti61', 'Ti61'],
    ['text', 'Hi5 Fitness', 'Hi5 Fitness'],
    ['text', 'Suite 2l0, Bldg il', 'Suite 2l0, Bldg il'],
    ['integer', 'I2O', '120'],
    ['year', '2OO5', '2005'],
    ['decimal', '1.2S', '1.25'],
    ['percent', 'I5', '15'],
    ['taxId', '56-1OOO135', '56-1000135'],
    ['text', 'Roofing work\n\n  on two  sites_', 'Roofing work\non two sites'],
    ['email', ' j.smith@acme.com.', 'j.smith@acme.com'],
  ];
  for (const [type, ocr, raw] of cases) {
    it(`${type}: ${JSON.stringify(ocr)} → ${JSON.stringify(raw)}`, () => {
      expect(cleanOcrText(type, ocr)).toBe(raw);
      if (type !== 'text') expect(normalizeValue(type, raw).value).not.toBeNull();
    });
  }
});

describe('cleanOcrText reads a two-digit year by what the box is for', () => {
  it('a business started in 1985 is read from a date whose slashes were lost', () => {
    const facts = { path: 'namedInsureds[0].businessStartDate' };
    expect(cleanOcrText('date', '051285', facts)).toBe('05/12/85');
    expect(normalizeValue('date', '05/12/85', facts).value).toBe('1985-05-12');
  });
});
