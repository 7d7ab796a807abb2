// Never unreadable (issue 14): what people really type into 规则与设置 — a green task rate of 0, 150, −5 or
// full-width １５０, a city growth of 9999% or −150% — is marked in its box with the file reader's own
// words and never enters the working copy. Then the working copy is reloaded, saved and opened, exported
// and imported, and sent as a share link and opened in another browser: every time the figures read back
// whole, with nothing set aside and nothing left out.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { startSuite, stopSuite, openPage } from './harness.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await startSuite()));

after(() => stopSuite(server, browser));

async function freshPage() {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const opened = await openPage(context, server.url);
  return { context, ...opened };
}

const GREEN = '#f-settings-green_target_growth_pct';
const CITY = '#f-city-loan_growth_pct';
const LOANS = '#f-adbc-loans';

// (box, a good value typed first, the hostile text, the reader's words for it). The words are the
// engine's: the same the scenario file reader puts after the place.
const CASES = [
  [GREEN, '12', '0', '须大于 0、不超过 100'],
  [GREEN, '12', '150', '须大于 0、不超过 100'],
  [GREEN, '12', '-5', '须大于 0、不超过 100'],
  [GREEN, '12', '１５０', '须大于 0、不超过 100'],
  [CITY, '12.5', '9999', '超出允许范围（-100 至 1000）'],
  [CITY, '12.5', '-150', '超出允许范围（-100 至 1000）'],
];

/** The share link: from the clipboard, or from the box shown when copying is not allowed. */
async function copyLink(page) {
  await page.locator('#copy-link').click();
  const shown = page.locator('#share-link');
  await Promise.race([
    page.locator('#notice', { hasText: '分享链接已复制' }).waitFor().catch(() => {}),
    shown.waitFor().catch(() => {}),
  ]);
  if (await shown.count()) return shown.inputValue();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Nothing was set aside or left out when the page read its own data back. */
async function nothingLost(page, where) {
  const notice = (await page.locator('#notice').count()) ? await page.locator('#notice').innerText() : '';
  assert.doesNotMatch(notice, /无法读取|已略去|另存一边/, `${where}: ${notice}`);
  assert.equal(await page.evaluate(() => localStorage.getItem('kaoping/damaged')), null, `${where}: nothing set aside`);
}

for (const [box, good, hostile, words] of CASES) {
  test(`${box} ← “${hostile}”: marked with the reader's words; reloaded, saved, exported and linked, nothing is lost`, async () => {
    const { context, page, errors } = await freshPage();
    await page.locator(LOANS).fill('330');
    await page.locator('#tab-settings').click();
    await page.locator(box).fill(good);
    await page.locator(box).fill(hostile);
    const message = page.locator(`${box}-msg`);
    await message.waitFor();
    assert.ok((await message.innerText()).startsWith(words), `the box says ${await message.innerText()}`);
    assert.ok((await message.innerText()).includes(`仍按 ${Number(good).toFixed(2)}%计算`), 'and what still counts');
    assert.equal(await page.locator(box).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator(box).inputValue(), hostile, 'the box keeps what was typed');
    await page.waitForFunction((g) => Object.keys(localStorage).filter((k) => k.startsWith('kaoping/tab/'))
      .some((k) => localStorage.getItem(k).includes(g)), `\\"${good}\\"`);

    // Reloaded: the working copy comes back whole, the good value in the box.
    await page.reload();
    await page.locator('#summary-total').waitFor();
    await nothingLost(page, 'reloaded');
    assert.equal(await page.locator(LOANS).inputValue(), '330');
    await page.locator('#tab-settings').click();
    assert.equal(await page.locator(box).inputValue(), good);

    // Saved and opened again.
    await page.locator('#scenario-name-input').fill('含非法输入');
    await page.locator('#save-as').click();
    await page.locator('#notice', { hasText: '已保存“含非法输入”' }).waitFor();
    await page.locator(box).fill(hostile);
    // Saved again with the box refused: the notice says its last good value was saved, not its text.
    await page.locator('#save').click();
    await page.locator('#notice', { hasText: '已保存“含非法输入”，但 1 个输入框内容无效，保存的是其上一个有效值：' }).waitFor();
    await page.locator('#open-saved').click();
    await page.locator('#notice', { hasText: '已打开“含非法输入”' }).waitFor();
    await nothingLost(page, 'opened');
    assert.equal(await page.locator(box).inputValue(), good);

    // Exported, then imported into a fresh browser.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
    const exported = await fs.readFile(await download.path());
    const link = await copyLink(page);
    assert.deepEqual(errors, []);
    await context.close();

    const other = await freshPage();
    await other.page.locator('#import-file').setInputFiles({ name: 'exported.json', mimeType: 'application/json', buffer: exported });
    await other.page.locator('#notice', { hasText: '已导入“exported.json”' }).waitFor();
    await nothingLost(other.page, 'imported');
    assert.equal(await other.page.locator(LOANS).inputValue(), '330');
    await other.page.locator('#tab-settings').click();
    assert.equal(await other.page.locator(box).inputValue(), good);
    await other.context.close();

    // The share link, opened by a colleague.
    const colleague = await browser.newContext({ locale: 'zh-CN' });
    const { page: linked, errors: linkErrors } = await openPage(colleague, link);
    await linked.locator('#notice', { hasText: '已打开分享链接中的测算' }).waitFor();
    await nothingLost(linked, 'linked');
    assert.equal(await linked.locator(LOANS).inputValue(), '330');
    await linked.locator('#tab-settings').click();
    assert.equal(await linked.locator(box).inputValue(), good);
    assert.deepEqual(linkErrors, []);
    await colleague.close();
  });
}
