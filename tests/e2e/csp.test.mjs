// The page's Content-Security-Policy (the <meta> in index.html) in headless Chromium, against the
// built dist/ served by a plain static server that sends no policy header of its own: so the
// policy that holds is the one the page carries, as on any intranet server.
//
// Run after `trunk build --release` (cargo xtask test does both): node --test tests/e2e/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startSuite, stopSuite, DIST, openPage } from './harness.mjs';

const LOANS = '#f-adbc-loans';
const FOREIGN = 'http://example.invalid';

let server;
let browser;
// Every request any page of these tests made; those the browser refused under the policy (they
// fail with "csp" before reaching the network); and every request that reached the guard below.
const requests = [];
const refusedByPolicy = [];
const foreignAttempts = [];

before(async () => ({ server, browser } = await startSuite()));

after(() => stopSuite(server, browser));

/**
 * A page whose policy violations are recorded as they happen (window.__violations) and whose
 * requests to other origins, should the policy ever let one through, are stopped here and recorded
 * rather than sent.
 */
async function guardedPage() {
  const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
    });
  });
  await context.route((url) => !url.href.startsWith(server.origin + '/'), (route) => {
    foreignAttempts.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const opened = await openPage(context, server.url);
  requests.push(...opened.requests);
  opened.page.on('request', (r) => requests.push(r.url()));
  opened.page.on('requestfailed', (r) => {
    if (r.failure()?.errorText === 'csp') refusedByPolicy.push(r.url());
  });
  const violations = () => opened.page.evaluate(() => window.__violations);
  return { context, violations, ...opened };
}

/** The policy as dist/index.html (or another entry) carries it, directive by directive. */
async function policy(entry = 'index.html') {
  const html = await fs.readFile(path.join(DIST, entry), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
  assert.ok(meta, `dist/${entry} has a Content-Security-Policy meta tag`);
  return { html, directives: Object.fromEntries(meta[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v])) };
}

test('dist/index.html carries a strict policy and no inline script', async () => {
  const { html, directives } = await policy();
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"], 'no inline script, no eval');
  assert.deepEqual(directives['style-src'], ["'self'"], 'no <style> elements');
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.deepEqual(directives['worker-src'], ["'self'"], 'the spreadsheet module is a worker of the page\'s own');
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ["'none'"]);
  assert.deepEqual(directives['form-action'], ["'none'"]);
  // Every <script> in the built page is a file of the page's own (Trunk's loader is not inline).
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length > 0, 'the page has its boot script');
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /\bsrc="\.\/[^"/]+\.js"/, `a script loaded from a file: <script${attrs}>`);
    assert.equal(body.trim(), '', 'no inline code');
  }
});

test('dist/legacy.html is the same page under the same policy with \'unsafe-eval\' added', async () => {
  const index = await policy();
  const legacy = await policy('legacy.html');
  assert.deepEqual(legacy.directives['script-src'], ["'self'", "'wasm-unsafe-eval'", "'unsafe-eval'"]);
  assert.deepEqual({ ...legacy.directives, 'script-src': index.directives['script-src'] }, index.directives);
  const same = legacy.html
    .replace("'wasm-unsafe-eval' 'unsafe-eval'", "'wasm-unsafe-eval'")
    .replace('<meta name="kaoping-entry" content="legacy"', '<meta name="kaoping-entry" content="index"');
  assert.equal(same, index.html, 'nothing else differs');
});

test('the page works under the policy, with no violation on normal use', async () => {
  const { context, page, errors, violations } = await guardedPage();
  const total = await page.locator('#summary-total').innerText();
  await page.locator(LOANS).fill('1,000');
  await page.waitForFunction(([t]) => document.querySelector('#summary-total').innerText !== t, [total]);
  assert.notEqual(await page.locator('#summary-total').innerText(), total, 'typing a figure changes the total');

  // The other views, exports (blob: downloads; the CSV is written by the spreadsheet module, a web
  // worker) and an import (a file read), all under the policy.
  const views = [['#tab-city', '#city-table'], ['#tab-settings', '#reset'], ['#tab-checks', '#checks-table'], ['#tab-bank', LOANS]];
  for (const [tab, shown] of views) {
    await page.locator(tab).click();
    await page.locator(shown).waitFor();
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  const exported = await fs.readFile(await download.path(), 'utf8');
  assert.match(exported, /"loans": "1000"/);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  assert.match(await fs.readFile(await csv.path(), 'utf8'), /1000/, 'the worker wrote the CSV');
  await page.locator('#import-file').setInputFiles({ name: 'back.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  // The typed figure is unsaved work, so importing over it asks first (the document semantics).
  await page.locator('#prompt-discard').click();
  await page.locator('#notice', { hasText: '已导入' }).waitFor();

  assert.deepEqual(await violations(), [], 'no securitypolicyviolation event');
  assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), [], 'no CSP message on the console');
  assert.deepEqual(errors, []);
  // style-src-attr allows style attributes for the task progress bars only: no other element may
  // come to rely on it unnoticed.
  const styled = await page.evaluate(() => [...document.querySelectorAll('[style]')]
    .filter((el) => !el.matches('.milestone .bar > span')).map((el) => el.outerHTML.slice(0, 120)));
  assert.deepEqual(styled, [], 'only the progress bars have a style attribute');
  await context.close();
});

test('the policy blocks what the page does not need, and a request to another origin never leaves', async () => {
  const { context, page, violations } = await guardedPage();

  // An image from another origin.
  await page.evaluate((src) => {
    const img = document.createElement('img');
    img.src = src;
    document.body.append(img);
  }, `${FOREIGN}/x.png`);
  await page.waitForFunction(() => window.__violations.some((v) => v.directive === 'img-src'));

  // A fetch to another origin is refused before any request is made.
  const fetched = await page.evaluate(async (url) => {
    try {
      await fetch(url);
      return 'sent';
    } catch (e) {
      return e.name;
    }
  }, `${FOREIGN}/data.json`);
  assert.equal(fetched, 'TypeError', 'fetch to another origin fails');
  await page.waitForFunction(() => window.__violations.some((v) => v.directive === 'connect-src'));

  // An inline script, an inline event handler and a <style> element do not run. (eval cannot be
  // tried from here: code that Playwright evaluates is exempt from the page's policy; the first
  // test checks that script-src has no 'unsafe-eval'.)
  const ran = await page.evaluate(() => new Promise((resolve) => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.head.append(script);
    const style = document.createElement('style');
    style.textContent = 'body { visibility: hidden; }';
    document.head.append(style);
    const img = document.createElement('img');
    img.setAttribute('onload', 'window.__handlerRan = true;');
    const done = () => resolve({
      inline: window.__inlineRan === true,
      handler: window.__handlerRan === true,
      hidden: getComputedStyle(document.body).visibility === 'hidden',
    });
    img.addEventListener('load', done);
    img.addEventListener('error', done);
    img.src = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
    document.body.append(img);
  }));
  assert.deepEqual(ran, { inline: false, handler: false, hidden: false });
  await page.waitForFunction(() => ['script-src-elem', 'script-src-attr', 'style-src-elem']
    .every((d) => window.__violations.some((v) => v.directive === d)));

  const blocked = (await violations()).map((v) => `${v.directive} ${v.blocked}`);
  assert.ok(blocked.includes(`img-src ${FOREIGN}/x.png`), `the image is blocked: ${blocked}`);
  assert.ok(blocked.includes(`connect-src ${FOREIGN}/data.json`), `the fetch is blocked: ${blocked}`);
  assert.ok(blocked.includes('script-src-elem inline'), `the inline script is blocked: ${blocked}`);
  await context.close();
});

test('a browser that will not compile the wasm under the policy goes on to legacy.html and runs there', async () => {
  // As in a Chrome or Edge older than 97, which does not know 'wasm-unsafe-eval': index.html with
  // the keyword taken out of its policy. legacy.html is as built (its policy adds 'unsafe-eval').
  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.route(server.url, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self'");
    await route.fulfill({ response, body: html });
  });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}#top`);
  await page.locator('#summary-total').waitFor();
  assert.equal(page.url(), `${server.url}legacy.html#top`, 'the address and its fragment go along');
  await context.close();
});

test('on legacy.html, a server policy that still forbids compiling wasm is named', async () => {
  // A server that sends index.html's policy on legacy.html too (README says not to).
  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.route(`${server.url}legacy.html`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(" 'wasm-unsafe-eval' 'unsafe-eval'", '');
    await route.fulfill({ response, body: html });
  });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}legacy.html`);
  const message = page.locator('#boot[role="alert"]', { hasText: '无法启动' });
  await message.waitFor();
  assert.match(await message.innerText(), /内容安全策略.*Chromium \d+ 内核.*legacy\.html/);
  assert.equal(await page.locator('#summary-total').count(), 0);
  await context.close();
});

test('no request left the page\'s origin', () => {
  assert.ok(requests.length > 0);
  assert.deepEqual(foreignAttempts, [], 'the policy stopped every foreign request before the network');
  const foreign = requests.filter((u) => !u.startsWith(server.origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [`${FOREIGN}/x.png`], 'only the injected image was attempted');
  assert.deepEqual(refusedByPolicy, foreign, 'and the browser refused it under the policy');
});
