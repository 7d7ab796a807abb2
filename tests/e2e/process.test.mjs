// End-to-end test of 申报 → 汇总 in the page (issue 17), as the finance bureau does it: every bank's
// 申报表 made in the page (下载本行申报表, all 16), three of them as LibreOffice filled and saved them
// (the committed seeds of tests/process/seeds, made by tests/process/make_seeds.py) gathered with
// 汇总申报表 — first with 工商银行's corrected form too, a conflict refused with both file names and the
// figures and settled with one click, then with the corrected form only — previewed per bank (received from which file, 填报人
// and date; not received), applied as one edit that 撤销 takes back, each bank's source kept in the
// working copy; then 核实: a figure verified with a reason in the page, marked in 本行测算 and shown in
// 通报 with the ranking as declared against as verified; then 通报: the 名单 of the verified result, marked 测算结果，非正式考评结论 until 核实完成,
// its text copied, printed to PDF on one A4 page with its names in the order shown and the bank ranked
// first in 全市总览 first. At 1280 px and 375 px.
// Run after `trunk build --release`: node --test tests/e2e/. Tests wait for conditions, never for a
// time.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSuite, stopSuite, openPage, saveScreenshot, pdfText, squeeze, SHOTS, UPDATE_SCREENSHOT, ROOT } from './harness.mjs';

let server;
let browser;
let tmp;

before(async () => {
  ({ server, browser } = await startSuite());
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'kaoping-process-'));
});

after(async () => {
  await stopSuite(server, browser);
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

const SEEDS = path.join(ROOT, 'tests', 'process', 'seeds');
const seed = (name) => path.join(SEEDS, `${name}.xlsx`);
const RETURNED = ['申报表-工商银行', '申报表-农业银行', '申报表-光大银行'].map(seed);
const CORRECTED = seed('申报表-工商银行（更正）');

/** The working copy of this tab, as stashed in localStorage (the scenario). */
const stashed = (page) => page.evaluate(() => {
  const key = Object.keys(localStorage).find((k) => k.startsWith('kaoping/tab/'));
  return key ? JSON.parse(JSON.parse(localStorage.getItem(key)).scenario) : null;
});

const pageScrollsSideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** 通报: marked until 核实完成, copied, printed; its names in the order shown, the first ranked first. */
async function notice(page, viewport, suffix) {
  // The bank ranked first in 全市总览.
  await page.locator('#tab-city').evaluate((b) => b.click());
  await page.locator('#city-table tbody tr').first().waitFor();
  const rows = await page.locator('#city-table tbody tr').evaluateAll((trs) => trs.map((tr) => [
    tr.querySelector('.bank-link')?.textContent.trim(), Number(tr.querySelector('.rank-col')?.textContent),
  ]));
  const first = rows.filter(([, rank]) => rank === 1).map(([name]) => name);
  assert.equal(first.length, 1, JSON.stringify(rows));

  await page.locator('#tab-notice').evaluate((b) => b.click());
  const title = (await page.locator('#notice-title').innerText()).trim();
  assert.match(title, /^2024年度金融支持黄石经济发展贡献突出单位/);
  assert.equal((await page.locator('.notice-mark').innerText()).trim(), '【测算结果，非正式考评结论】');
  assert.match(await page.locator('.notice-basis').innerText(), /黄政办发〔2024〕10号/);
  assert.match(await page.locator('.notice-date').innerText(), /^\d{4}年\d{1,2}月\d{1,2}日$/);
  const names = await page.locator('.notice-names').allInnerTexts();
  assert.ok(names.length >= 3, names.join('\n'));
  const listed = names.join('、').split('、');
  assert.equal(new Set(listed).size, listed.length, 'each bank once');
  assert.ok(listed[0].startsWith(first[0].slice(0, 2)), `${listed[0]} is ranked first (${first[0]})`);
  await page.locator('#notice-copy').click();
  await page.locator('#notice', { hasText: '通报文本已复制' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.startsWith('【测算结果，非正式考评结论】'), copied.slice(0, 40));
  assert.ok(copied.includes(title) && copied.includes(names[0]), 'the title and the lists');
  assert.ok(!copied.includes('核实后：') && !copied.includes('计分用核实数'), 'copied: the 名单 alone');
  assert.ok((await pageScrollsSideways(page)) <= 0, `通报: no sideways scrolling at ${viewport.width} px`);
  await saveScreenshot(page, `process-notice-${suffix}.png`, { fullPage: true });

  // 核实完成: no mark, on screen or printed.
  await page.locator('#notice-complete').check();
  // The 名单 is written again for the changed document: while the module writes it the view says
  // 正在生成名单…… (no mark either), so wait for the new 名单 itself before printing.
  await page.waitForFunction(() => document.querySelector('.notice-names') && !document.querySelector('.notice-mark'));
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  if (UPDATE_SCREENSHOT) {
    await fs.mkdir(SHOTS, { recursive: true });
    await fs.writeFile(path.join(SHOTS, `process-notice-${suffix}.pdf`), pdf);
  }
  const printed = await pdfText(pdf);
  assert.equal(printed.pages, 1, 'the 名单 on one A4 page');
  const flow = squeeze(printed.flow);
  // (pdftotext takes the title's year, set in another font run, out of the line: the rest of it.)
  const heading = squeeze(title.replace(/^\d{4}/, ''));
  assert.ok(flow.includes(heading), `printed: the title (${flow.slice(0, 60)})`);
  let at = flow.indexOf(heading);
  for (const list of names) {
    const found = flow.indexOf(squeeze(list), at);
    assert.ok(found > at, `printed in order: ${list}`);
    at = found;
  }
  assert.ok(!printed.flow.includes('非正式考评结论'), 'printed once verified: no mark');
  assert.ok(!printed.flow.includes('复制文本') && !printed.flow.includes('考评测算器'), 'printed alone: no buttons, no page frame');
  assert.ok(!squeeze(printed.flow).includes('核实后：') && !squeeze(printed.flow).includes('计分用核实数'), 'printed alone: not 核实');
}

/** 核实 in the page: 工商银行's loan balance verified to the 人民银行 figure — refused without a reason,
 *  then kept with its declaration and reason in the working copy; its box on 本行测算 says so; 通报
 *  shows, below the 名单, the verified figure, the banks it moved and the ranking as declared against
 *  as verified; 撤销核实 puts the declaration back, and it is verified again for the 名单. */
async function verify(page) {
  const declared = (await stashed(page)).banks.find((b) => b.id === 'icbc').loans;
  await page.locator('#tab-notice').evaluate((b) => b.click());
  await page.locator('#verify-bank').selectOption('icbc');
  await page.locator('#verify-field').selectOption('loans');
  await page.locator('#verify-value').fill('100');
  await page.locator('#verify-apply').click();
  await page.locator('#notice', { hasText: '请填写核实说明' }).waitFor();
  assert.equal((await stashed(page)).verified, undefined, 'no reason: nothing verified');
  await page.locator('#verify-reason').fill('按人民银行金融统计口径');
  await page.locator('#verify-apply').click();
  await page.locator('#notice', { hasText: '已核实工商银行的贷款余额' }).waitFor();
  const kept = await stashed(page);
  assert.equal(kept.banks.find((b) => b.id === 'icbc').loans, '100');
  assert.deepEqual(kept.verified, { icbc: { loans: { declared, reason: '按人民银行金融统计口径' } } });

  await page.locator('.notice-ranking').nth(15).waitFor();
  assert.equal(await page.locator('.notice-ranking').count(), 16);
  const figure = (await page.locator('.notice-verified').innerText()).trim();
  assert.match(figure, new RegExp(`^工商银行 贷款余额.*：申报 ${declared} 亿元 → 核实 100 亿元（按人民银行金融统计口径）$`));
  assert.match(await page.locator('.notice-moved').innerText(), /^核实后：.*工商银行 \d+→\d+/);
  const rows = await page.locator('.notice-ranking').allInnerTexts();
  assert.ok(rows.some((r) => /^\* 工商银行：申报 [\d,.]+ 分，第\d+名，.+ → 核实 [\d,.]+ 分，第\d+名，/.test(r)), rows.join('\n'));

  await page.locator('#tab-bank').evaluate((b) => b.click());
  await page.locator('#bank-select').selectOption('icbc');
  assert.equal(await page.locator('#f-icbc-loans').inputValue(), '100');
  const note = (await page.locator('.verified-note').innerText()).trim();
  assert.match(note, /^核实数（申报 [\d,.]+ 亿元；按人民银行金融统计口径）$/);

  // 撤销核实: the declaration back, nothing verified; then verified again.
  await page.locator('#tab-notice').evaluate((b) => b.click());
  assert.equal(await page.locator('#verify-bank').inputValue(), 'icbc', 'the bank shown on 本行测算');
  await page.locator('#verify-field').selectOption('loans');
  await page.locator('#verify-undo').click();
  await page.locator('#notice', { hasText: '已撤销核实' }).waitFor();
  const undone = await stashed(page);
  assert.equal(undone.verified, undefined);
  assert.equal(undone.banks.find((b) => b.id === 'icbc').loans, declared);
  // Pressed again, with nothing verified: said, not silent.
  await page.locator('#verify-undo').click();
  await page.locator('#notice', { hasText: '工商银行的贷款余额（2024年末）没有核实数，无需撤销核实' }).waitFor();
  await page.locator('#verify-value').fill('100');
  await page.locator('#verify-reason').fill('按人民银行金融统计口径');
  await page.locator('#verify-apply').click();
  await page.locator('#notice', { hasText: '已核实工商银行的贷款余额' }).waitFor();
  await page.locator('.notice-verified').waitFor();
}

async function run(viewport, suffix, banks) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const { page, errors } = await openPage(context, server.url);
  const ids = await page.locator('#bank-select option').evaluateAll((options) => options.map((o) => o.value));
  assert.equal(ids.length, 16);

  // 申报表: one per bank, made in the page for the bank shown. (Chromium lets one page start ten
  // downloads without a click of the user's own; the forms are made eight to a page.)
  for (let from = 0; from < banks; from += 8) {
    // Another browser profile for the second page, so that this page's working copy is the only one.
    const other = from === 0 ? context : await browser.newContext({ locale: 'zh-CN', viewport, acceptDownloads: true });
    const { page: maker } = from === 0 ? { page } : await openPage(other, server.url);
    for (const id of ids.slice(from, Math.min(banks, from + 8))) {
      await maker.locator('#bank-select').selectOption(id);
      const shortName = await maker.locator('#bank-select option:checked').innerText();
      const [file] = await Promise.all([
        maker.waitForEvent('download'),
        maker.locator('#download-form').evaluate((b) => b.click()),
      ]);
      assert.equal(file.suggestedFilename(), `申报表-${shortName.trim()}.xlsx`);
      const bytes = await fs.readFile(await file.path());
      assert.equal(bytes.subarray(0, 2).toString(), 'PK', `${id}: an xlsx file`);
    }
    if (other !== context) await other.close();
  }

  // 汇总 with 工商银行's form twice (figures differ): refused, both files named, nothing applied.
  const before = await stashed(page);
  await page.locator('#collect-forms-files').setInputFiles([...RETURNED, CORRECTED]);
  const problems = page.locator('#import-problems');
  await problems.waitFor();
  const refused = await problems.innerText();
  assert.match(refused, /申报表-工商银行\.xlsx \/ 申报表-工商银行（更正）\.xlsx/);
  assert.match(refused, /工商银行/);
  assert.ok(await page.locator('#import-apply').isDisabled(), 'nothing applied while a conflict stands');
  // A conflict is two forms read well that disagree: named as such, settled by a choice.
  assert.match(await page.locator('#import-summary').innerText(), /1 处申报冲突。全部导入须先在下方选定应计入的一份/);
  assert.match(await page.locator('#import-preview').innerText(), /申报冲突（1 处）/);
  assert.match(await page.locator('#import-rest').innerText(), /导入其余/);
  await saveScreenshot(page, `process-conflict-${suffix}.png`);
  // One click settles it: the corrected form counts for 工商银行, the files are gathered again.
  const choices = await page.locator('#import-choices button').allInnerTexts();
  assert.deepEqual(choices, ['以“申报表-工商银行.xlsx”为工商银行的申报', '以“申报表-工商银行（更正）.xlsx”为工商银行的申报']);
  await page.locator('#import-choices button', { hasText: '（更正）' }).click();
  await page.locator('#import-problems').waitFor({ state: 'detached' });
  assert.ok(await page.locator('#import-apply').isEnabled(), 'settled: it can be applied');
  assert.match(await page.locator('#import-notes').innerText(), /工商银行：收到 申报表-工商银行（更正）\.xlsx/);
  await page.locator('#import-cancel').click();
  await page.locator('.import-preview').waitFor({ state: 'detached' });
  assert.deepEqual(await stashed(page), before, 'cancelled: nothing changed');

  // Settled: the corrected form counts for 工商银行.
  await page.locator('#collect-forms-files').setInputFiles([CORRECTED, ...RETURNED.slice(1)]);
  const notes = page.locator('#import-notes');
  await notes.waitFor();
  const said = await notes.innerText();
  assert.match(said, /工商银行：收到 申报表-工商银行（更正）\.xlsx（填报人 /);
  assert.match(said, /农业银行：收到 申报表-农业银行\.xlsx/);
  assert.match(said, /光大银行：收到 申报表-光大银行\.xlsx/);
  assert.match(said, /未收到 13 家（保持当前测算的数字）/);
  assert.match(said, /填报日期 2025年1月\d+日/);
  const changes = await page.locator('#import-changes tbody tr').allInnerTexts();
  assert.ok(changes.some((c) => /申报表-工商银行（更正）\.xlsx/.test(c) && /工商银行/.test(c)), changes.join('\n'));
  assert.equal(await page.locator('#import-problems').count(), 0);
  assert.ok((await pageScrollsSideways(page)) <= 0, `no sideways scrolling at ${viewport.width} px`);
  await saveScreenshot(page, `process-collect-${suffix}.png`);
  await page.locator('#import-apply').click();
  await page.locator('#notice', { hasText: `已导入 ${changes.length} 项修改（来自“汇总的 3 个文件”）` }).waitFor();

  // The working copy keeps each bank's source.
  const gathered = await stashed(page);
  assert.equal(gathered.sources.icbc.file, '申报表-工商银行（更正）.xlsx');
  assert.equal(gathered.sources.abc.file, '申报表-农业银行.xlsx');
  assert.ok(gathered.sources.icbc.reporter, 'with 填报人');
  assert.match(gathered.sources.icbc.date, /^2025-01-\d\d$/);
  assert.equal(Object.keys(gathered.sources).length, 3);
  await page.locator('#bank-select').selectOption('icbc');
  assert.notEqual(await page.locator('#f-icbc-loans').inputValue(), '');

  // One edit: 撤销 takes it all back.
  await page.locator('#notice-undo').click();
  await page.locator('#notice', { hasText: '已撤销导入' }).waitFor();
  assert.deepEqual(await stashed(page), before);

  // Gathered again, then 通报 of the result.
  await page.locator('#collect-forms-files').setInputFiles([CORRECTED, ...RETURNED.slice(1)]);
  await page.locator('#import-apply:not([disabled])').click();
  await page.locator('#notice', { hasText: '来自“汇总的 3 个文件”' }).waitFor();
  await verify(page);
  await notice(page, viewport, suffix);

  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
}

test('1280 px: 16 申报表 made in the page; three returned gathered, a conflict refused then settled, applied and undone', async () => {
  await run({ width: 1280, height: 800 }, '1280', 16);
});

test('375 px: the same path on a phone', async () => {
  await run({ width: 375, height: 812 }, '375', 2);
});
