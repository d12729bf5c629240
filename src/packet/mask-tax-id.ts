/** A FEIN or SSN shown by its last 4 digits only (`**-***1234`): a packet is mailed and printed. */
export function maskTaxId(taxId: string): string {
  const digits = taxId.replace(/\D/g, '');
  return digits.length < 4 ? '**-*******' : `**-***${digits.slice(-4)}`;
}
