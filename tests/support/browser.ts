import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ensureChromium } from '../../scripts/ensure-chromium.js';

/**
 * Debian's Chromium as root on a closed network: no sandbox (root), no GPU, and none of the background
 * connections (QUIC, component updates, sync, first-run pings) that the network refuses many at a time.
 * Playwright adds `--headless` and a fresh `--user-data-dir` of its own (removed at close) to every launch.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Every wait in a page (a click, a selector, a navigation) gives up after this long, so a broken page fails instead of hanging. */
export const PAGE_TIMEOUT_MS = 15_000;

/**
 * Chromium, installed first when missing (ensureChromium: apt-get as root, else an error naming the command),
 * launched headless with CHROMIUM_FLAGS. `say` hears what ensureChromium found or did.
 */
export async function launchChromium(say: (message: string) => void = () => {}): Promise<Browser> {
  const { path } = ensureChromium(say);
  return chromium.launch({ executablePath: path, headless: true, args: [...CHROMIUM_FLAGS], timeout: 60_000 });
}

/** A new browser context (its own cookies: one per person logged in) against `baseURL`, with bounded waits. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
  return context;
}

/**
 * Logs in through the log-in form as a person would (types the name and password, presses the button) and
 * waits for the page the server sends the user to; returns that page's path. A refused log-in throws with
 * the status, not a time-out.
 */
export async function logIn(page: Page, name: string, password: string): Promise<string> {
  await page.goto('/login');
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="password"]').fill(password);
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
  await page.locator('form[action="/login"] button[type="submit"]').click();
  const response = await posted;
  if (response.status() !== 303) throw new Error(`logging in as ${name} was refused: HTTP ${response.status()}`);
  await page.waitForURL((url) => url.pathname !== '/login');
  return new URL(page.url()).pathname;
}

/** The id of the element that has the keyboard's focus (document.activeElement), or null: the page itself, or an element without id. */
export async function focusedId(page: Page): Promise<string | null> {
  return ((await page.evaluate('document.activeElement && document.activeElement.id')) as string | null) || null;
}

/**
 * Waits until the image `img` points at is decoded and drawn (naturalWidth > 0), for PAGE_TIMEOUT_MS. Polled
 * from here: the pages' Content-Security-Policy refuses the string evaluation page.waitForFunction relies on.
 */
export async function waitForImage(img: Locator): Promise<void> {
  await img.waitFor();
  const deadline = Date.now() + PAGE_TIMEOUT_MS;
  while ((await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)) === 0) {
    if (Date.now() > deadline) throw new Error(`${img} was not drawn within ${PAGE_TIMEOUT_MS / 1000} s (its image did not load)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
