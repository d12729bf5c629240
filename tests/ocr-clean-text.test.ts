import { describe, expect, it } from 'vitest';
import type { ValueType } from '../schemas/value-type.js';
import { normalizeValue } from '../src/normalize/normalize-value.js';
import { cleanOcrText } from '../src/ocr/clean-ocr-text.js';

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
    ['code', 'C1O4', 'C104'],
    ['code', 'gl', 'GL'],
    ['phone', '(775) 555-1OO9', '(775) 555-1009'],
    ['taxId', '56-1OOO135', '56-1000135'],
    ['time', '05:3O', '05:30'],
    ['yesNo', 'Y.', 'Y'],
    ['text', '| T2 |', 'T2'],
    ['text', 'Las Vegas .', 'Las Vegas'],
    ['text', 'Acme Co.', 'Acme Co.'],
    ['text', 'Ti61', 'T161'],
    ['text', 'Suite 2l0, Bldg il', 'Suite 210, Bldg il'],
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
