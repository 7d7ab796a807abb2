// End-to-end tests: typed work is never lost (issue 6, items 7 and 8).
//
// The page behaves like a document editor: each tab keeps its own working copy in the browser,
// 保存 / Ctrl+S saves it under its name, and anything that would replace unsaved changes (opening
// another scenario, importing, resetting) asks 保存 / 不保存 / 取消 first. Run after
// `trunk build --release`: node --test tests/e2e/. Tests wait for conditions, never for a time.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startSuite, stopSuite, ROOT, openPage } from './harness.mjs';

const SHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');
const LOANS = '#f-adbc-loans';

let server;
let browser;

before(async () => {
  ({ server, browser } = await startSuite());
  await fs.mkdir(SHOTS, { recursive: true });
});

after(() => stopSuite(server, browser));

async function freshPage() {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
  const opened = await openPage(context, server.url);
  return { context, ...opened };
}

const status = (page) => page.locator('#scenario-status').innerText();
const waitStatus = (page, pattern) => page.waitForFunction(
  ([source]) => new RegExp(source).test(document.querySelector('#scenario-status')?.innerText ?? ''),
  [pattern.source],
);
const notice = (page, hasText) => page.locator('#notice', { hasText }).waitFor();

/** Types a figure into a bank's loan balance box, choosing the bank first. */
async function typeLoans(page, bank, value) {
  if ((await page.locator('#bank-select').inputValue()) !== bank) {
    await page.locator('#bank-select').selectOption(bank);
  }
  await page.locator(`#f-${bank}-loans`).fill(value);
  await page.waitForFunction(([b, v]) => document.querySelector(`#f-${b}-loans`)?.value === v, [bank, value]);
}

/** 另存为 through the name box of the scenario bar, for a name not yet taken. */
async function saveAs(page, name) {
  await page.locator('#scenario-name-input').fill(name);
  await page.locator('#save-as').click();
  await notice(page, `已保存“${name}”`);
}

/** Opens a saved scenario from the list (the dialog, if any, is the caller's). */
async function pickAndOpen(page, name) {
  await page.locator('#saved-select').selectOption(name);
  await page.locator('#open-saved').click();
}

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? '');
const focusInside = (page, selector) => page.evaluate((s) => document.querySelector(s)?.contains(document.activeElement) ?? false, selector);

test('switching scenarios asks 保存 / 不保存 / 取消 before unsaved changes are lost', async () => {
  const { context, page, errors } = await freshPage();
  await saveAs(page, '基准');
  // Three banks changed, then saved as 方案B.
  await typeLoans(page, 'adbc', '333');
  await typeLoans(page, 'icbc', '2100');
  await typeLoans(page, 'boc', '900');
  await saveAs(page, '方案B');
  assert.match(await status(page), /方案B · 已保存/);
  await typeLoans(page, 'boc', '950');
  await typeLoans(page, 'adbc', '350');
  await waitStatus(page, /方案B · 有未保存的修改（已暂存在本浏览器）/);

  // Esc is 取消: nothing changes.
  await pickAndOpen(page, '基准');
  const dialog = page.locator('#prompt');
  await dialog.waitFor();
  assert.equal(await page.locator('#prompt-title').innerText(), '保存修改吗？');
  assert.match(await dialog.innerText(), /“方案B”有未保存的修改。打开“基准”之前，要先保存吗？/);
  assert.equal(await activeId(page), 'prompt-save', 'focus starts on 保存');
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await focusInside(page, '#prompt'), `Tab ${i + 1}: focus stays in the dialog`);
  }
  await page.keyboard.press('Shift+Tab');
  assert.ok(await focusInside(page, '#prompt'), 'Shift+Tab: focus stays in the dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator(LOANS).inputValue(), '350');
  assert.equal(await activeId(page), 'open-saved', 'focus goes back to 打开');
  await waitStatus(page, /有未保存的修改/);

  // 取消 keeps the typed work.
  await pickAndOpen(page, '基准');
  await page.locator('#prompt-cancel').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator(LOANS).inputValue(), '350');
  assert.match(await status(page), /方案B · 有未保存的修改/);

  // 不保存 drops it and opens 基准.
  await pickAndOpen(page, '基准');
  await page.locator('#prompt-discard').click();
  await notice(page, '已打开“基准”');
  assert.equal(await page.locator(LOANS).inputValue(), '', '基准 is the baseline');
  assert.match(await status(page), /基准 · 已保存/);

  // 方案B opens with what was saved, not what was typed and dropped; no question (nothing unsaved).
  await pickAndOpen(page, '方案B');
  await notice(page, '已打开“方案B”');
  assert.equal(await page.locator('#prompt').count(), 0);
  assert.equal(await page.locator(LOANS).inputValue(), '333');
  await page.locator('#bank-select').selectOption('boc');
  assert.equal(await page.locator('#f-boc-loans').inputValue(), '900');

  // 保存 saves 方案B first, then opens 基准; 方案B then shows the figures saved.
  await typeLoans(page, 'boc', '960');
  await pickAndOpen(page, '基准');
  await page.locator('#prompt-save').click();
  await notice(page, '已保存“方案B”。已打开“基准”');
  assert.equal(await page.locator('#f-boc-loans').inputValue(), '');
  await pickAndOpen(page, '方案B');
  await notice(page, '已打开“方案B”');
  assert.equal(await page.locator('#f-boc-loans').inputValue(), '960');
  assert.match(await status(page), /方案B · 已保存/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('importing a file over unsaved work asks first', async () => {
  const { context, page, errors } = await freshPage();
  const file = {
    name: '外来.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "kaoping-scenario/1", "year": 2024, "banks": [{"id": "adbc", "loans": "345.67"}]}'),
  };
  await typeLoans(page, 'adbc', '333');
  await waitStatus(page, /未命名 · 有未保存的修改/);

  await page.locator('#import-file').setInputFiles(file);
  await page.locator('#prompt').waitFor();
  assert.match(await page.locator('#prompt').innerText(), /当前测算（未命名）还没有保存。导入“外来.json”之前，要先保存吗？/);
  await page.locator('#prompt-cancel').click();
  await page.locator('#prompt').waitFor({ state: 'detached' });
  assert.equal(await page.locator(LOANS).inputValue(), '333', '取消: the file is not taken');

  // 保存 on an unnamed scenario asks for a name, then imports.
  await page.locator('#import-file').setInputFiles(file);
  await page.locator('#prompt-save').click();
  await page.locator('#prompt-name').waitFor();
  assert.equal(await activeId(page), 'prompt-name', 'focus on the name box');
  assert.ok(await page.locator('#prompt-save').isDisabled(), 'no name, no 保存');
  await page.keyboard.type('导入前');
  await page.keyboard.press('Enter');
  await notice(page, '已保存“导入前”。已导入“外来.json”');
  assert.equal(await page.locator(LOANS).inputValue(), '345.67');
  assert.match(await status(page), /未命名 · 有未保存的修改/, 'an imported file is not saved here until named');

  // 不保存 drops the imported figures; what was saved before the import is there.
  await pickAndOpen(page, '导入前');
  await page.locator('#prompt-discard').click();
  await notice(page, '已打开“导入前”');
  assert.equal(await page.locator(LOANS).inputValue(), '333');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the modified flag survives a reload and is right', async () => {
  const { context, page, errors } = await freshPage();
  await typeLoans(page, 'adbc', '333');
  await saveAs(page, '方案B');
  await page.reload();
  await page.locator('#summary-total').waitFor();
  assert.match(await status(page), /方案B · 已保存/);
  assert.equal(await page.locator(LOANS).inputValue(), '333');

  await typeLoans(page, 'adbc', '340');
  await waitStatus(page, /方案B · 有未保存的修改/);
  await page.reload();
  await page.locator('#summary-total').waitFor();
  assert.equal(await page.locator(LOANS).inputValue(), '340', 'the typed figure comes back');
  assert.match(await status(page), /方案B · 有未保存的修改（已暂存在本浏览器）/, 'and is still unsaved');

  // Typing the saved figure again is the saved scenario again, reload or not.
  await typeLoans(page, 'adbc', '333');
  await waitStatus(page, /方案B · 已保存/);
  await page.reload();
  await page.locator('#summary-total').waitFor();
  assert.match(await status(page), /方案B · 已保存/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('what is typed reaches the browser before a reload, an export or a save, even before the stash is due', async () => {
  // The working copy is written once typing pauses (a timer); here the page's timers never fire, so
  // only leaving the page, or an action, can write it.
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
  await context.clock.install();
  const { page, errors } = await openPage(context, server.url);
  const stashed = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kaoping/tab/'))
    .map((k) => JSON.parse(localStorage.getItem(k)).scenario).join('\n'));

  await typeLoans(page, 'adbc', '351.25');
  assert.doesNotMatch(await stashed(), /351\.25/, 'not written yet: the stash waits for typing to pause');
  await page.reload();
  await page.locator('#summary-total').waitFor();
  assert.equal(await page.locator(LOANS).inputValue(), '351.25', 'the figure typed just before the reload');
  assert.match(await status(page), /有未保存的修改（已暂存在本浏览器）/);

  // An export (any action with an effect) writes the working copy first.
  await typeLoans(page, 'adbc', '352');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  assert.match(await fs.readFile(await download.path(), 'utf8'), /"352"/, 'the file has the figure');
  assert.match(await stashed(), /"352"/, 'and the browser has it too');

  // Saving under a new name, just after typing: saved, and the working copy too.
  await typeLoans(page, 'adbc', '353');
  await saveAs(page, '刚输入');
  assert.match(await stashed(), /"353"/);
  await page.reload();
  await page.locator('#summary-total').waitFor();
  assert.equal(await page.locator(LOANS).inputValue(), '353');
  assert.match(await status(page), /刚输入 · 已保存/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('saving or renaming onto an existing name asks before overwriting', async () => {
  const { context, page, errors } = await freshPage();
  await typeLoans(page, 'adbc', '333');
  await saveAs(page, 'A');
  await typeLoans(page, 'adbc', '344');
  await saveAs(page, 'B');
  await typeLoans(page, 'adbc', '355');

  await page.locator('#scenario-name-input').fill('A');
  await page.locator('#save-as').click();
  await page.locator('#prompt').waitFor();
  assert.equal(await page.locator('#prompt-title').innerText(), '覆盖已保存的测算？');
  assert.match(await page.locator('#prompt').innerText(), /已有名为“A”的测算/);
  assert.equal(await activeId(page), 'prompt-cancel', 'focus starts on the safe answer');
  await page.locator('#prompt-cancel').click();
  await page.locator('#prompt').waitFor({ state: 'detached' });
  assert.match(await status(page), /B · 有未保存的修改/);

  await page.locator('#scenario-name-input').fill('A');
  await page.locator('#save-as').click();
  await page.locator('#prompt-overwrite').click();
  await notice(page, '已保存“A”');
  assert.match(await status(page), /A · 已保存/);
  await pickAndOpen(page, 'B');
  await notice(page, '已打开“B”');
  assert.equal(await page.locator(LOANS).inputValue(), '344', 'B is untouched');

  // Renaming B onto A asks too; 取消 keeps both.
  await page.locator('#saved-select').selectOption('B');
  await page.locator('#scenario-name-input').fill('A');
  await page.locator('#rename-saved').click();
  await page.locator('#prompt').waitFor();
  assert.match(await page.locator('#prompt').innerText(), /把“B”改名为“A”会替换它原来的内容/);
  await page.keyboard.press('Escape');
  await page.locator('#prompt').waitFor({ state: 'detached' });
  assert.deepEqual(await page.locator('#saved-select option').allInnerTexts(), ['A', 'B']);
  await pickAndOpen(page, 'A');
  await notice(page, '已打开“A”');
  assert.equal(await page.locator(LOANS).inputValue(), '355');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs keep their own working copies and never silently overwrite each other', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
  const a = await openPage(context, server.url);
  await typeLoans(a.page, 'adbc', '333');
  await saveAs(a.page, '方案B');

  // A second tab of the same browser opens the scenario last saved, as saved.
  const b = await openPage(context, server.url);
  assert.match(await status(b.page), /方案B · 已保存/);
  assert.equal(await b.page.locator(LOANS).inputValue(), '333');

  // Typing in A does not reach B.
  await typeLoans(a.page, 'adbc', '340');
  await waitStatus(a.page, /有未保存的修改/);
  await a.page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('kaoping/tab/')).length === 2);
  await b.page.reload();
  await b.page.locator('#summary-total').waitFor();
  assert.equal(await b.page.locator(LOANS).inputValue(), '333', 'B keeps its own copy, even after a reload');
  assert.match(await status(b.page), /方案B · 已保存/);

  // B changes its copy too; A saves 方案B: B is told, and keeps its figures.
  await typeLoans(b.page, 'adbc', '350');
  await a.page.locator('#save').click();
  await notice(a.page, '已保存“方案B”');
  await notice(b.page, '另一个窗口保存了“方案B”的新版本');
  assert.equal(await b.page.locator(LOANS).inputValue(), '350');
  await waitStatus(b.page, /方案B · 有未保存的修改/);

  // B's save asks instead of overwriting A's.
  await b.page.locator('#save').click();
  await b.page.locator('#prompt').waitFor();
  assert.match(await b.page.locator('#prompt').innerText(), /另一个窗口又保存过它/);
  await b.page.locator('#prompt-cancel').click();
  await b.page.locator('#prompt').waitFor({ state: 'detached' });
  assert.equal(await b.page.locator(LOANS).inputValue(), '350');

  // Told to overwrite, B saves; A had nothing unsaved, so it shows the saved figures and says so.
  await b.page.locator('#save').click();
  await b.page.locator('#prompt-overwrite').click();
  await notice(b.page, '已保存“方案B”');
  await notice(a.page, '本页面已换成保存后的数字');
  assert.equal(await a.page.locator(LOANS).inputValue(), '350');
  assert.match(await status(a.page), /方案B · 已保存/);
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await context.close();
});

test('a tab closed with unsaved changes gives them to the next tab', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const a = await openPage(context, server.url);
  await typeLoans(a.page, 'adbc', '333');
  await saveAs(a.page, '方案B');
  await typeLoans(a.page, 'adbc', '344');
  await waitStatus(a.page, /有未保存的修改/);
  // Closed as a user closes a tab: the page's pagehide runs.
  const closed = new Promise((resolve) => a.page.once('close', resolve));
  await a.page.close({ runBeforeUnload: true });
  await closed;
  const b = await openPage(context, server.url);
  await notice(b.page, '已恢复之前关闭的页面中“方案B”未保存的修改');
  assert.equal(await b.page.locator(LOANS).inputValue(), '344');
  assert.match(await status(b.page), /方案B · 有未保存的修改/);
  assert.deepEqual(b.errors, []);
  await context.close();
});

test('Ctrl+S and Cmd+S save, instead of the browser saving the page', async () => {
  const { context, page, errors } = await freshPage();
  await page.evaluate(() => {
    window.prevented = [];
    window.addEventListener('keydown', (e) => { if (e.key === 's') window.prevented.push(e.defaultPrevented); });
  });
  await typeLoans(page, 'adbc', '333');
  await page.locator(LOANS).focus();
  await page.keyboard.press('Control+s');
  // Unnamed: it asks for a name.
  await page.locator('#prompt-name').waitFor();
  await page.keyboard.type('方案C');
  await page.keyboard.press('Enter');
  await notice(page, '已保存“方案C”');
  assert.match(await status(page), /方案C · 已保存/);

  await typeLoans(page, 'adbc', '334');
  await waitStatus(page, /有未保存的修改/);
  await page.locator(LOANS).focus();
  await page.keyboard.press('Meta+s');
  await waitStatus(page, /方案C · 已保存/);
  assert.equal(await page.locator('#prompt').count(), 0, 'a named scenario saves without a question');
  assert.deepEqual(await page.evaluate(() => window.prevented), [true, true], 'the browser does not get the key');
  await page.reload();
  await page.locator('#summary-total').waitFor();
  assert.equal(await page.locator(LOANS).inputValue(), '334');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a full localStorage is told in Chinese, and the figures stay on the page', async () => {
  const { context, page, errors } = await freshPage();
  await typeLoans(page, 'adbc', '333');
  await saveAs(page, 'A');
  const total = await page.locator('#summary-total').innerText();
  await page.evaluate(() => {
    window.realSetItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function setItem(key, value) {
      if (this === window.localStorage) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return window.realSetItem.call(this, key, value);
    };
  });

  await typeLoans(page, 'adbc', '344');
  await notice(page, '浏览器的本地存储空间已满');
  assert.match(await page.locator('#notice').innerText(), /数字仍在本页面上/);
  await waitStatus(page, /A · 有未保存的修改（未能暂存，只在本页面中）/);
  assert.equal(await page.locator(LOANS).inputValue(), '344');
  assert.notEqual(await page.locator('#summary-total').innerText(), total, 'the figure counts');
  await page.screenshot({ path: path.join(SHOTS, 'storage-full.png') });

  await page.locator('#save').click();
  await notice(page, '未能保存“A”：浏览器的本地存储空间已满');
  assert.equal(await page.locator(LOANS).inputValue(), '344', 'the typed work stays');
  assert.match(await status(page), /有未保存的修改/);

  // Room again: the next change is stashed and the status says so.
  await page.evaluate(() => { Storage.prototype.setItem = window.realSetItem; });
  await typeLoans(page, 'adbc', '345');
  await waitStatus(page, /A · 有未保存的修改（已暂存在本浏览器）/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('damaged saved entries are told clearly and break nothing', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('kaoping/names', 'not a list');
      localStorage.setItem('kaoping/named/坏的', '{ "format": "kaoping-scenario/1", "year": 20');
      localStorage.setItem('kaoping/named/好的', '{"format": "kaoping-scenario/1", "year": 2024}');
      localStorage.setItem('kaoping/last', '坏的');
      localStorage.setItem('kaoping/tab/old', '{ broken');
      localStorage.setItem('kaoping/released', '["old"]');
      sessionStorage.setItem('seeded', '1');
    }
  });
  const { page, errors } = await openPage(context, server.url);
  await notice(page, '已保存的测算“坏的”无法读取');
  assert.match(await status(page), /未命名/);
  assert.deepEqual(await page.locator('#saved-select option').allInnerTexts(), ['坏的', '好的'],
    'the list comes from what is stored when the stored order is unreadable');
  await page.locator('#notice button').click();
  await pickAndOpen(page, '坏的');
  await notice(page, '已保存的测算“坏的”无法读取');
  await pickAndOpen(page, '好的');
  await notice(page, '已打开“好的”');
  assert.equal(await page.evaluate(() => localStorage.getItem('kaoping/damaged')), '{ broken',
    'the unreadable working copy is set aside, not thrown away');
  assert.deepEqual(errors, []);
  await context.close();
});

test('重置 asks only when there is unsaved work, and then once', async () => {
  const { context, page, errors } = await freshPage();
  await typeLoans(page, 'adbc', '333');
  await saveAs(page, '方案R');
  // Everything is saved: nothing to lose, no question.
  await page.locator('#tab-settings').click();
  await page.locator('#reset').click();
  await page.locator('#notice', { hasText: '已重置为基准情景' }).waitFor();
  assert.equal(await page.locator('#prompt').count(), 0);
  // Unsaved work: one question, 保存 / 不保存 / 取消; 取消 keeps it.
  await page.locator('#tab-bank').click();
  await typeLoans(page, 'adbc', '350');
  await page.locator('#tab-settings').click();
  await page.locator('#reset').click();
  await page.locator('#prompt').waitFor();
  await page.locator('#prompt-cancel').click();
  await page.locator('#tab-bank').click();
  assert.equal(await page.locator('#f-adbc-loans').inputValue(), '350');
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshot of the question', async () => {
  const { context, page } = await freshPage();
  await typeLoans(page, 'adbc', '333');
  await saveAs(page, '方案B');
  await typeLoans(page, 'adbc', '350');
  await page.locator('#tab-settings').click();
  await page.locator('#reset').click();
  await page.locator('#prompt').waitFor();
  assert.match(await page.locator('#prompt').innerText(), /重置为基准情景之前/);
  await page.screenshot({ path: path.join(SHOTS, 'unsaved-question.png') });
  await page.locator('#prompt-cancel').click();
  await context.close();
});
