import type { XmlCursor } from './xml-cursor.js';
import type { XmlMappingContext } from './xml-mapping-context.js';

/** The ways ACORD writes an amount inside Limit, Deductible or an `…Amt` aggregate. */
const AMOUNT_FORMS = ['FormatInteger', 'FormatCurrencyAmt/Amt', 'FormatDecimal', 'Amt', 'FormatText'];

/** The element holding the first amount among `holders` (e.g. several Limit elements), if any. */
export function amountIn(holders: XmlCursor | XmlCursor[] | undefined): XmlCursor | undefined {
  for (const holder of Array.isArray(holders) ? holders : holders ? [holders] : []) {
    for (const form of AMOUNT_FORMS) {
      const at = holder.at(form);
      if (at?.el.text) return at;
    }
  }
  return undefined;
}

export function putAmount(ctx: XmlMappingContext, modelPath: string, holders: XmlCursor | XmlCursor[] | undefined): boolean {
  const at = amountIn(holders);
  return !!at && ctx.put(modelPath, at.text, at.path);
}

/** Coverages are CommlCoverage in commercial-lines requests and Coverage in BOP, PolicyRq and older ones. */
export function coveragesOf(holder: XmlCursor | undefined): XmlCursor[] {
  return [...(holder?.all('CommlCoverage') ?? []), ...(holder?.all('Coverage') ?? [])];
}

/**
 * The table's entry for the code at `steps`; the code counts as read only when the table knows it, and
 * so does its `…Desc` companion (`CoverageCd` → `CoverageDesc`), which only words the same choice.
 */
export function lookUpCode<T>(holder: XmlCursor | undefined, steps: string, table: Readonly<Record<string, T>>): T | undefined {
  const code = holder?.peekAt(steps)?.toUpperCase();
  const found = code === undefined ? undefined : table[code];
  if (found !== undefined) {
    holder!.consume(steps);
    if (steps.endsWith('Cd')) holder!.consume(`${steps.slice(0, -2)}Desc`);
  }
  return found;
}

/** UnitMeasurementCd values (ACORD codes and the words senders use) for the units the forms ask in. */
export const UNITS = {
  feet: /^(FT|FOT|FEET|FOOT)$/i,
  miles: /^(MI|SMI|MILE|MILES)$/i,
  squareFeet: /^(FTK|SQFT|SF|SQUAREFEET|SQUARE FEET)$/i,
};

/** A NumUnits measure, taken only in the unit the form asks for (or when no unit is stated); the unit is read with it. */
export function putMeasure(ctx: XmlMappingContext, modelPath: string, measure: XmlCursor | undefined, unit: RegExp): void {
  const stated = measure?.peekAt('UnitMeasurementCd');
  if (stated && !unit.test(stated)) return;
  if (ctx.read(modelPath, measure, 'NumUnits')) measure!.consume('UnitMeasurementCd');
}

/** `NameInfo/PersonName` as one name, given names first. */
export function personName(nameInfo: XmlCursor | undefined): { raw: string; path: string } | undefined {
  const person = nameInfo?.one('PersonName');
  if (!person) return undefined;
  const parts = ['TitlePrefix', 'GivenName', 'OtherGivenName', 'Surname', 'NameSuffix'].map((n) => person.textAt(n)).filter(Boolean);
  return parts.length ? { raw: parts.join(' '), path: person.path } : undefined;
}

/** The party's address of the wanted type, else one with no type, else the first. */
export function pickAddress(party: XmlCursor | undefined, wanted: string): XmlCursor | undefined {
  const all = party?.all('Addr') ?? [];
  const type = (a: XmlCursor) => a.peekAt('AddrTypeCd')?.toLowerCase();
  const chosen = all.find((a) => type(a) === wanted.toLowerCase()) ?? all.find((a) => !type(a)) ?? all[0];
  chosen?.consume('AddrTypeCd');
  return chosen;
}

/** ACORD Addr → the model's Address keys under `base`. */
export function putAddress(ctx: XmlMappingContext, base: string, addr: XmlCursor | undefined): void {
  if (!addr) return;
  ctx.read(`${base}.lineOne`, addr, 'Addr1');
  ctx.read(`${base}.lineTwo`, addr, 'Addr2');
  ctx.read(`${base}.cityName`, addr, 'City');
  ctx.read(`${base}.countyName`, addr, 'County');
  ctx.read(`${base}.stateOrProvinceCode`, addr, 'StateProvCd');
  ctx.read(`${base}.postalCode`, addr, 'PostalCode');
  ctx.read(`${base}.countryCode`, addr, 'CountryCd');
}

/** An address as one printed line: "1510 Glendale Ave, Sparks, NV 89431". */
export function addressLine(addr: XmlCursor): string | undefined {
  const street = [addr.textAt('Addr1'), addr.textAt('Addr2')].filter(Boolean).join(' ');
  const stateZip = [addr.textAt('StateProvCd'), addr.textAt('PostalCode')].filter(Boolean).join(' ');
  const line = [street, addr.textAt('City'), stateZip].filter(Boolean).join(', ');
  return line || undefined;
}

type Phone = { info: XmlCursor; number: XmlCursor; type: string; use: string };

/** `Communications/PhoneInfo` entries with their PhoneTypeCd and CommunicationUseCd, lower-cased. */
export function phones(party: XmlCursor | undefined): Phone[] {
  return (party?.at('Communications')?.all('PhoneInfo') ?? []).flatMap((info) => {
    const number = info.one('PhoneNumber');
    if (!number?.el.text) return [];
    return [{ info, number, type: info.peekAt('PhoneTypeCd')?.toLowerCase() ?? '', use: info.peekAt('CommunicationUseCd')?.toLowerCase() ?? '' }];
  });
}

/** Stores the number; its type and use codes, which chose the box, are read with it. */
export function putPhone(ctx: XmlMappingContext, modelPath: string, phone: Phone | undefined): void {
  if (!phone) return;
  ctx.put(modelPath, phone.number.text, phone.number.path);
  phone.info.consume('PhoneTypeCd');
  phone.info.consume('CommunicationUseCd');
}

export const isFax = (p: Phone) => p.type === 'fax';

/** ACORD booleans are `1`/`0` or `true`/`false`; anything else says nothing. */
export function acordBoolean(text: string | undefined): boolean | undefined {
  const t = text?.toLowerCase();
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  return undefined;
}
