import type { ExportValues } from './export-values.js';
import type { XmlNode } from './xml-node.js';

/**
 * An amount inside its holder (Limit, Deductible, …Amt): whole ones as FormatInteger, others as
 * FormatCurrencyAmt/Amt, one that did not normalize as FormatText (the reader reads all three).
 */
export function putAmountIn(v: ExportValues, holder: XmlNode, path: string): void {
  const text = v.text(path);
  if (text === undefined) return;
  if (v.value(path) === null) v.put(holder, 'FormatText', path);
  else if (text.endsWith('.00')) v.put(holder, 'FormatInteger', path, (t) => t.slice(0, -3));
  else v.put(holder.add('FormatCurrencyAmt'), 'Amt', path);
}

/** An amount in its own holder element `name` under `parent`. */
export function putAmount(v: ExportValues, parent: XmlNode, name: string, path: string): void {
  if (v.has(path)) putAmountIn(v, parent.add(name), path);
}

/** The model's Address keys under `base` → an Addr. */
export function putAddress(v: ExportValues, parent: XmlNode, base: string, type?: string): XmlNode | undefined {
  const keys = ['lineOne', 'lineTwo', 'cityName', 'countyName', 'stateOrProvinceCode', 'postalCode', 'countryCode'];
  if (!keys.some((k) => v.has(`${base}.${k}`))) return undefined;
  const addr = parent.add('Addr');
  if (type) addr.add('AddrTypeCd', type);
  v.put(addr, 'Addr1', `${base}.lineOne`);
  v.put(addr, 'Addr2', `${base}.lineTwo`);
  v.put(addr, 'City', `${base}.cityName`);
  v.put(addr, 'County', `${base}.countyName`);
  v.put(addr, 'StateProvCd', `${base}.stateOrProvinceCode`);
  v.put(addr, 'PostalCode', `${base}.postalCode`);
  v.put(addr, 'CountryCd', `${base}.countryCode`);
  return addr;
}

/** A PhoneInfo with its type and use codes (which tell the reader which box the number fills). */
export function putPhone(v: ExportValues, comms: XmlNode, path: string, type: string, use?: string): XmlNode | undefined {
  if (!v.has(path)) return undefined;
  const info = comms.add('PhoneInfo');
  info.add('PhoneTypeCd', type);
  if (use) info.add('CommunicationUseCd', use);
  v.put(info, 'PhoneNumber', path);
  return info;
}

/** A full name as PersonName: the first word the given name, the rest the surname (the reader joins them with a space). */
export function putPersonName(v: ExportValues, nameInfo: XmlNode, path: string): void {
  const name = v.text(path);
  if (name === undefined) return;
  const person = nameInfo.add('PersonName');
  const [given, ...rest] = name.split(' ');
  if (given) person.add('GivenName', given);
  if (rest.length) person.add('Surname', rest.join(' '));
  v.note(path, name, person);
}

/** `<base>.questions.<code>` → QuestionAnswer elements, codes in order. */
export function putQuestions(v: ExportValues, parent: XmlNode, base: string): void {
  const codes = [...new Set(v.below(`${base}.questions`).map((p) => p.slice(`${base}.questions.`.length).split('.')[0]!))].sort();
  for (const code of codes) {
    const qa = parent.add('QuestionAnswer');
    qa.add('QuestionCd', code);
    const answer = `${base}.questions.${code}.answer`;
    v.put(qa, 'YesNoCd', answer, (t) => (v.value(answer) === true ? 'YES' : v.value(answer) === false ? 'NO' : t));
    v.put(qa, 'Explanation', `${base}.questions.${code}.explanation`);
  }
}
