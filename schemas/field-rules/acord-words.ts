/** `MailingAddress_LineOne` → `mailingAddress.lineOne`; `NAICSCode` → `naicsCode`; `SICCode` → `sicCode`. */
export function acordWordsToKeys(words: string): string {
  return words
    .split('_')
    .filter(Boolean)
    .map((w) => w.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (lead) => lead.toLowerCase()))
    .join('.');
}
