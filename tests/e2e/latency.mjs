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
 * Keystroke latency: `runs` times, sets a new loan balance in the box `input` (below the task, so
 * every run changes the points), dispatches the input event, and times until the text of `watched`
 * changes (the DOM is updated) and until the next animation frame (when it is painted).
 * Resolves to [{ updated, painted }] in milliseconds.
 */
export function measureKeystrokes(page, input, watched, runs) {
  return page.evaluate(async ({ input, watched, runs }) => {
    const box = document.querySelector(input);
    const results = [];
    for (let i = 0; i < runs; i++) {
      const before = document.querySelector(watched).textContent;
      const t0 = performance.now();
      // 290 to 321.9亿: every step moves adbc's points (the range the page test has always used).
      box.value = (290 + (i % 30) * 1.1).toFixed(2);
      box.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await new Promise((resolve) => {
        const check = () => (document.querySelector(watched).textContent !== before ? resolve() : requestAnimationFrame(check));
        queueMicrotask(check);
      });
      const updated = performance.now() - t0;
      await new Promise((resolve) => requestAnimationFrame(resolve));
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
 * First render from a cold cache: a new browser context (nothing cached), navigation to the page,
 * and the time from the start of navigation until the summary shows a total, by the page's own
 * clock. Resolves to milliseconds.
 */
export async function firstRender(browser, url) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.addInitScript(() => {
    const seen = () => /\d/.test(document.querySelector('#summary-total')?.textContent ?? '');
    new MutationObserver((_, observer) => {
      if (seen()) {
        window.__firstTotalAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__firstTotalAt !== undefined);
  const at = await page.evaluate(() => window.__firstTotalAt);
  await context.close();
  return at;
}
