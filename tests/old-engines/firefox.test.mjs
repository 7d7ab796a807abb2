// Issue 19: the page in Debian's firefox-esr (the browser of Kylin and UOS desktops), headless, driven
// over WebDriver BiDi (puppeteer-core 24, installed as puppeteer-bidi). It loads index.html as served
// with README's headers, shows a total, recomputes, exports through the spreadsheet worker and copies
// a share link the worker wrote (or shows it to copy by hand); a screenshot of it is kept under
// tests/e2e/screenshots/ with UPDATE_SCREENSHOT=1.
//
// Debian's firefox-esr is a current ESR (115 or later). What ESR 78–91 lack and the page uses is
// checked where it can be: no <dialog> before Firefox 98 is emulated by taking HTMLDialogElement away
// before the page runs (the page then takes the element for an unknown one, as ESR 91 would), and
// the question the page asks must still be shown over the page, focused and answered.
// No :focus-visible before 85 has a fallback in www/style.css; no 'wasm-unsafe-eval' before 102 is
// moot there (Firefox checked no policy for wasm before 102); bulk memory (ESR 78 lacks it) is
// lowered at build time, checked by wasm.test.mjs in V8.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-bidi';
import { serveDist, SHOTS, UPDATE_SCREENSHOT } from '../e2e/harness.mjs';
import { readmeHeaders, KEEP_BLOBS, TOTAL, RECORD_TOTALS, exportedTotal } from './browsers.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const LOANS = '#f-adbc-loans';
let server;

before(async () => {
  if (!existsSync(FIREFOX)) {
    throw new Error(`${FIREFOX} is missing: apt-get install firefox-esr (cargo xtask test installs it)`);
  }
  server = await serveDist({ headers: await readmeHeaders() });
}, { timeout: 120_000 });

after(() => server?.close(), { timeout: 60_000 });

function launch() {
  return puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
}

async function openPage(browser, script = '') {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.evaluateOnNewDocument(KEEP_BLOBS + script);
  await page.setViewport({ width: 1280, height: 1000 });
  await page.goto(server.url);
  await page.waitForSelector('#summary-total', { timeout: 60_000 });
  return { page, errors };
}

async function typeLoans(page, text) {
  const total = await page.evaluate(TOTAL);
  await page.click(LOANS, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(LOANS, text);
  await page.waitForFunction((t) => document.getElementById('summary-total').textContent !== t, {}, total);
  return page.evaluate(TOTAL);
}

test('firefox-esr: index.html shows a total, recomputes as a figure is typed, exports through the worker and gives a share link', { timeout: 120_000 }, async () => {
  const browser = await launch();
  try {
    assert.match(await browser.version(), /^firefox\//);
    const { page, errors } = await openPage(browser);
    assert.equal(page.url(), server.url, 'Firefox stays on index.html');
    const total = await page.evaluate(TOTAL);
    assert.match(total, /^\d+\.\d\d$/);
    if (UPDATE_SCREENSHOT) {
      await fs.mkdir(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'firefox-esr.png') });
    }
    const typed = await typeLoans(page, '1,000');
    assert.ok(Number(typed) > Number(total), `the total follows the typed figure: ${total} → ${typed}`);

    // CSV导出, written by the spreadsheet worker: its 全市 table has the total the page shows.
    assert.equal(await exportedTotal(page, '农发行'), typed, 'the worker scored the scenario the page shows');

    // 复制分享链接: the worker writes the link, then the page copies it. Firefox may refuse a copy that
    // no longer follows the click; then the link is shown to copy by hand. Either way, never silence.
    await page.click('#copy-link');
    await page.waitForFunction(() => document.querySelector('#share-link')
      || /分享链接已复制/.test(document.querySelector('#notice')?.textContent ?? ''), { timeout: 30_000 });
    const shown = await page.$eval('#share-link', (e) => e.value).catch(() => null);
    if (shown !== null) assert.ok(shown.startsWith(`${server.url}#s=1.`), shown);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('firefox-esr without <dialog> (as before Firefox 98): the question is shown over the page and answered', { timeout: 120_000 }, async () => {
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser, 'delete window.HTMLDialogElement;');
    assert.equal(await page.evaluate(() => typeof HTMLDialogElement), 'undefined');
    await typeLoans(page, '350');
    await page.click('#tab-settings');
    await page.click('#reset');
    await page.waitForSelector('#prompt');
    const shown = await page.$eval('#prompt', (e) => {
      const box = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      return {
        position: style.position,
        fallback: e.hasAttribute('data-fallback'),
        inView: box.top >= 0 && box.bottom <= innerHeight && box.width > 0 && box.height > 0,
        focused: e.contains(document.activeElement),
        text: e.textContent,
      };
    });
    assert.deepEqual([shown.position, shown.fallback, shown.inView, shown.focused], ['fixed', true, true, true],
      `drawn over the page, in view, with the focus: ${JSON.stringify(shown)}`);
    assert.match(shown.text, /重置为基准情景之前/);
    if (UPDATE_SCREENSHOT) await page.screenshot({ path: path.join(SHOTS, 'firefox-no-dialog.png') });
    // Esc is 取消, as in a real dialog: the typed figure stays.
    await page.keyboard.press('Escape');
    await page.waitForSelector('#prompt', { hidden: true });
    await page.click('#tab-bank');
    assert.equal(await page.$eval(LOANS, (e) => e.value), '350');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

// Issue 20: a reload shows the page's first frame kept as it was left, then the page itself, with
// the same total; in Firefox as in Chromium (tests/e2e/first-frame.test.mjs).
test('firefox-esr: a reload shows the kept first frame at once, then the page with the same total', { timeout: 120_000 }, async () => {
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser, RECORD_TOTALS);
    const typed = await typeLoans(page, '444');
    await page.reload();
    await page.waitForFunction(() => window.__totals.some((t) => !t[0]), { timeout: 60_000 });
    assert.deepEqual(await page.evaluate(() => window.__totals), [[true, typed], [false, typed]]);
    assert.equal(await page.$('#boot'), null);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
