// Issue 19: the page and its spreadsheet worker in a real Chromium 86 (the core of 360安全浏览器 and
// 奇安信可信浏览器 in 极速模式): headless Chromium 86.0.4240 from npm's chrome-aws-lambda, driven by
// puppeteer-core 5.3 (the version made for it). dist/ is served with the headers README tells an
// administrator to send, so the two entries and their policies are tested as deployed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { serveDist, SHOTS, UPDATE_SCREENSHOT } from '../e2e/harness.mjs';
import { chromium86, CHROMIUM_ARGS, readmeHeaders, KEEP_BLOBS, TOTAL, RECORD_TOTALS, exportedTotal } from './browsers.mjs';
import fs from 'node:fs/promises';

const LOANS = '#f-adbc-loans';
let server;
let browser;

before(async () => {
  server = await serveDist({ headers: await readmeHeaders() });
  browser = await puppeteer.launch({ executablePath: await chromium86(), headless: true, args: CHROMIUM_ARGS });
}, { timeout: 120_000 });

after(async () => {
  // A Chromium that does not answer `close` on a busy machine is killed after 5 s.
  await Promise.race([browser?.close(), new Promise((resolve) => setTimeout(resolve, 5000))]);
  browser?.process()?.kill('SIGKILL');
  await server?.close();
}, { timeout: 60_000 });

test('Chromium 86 is the engine under test', { timeout: 120_000 }, async () => {
  assert.match(await browser.version(), /^HeadlessChrome\/86\./);
});

test('Chromium 86: index.html goes on to legacy.html, which shows a total, recomputes as a figure is typed, and exports through the worker', { timeout: 120_000 }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.evaluateOnNewDocument(KEEP_BLOBS);
  await page.setViewport({ width: 1280, height: 1000 });
  await page.goto(`${server.url}#top`);
  await page.waitForSelector('#summary-total', { timeout: 60_000 });
  // 本行测算 draws the summary and the first sections first, the rest a frame later (issue 20): the
  // whole form is there once 目标测算's panel is.
  await page.waitForSelector('#section-target', { timeout: 60_000 });
  assert.equal(page.url(), `${server.url}legacy.html#top`, 'sent on to legacy.html, the fragment kept');
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  const total = await page.evaluate(TOTAL);
  assert.match(total, /^\d+\.\d\d$/);
  await page.click(LOANS, { clickCount: 3 });
  await page.type(LOANS, '1,000');
  await page.waitForFunction((t) => document.getElementById('summary-total').textContent !== t, {}, total);
  const typed = await page.evaluate(TOTAL);
  assert.ok(Number(typed) > Number(total), `the total follows the typed figure: ${total} → ${typed}`);

  // CSV导出 is written by the spreadsheet module, a web worker started now: its 全市 table has the
  // total the page shows.
  assert.equal(await exportedTotal(page, '农发行'), typed, 'the worker scored the scenario the page shows');

  if (UPDATE_SCREENSHOT) {
    await fs.mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'chromium-86.png') });
  }
  assert.deepEqual(errors, [], 'no error on legacy.html');
  await page.close();
});

// Issue 20: a reload shows the page's first frame kept as it was left, then the page itself, with the
// same total (tests/e2e/first-frame.test.mjs in today's Chromium).
test('Chromium 86: a reload shows the kept first frame at once, then the page with the same total', { timeout: 120_000 }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.evaluateOnNewDocument(RECORD_TOTALS);
  await page.goto(server.url);
  await page.waitForSelector('#section-target', { timeout: 60_000 });
  const total = await page.evaluate(TOTAL);
  await page.click(LOANS, { clickCount: 3 });
  await page.type(LOANS, '1');
  await page.waitForFunction((t) => document.getElementById('summary-total').textContent !== t, {}, total);
  const typed = await page.evaluate(TOTAL);
  await page.reload();
  await page.waitForFunction(() => window.__totals.some((t) => !t[0]), { timeout: 60_000 });
  assert.deepEqual(await page.evaluate(() => window.__totals), [[true, typed], [false, typed]]);
  assert.equal(await page.$('#boot'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Chromium 86: a server that sends index.html\'s policy on legacy.html too gets a message naming the core and the policy', { timeout: 120_000 }, async () => {
  const index = (await readmeHeaders())('index.html');
  const strict = await serveDist({ headers: () => index });
  try {
    const page = await browser.newPage();
    await page.goto(strict.url);
    await page.waitForSelector('#boot[role="alert"]', { timeout: 60_000 });
    const message = await page.$eval('#boot', (e) => e.textContent);
    assert.match(message, /^考评测算器无法启动：服务器发送的内容安全策略.*（Chromium 86 内核）.*legacy\.html/);
    assert.equal(page.url(), `${strict.url}legacy.html`);
    assert.equal(await page.$('#summary-total'), null);
    await page.close();
  } finally {
    await strict.close();
  }
});
