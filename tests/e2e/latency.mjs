// How long the page takes to answer, measured the same way by the end-to-end test (which reports
// it) and by `cargo xtask bench` (tests/e2e/bench.mjs, which prints it as JSON). Times are
// reported, never asserted: they depend on the machine.

// 农发行 (adbc) is first in annex order, so it is the bank shown on a fresh page.
export const BANK = 'adbc';
const BANKS = ['adbc', 'icbc', 'abc', 'boc', 'ccb', 'bocom', 'psbc', 'citic', 'ceb', 'cgb', 'cmb', 'cib',
  'cmbc', 'hubei', 'hankou', 'hsrcb'];

/** Every bank listed with every field filled, as a busy user's scenario would be. */
export function fullScenario() {
  return {
    format: 'kaoping-scenario/1',
    year: 2024,
    settings: { bonus_mode: 'pro_rata', city_average: 'aggregate', deposit_normalization: 'top_scorer', green_target_growth_pct: null },
    city: {},
    banks: BANKS.map((id, i) => ({
      id,
      loans: (100 + i * 20.5).toFixed(2),
      sme_loans: (50 + i * 7.25).toFixed(2),
      manufacturing_loans: (10 + i * 3.5).toFixed(2),
      green_loans: (8 + i * 2.75).toFixed(2),
      sme_customers_2023: 1000 + i * 50,
      sme_customers: 1150 + i * 45,
      sme_rate_start_pct: '4.2',
      sme_rate_pct: (4.2 - i * 0.02).toFixed(2),
      inclusive_loans_2023: (20 + i).toFixed(2),
      inclusive_loans: (23 + i * 1.2).toFixed(2),
      tech_new_loans: (1 + i * 0.3).toFixed(2),
      tech_products: i % 3,
      pension_loans_2023: (0.5 + i * 0.1).toFixed(2),
      pension_loans: (0.7 + i * 0.12).toFixed(2),
      pension_products: i % 2,
      carbon_products: i % 4,
      dongchu_amount: (5 + i).toFixed(2),
      dongchu_households: 20 + i * 3,
      policy_score: (i % 21) - 10 > 10 ? 10 : 10 - (i % 11),
      npl_written_off: (0.2 * (i % 5)).toFixed(2),
      npl_other_disposal: (0.1 * (i % 3)).toFixed(2),
      platform_bonds: String(i % 7),
      startup_guarantee: { target: '1', actual: (0.5 + (i % 4) * 0.3).toFixed(2), newly_included: i % 5 === 0 },
      govbank_guarantee: { target: '2', actual: (1 + (i % 3) * 0.6).toFixed(2), newly_included: false },
      vetoed: false,
      last_place_2023: i === 15,
      department_score: (60 + i * 2).toFixed(2),
    })),
  };
}

/** Imports the full 16-bank scenario into an open page through its import box. */
export async function importFullScenario(page) {
  const buffer = Buffer.from(JSON.stringify(fullScenario()));
  await page.locator('#import-file').setInputFiles({ name: 'full.json', mimeType: 'application/json', buffer });
  await page.locator('#notice', { hasText: '已导入' }).waitFor();
}

/**
 * Runs the page's CPU `rate` times slower than this machine's (Chromium's own throttling, as its
 * devtools do), to stand in for a slow office desktop. Resolves to the CDP session, which stays
 * open with the page.
 */
export async function throttle(page, rate) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

/**
 * Gives the page two helpers the measurements share (the page's policy forbids `eval`, so they are
 * installed through the test's own channel, once per document):
 * - `__kpUntil(changed)` resolves when `changed()` holds: at once if it already does, else at the
 *   first DOM mutation after which it does (a MutationObserver's callback runs right after the
 *   mutation's task, so the time is when the page changed, not when someone looked);
 * - `__kpDrawn()` resolves once the next frame has been drawn: a task posted from its
 *   animation-frame callback runs after the frame's style, layout and paint.
 */
export function installHelpers(page) {
  return page.evaluate(() => {
    if (window.__kpUntil) return;
    window.__kpUntil = (changed) => new Promise((resolve) => {
      if (changed()) {
        resolve();
        return;
      }
      const observer = new MutationObserver(() => {
        if (changed()) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    window.__kpDrawn = () => new Promise((resolve) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }));
  });
}

/**
 * Keystroke latency: `runs` times, sets a new loan balance in the box `input` (below the task, so
 * every run changes the points), dispatches the input event, and times until the text of `watched`
 * changes (the DOM is updated) and until the frame that shows it is drawn (`painted`).
 * Resolves to [{ updated, painted }] in milliseconds.
 */
export async function measureKeystrokes(page, input, watched, runs) {
  await installHelpers(page);
  return page.evaluate(async ({ input, watched, runs }) => {
    const box = document.querySelector(input);
    const results = [];
    for (let i = 0; i < runs; i++) {
      const before = document.querySelector(watched).textContent;
      const t0 = performance.now();
      // 290 to 321.9亿: every step moves adbc's points (the range the page test has always used).
      box.value = (290 + (i % 30) * 1.1).toFixed(2);
      box.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await window.__kpUntil(() => document.querySelector(watched)?.textContent !== before);
      const updated = performance.now() - t0;
      await window.__kpDrawn();
      results.push({ updated, painted: performance.now() - t0 });
    }
    return results;
  }, { input, watched, runs });
}

/** Keystroke latency on 本行测算 (the summary) and 全市总览 (the bank's total in the table). */
export async function measureBothViews(page, runs) {
  const bank = await measureKeystrokes(page, `#f-${BANK}-loans`, '#summary-total', runs);
  await page.locator('#tab-city').click();
  await page.locator('#city-table').waitFor();
  const city = await measureKeystrokes(page, `#cf-${BANK}-loans`, `#row-${BANK} .total-col`, runs);
  await page.locator('#tab-bank').click();
  return { bank, city };
}

/** The p-th percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** p50, p95 and max of one key of the measurements, in milliseconds. */
export function summarize(times, key = 'updated') {
  const values = times.map((t) => t[key]);
  return { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values), runs: values.length };
}

/**
 * 目标测算's answer after typing settles: with the goal 总分达到 80 by 一般贷款 (out of the bank's
 * reach at these balances, so the answer names the lending still needed and every balance changes
 * it), `runs` times types a new loan balance for the bank shown and times until the answer's text
 * changes. The page waits for typing to pause before it asks the engine, so the figure includes that
 * pause. Resolves to [{ updated, painted }] in milliseconds.
 */
export async function measureSettled(page, runs) {
  await installHelpers(page);
  await page.locator('#target-goal').selectOption('total>=');
  await page.locator('#target-goal-figure').fill('80');
  await page.locator('#target-lever').selectOption('loans');
  await page.locator('#target-answer', { hasText: '总分' }).waitFor();
  return page.evaluate(async ({ input, runs }) => {
    const box = document.querySelector(input);
    const answer = () => document.querySelector('#target-answer')?.textContent ?? '';
    const results = [];
    for (let i = 0; i < runs; i++) {
      const before = answer();
      const t0 = performance.now();
      box.value = (250 + (i % 30) * 1.3).toFixed(2);
      box.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await window.__kpUntil(() => answer() !== before && answer() !== '');
      const updated = performance.now() - t0;
      await window.__kpDrawn();
      results.push({ updated, painted: performance.now() - t0 });
    }
    return results;
  }, { input: `#f-${BANK}-loans`, runs });
}

/**
 * The browser's own accounts of its work (CDP `Performance.getMetrics`): script, layout and style
 * recalculation, in milliseconds, and how many layouts and style recalculations, since `enable`.
 * `perKeystroke(before, after, n)` turns two readings into figures per keystroke.
 */
export const browserWork = {
  async read(cdp) {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  },
  perKeystroke(before, after, n) {
    const ms = (key) => ((after[key] - before[key]) * 1000) / n;
    const count = (key) => (after[key] - before[key]) / n;
    return {
      task: ms('TaskDuration'),
      script: ms('ScriptDuration'),
      layout: ms('LayoutDuration'),
      style: ms('RecalcStyleDuration'),
      layouts: count('LayoutCount'),
      style_recalcs: count('RecalcStyleCount'),
    };
  },
};

/**
 * A browser state with the full 16-bank scenario as the working copy of a closed tab, which the next
 * page opened takes up (as a user's unsaved work after the browser was closed): pages opened with it
 * start from 16 filled banks. Resolves to { storageState, total }, the total the summary showed.
 */
export async function storedFullScenario(browser, url) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('#summary-total').waitFor();
  await importFullScenario(page);
  const total = await page.locator('#summary-total').innerText();
  // Leaving the page writes the working copy at once (it is otherwise written once typing pauses)
  // and marks it as left for the next tab to take over; page.close() does not wait for that.
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  await page.close({ runBeforeUnload: true });
  const storageState = await context.storageState();
  await context.close();
  return { storageState, total };
}

/** What the page's first-render recorder writes to the console once the frame with the total is drawn. */
const FIRST_PAINTED = 'kaoping-bench: first frame drawn';

/** Has every page of `context` record its first render (`recordFirstRender`). */
export function watchFirstRender(context, parts = false) {
  return context.addInitScript(recordFirstRender, { parts, FIRST_PAINTED });
}

/** Loads `url` in a page watched by `watchFirstRender`; resolves once the frame with the first total is drawn. */
export async function loadUntilPainted(page, url) {
  const painted = page.waitForEvent('console', { predicate: (message) => message.text() === FIRST_PAINTED, timeout: 120_000 });
  await page.goto(url, { waitUntil: 'commit' });
  await painted;
}

/**
 * What the page does before the first total, in a load of its own: the wasm's instantiation is
 * timed in steps (the bytes fetched, compiled, instantiated: `WebAssembly.instantiateStreaming`,
 * which overlaps compiling with fetching, is replaced by the three steps one after the other), then
 * the wasm's start until the total is in the DOM (reading storage, the first evaluation, the first
 * draw), then until the frame with it is drawn. Times are from the start of navigation. `total` is
 * the first total shown, `live` the wasm's own (the same unless the page's kept first frame was
 * shown first, see www/boot.js).
 */
function recordFirstRender({ parts, FIRST_PAINTED }) {
  const marks = {};
  window.__kpFirst = marks;
  const mark = (name) => {
    marks[name] ??= performance.now();
  };
  if (parts && WebAssembly.instantiateStreaming) {
    WebAssembly.instantiateStreaming = async (source, imports) => {
      const response = await source;
      const bytes = await response.arrayBuffer();
      mark('wasm_fetched');
      const module = await WebAssembly.compile(bytes);
      mark('compiled');
      const instance = await WebAssembly.instantiate(module, imports);
      mark('instantiated');
      return { module, instance };
    };
  }
  // The first total shown may be the page's first frame kept from the last time (www/boot.js), in
  // #boot until the wasm draws the page; `live` is the wasm's own. Told once both are in.
  let told = false;
  const tell = () => {
    if (told || marks.painted === undefined || marks.live === undefined) return;
    told = true;
    // Told through the console, which the test reads from the browser's protocol: polling the
    // page (waitForFunction, locators) would load Playwright's own script into it while it starts.
    console.debug(FIRST_PAINTED);
  };
  new MutationObserver((_, observer) => {
    const total = document.querySelector('#summary-total');
    if (!/\d/.test(total?.textContent ?? '')) return;
    if (marks.total === undefined) {
      mark('total');
      window.__kpFirstShown = total.textContent.trim();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          mark('painted');
          tell();
        };
        channel.port2.postMessage(null);
      });
    }
    if (!total.closest('#boot')) {
      observer.disconnect();
      mark('live');
      window.__kpLiveShown = total.textContent.trim();
      tell();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * First render from a cold cache: a new browser context (nothing cached; `storageState` for what the
 * browser keeps, see `storedFullScenario`), the CPU slowed `rate` times, navigation to the page, and
 * the time from the start of navigation until the summary shows a total, by the page's own clock.
 * Resolves to `{ total, painted, live }` in milliseconds (the first total shown, the frame with it drawn, the wasm's own); with `parts`, to the marks of `recordFirstRender` and the resource
 * timings of the files.
 */
export async function firstRender(browser, url, { rate = 1, storageState, parts = false, expect } = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', storageState });
  await watchFirstRender(context, parts);
  const page = await context.newPage();
  if (rate !== 1) {
    // A page of the same origin first, so that the throttled renderer is the one that loads the app.
    await page.goto(new URL('throttled', url).href);
    await throttle(page, rate);
  }
  await loadUntilPainted(page, url);
  const { marks, resources, shown, live } = await page.evaluate(() => ({
    marks: window.__kpFirst,
    resources: performance.getEntriesByType('resource').map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd })),
    shown: window.__kpFirstShown,
    live: window.__kpLiveShown,
  }));
  await context.close();
  if (expect !== undefined && (shown !== expect || live !== expect)) {
    throw new Error(`the first total shown was ${shown}, the page's own ${live}, not ${expect}: the page did not start from the stored scenario`);
  }
  if (!parts) return { total: marks.total, painted: marks.painted, live: marks.live };
  const done = (suffix) => Math.max(...resources.filter((r) => r.name.endsWith(suffix)).map((r) => r.end));
  return { ...marks, js_fetched: done('.js'), css_fetched: done('.css') };
}
