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

/** A whole page: the header names who is logged in and offers the log-out button (a CSRF-checked POST). */
export function page(title: string, body: Html, user?: PageUser): string {
  const nav = user
    ? html`<nav><a href="/">Submissions</a>${user.queuesPath ? html` <a href="${user.queuesPath}">Queues</a>` : ''}${user.account.role === 'admin' ? html` <a href="/metrics">Metrics</a>` : ''}
<form method="post" action="/logout" class="logout"><span>${user.account.name} (${user.account.role})</span> <input type="hidden" name="_csrf" value="${user.csrfToken}"><button type="submit">Log out</button></form></nav>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · acord-prep</title><link rel="stylesheet" href="/assets/style.css"></head>
<body><header><strong>acord-prep</strong>${nav}</header>
<main><h1>${escapeHtml(title)}</h1>
${body.text}
</main></body></html>
`;
}
