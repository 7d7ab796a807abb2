// The page's own figures for `cargo xtask bench`, against the built dist/ (trunk build --release):
// first render from a cold cache, and keystroke latency on 本行测算 and 全市总览 with the full
// 16-bank scenario. Prints one line of JSON on stdout, which xtask reads; progress goes to stderr.
//
//   node tests/e2e/bench.mjs [--loads N] [--keystrokes N]

import { serveDist, launchBrowser, openPage } from './harness.mjs';
import { firstRender, importFullScenario, measureBothViews, percentile, summarize } from './latency.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const loads = option('--loads', 10);
const keystrokes = option('--keystrokes', 200);

// A server started for this run, so the first load is the first it serves.
const server = await serveDist();
const browser = await launchBrowser();
try {
  const renders = [];
  for (let i = 0; i < loads; i++) {
    renders.push(await firstRender(browser, server.url));
    console.error(`first render ${i + 1}/${loads}: ${renders.at(-1).toFixed(1)} ms`);
  }

  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
  const { page } = await openPage(context, server.url);
  await importFullScenario(page);
  // One round first, so that the measured keystrokes see a page that has already drawn both views.
  await measureBothViews(page, 5);
  const { bank, city } = await measureBothViews(page, keystrokes);
  await context.close();

  const result = {
    first_render_ms: { p50: percentile(renders, 50), p95: percentile(renders, 95), min: Math.min(...renders), loads },
    keystroke_bank_ms: summarize(bank, 'updated'),
    keystroke_bank_painted_ms: summarize(bank, 'painted'),
    keystroke_city_ms: summarize(city, 'updated'),
    keystroke_city_painted_ms: summarize(city, 'painted'),
    chromium: browser.version(),
  };
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.close();
}
