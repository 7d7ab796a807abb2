// Accessibility: axe-core (injected by the test, never served with the page) finds no serious or
// critical violation on any view, at a desktop's width and a phone's; results are read out by a
// polite live region once typing pauses; a reading that is not the default is named beside the
// results, and switching one says which ranks it moved.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSuite, stopSuite, openPage, axeViolations } from './harness.mjs';

const VIEWS = ['bank', 'city', 'settings', 'checks'];

let server;
let browser;

before(async () => ({ server, browser } = await startSuite()));

after(() => stopSuite(server, browser));

async function freshPage(options = { viewport: { width: 1280, height: 720 } }) {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  const opened = await openPage(context, server.url);
  return { context, ...opened };
}

/** Every view with something in each state worth checking: a refused box, a doubt, a non-default reading. */
async function checkEveryView(page, where) {
  await page.locator('#f-adbc-loans').fill('100');
  await page.locator('#f-adbc-sme_loans').fill('1x');
  await page.locator('#f-adbc-loans-doubt').waitFor();
  await page.locator('#tab-settings').click();
  await page.locator('#bonus-mode-1').check();
  await page.locator('#bonus-mode-shift:not(:empty)').waitFor();
  const found = {};
  for (const view of VIEWS) {
    await page.locator(`#tab-${view}`).click();
    await page.locator(`#tab-${view}[aria-selected="true"]`).waitFor();
    if (view === 'bank' && (await page.locator('#summary-toggle').isVisible())) {
      await page.locator('#summary-toggle').click();
    }
    if (view === 'bank') {
      // 目标测算's answers, dimmed while they are for the figures before the last change, once settled.
      await page.locator('#section-target').waitFor({ state: 'attached' });
      await page.waitForFunction(() => !document.querySelector('.target-panel .stale'));
    }
    const violations = await axeViolations(page);
    if (violations.length > 0) found[view] = violations;
  }
  assert.deepEqual(found, {}, `${where}: serious or critical violations\n${JSON.stringify(found, null, 2)}`);
}

test('axe-core: no serious or critical violation on any view at 1280 px', async () => {
  const { context, page, errors } = await freshPage();
  await checkEveryView(page, '1280 px');
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe-core: no serious or critical violation on any view at 375 px', async () => {
  const { context, page } = await freshPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await checkEveryView(page, '375 px');
  await context.close();
});

test('the main result is read out once typing pauses, and nothing else speaks while typing', async () => {
  const { context, page } = await freshPage();
  const live = page.locator('#announcer');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  assert.equal((await live.innerText()).trim(), '', 'nothing is read out at start');
  // Every text change of a live region while typing is recorded (the messages above the page aside).
  await page.evaluate(() => {
    window.spoken = [];
    const watch = () => {
      for (const region of document.querySelectorAll('[aria-live]:not([aria-live="off"]):not(.notice-slot)')) {
        if (region.dataset.watched) continue;
        region.dataset.watched = '1';
        new MutationObserver(() => window.spoken.push([region.id, region.textContent])).observe(region, {
          childList: true, subtree: true, characterData: true,
        });
      }
    };
    watch();
    new MutationObserver(watch).observe(document.body, { childList: true, subtree: true });
  });
  await page.locator('#f-adbc-loans').pressSequentially('1000', { delay: 60 });
  await page.waitForFunction(() => document.querySelector('#announcer').textContent.includes('第 1 名'));
  const total = await page.locator('#summary-total').innerText();
  assert.equal((await live.textContent()).trim(), `农发行：总分 ${total} 分，第 1 名，贡献突出单位。`);
  const spoken = await page.evaluate(() => window.spoken);
  assert.deepEqual(spoken.map(([id]) => id), ['announcer'], `one sentence, once typing paused: ${JSON.stringify(spoken)}`);
  const regions = await page.evaluate(() => [...document.querySelectorAll('[aria-live]:not([aria-live="off"])')].map((e) => e.id || e.className));
  assert.deepEqual(regions.sort(), ['announcer', 'notice-slot'], 'the only live regions: the result and the messages');
  // In 全市总览 the bank typed into is the one read out.
  await page.locator('#tab-city').click();
  await page.locator('#cf-icbc-loans').fill('1');
  await page.waitForFunction(() => document.querySelector('#announcer').textContent.startsWith('工商银行'));
  assert.match(await live.textContent(), /^工商银行：总分 \d+\.\d\d 分，第 \d+ 名，.+。$/);
  await context.close();
});

test('a non-default reading is named beside the results; switching one says which ranks moved', async () => {
  const { context, page } = await freshPage();
  // 1.5亿 above the task: pro rata and whole steps differ by half a point, enough to move 农发行.
  await page.locator('#f-adbc-loans').fill('325.81');
  await page.locator('#tab-settings').click();
  await page.locator('#bonus-mode-1').check();
  const shift = page.locator('#bonus-mode-shift');
  await shift.locator('text=/切换后/').waitFor();
  assert.match(await shift.innerText(), /^切换后：(.+ \d+→\d+|各行名次和档次均未变化)/);
  assert.equal(await shift.getAttribute('role'), 'status');
  for (const [tab, badge] of [['city', '#city-readings'], ['bank', '#summary-readings']]) {
    await page.locator(`#tab-${tab}`).click();
    assert.match(await page.locator(badge).innerText(), /非默认口径[\s\S]*只计完整的档/, `${badge} names the reading`);
  }
  await context.close();
});
