// Issue 19: the loader's failure message always shows, names the browser's core when it can, and says
// what to do; the page never just says "正在加载考评测算器…" forever. In the system's Chromium
// (playwright-core), made to look like the engines that fail: one with WebAssembly switched off (V8
// without its JIT has none), and pages whose scripts see what an old engine would (no WebAssembly, too old a wasm, no
// module scripts, a module it cannot parse, a file the server lost).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serveDist, launchBrowser } from '../e2e/harness.mjs';

const ADVICE = /请在 360安全浏览器 或 奇安信可信浏览器 中切换到“极速模式”（Chromium 86 及以上内核），或使用较新版本的 Chrome、Edge 或 Firefox（ESR 78 及以上）。$/;
const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko';
const FIREFOX_60 = 'Mozilla/5.0 (X11; Linux x86_64; rv:60.0) Gecko/20100101 Firefox/60.0';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.close();
}, { timeout: 60_000 });

/** The failure message, once boot.js has written it (it carries role="alert" then). */
async function message(page) {
  const line = page.locator('#boot[role="alert"]');
  await line.waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#summary-total').count(), 0, 'and no page');
  return line.innerText();
}

/** A fresh page; `script` runs before the page's own. */
async function open({ script, userAgent, route } = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', userAgent });
  if (script) await context.addInitScript(script);
  if (route) await context.route(route.url, route.handler);
  const page = await context.newPage();
  await page.goto(server.url);
  return { context, page };
}

test('an engine without WebAssembly (V8 without its JIT, as in Edge\'s enhanced security mode) is told so, with its core and what to do', { timeout: 120_000 }, async () => {
  const noWasm = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--js-flags=--jitless'],
  });
  try {
    const page = await noWasm.newPage();
    await page.goto(server.url);
    assert.equal(await page.evaluate(() => typeof WebAssembly), 'undefined', 'the engine has no WebAssembly');
    const text = await message(page);
    assert.match(text, /^考评测算器无法启动：此浏览器（Chromium \d+ 内核）不支持 WebAssembly，或已将其关闭。/);
    assert.match(text, ADVICE);
  } finally {
    await noWasm.close();
  }
});

test('an IE core (360\'s 兼容模式) is named and told to switch to 极速模式', { timeout: 120_000 }, async () => {
  const { context, page } = await open({ userAgent: IE11, script: 'delete window.WebAssembly;' });
  const text = await message(page);
  assert.match(text, /^考评测算器无法启动：此浏览器（IE 11 内核（兼容模式））不支持 WebAssembly/);
  assert.match(text, ADVICE);
  await context.close();
});

test('an engine whose WebAssembly is older than the build needs is told so', { timeout: 120_000 }, async () => {
  // As Firefox 60 would answer for the build's features (sign extension, non-trapping float-to-int).
  const { context, page } = await open({ userAgent: FIREFOX_60, script: 'WebAssembly.validate = () => false;' });
  const text = await message(page);
  assert.match(text, /^考评测算器无法启动：此浏览器（Firefox 60）的 WebAssembly 版本过旧。/);
  assert.match(text, ADVICE);
  await context.close();
});

test('an engine without module scripts is told so', { timeout: 120_000 }, async () => {
  const { context, page } = await open({ script: 'delete HTMLScriptElement.prototype.noModule;' });
  assert.match(await message(page), /^考评测算器无法启动：此浏览器（Chromium \d+ 内核）版本过旧。/);
  await context.close();
});

test('a module the engine cannot parse ends in the message, not in a page loading forever', { timeout: 120_000 }, async () => {
  // What top-level await was to Chromium before 89: the module fails before any of its code runs.
  const route = {
    url: /\/start-[0-9a-f]+\.js$/,
    handler: (r) => r.fulfill({ contentType: 'text/javascript', body: 'export default ;' }),
  };
  const { context, page } = await open({ route });
  const text = await message(page);
  assert.match(text, /^考评测算器无法启动：页面的程序文件未能在此浏览器（Chromium \d+ 内核）中加载或运行。请刷新页面/);
  await context.close();
});

test('a wasm file the server lost ends in the message', { timeout: 120_000 }, async () => {
  const route = { url: /_bg\.wasm$/, handler: (r) => r.fulfill({ status: 404, body: 'not found' }) };
  const { context, page } = await open({ route });
  assert.match(await message(page), /未能在此浏览器（Chromium \d+ 内核）中加载或运行。请刷新页面；若仍如此，请确认 dist\/ 的全部文件已一起部署/);
  await context.close();
});

test('a browser that can run the page gets no message', { timeout: 120_000 }, async () => {
  const { context, page } = await open();
  await page.locator('#summary-total').waitFor();
  assert.equal(await page.locator('#boot').count(), 0, 'the loading line is gone');
  await context.close();
});
