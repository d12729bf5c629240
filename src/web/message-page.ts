import { html, page, type PageUser } from './html-page.js';

/** A page saying why a request was refused and where to go instead. */
export function messagePage(title: string, sentence: string, user?: PageUser): string {
  return page(title, html`<p class="error" role="alert">${sentence}</p><p><a href="/">Back</a></p>`, user);
}
