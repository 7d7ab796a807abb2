// Printing, as a user prints to A4: the page is printed to PDF by Chromium (print media, the page's own
// @page sizes) and the PDF's text is read back with poppler-utils' pdftotext. 全市总览 must carry all
// sixteen banks with total, rank, band and share on landscape A4; one bank's sheet its items and
// working, the next-band answer, the scenario's name, the date and time, the readings and city figures
// in force, and the note that these are projections. With UPDATE_SCREENSHOT=1 the PDFs are kept under
// tests/e2e/screenshots/ (look at them with `pdftoppm -png`).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startSuite, stopSuite, openPage, pdfText, squeeze, SHOTS, UPDATE_SCREENSHOT } from './harness.mjs';

const NOT_OFFICIAL = '测算结果，非正式考评结论';

let server;
let browser;

before(async () => ({ server, browser } = await startSuite()));

after(() => stopSuite(server, browser));

/** Prints the page as it stands to an A4 PDF, honouring the page's @page size, and reads it back. */
async function print(page, name) {
  await page.emulateMedia({ media: 'print' });
  const buffer = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  if (UPDATE_SCREENSHOT) {
    await fs.mkdir(SHOTS, { recursive: true });
    await fs.writeFile(path.join(SHOTS, name), buffer);
  }
  return pdfText(buffer);
}

/** The date the page stamps on the sheet, worked out by the browser's own clock and time zone. */
const today = (page) => page.evaluate(() => {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
});

async function namedScenario(name) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
  const { page, errors } = await openPage(context, server.url);
  await page.locator('#scenario-name-input').fill(name);
  await page.locator('#save-as').click();
  await page.locator("#notice", { hasText: `已保存“${name}”` }).waitFor();
  return { context, page, errors };
}

test('全市总览 prints all 16 banks with total, rank, band and share on landscape A4', async () => {
  const { context, page, errors } = await namedScenario('全市预览');
  await page.locator('#tab-city').click();
  await page.locator('#city-table').waitFor();
  const rows = await page.locator('#city-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    name: tr.querySelector('th').innerText.trim(),
    total: tr.querySelector('.total-col').innerText.replace('≈', ' ').trim().split(/\s/)[0],
    rank: tr.querySelector('.rank-col').innerText.trim(),
    band: tr.querySelector('.band-col').innerText.trim(),
    share: tr.querySelector('.share-col').innerText.trim(),
  })));
  assert.equal(rows.length, 16);

  const pdf = await print(page, 'city-a4-landscape.pdf');
  assert.ok(pdf.width > pdf.height, `landscape (${pdf.width} × ${pdf.height} pt)`);
  const lines = pdf.text.split('\n');
  const flat = squeeze(pdf.flow);
  for (const header of ['总分', '排名', '档次', '存放份额']) {
    assert.ok(flat.includes(header), `the header ${header} is printed`);
  }
  const names = rows.map((r) => r.name);
  for (const row of rows) {
    // A bank's row is its line plus any line after it that names no bank: pdftotext sometimes sets a
    // figure a hair lower than its row on a line of its own.
    const at = lines.findIndex((l) => l.trimStart().startsWith(row.name));
    assert.ok(at >= 0, `${row.name} is printed`);
    let text = lines[at];
    for (const next of lines.slice(at + 1)) {
      if (names.some((n) => next.includes(n)) || next.trim() === '') break;
      text += ` ${next}`;
    }
    const words = text.split(/\s+/);
    assert.ok(words.includes(row.total), `${row.name}: total ${row.total} in ${text}`);
    assert.ok(words.includes(row.rank), `${row.name}: rank ${row.rank} in ${text}`);
    assert.ok(words.includes(row.band), `${row.name}: band ${row.band} in ${text}`);
    assert.ok(words.includes(row.share), `${row.name}: share ${row.share} in ${text}`);
  }
  assert.equal(pdf.pages, 1, 'the sixteen banks fit one landscape page');
  for (const control of ['导出Excel', '复制分享链接', '导出文件']) {
    assert.ok(!flat.includes(control), `no toolbar on paper: ${control}`);
  }
  assert.ok(flat.includes(NOT_OFFICIAL), 'the sheet says these are projections');
  assert.ok(flat.includes('测算：全市预览'), 'the scenario is named');
  assert.ok(flat.includes(`打印时间：${await today(page)}`), 'the date is printed');
  assert.ok(flat.includes('计分口径：'), 'the readings in force are printed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('one bank\'s sheet prints items, working, the next band, name, date, readings and the note', async () => {
  const { context, page, errors } = await namedScenario('乐观测算');
  // 农发行 is last on the baseline: the summary answers what lifts it into the next band.
  const nextBand = await page.locator('#summary-next-band').innerText();
  const total = await page.locator('#summary-total').innerText();
  const working = await page.locator('#pts-adbc-loan_increment .print-working').textContent();
  const pdf = await print(page, 'bank-a4.pdf');
  assert.ok(pdf.height > pdf.width, `portrait (${pdf.width} × ${pdf.height} pt)`);
  const flat = squeeze(pdf.flow);
  const has = (what, why) => assert.ok(flat.includes(squeeze(what)), `${why}: ${what}`);
  has(NOT_OFFICIAL, 'the sheet says these are projections');
  has('测算：乐观测算', 'the scenario is named');
  has(`打印时间：${await today(page)}`, 'the date is printed');
  assert.match(pdf.text, /打印时间：\d{4}-\d\d-\d\d \d\d:\d\d/, 'and the time');
  has('计分口径：', 'the readings in force');
  has('按比例折算', 'the default bonus reading is named');
  has('计分使用的全市数字：', 'the city figures in force');
  has('农业发展银行黄石市分行', 'the bank');
  has(nextBand, 'the next-band answer');
  has(working, 'the working of 贷款增量');
  for (const control of ['导出Excel', '复制分享链接', '导出文件']) {
    assert.ok(!flat.includes(control), `no toolbar on paper: ${control}`);
  }
  for (const item of ['贷款增量', '贷款增速', '中小微增量', '制造业增量', '绿色增量']) {
    has(item, 'an item');
  }
  // The score and its unit stay on one line.
  assert.ok(pdf.text.split('\n').some((line) => new RegExp(`${total.replace('.', '\\.')}\\s*分`).test(line)),
    `"${total} 分" on one line`);
  assert.deepEqual(errors, []);
  await context.close();
});
