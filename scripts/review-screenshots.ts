/**
 * Screenshots of the review desk, for a person to look at: starts the service on four samples (three flattened)
 * (as the browser tests do: a free port, the example appetite rules, one account per role), then in
 * Chromium saves the log-in form, the assistant's queue, a review page (its flags with the crop beside the
 * current one, then the whole-page view with every box), the clearance and renewal panels of the same insured
 * sent again, and the underwriter's shelf once a second sample
 * has had every flag sent to the broker. Prints each PNG's path; exit 1 naming the step that failed
 * (the shots before it are kept).
 *
 *   npm run screenshots [-- --out DIR]      (default out/screenshots/, emptied first)
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, logIn, newContext, waitForImage } from '../tests/support/browser.js';
import { BROWSER_USERS, startBrowserService, type BrowserService } from '../tests/support/browser-service.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Reviewed on screen: flags on the 125 and the 140, each with a crop. */
const REVIEW_SAMPLE = 'office-ny-flat';
/** Sent on to the underwriter, every flag asked of the broker. */
const READY_SAMPLE = 'contractor-co-flat';
/** One more row for the queue. */
const QUEUE_SAMPLE = 'retail-fl-flat';
/** The review sample's insured again (its fillable forms and XML): cleared against it, with the changes since. */
const SAME_INSURED_SAMPLE = 'office-ny';
/** Reassembling is a job behind whatever else the workers have in hand. */
const READY_WAIT_MS = 120_000;

const say = (message: string) => console.log(`screenshots: ${message}`);
const relative = (p: string) => (path.relative(process.cwd(), p).startsWith('..') ? p : path.relative(process.cwd(), p));

class StepError extends Error {
  constructor(step: string, cause: unknown) {
    super(`${step}: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`, { cause });
  }
}

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new StepError(name, err);
  }
}

/** Every open flag of the review page in `page` sent to the broker with `b`, then waits for "Ready for underwriter". */
async function askBrokerForEachBlockingFlag(page: Page): Promise<void> {
  // Blocking flags come first and the last one sends the submission on: warnings wait for the next review.
  const open = page.locator('ol#flags > li.flag.blocking:not(.resolved)');
  // A flag marked current: the page's key script runs (a key pressed before would be lost).
  await page.locator('ol#flags > li.flag.current').waitFor();
  for (let left = await open.count(); left > 0; left = await open.count()) {
    await page.keyboard.press('b');
    // One flag fewer open (the last open one matches no more), or the wait fails instead of pressing forever.
    await open.nth(left - 1).waitFor({ state: 'detached' });
  }
  await page.locator('#review-status', { hasText: 'Ready for underwriter' }).waitFor({ timeout: READY_WAIT_MS });
}

export async function takeScreenshots(outDir: string): Promise<string[]> {
  const saved: string[] = [];
  const shoot = async (page: Page, name: string, fullPage = false) => {
    const file = path.join(outDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage });
    saved.push(file);
    say(relative(file));
  };
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  say(`starting the service on samples ${REVIEW_SAMPLE}, ${READY_SAMPLE}, ${QUEUE_SAMPLE}, ${SAME_INSURED_SAMPLE} and waiting for their packets (a minute or more) …`);
  let service: BrowserService | undefined;
  let browser: Browser | undefined;
  try {
    service = await startBrowserService(REVIEW_SAMPLE, READY_SAMPLE, QUEUE_SAMPLE, SAME_INSURED_SAMPLE);
    browser = await launchChromium(say);
    const [review, ready, , again] = service.submissions;
    say(`service at ${service.url}`);

    const assistant = await (await newContext(browser, service.url)).newPage();
    await step('the log-in page', async () => {
      await assistant.goto('/login');
      await shoot(assistant, '1-login');
    });
    await step('the queue', async () => {
      await logIn(assistant, BROWSER_USERS.assistant.name, BROWSER_USERS.assistant.password);
      await assistant.getByText(review!.insuredName!).first().waitFor();
      await shoot(assistant, '2-queue', true);
    });
    await step('the review page', async () => {
      await assistant.goto(`/submissions/${review!.id}/review`);
      // Drawn, not only in the page: the crop is rendered on demand from the stored original.
      await waitForImage(assistant.locator('ol#flags > li.flag.current img.crop'));
      await shoot(assistant, '3-review');
    });
    await step('the whole-page view (p)', async () => {
      await assistant.keyboard.press('p');
      await assistant.locator('#page-view .box').first().waitFor();
      await shoot(assistant, '4-review-page-view');
    });
    await step('the clearance and renewal panels', async () => {
      // Whichever of the two was received second is cleared against the first.
      const [later] = [review!, again!].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
      await assistant.goto(`/submissions/${later!.id}/review`);
      await assistant.locator('#clearance').scrollIntoViewIfNeeded();
      await shoot(assistant, '4b-review-clearance');
    });
    await step(`sending ${READY_SAMPLE} to the underwriter (b on every blocking flag)`, async () => {
      await assistant.goto(`/submissions/${ready!.id}/review`);
      await askBrokerForEachBlockingFlag(assistant);
      await shoot(assistant, '5-review-ready');
    });
    await step('the underwriter view', async () => {
      const underwriter = await (await newContext(browser!, service!.url)).newPage();
      await logIn(underwriter, BROWSER_USERS.underwriter.name, BROWSER_USERS.underwriter.password);
      await underwriter.locator(`table#ready tr[data-submission-id="${ready!.id}"]`).waitFor();
      await shoot(underwriter, '6-underwriter', true);
    });
    return saved;
  } catch (err) {
    const kept = saved.length ? ` (kept: ${saved.map(relative).join(', ')})` : '';
    throw new Error(`${(err as Error).message}${kept}`, { cause: err });
  } finally {
    await browser?.close();
    await service?.dispose();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  await takeScreenshots(path.resolve(values.out ?? path.join(ROOT, 'out', 'screenshots'))).catch((err: Error) => {
    console.error(`screenshots: stopped at ${err.message}`);
    process.exitCode = 1;
  });
}
