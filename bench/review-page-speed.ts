/**
 * How quickly the review page is usable (issue 14: interactive < 300 ms on a 5-form submission): the real
 * service on a flat sample with five forms or more (manufacturing-oh-flat: a 125, a 126 and four 140s), an
 * assistant logged in in Chromium; each of BENCH_REVIEW_RUNS loads (default 10) times from navigation to the
 * page's keys working (`#review[data-ready=true]`), then to the current flag's crop decoded. The first load
 * renders the crops (kept in data/page-cache after); the others are served from that cache.
 *
 *   npm run bench:review-page
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { launchChromium, logIn, newContext, waitForImage } from '../tests/support/browser.js';
import { BROWSER_USERS, startBrowserService } from '../tests/support/browser-service.js';

const RUNS = Number(process.env.BENCH_REVIEW_RUNS ?? 10);
const SAMPLE = 'manufacturing-oh-flat';
const TARGET_MS = 300;

const service = await startBrowserService(SAMPLE);
const browser = await launchChromium();
try {
  const page = await (await newContext(browser, service.url)).newPage();
  await logIn(page, BROWSER_USERS.assistant.name, BROWSER_USERS.assistant.password);
  const ready: number[] = [];
  const crops: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    await page.goto(`/submissions/${service.submission.id}/review`);
    await page.locator('#review[data-ready="true"]').waitFor();
    ready.push(performance.now() - start);
    // The current flag's crop decoded: the evidence beside the first value (the others load as they scroll in).
    await waitForImage(page.locator('ol#flags > li.flag.current img.crop'));
    crops.push(performance.now() - start);
  }
  const flags = await page.locator('ol#flags > li.flag').count();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const warm = ready.slice(1);
  console.log(`review page of ${SAMPLE} (${flags} flags), ${RUNS} loads, load average ${loadavg()[0]!.toFixed(2)}:`);
  console.log(`  keys working: first ${ready[0]!.toFixed(0)} ms, then median ${median(warm).toFixed(0)} ms, worst ${Math.max(...warm).toFixed(0)} ms — target < ${TARGET_MS} ms: ${median(warm) < TARGET_MS ? 'met' : 'MISSED'}`);
  console.log(`  first crop shown: first ${crops[0]!.toFixed(0)} ms (rendered), then median ${median(crops.slice(1)).toFixed(0)} ms (cached)`);
} finally {
  await browser.close();
  await service.dispose();
}
