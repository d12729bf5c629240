import type { ValueType } from '../../schemas/value-type.js';

/**
 * A raw box string for field number `n` of a value type, with the value it must normalize to.
 * Values differ per field, so a swapped mapping shows as a wrong value, not a lucky match.
 */
export function typedRawValue(type: ValueType, n: number): { raw: string; value: string | number | boolean } {
  const day = (n % 28) + 1;
  const month = (n % 12) + 1;
  const pad = (v: number) => String(v).padStart(2, '0');
  switch (type) {
    case 'text':
      return { raw: `T${n}`, value: `T${n}` };
    case 'code':
      return { raw: `C${n}`, value: `C${n}` };
    case 'date':
      return { raw: `${pad(month)}/${pad(day)}/2024`, value: `2024-${pad(month)}-${pad(day)}` };
    case 'time':
      return { raw: `${pad(n % 24)}:30`, value: `${pad(n % 24)}:30` };
    case 'money':
      return { raw: `${(n * 1000).toLocaleString('en-US')}`, value: `${n * 1000}.00` };
    case 'integer':
      return { raw: String(n), value: n };
    case 'decimal':
      return { raw: `${n}.25`, value: n + 0.25 };
    case 'percent':
      return { raw: String(n % 100), value: n % 100 };
    case 'year':
      return { raw: String(1900 + (n % 120)), value: 1900 + (n % 120) };
    case 'boolean':
      return { raw: '1', value: true };
    case 'yesNo':
      return n % 2 ? { raw: 'Y', value: true } : { raw: 'N', value: false };
    case 'state':
      return { raw: ['NV', 'CA', 'TX', 'NY'][n % 4]!, value: ['NV', 'CA', 'TX', 'NY'][n % 4]! };
    case 'postalCode':
      return { raw: String(10000 + n), value: String(10000 + n) };
    case 'phone':
      return { raw: `(775) 555-${String(1000 + n).slice(-4)}`, value: `+1775555${String(1000 + n).slice(-4)}` };
    case 'taxId':
      return { raw: `${String(10 + (n % 89))}-${String(1000000 + n)}`, value: `${String(10 + (n % 89))}-${String(1000000 + n)}` };
    case 'email':
      return { raw: `u${n}@example.com`, value: `u${n}@example.com` };
    case 'url':
      return { raw: `www.site${n}.com`, value: `www.site${n}.com` };
  }
}
