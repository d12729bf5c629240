import type { UserAccount } from '../users/users-file.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A tagged template whose interpolations are escaped unless they are already `Html`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}
type Part = string | number | null | undefined | Html | readonly Html[];
const part = (value: Part): string =>
  value == null ? '' : value instanceof Html ? value.text : Array.isArray(value) ? value.map((v: Html) => v.text).join('') : escapeHtml(String(value));

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ''), ''));
}

export type PageUser = { account: Pick<UserAccount, 'name' | 'role'>; csrfToken: string; queuesPath?: string };

/** The header's links a role may follow. */
function navLinks(user: PageUser): Html[] {
  const role = user.account.role;
  const links: [string, string][] = [];
  if (role !== 'underwriter') links.push(['/', 'Review queue']);
  if (role !== 'assistant') links.push(['/underwriter', 'Ready for underwriter']);
  if (role === 'admin') links.push(['/admin/users', 'Users']);
  if (user.queuesPath) links.push([user.queuesPath, 'Jobs']);
  if (role === 'admin') links.push(['/metrics', 'Metrics']);
  return links.map(([href, text]) => html`<a href="${href}">${text}</a> `);
}

/**
 * A whole page: the header names who is logged in and offers the log-out button (a CSRF-checked POST).
 * `scripts` are served from /assets (the CSP runs no inline script); they find the CSRF token for their
 * POSTs in the `csrf-token` meta element.
 */
export function page(title: string, body: Html, user?: PageUser, scripts: readonly string[] = []): string {
  const nav = user
    ? html`<nav>${navLinks(user)}
<form method="post" action="/logout" class="logout"><span>${user.account.name} (${user.account.role})</span> <input type="hidden" name="_csrf" value="${user.csrfToken}"><button type="submit">Log out</button></form></nav>`
    : '';
  const head = [
    user ? html`<meta name="csrf-token" content="${user.csrfToken}">` : '',
    ...scripts.map((name) => html`<script src="/assets/${name}" defer></script>`),
  ].join('');
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · acord-prep</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/style.css">${head}</head>
<body><header><strong>acord-prep</strong>${nav}</header>
<main><h1>${escapeHtml(title)}</h1>
${body.text}
</main></body></html>
`;
}
