// The first render in Chromium 86, the core of the 信创 desks' browsers (issue 20 on issue 19's engine),
// for `cargo xtask bench` (tests/e2e/bench.mjs): dist/ served with README's headers, as deployed, so that
// index.html sends this Chromium on to legacy.html (it compiles wasm only under 'unsafe-eval') and the
// time includes that second page. Each load is a new incognito context (nothing cached) whose localStorage
// holds the 16-bank working copy of a closed tab, the CPU slowed `rate` times.

import { createRequire } from 'node:module';
import { chromium86, CHROMIUM_ARGS } from './browsers.mjs';

const puppeteer = createRequire(import.meta.url)('puppeteer-core');

/**
 * Run in every document before its own scripts: notes the first document's start of navigation in
 * sessionStorage (which the tab keeps across index.html's `location.replace`), then the time from it
 * until the summary shows a total. ES5, for the old engine.
 */
const RECORD = `(function () {
  var start = performance.timeOrigin || performance.timing.navigationStart;
  if (!sessionStorage.getItem('kaoping-bench-start')) sessionStorage.setItem('kaoping-bench-start', String(start));
  new MutationObserver(function (_, observer) {
    var total = document.getElementById('summary-total');
    if (!total || !/\\d/.test(total.textContent)) return;
    observer.disconnect();
    window.__kpTotal = start + performance.now() - Number(sessionStorage.getItem('kaoping-bench-start'));
    window.__kpShown = total.textContent.trim();
    window.__kpEntry = location.pathname.split('/').pop();
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/**
 * Milliseconds from navigation to `entry` ('' for index.html, or 'legacy.html') until the summary
 * shows `stored.total`, for each of `loads` loads, at CPU `rate`. `stored` is latency.mjs's
 * `storedFullScenario` of the same origin. Resolves to `{ times, entries }` (the page each load ended on).
 */
export async function chromium86FirstRenders(url, stored, { rate, loads, entry = '' }) {
  const origin = new URL(url).origin;
  const items = stored.storageState.origins.find((o) => o.origin === origin)?.localStorage ?? [];
  const browser = await puppeteer.launch({ executablePath: await chromium86(), headless: true, args: CHROMIUM_ARGS });
  const times = [];
  const entries = new Set();
  try {
    for (let i = 0; i < loads; i++) {
      const context = await browser.createIncognitoBrowserContext();
      try {
        const page = await context.newPage();
        // A page of the same origin first: the working copy goes in, and the throttled renderer is the one
        // that loads the app.
        await page.goto(new URL('throttled', url).href);
        await page.evaluate((pairs) => {
          for (const { name, value } of pairs) localStorage.setItem(name, value);
        }, items);
        await page.evaluateOnNewDocument(RECORD);
        const cdp = await page.target().createCDPSession();
        if (rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        await page.goto(url + entry, { waitUntil: 'domcontentloaded' });
        // Polled every 250 ms: the time itself is the page's own clock, so the polling only delays the read.
        await page.waitForFunction('window.__kpTotal !== undefined', { timeout: 120_000, polling: 250 });
        const { time, shown, ended } = await page.evaluate(() => ({
          time: window.__kpTotal,
          shown: window.__kpShown,
          ended: window.__kpEntry,
        }));
        if (shown !== stored.total) {
          throw new Error(`Chromium 86 showed ${shown}, not ${stored.total}: the page did not start from the stored scenario`);
        }
        times.push(time);
        entries.add(ended);
      } finally {
        await context.close();
      }
    }
  } finally {
    // A Chromium that does not answer `close` on a busy machine is killed after 5 s.
    await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 5000))]);
    browser.process()?.kill('SIGKILL');
  }
  return { times, entries: [...entries] };
}
