import { html, page } from './html-page.js';

/** The log-in form; `failed` says only that the pair was wrong, never which half. */
export function loginPage(csrfToken: string, failed = false): string {
  return page(
    'Log in',
    html`${failed ? html`<p class="error" role="alert">Wrong user name or password.</p>` : ''}
<form method="post" action="/login" class="login">
<input type="hidden" name="_csrf" value="${csrfToken}">
<label>User name <input name="name" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Log in</button>
</form>`,
  );
}
