const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function fromCodePoint(code: number): string | null {
  const allowed =
    code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : null;
}

/**
 * Decodes the references XML defines without a DTD: the five predefined entities and numeric
 * character references (`&#47;` → `/`). One pass, so `&amp;lt;` stays `&lt;`. Any other reference
 * (`&nbsp;`) is left as written: without a DTD it has no meaning, and it is never expanded.
 */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([0-9A-Fa-f]{1,6})|([A-Za-z]+));/g, (ref, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return PREDEFINED[name] ?? ref;
    return fromCodePoint(dec !== undefined ? Number(dec) : parseInt(hex!, 16)) ?? ref;
  });
}

/** Shortens text quoted from an untrusted document so an error message stays readable. */
export function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
