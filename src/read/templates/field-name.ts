/**
 * ACORD field names as they appear in the wild: plain AcroForm (`NamedInsured_FullName_A`) or inside
 * an XFA hierarchy (`F[0].P1[0].NamedInsured_FullName_A[0]`). Returns the plain name.
 */
export function plainFieldName(name: string): string {
  const last = name.split('.').pop() ?? name;
  return last.replace(/\[\d+\]$/, '');
}

/** `NamedInsured_FullName_B` → { base: `NamedInsured_FullName`, suffix: `B` }. */
export function splitSuffix(name: string): { base: string; suffix: string } {
  const m = /^(.*)_([A-Z])$/.exec(name);
  return m ? { base: m[1]!, suffix: m[2]! } : { base: name, suffix: '' };
}
