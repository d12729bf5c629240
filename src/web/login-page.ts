import { html, page } from './html-page.js';

/** Why the form is shown again; a wrong pair is never told apart from an unknown name. */
const PROBLEMS = {
  wrong: 'Wrong user name or password.',
  'too-many': 'Too many tries: wait a minute, then try again.',
  expired: 'The form had expired: please log in again.',
} as const;
export type LoginProblem = keyof typeof PROBLEMS;

/** The log-in form, with what went wrong at the last try. */
export function loginPage(csrfToken: string, problem?: LoginProblem): string {
  return page(
    'Log in',
    html`${problem ? html`<p class="error" role="alert">${PROBLEMS[problem]}</p>` : ''}
<form method="post" action="/login" class="login">
<input type="hidden" name="_csrf" value="${csrfToken}">
<label>User name <input name="name" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Log in</button>
</form>`,
  );
}
