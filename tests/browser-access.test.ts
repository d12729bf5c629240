import { beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium } from '../scripts/ensure-chromium.js';
import { logIn } from './support/browser.js';
import { BROWSER_USERS, browserFixture } from './support/browser-service.js';

// At load, not in a hook: installing Chromium (apt-get, as root) takes longer than a hook may. Without it
// and unable to install it, this throws with the command to run: the file fails, it is never skipped.
ensureChromium((message) => console.log(`browser-access: ${message}`));

/** Every page of the desk; none may show a logged-out browser anything but the log-in form. */
const PAGES = ['/', '/admin/queues', '/admin/queues/', '/underwriter', '/admin/users'];

const fixture = browserFixture('contractor-co-flat');
const freshContext = () => fixture.freshContext();
let insured: string;

beforeAll(() => {
  insured = fixture.service.submission.insuredName ?? '';
  expect(insured, 'the sample names its insured (what a logged-out browser must not see)').not.toBe('');
});

describe('a logged-out browser', () => {
  it('is sent to the log-in form from every page and sees no submission', async () => {
    const page = await (await freshContext()).newPage();
    const review = `/submissions/${fixture.service.submission.id}/review`;
    for (const path of [...PAGES, review, '/submissions/no-such-id/review']) {
      await page.goto(path);
      expect(new URL(page.url()).pathname, `${path} shows`).toBe('/login');
      expect(await page.locator('input[name="password"]').isVisible(), `${path}: the log-in form`).toBe(true);
      expect(await page.content(), `${path} leaks the submission`).not.toContain(insured);
    }
  });

  it('gets 401 from the API, and no data', async () => {
    const { request } = await freshContext();
    for (const path of ['/api/queue', `/api/submissions/${fixture.service.submission.id}`]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(401);
      expect(await response.text(), path).not.toContain(insured);
    }
  });

  it('gets 401 from the packet files, never their bytes', async () => {
    const { request } = await freshContext();
    for (const file of ['packet.pdf', 'submission.json', 'submission.xml']) {
      const response = await request.get(`/submissions/${fixture.service.submission.id}/files/${file}`, { maxRedirects: 0 });
      expect(response.status(), file).toBe(401);
      const body = await response.text();
      expect(body.startsWith('%PDF-') || body.includes(insured), `${file} leaked`).toBe(false);
    }
  });
});

describe('logged in', () => {
  it('an assistant reaches the queue with the submission, and logging out ends the session', async () => {
    const page = await (await freshContext()).newPage();
    expect(await logIn(page, BROWSER_USERS.assistant.name, BROWSER_USERS.assistant.password)).toBe('/');
    expect(await page.content()).toContain(insured);
    await page.locator('form[action="/logout"] button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.content()).not.toContain(insured);
  });

  it('an assistant is refused the account pages (403), and so is an underwriter; an admin reaches them', async () => {
    const assistant = await (await freshContext()).newPage();
    await logIn(assistant, BROWSER_USERS.assistant.name, BROWSER_USERS.assistant.password);
    const refused = await assistant.goto('/admin/users');
    expect(refused?.status()).toBe(403);
    expect(await assistant.content()).not.toContain(BROWSER_USERS.underwriter.name);

    const underwriter = await (await freshContext()).newPage();
    // An underwriter's home is the packet shelf: GET / sends them there.
    expect(await logIn(underwriter, BROWSER_USERS.underwriter.name, BROWSER_USERS.underwriter.password)).toBe('/underwriter');
    expect((await underwriter.goto('/admin/users'))?.status()).toBe(403);

    const admin = await (await freshContext()).newPage();
    await logIn(admin, BROWSER_USERS.admin.name, BROWSER_USERS.admin.password);
    const users = await admin.goto('/admin/users');
    expect(users?.status()).toBe(200);
    // The list names every account: the 403s above refused a page that exists.
    for (const user of Object.values(BROWSER_USERS)) expect(await admin.content()).toContain(user.name);
  });

  it('an assistant cannot change accounts by posting to the account page either', async () => {
    const page = await (await freshContext()).newPage();
    await logIn(page, BROWSER_USERS.assistant.name, BROWSER_USERS.assistant.password);
    // The token of a page the assistant may see: the refusal must be the role's, not a missing token's.
    const token = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    expect(token).toBeTruthy();
    const response = await page.request.post('/admin/users', {
      headers: { 'x-csrf-token': token! },
      data: { name: 'mallory', role: 'admin', password: 'mallory has a long password' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });
});
