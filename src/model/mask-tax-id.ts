/** A FEIN (12-3456789), an SSN (123-45-6789), or nine digits standing alone. */
const TAX_ID = /(?<![\d-])(?:\d{2}-\d{7}|\d{3}-\d{2}-\d{4}|\d{9})(?![\d-])/g;

/** A tax id with every digit but the last four starred, separators kept: `**-***6802`. */
export const maskTaxId = (id: string): string => {
  const digits = id.replace(/\D/g, '').length;
  let seen = 0;
  return id.replace(/\d/g, (d) => (++seen > digits - 4 ? d : '*'));
};

/**
 * The text with every tax id in it masked to its last four digits: the numbers in the shapes a FEIN or
 * an SSN is written, and `known` ids as the forms wrote them (a raw "87 2796802" has neither shape).
 * Text that leaves acord-prep for a person (an e-mail) goes through here: never a whole FEIN.
 */
export function maskTaxIds(text: string, known: readonly string[] = []): string {
  let masked = text;
  for (const id of known) if (id.replace(/\D/g, '').length > 4) masked = masked.split(id).join(maskTaxId(id));
  return masked.replace(TAX_ID, maskTaxId);
}
