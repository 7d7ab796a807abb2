// The page's own figures for `cargo xtask bench`, against the built dist/ (trunk build --release),
// with the full 16-bank scenario as the browser's working copy, at each CPU rate (Chromium's CPU
// throttling: 4 stands in for a slow office desktop):
// - first render from a cold cache: navigation → the summary shows the scenario's total;
// - what the first render waits for, in loads of their own: the files fetched, the wasm compiled
//   and instantiated, the wasm's start until the total is in the DOM, the frame drawn;
// - keystroke latency on 本行测算 and 全市总览, and the browser's own work per keystroke (script,
//   style, layout, from CDP Performance.getMetrics);
// - 目标测算's answer after typing settles;
// - the first render in Chromium 86 (the 信创 desks' core), served with README's headers: from index.html
//   (which sends it on to legacy.html) and from legacy.html opened directly (tests/old-engines/first-render.mjs;
//   skipped with --no-chromium86).
// With --profile-dist DIR (a build whose wasm keeps its name section; `cargo xtask bench` makes one),
// also the functions that take the time: a CPU profile of keystrokes on 本行测算 and of a first load.
// Prints one line of JSON on stdout, which xtask reads; progress goes to stderr.
//
//   node tests/e2e/bench.mjs [--rates 1,4] [--loads N] [--part-loads N] [--keystrokes N]
//                            [--settles N] [--profile-dist DIR] [--profile-keystrokes N] [--no-chromium86]
//                            [--no-kept-frame]
// --no-kept-frame: the loads start without the first frame the page kept when it was left (www/boot.js),
// as a first visit would: the first total is then the wasm's own.

import { serveDist, launchBrowser, openPage } from './harness.mjs';
import {
  BANK, browserWork, firstRender, loadUntilPainted, measureKeystrokes, measureSettled, percentile, storedFullScenario,
  summarize, throttle, watchFirstRender,
} from './latency.mjs';
import { profile, selfTimes } from './profile.mjs';
import { readmeHeaders } from '../old-engines/browsers.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const rates = option('--rates', '1,4').split(',').map(Number);
const loads = Number(option('--loads', 10));
const partLoads = Number(option('--part-loads', 5));
const keystrokes = Number(option('--keystrokes', 200));
const settles = Number(option('--settles', 20));
const profileDist = option('--profile-dist', null);
const profileKeystrokes = Number(option('--profile-keystrokes', 60));
const withChromium86 = !process.argv.includes('--no-chromium86');
const withKeptFrame = !process.argv.includes('--no-kept-frame');
const log = (text) => console.error(text);

const median = (values) => percentile(values, 50);
const viewport = { width: 1280, height: 720 };

/** Keystrokes on 本行测算 then 全市总览 with the browser's work per keystroke, then 目标测算. */
async function typing(browser, url, storageState, rate) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport, storageState });
  const { page } = await openPage(context, url);
  const cdp = await throttle(page, rate);
  await cdp.send('Performance.enable');
  const views = {};
  for (const [view, tab, input, watched] of [
    ['bank', '#tab-bank', `#f-${BANK}-loans`, '#summary-total'],
    ['city', '#tab-city', `#cf-${BANK}-loans`, `#row-${BANK} .total-col`],
  ]) {
    await page.locator(tab).click();
    await page.locator(input).waitFor();
    // A few first, so that the measured keystrokes see a page that has drawn this view already.
    await measureKeystrokes(page, input, watched, 5);
    const before = await browserWork.read(cdp);
    const times = await measureKeystrokes(page, input, watched, keystrokes);
    const work = browserWork.perKeystroke(before, await browserWork.read(cdp), keystrokes);
    views[view] = { times, work };
    log(`${rate}×: ${view} keystrokes p50 ${summarize(times).p50.toFixed(1)} ms, p95 ${summarize(times).p95.toFixed(1)} ms`);
  }
  await page.locator('#tab-bank').click();
  const settled = await measureSettled(page, settles);
  log(`${rate}×: 目标测算 settled p50 ${summarize(settled).p50.toFixed(1)} ms`);
  await context.close();
  return { views, settled };
}

/** The figures at one CPU rate. */
async function atRate(browser, url, stored, rate) {
  const renders = [];
  const lives = [];
  for (let i = 0; i < loads; i++) {
    const { total, live } = await firstRender(browser, url, { rate, storageState: stored.storageState, expect: stored.total });
    renders.push(total);
    lives.push(live);
    log(`${rate}×: first render ${i + 1}/${loads}: ${total.toFixed(1)} ms (the page live ${live.toFixed(1)} ms)`);
  }
  const parts = [];
  for (let i = 0; i < partLoads; i++) {
    parts.push(await firstRender(browser, url, { rate, storageState: stored.storageState, expect: stored.total, parts: true }));
  }
  const marks = Object.fromEntries(Object.keys(parts[0]).map((key) => [key, median(parts.map((p) => p[key]))]));
  const { views, settled } = await typing(browser, url, stored.storageState, rate);
  return {
    first_render_ms: { p50: median(renders), p95: percentile(renders, 95), min: Math.min(...renders), loads },
    first_live_ms: { p50: median(lives), p95: percentile(lives, 95), min: Math.min(...lives), loads },
    first_render_marks_ms: { ...marks, loads: partLoads },
    keystroke_bank_ms: summarize(views.bank.times, 'updated'),
    keystroke_bank_painted_ms: summarize(views.bank.times, 'painted'),
    keystroke_bank_work_ms: views.bank.work,
    keystroke_city_ms: summarize(views.city.times, 'updated'),
    keystroke_city_painted_ms: summarize(views.city.times, 'painted'),
    keystroke_city_work_ms: views.city.work,
    target_settled_ms: summarize(settled, 'updated'),
  };
}

/** The functions that take the time, on the build that keeps the wasm's names. */
async function profiled(browser, dir, rate) {
  const server = await serveDist({ dir });
  try {
    const stored = await storedFullScenario(browser, server.url);
    const context = await browser.newContext({ locale: 'zh-CN', viewport, storageState: stored.storageState });
    const { page } = await openPage(context, server.url);
    const cdp = await throttle(page, rate);
    await measureKeystrokes(page, `#f-${BANK}-loans`, '#summary-total', 5);
    const typed = await profile(cdp, () => measureKeystrokes(page, `#f-${BANK}-loans`, '#summary-total', profileKeystrokes));
    await context.close();

    const cold = await browser.newContext({ locale: 'zh-CN', viewport, storageState: stored.storageState });
    await watchFirstRender(cold);
    const first = await cold.newPage();
    await first.goto(new URL('profiled', server.url).href);
    const loadCdp = await throttle(first, rate);
    const loaded = await profile(loadCdp, () => loadUntilPainted(first, server.url));
    await cold.close();
    const keystroke = selfTimes(typed, profileKeystrokes);
    const load = selfTimes(loaded);
    return {
      rate,
      keystrokes: profileKeystrokes,
      keystroke: { busy_ms: keystroke.busy_ms, kinds: keystroke.kinds, top: keystroke.functions.slice(0, 20) },
      first_load: { busy_ms: load.busy_ms, kinds: load.kinds, top: load.functions.slice(0, 12) },
    };
  } finally {
    await server.close();
  }
}

/**
 * The first render in Chromium 86 at each rate, from index.html and from legacy.html, on a server of its
 * own that sends README's headers (the `browser` only stores the working copy the loads start from).
 */
async function chromium86(browser) {
  // Imported here: it needs tests/old-engines' packages, which `cargo xtask bench` installs.
  const { chromium86FirstRenders } = await import('../old-engines/first-render.mjs');
  const deployed = await serveDist({ headers: await readmeHeaders() });
  try {
    const stored = await storedFullScenario(browser, deployed.url);
    const result = { rates: {} };
    for (const rate of rates) {
      const figures = {};
      for (const [key, entry] of [['index', ''], ['legacy', 'legacy.html']]) {
        const { times, entries } = await chromium86FirstRenders(deployed.url, stored, { rate, loads, entry });
        figures[key] = { p50: median(times), p95: percentile(times, 95), min: Math.min(...times), loads, ended_on: entries };
        log(`${rate}×: Chromium 86 from ${entry || 'index.html'}: first render p50 ${figures[key].p50.toFixed(1)} ms`);
      }
      result.rates[rate] = figures;
    }
    return result;
  } finally {
    await deployed.close();
  }
}

// A server started for this run, so the first load is the first it serves.
const server = await serveDist();
const browser = await launchBrowser();
try {
  const stored = await storedFullScenario(browser, server.url);
  if (!withKeptFrame) {
    for (const origin of stored.storageState.origins) {
      origin.localStorage = origin.localStorage.filter((entry) => entry.name !== 'kaoping/first-frame');
    }
  }
  const result = { chromium: browser.version(), rates: {} };
  for (const rate of rates) result.rates[rate] = await atRate(browser, server.url, stored, rate);
  if (withChromium86) result.chromium86 = await chromium86(browser);
  if (profileDist) result.profile = await profiled(browser, profileDist, 1);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.close();
}
