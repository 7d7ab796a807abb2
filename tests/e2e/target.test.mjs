// End-to-end test of 目标测算 (issue 7), tried the way a branch manager new to the page would: pick
// the bank, type this year's loan balance, then ask the page — by the visible labels only — how much
// more lending reaches the top three, enter the answer into the scenario with one click, take it
// back, and read what one more 亿元 of small green manufacturing lending is worth. Every figure the
// page states is checked against what the page then shows when the user does it.
// Run after `trunk build --release`: node --test tests/e2e/. Tests wait for conditions, never for a
// time.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSuite, stopSuite, openPage } from './harness.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await startSuite()));

after(() => stopSuite(server, browser));

async function freshPage() {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const opened = await openPage(context, server.url);
  return { context, ...opened };
}

const BANK = 'bocom'; // 交通银行
const box = (page, field) => page.locator(`#f-${BANK}-${field}`);
const summaryRank = async (page) => Number((await page.locator('#summary-rank').innerText()).match(/第 (\d+) 名/)[1]);
const summaryTotal = async (page) => Number(await page.locator('#summary-total').innerText());
/** Waits until the summary's total reads `expected` (a string such as "55.16"). */
const totalReads = (page, expected) => page.waitForFunction(
  (want) => document.querySelector('#summary-total')?.textContent.trim() === want, expected);
/** The figure a box counts when it is left empty: its placeholder says 按任务 X. */
const onTask = async (locator) => Number((await locator.getAttribute('placeholder')).match(/按任务 ([\d.]+)/)[1]);

test('a new user finds the lending for the top three, enters it, takes it back, and reads what a green loan is worth', async () => {
  const { context, page, errors } = await freshPage();
  await page.locator('#bank-select').selectOption({ label: '交通银行' });
  // This year's projected balance, below its task: the bank falls to the bottom.
  await box(page, 'loans').fill('120');
  await page.waitForFunction(() => /第 16 名/.test(document.querySelector('#summary-rank')?.textContent ?? ''));
  const startTotal = await summaryTotal(page);

  // 目标测算 is found by its heading and its labels, no documentation.
  const panel = page.getByRole('region', { name: '目标测算' });
  await panel.getByLabel('目标', { exact: true }).selectOption({ label: '进入前 N 名' });
  // The box beside the list says what it takes (the engine's label for the form).
  await panel.getByLabel('名次', { exact: true }).fill('3');
  await panel.getByLabel('手段').selectOption({ label: '一般贷款' });
  const answer = panel.locator('#target-answer');
  await answer.filter({ hasText: '进入前 3 名' }).waitFor();
  const said = (await answer.innerText()).match(/贷款余额达到 ([\d.]+) 亿元（再增 ([\d.]+) 亿元）可进入前 3 名：届时第 (\d+) 名，(\S+?)，总分 ([\d.]+)/);
  assert.ok(said, `the answer names the balance, the increase, the rank reached and the total: ${await answer.innerText()}`);
  const [, to, more, rank, , total] = said;
  assert.equal((Number(to) - 120).toFixed(2), more, 'the increase is the balance minus what was typed');
  assert.ok(Number(rank) <= 3, `the rank reached (${rank}) is in the top three`);

  // One click enters it; the summary then shows exactly the rank and total the answer stated.
  await panel.locator('#target-apply').click();
  await panel.locator('#target-applied', { hasText: `贷款余额 ${to} 亿元` }).waitFor();
  // 撤销 takes the place of the button pressed, and the keyboard focus stays on it (not back on the page).
  await page.waitForFunction(() => document.activeElement?.id === 'target-undo');
  await totalReads(page, total);
  assert.equal(await box(page, 'loans').inputValue(), to);
  assert.equal(await summaryRank(page), Number(rank));
  await answer.filter({ hasText: '已经达到目标' }).waitFor();

  // One cent less does not reach the goal: the answer is the smallest such balance.
  await box(page, 'loans').fill((Number(to) - 0.01).toFixed(2));
  await page.waitForFunction((r) => !new RegExp(`第 ${r} 名`).test(document.querySelector('#summary-rank')?.textContent ?? ''), rank);
  assert.ok(await summaryRank(page) > 3, 'a cent less is outside the top three');
  await box(page, 'loans').fill(to);
  await totalReads(page, total);

  // 撤销 puts back what was typed before.
  await panel.locator('#target-undo').click();
  await page.waitForFunction(() => /第 16 名/.test(document.querySelector('#summary-rank')?.textContent ?? ''));
  assert.equal(await box(page, 'loans').inputValue(), '120');
  assert.equal(await summaryTotal(page), startTotal);

  // 一分的价值: what one more 亿元 of each kind of lending earns.
  await panel.getByRole('tab', { name: '一分的价值' }).click();
  const table = panel.locator('#target-marginal-table');
  await table.waitFor();
  const row = async (label) => {
    const cells = await table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label }) }).locator('td').allInnerTexts();
    return { points: Number(cells[0]), note: cells[2] };
  };
  // Sorted by value, most points first.
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    label: tr.querySelector('th').textContent,
    points: Number(tr.querySelectorAll('td')[0].textContent),
    note: tr.querySelectorAll('td')[2].textContent,
  })));
  for (let i = 1; i < rows.length; i++) {
    assert.ok(rows[i].points <= rows[i - 1].points, `row ${i} (${rows[i].points}) is not above row ${i - 1} (${rows[i - 1].points})`);
  }
  // An item's value of a point agrees with its note: 科技型新增 earns points, so its note does not say the
  // tech item cannot score (it starts scoring once entered).
  const tech = rows.find((r) => r.label.startsWith('科技型新增'));
  assert.ok(tech && tech.points > 0, `科技型新增 earns points: ${JSON.stringify(tech)}`);
  assert.doesNotMatch(tech.note, /科创金融[^；]*无从计分/, `its note: ${tech.note}`);
  const plain = await row('一般贷款（亿元）');
  const green = await row('中小微绿色制造业贷款（亿元）');
  assert.ok(green.points > plain.points, `a small green manufacturing loan (${green.points}) earns more than a plain one (${plain.points})`);
  assert.match(plain.note, /低于任务，按完成比例/, 'below task, the note says pro rata pays');

  // The user checks it by hand: one more 亿元 in each of the four lines it counts in.
  for (const field of ['sme_loans', 'manufacturing_loans', 'green_loans']) {
    await box(page, field).fill((await onTask(box(page, field)) + 1).toFixed(2));
  }
  await box(page, 'loans').fill('121');
  const expected = startTotal + green.points;
  await page.waitForFunction((want) => Math.abs(Number(document.querySelector('#summary-total')?.textContent) - want) <= 0.011, expected);
  assert.deepEqual(errors, []);
  await context.close();
});
