// End-to-end tests: the first frame kept from the last time (issue 20).
//
// A page left with its working copy stored (a reload, a closed tab) has www/boot.js keep its first
// frame; the next start shows it at once, inert, in place of the loading line, until the wasm draws
// the page. It must be exactly what that start draws (the same figures), and it must not be shown
// when anything the start reads has changed. Run after `trunk build --release`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSuite, stopSuite, openPage } from './harness.mjs';

let server;
let browser;

before(async () => {
  ({ server, browser } = await startSuite());
});

after(() => stopSuite(server, browser));

/**
 * Records, in every page of `context`, each total the summary shows while the page starts: its text,
 * whether it is the kept frame (inside #boot, inert) and where it is on screen.
 */
function recordTotals(context) {
  return context.addInitScript(() => {
    window.__totals = [];
    new MutationObserver((_, observer) => {
      const total = document.querySelector('#summary-total');
      if (!/\d/.test(total?.textContent ?? '')) return;
      const kept = total.closest('#boot');
      const last = window.__totals.at(-1);
      if (last && last.kept === !!kept) return;
      const box = total.getBoundingClientRect();
      window.__totals.push({
        text: total.textContent.trim(),
        kept: !!kept,
        inert: !!kept && kept.hasAttribute('inert'),
        busy: kept?.getAttribute('aria-busy') ?? null,
        top: Math.round(box.top),
        left: Math.round(box.left),
        bank: document.querySelector('#bank-select')?.selectedOptions[0]?.textContent ?? null,
        folded: document.querySelector('#summary-toggle')?.getAttribute('aria-expanded') ?? null,
      });
      if (!kept) observer.disconnect();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

/** The totals recorded once the page is live. */
async function totals(page) {
  await page.locator('#summary-total').waitFor();
  await page.waitForFunction(() => window.__totals.some((t) => !t.kept));
  return page.evaluate(() => window.__totals);
}

async function typeLoans(page, bank, value) {
  await page.locator('#bank-select').selectOption(bank);
  await page.locator(`#f-${bank}-loans`).fill(value);
  await page.locator(`#f-${bank}-loans`).press('Tab');
}

for (const [width, height] of [[1280, 720], [375, 740]]) {
  test(`a reload shows the page's own figures at once, where the page then draws them (${width} px)`, async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height } });
    await recordTotals(context);
    const { page, errors } = await openPage(context, server.url);
    await typeLoans(page, 'citic', '512.34');
    const total = (await page.locator('#summary-total').innerText()).trim();
    const bank = await page.locator('#bank-select').evaluate((s) => s.selectedOptions[0].textContent);
    if (width < 600) {
      // Details unfolded on a phone: the page starts with them folded, and so does the kept frame.
      await page.locator('#summary-toggle').click();
      await page.locator('#summary.expanded').waitFor();
    }

    await page.reload();
    const seen = await totals(page);
    assert.equal(seen.length, 2, JSON.stringify(seen));
    const [kept, live] = seen;
    assert.deepEqual({ ...kept, top: 0, left: 0 }, { text: total, kept: true, inert: true, busy: 'true', top: 0, left: 0, bank, folded: 'false' });
    assert.deepEqual(live, { text: total, kept: false, inert: false, busy: null, top: kept.top, left: kept.left, bank, folded: 'false' });
    assert.equal(await page.locator('#boot').count(), 0, 'the kept frame is gone once the page is drawn');
    assert.equal(await page.locator('#summary.expanded').count(), 0);
    assert.equal(await page.locator('#summary-total').count(), 1);
    // The page is the live one: typing works and moves the total.
    await typeLoans(page, 'citic', '1');
    await page.waitForFunction((t) => document.querySelector('#summary-total').textContent.trim() !== t, total);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

/**
 * A context in which a tab with 333 typed for 农发行 was closed (so its first frame was kept); returns
 * the context and the total that tab showed.
 */
async function closedWithWork() {
  const context = await browser.newContext({ locale: 'zh-CN' });
  await recordTotals(context);
  const a = await openPage(context, server.url);
  await typeLoans(a.page, 'adbc', '333');
  const total = (await a.page.locator('#summary-total').innerText()).trim();
  await a.page.close({ runBeforeUnload: true });
  return { context, total };
}

/** Runs `change` on a page of the same origin that is not the app (another tab's doing). */
async function changeStorage(context, change) {
  const other = await context.newPage();
  await other.goto(server.url + 'throttled');
  await other.evaluate(change);
  await other.close();
}

test('a new tab after a closed one with unsaved changes shows them at once', async () => {
  const { context, total } = await closedWithWork();
  const b = await context.newPage();
  await b.goto(server.url);
  const seen = await totals(b);
  assert.deepEqual(seen.map((t) => [t.kept, t.text]), [[true, total], [false, total]]);
  await context.close();
});

test('a new tab after a closed one with its work saved shows the saved scenario at once', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  await recordTotals(context);
  const a = await openPage(context, server.url);
  await typeLoans(a.page, 'adbc', '333');
  await a.page.locator('#scenario-name-input').fill('方案A');
  await a.page.locator('#save-as').click();
  await a.page.locator('#notice', { hasText: '已保存“方案A”' }).waitFor();
  const total = (await a.page.locator('#summary-total').innerText()).trim();
  await a.page.close({ runBeforeUnload: true });
  const b = await context.newPage();
  await b.goto(server.url);
  const seen = await totals(b);
  assert.deepEqual(seen.map((t) => [t.kept, t.text]), [[true, total], [false, total]]);
  assert.match(await b.locator('#scenario-status').innerText(), /方案A · 已保存/);
  await context.close();
});

const NOT_SHOWN = [
  ['another bank chosen in another tab', '', () => localStorage.setItem('kaoping/bank', 'icbc')],
  ['a link to a scenario in the address', '#whatever', null],
  ['a frame kept by another build', '', () => {
    const kept = JSON.parse(localStorage.getItem('kaoping/first-frame'));
    localStorage.setItem('kaoping/first-frame', JSON.stringify({ ...kept, build: './kaoping-web-0000000000000000_bg.wasm' }));
  }],
  ['another tab that has not closed', '', () => localStorage.setItem('kaoping/released', '[]')],
];

test('the kept frame is not shown when what the page starts from has changed', async (t) => {
  for (const [what, address, change] of NOT_SHOWN) {
    await t.test(what, async () => {
      const { context } = await closedWithWork();
      if (change) await changeStorage(context, change);
      const b = await context.newPage();
      await b.goto(server.url + address);
      await b.locator('#summary-total').waitFor();
      await b.waitForFunction(() => window.__totals.length > 0);
      assert.deepEqual((await b.evaluate(() => window.__totals)).map((s) => s.kept), [false]);
      await context.close();
    });
  }
});

test('when the wasm cannot load, the kept frame gives way to why', async () => {
  const { context } = await closedWithWork();
  const b = await context.newPage();
  await b.route(/_bg\.wasm$/, (route) => route.abort());
  await b.goto(server.url);
  const line = b.locator('#boot.boot-failed');
  await line.waitFor();
  assert.match(await line.innerText(), /考评测算器无法启动/);
  assert.equal(await line.getAttribute('aria-busy'), null);
  assert.equal(await line.getAttribute('inert'), null);
  assert.equal(await b.locator('#summary-total').count(), 0);
  await context.close();
});
