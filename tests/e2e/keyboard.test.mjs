// The keyboard, as a user who works in spreadsheets uses it: from the tab bar to the first cell of
// 全市总览 in at most three key presses, then Enter and ↓ down a column, ↑ and Shift+Enter up, Tab
// along a row, Esc to take back what was typed; the sort headers are one tab stop.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSuite, stopSuite, openPage } from './harness.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await startSuite()));

after(() => stopSuite(server, browser));

async function freshPage() {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
  const opened = await openPage(context, server.url);
  return { context, ...opened };
}

const focused = (page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Presses a key and counts it. */
function counter(page) {
  let presses = 0;
  return {
    press: async (key) => {
      presses += 1;
      await page.keyboard.press(key);
    },
    get presses() { return presses; },
  };
}

test('the skip links are the first stops, and the tab bar is one stop', async () => {
  const { context, page } = await freshPage();
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'skip-link');
  assert.equal(await page.locator('#skip-link').innerText(), '跳到本行表单');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'skip-link-target');
  assert.equal(await page.locator('#skip-link-target').innerText(), '跳到目标测算');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'tab-bank', 'then the page shown, in the tab bar');
  await page.keyboard.press('Tab');
  assert.ok(!(await focused(page)).startsWith('tab-'), 'Tab leaves the tab bar: one stop');
  // From the skip link straight to the form's first box.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'f-adbc-loans');
  // And from the second one to 目标测算's first control.
  await page.locator('#skip-link-target').focus();
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'target-goal');
  await context.close();
});

for (const [name, viewport] of [['1280 px', { width: 1280, height: 720 }], ['375 px', { width: 375, height: 812 }]]) {
  test(`${name}: the summary strip's link reaches 目标测算 in at most three key presses`, async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport });
    const { page } = await openPage(context, server.url);
    // From the loan box, as a branch manager who has just typed a figure.
    await page.locator('#f-adbc-loans').fill('330');
    await page.locator('#summary-target-link').focus();
    const keys = counter(page);
    await keys.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'target-goal');
    assert.ok(keys.presses <= 3, `${keys.presses} key presses`);
    // The panel is on the screen, not under the strip.
    const goal = await page.locator('#target-goal').boundingBox();
    const strip = await page.locator('#summary').boundingBox();
    const height = await page.evaluate(() => window.innerHeight);
    assert.ok(goal.y >= 0 && goal.y + goal.height <= height, `目标 is on the screen (${goal.y})`);
    if (name === '375 px') {
      assert.ok(goal.y >= strip.y + strip.height - 1 || strip.y + strip.height <= 0, 'not hidden under the strip');
    }
    await context.close();
  });
}

test('from the tab bar to the first cell of 全市总览 in three key presses', async () => {
  const { context, page } = await freshPage();
  const url = page.url();
  await page.locator('#tab-bank').focus();
  const keys = counter(page);
  await keys.press('ArrowRight'); // 全市总览 is picked and shown
  await page.locator('#city-table').waitFor();
  assert.equal(await focused(page), 'tab-city');
  await keys.press('Shift+Tab'); // the skip link before the tabs
  assert.equal(await page.locator('#skip-link').innerText(), '跳到全市表格');
  await keys.press('Enter');
  assert.equal(await focused(page), 'cf-adbc-loans', 'the first cell of the table');
  assert.ok(keys.presses <= 3, `${keys.presses} key presses`);
  assert.equal(page.url(), url, 'the skip link does not change the address');
  await context.close();
});

test('全市总览 moves like a spreadsheet: Enter and ↓ down, ↑ and Shift+Enter up, Tab along', async () => {
  const { context, page } = await freshPage();
  await page.locator('#tab-city').click();
  const order = await page.locator('#city-table tbody tr').evaluateAll((rows) => rows.map((r) => r.id.replace('row-', '')));
  const cell = (row, key = 'loans') => `cf-${order[row]}-${key}`;
  await page.locator(`#${cell(0)}`).focus();

  // Typing replaces the cell (its text is selected on focus); Enter keeps it and goes down.
  await page.keyboard.type('330');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), cell(1), 'Enter goes down the column');
  assert.equal(await page.locator(`#${cell(0)}`).inputValue(), '330');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), cell(2), '↓ goes down the column');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), cell(3));
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(page), cell(2), '↑ goes up the column');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await focused(page), cell(1), 'Shift+Enter goes up');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), cell(1, 'sme_loans'), 'Tab goes along the row');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), cell(1), 'Shift+Tab goes back');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(page), cell(1, 'sme_loans'), '→ from a cell not being edited goes to the next');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(page), cell(1));
  // The last row stays where it is.
  await page.locator(`#${cell(15)}`).focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), cell(15));
  await context.close();
});

test('Esc puts back the text a cell had when it was focused', async () => {
  const { context, page } = await freshPage();
  await page.locator('#tab-city').click();
  const box = page.locator('#cf-icbc-loans');
  const total = await page.locator('#row-icbc .total-col').innerText();
  // Pasted at once, the refused text leaves the empty cell's figure counting: the task.
  await box.fill('12x');
  await page.locator('#cf-icbc-loans-msg').waitFor();
  assert.match(await page.locator('#cf-icbc-loans-msg').innerText(), /“x” 不是数字.*；仍按任务 294\.46 亿元计算/);
  await page.keyboard.press('Escape');
  assert.equal(await box.inputValue(), '', 'the cell is empty again');
  assert.equal(await page.locator('#cf-icbc-loans-msg').count(), 0, 'and no longer refused');
  assert.equal(await page.locator('#row-icbc .total-col').innerText(), total);
  // Typed key by key, the last valid text counts until Esc takes the cell back to what it was.
  await page.keyboard.type('400x');
  assert.match(await page.locator('#cf-icbc-loans-msg').innerText(), /；仍按 400\.00 亿元计算/);
  await page.waitForFunction(([t]) => document.querySelector('#row-icbc .total-col').innerText !== t, [total]);
  await page.keyboard.press('Escape');
  await page.waitForFunction(([t]) => document.querySelector('#row-icbc .total-col').innerText === t, [total]);
  assert.equal(await box.inputValue(), '');
  await context.close();
});

test('the sort headers are one tab stop; arrows move along them and ↓ into the column', async () => {
  const { context, page } = await freshPage();
  await page.locator('#tab-city').click();
  await page.locator('#cf-adbc-loans').focus();
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(page), 'sort-loans', '↑ from the first row reaches the column\'s header');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(page), 'sort-sme_loans');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), 'cf-adbc-sme_loans', '↓ from a header goes into its column');
  // One stop: Shift+Tab from the first row's bank goes to the header, Tab from the header back to it.
  await page.locator('#row-adbc .bank-link').focus();
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'sort-sme_loans', 'the header last used holds the tab stop');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr')?.id), 'row-adbc',
    'Tab from the headers goes to the first row, not to the next header');
  const stops = await page.locator('#city-table thead button[tabindex="0"]').count();
  assert.equal(stops, 1, 'one header in the tab order');
  // Enter on a header sorts.
  await page.locator('#sort-total').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#city-table thead th[aria-sort="descending"] #sort-total').count(), 1);
  await context.close();
});
