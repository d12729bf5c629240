import type { BrokerRequestContent } from './broker-request-content.js';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Inline styles only: mail clients drop <style> blocks and external sheets.
const BODY = 'font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.5; color: #1a1a1a; max-width: 680px;';
const WARNING = 'background: #fff3cd; border: 1px solid #d39e00; padding: 8px 12px; font-weight: bold;';
const HEADING = 'font-size: 16px; margin: 24px 0 8px; border-bottom: 1px solid #cccccc; padding-bottom: 4px;';
const ITEM = 'margin-bottom: 10px;';
const WHERE = 'color: #555555;';
const FOOT = 'color: #777777; font-size: 12px; margin-top: 24px;';

/** The HTML part of the broker request: simple and readable, the same words as the text part. */
export function renderRequestHtml(c: BrokerRequestContent): string {
  const p = (s: string, style = '') => `<p${style && ` style="${style}"`}>${escapeHtml(s)}</p>`;
  const parts: string[] = [];
  if (c.missingRecipient) parts.push(p(c.missingRecipient, WARNING));
  parts.push(p(c.greeting), ...c.paragraphs.map((s) => p(s)));
  for (const section of c.sections) {
    const items = section.lines.map((l) => {
      const below = [l.where && `<br><span style="${WHERE}">${escapeHtml(l.where)}</span>`, l.detail && `<br>${escapeHtml(l.detail)}`].filter(Boolean).join('');
      return `<li style="${ITEM}"><strong>${escapeHtml(l.kind)}:</strong> ${escapeHtml(l.title)}${below}</li>`;
    });
    parts.push(`<h2 style="${HEADING}">${escapeHtml(section.heading)}</h2>`, `<ol>\n${items.join('\n')}\n</ol>`);
  }
  parts.push(`<p>${c.signature.map(escapeHtml).join('<br>')}</p>`, p(c.reference, FOOT));
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(c.subject)}</title></head>\n<body style="${BODY}">\n${parts.join('\n')}\n</body></html>\n`;
}
