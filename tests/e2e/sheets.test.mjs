// End-to-end tests of the spreadsheet pieces (issue 8): the template and the CSV export are
// downloaded, filled in as a user would (the CSV text edited in JS; the workbook opened, changed and
// saved again by LibreOffice, as it would be by Excel), imported, previewed and applied as one
// undoable edit; a bad file names its cells and
// changes nothing; a share link opens the same scenario in another page, a cut one says so; a block
// pasted into 全市总览 is previewed and applied; 对比 of two saved scenarios shows the band moves.
// Run after `trunk build --release`: node --test tests/e2e/. Tests wait for conditions, never for a
// time.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSuite, stopSuite, openPage, saveScreenshot, ROOT } from './harness.mjs';

let server;
let browser;
let tmp;

before(async () => {
  ({ server, browser } = await startSuite());
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'kaoping-sheets-'));
});

after(async () => {
  await stopSuite(server, browser);
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

async function freshPage(url = server.url) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const opened = await openPage(context, url);
  return { context, ...opened };
}

const notice = (page, hasText) => page.locator('#notice', { hasText }).waitFor();
const status = (page) => page.locator('#scenario-status').innerText();

/** The working copy of this tab, as stashed in localStorage (the scenario JSON). */
const stashed = (page) => page.evaluate(() => Object.keys(localStorage)
  .filter((k) => k.startsWith('kaoping/tab/'))
  .map((k) => { try { return JSON.parse(localStorage.getItem(k)).scenario ?? ''; } catch { return ''; } })
  .join('\n'));

/** Clicks a download button and returns the downloaded file's path and suggested name. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  const name = file.suggestedFilename();
  const to = path.join(tmp, `${Date.now()}-${name}`);
  await file.saveAs(to);
  return { to, name };
}

/** A small RFC 4180 reader, enough for the exported CSV. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
const writeCsv = (rows) => rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

/** Sets one cell of a CSV (by the row whose first cell is `bank` and the heading starting with `heading`). */
function setCell(text, bank, heading, value) {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const rows = parseCsv(text.slice(bom.length));
  const headRow = rows.findIndex((r) => r.some((c) => c.startsWith(heading)));
  assert.ok(headRow >= 0, `a heading ${heading}`);
  const column = rows[headRow].findIndex((c) => c.startsWith(heading));
  const row = rows.findIndex((r) => (r[0] ?? '').includes(bank));
  assert.ok(row >= 0, `a row for ${bank}`);
  rows[row][column] = value;
  return { text: bom + writeCsv(rows), cell: `${String.fromCharCode(65 + column)}${row + 1}` };
}

test('the template comes back unchanged, a filled-in CSV is previewed, applied and undone', async () => {
  const { context, page, errors } = await freshPage();
  // The workbook template, sent back as it came: nothing to change.
  const template = await download(page, '#download-template');
  assert.match(template.name, /填报模板\.xlsx$/);
  const head = await fs.readFile(template.to);
  assert.equal(head.subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file');
  await page.locator('#import-table-file').setInputFiles(template.to);
  await page.locator('.import-preview', { hasText: '与当前测算相同' }).waitFor();
  assert.ok(await page.locator('#import-apply').isDisabled());
  await page.locator('#import-cancel').click();
  await page.locator('.import-preview').waitFor({ state: 'detached' });

  // The CSV export, one figure changed as in Excel, picked through 导入文件 (which reads CSV too).
  const csv = await download(page, '#export-csv');
  const { text, cell } = setCell(await fs.readFile(csv.to, 'utf8'), '工商银行', '贷款余额', '2345');
  const filled = path.join(tmp, '填好的.csv');
  await fs.writeFile(filled, text);
  await page.locator('#import-file').setInputFiles(filled);
  const preview = page.locator('.import-preview');
  await preview.waitFor();
  const changes = await page.locator('#import-changes tbody tr').allInnerTexts();
  assert.equal(changes.length, 1, changes.join('\n'));
  assert.match(changes[0], /工商银行/);
  assert.match(changes[0], /2345/);
  assert.ok(changes[0].includes(`填好的.csv!${cell}`), `${changes[0]} names ${cell}`);
  await page.locator('#import-apply').click();
  await notice(page, '已导入 1 项修改');
  assert.match(await stashed(page), /2345/);
  assert.match(await status(page), /有未保存的修改/);

  // 撤销 brings the figures back.
  await page.locator('#notice-undo').click();
  await notice(page, '已撤销导入');
  assert.doesNotMatch(await stashed(page), /2345/);
  assert.match(await status(page), /基准情景，未修改/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** LibreOffice's soffice on PATH (`cargo xtask test` installs Debian's libreoffice-calc-nogui). */
function soffice() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const file = path.join(dir, name);
      try { accessSync(file, constants.X_OK); return file; } catch { /* next */ }
    }
  }
  assert.fail('LibreOffice (soffice) is needed: cargo xtask test installs libreoffice-calc-nogui');
}

/**
 * Has LibreOffice open `book` and save it again as `.xlsx` with the first number in the row of `bank`
 * (its 贷款余额) set to `value`, the way a user fills the template in a spreadsheet program: the
 * workbook goes to LibreOffice's flat XML, one cell is changed there, and LibreOffice writes the
 * xlsx (its own zip, shared strings and styles, not Kaoping's). Returns the new file's path.
 */
function fillInLibreOffice(book, bank, value) {
  const dir = path.join(tmp, `lo-${Date.now()}`);
  // A profile per run: a second soffice started while the first is still closing would hand its
  // work to the closing one and exit without converting.
  let runs = 0;
  const run = (args) => execFileSync(soffice(),
    [`-env:UserInstallation=file://${dir}/profile-${runs++}`, '--headless', ...args], { stdio: 'pipe', timeout: 120_000 });
  run(['--convert-to', 'fods', '--outdir', dir, book]);
  const fods = path.join(dir, `${path.basename(book, '.xlsx')}.fods`);
  let xml = readFileSync(fods, 'utf8');
  // The cell right of the bank's name (column B, 贷款余额): empty on the template of an untouched
  // scenario (LibreOffice writes a run of empty cells as one repeated cell), or a number.
  const name = xml.indexOf(`>${bank}<`);
  assert.ok(name >= 0, `LibreOffice shows a row for ${bank}`);
  const start = xml.indexOf('<table:table-cell', name);
  // An empty cell keeps its other attributes (the input shading's style, the data validation):
  // the typed cell takes them over, and the rest of a repeated run keeps them too.
  const empty = xml.slice(start).match(/^<table:table-cell((?:\s+[\w:-]+="[^"]*")*)\s*\/>/);
  let cell;
  let end;
  if (empty) {
    const repeated = empty[1].match(/\s+table:number-columns-repeated="(\d+)"/);
    const attributes = empty[1].replace(/\s+table:number-columns-repeated="\d+"/, '');
    const rest = Number(repeated?.[1] ?? 1) - 1;
    cell = `<table:table-cell${attributes} office:value-type="float" office:value="${value}"><text:p>${value}</text:p></table:table-cell>`
      + (rest > 0 ? `<table:table-cell${attributes} table:number-columns-repeated="${rest}"/>` : '');
    end = start + empty[0].length;
  } else {
    end = xml.indexOf('</table:table-cell>', start) + '</table:table-cell>'.length;
    assert.match(xml.slice(start, end), /office:value-type="float"/, 'column B holds a number or nothing');
    cell = xml.slice(start, end)
      .replace(/office:value="[^"]*"/, `office:value="${value}"`)
      .replace(/<text:p>[^<]*<\/text:p>/, `<text:p>${value}</text:p>`);
  }
  xml = xml.slice(0, start) + cell + xml.slice(end);
  const edited = path.join(dir, '填好的模板.fods');
  writeFileSync(edited, xml);
  const out = path.join(dir, 'out');
  run(['--convert-to', 'xlsx', '--outdir', out, edited]);
  return path.join(out, '填好的模板.xlsx');
}

test('the template filled in and saved by LibreOffice is previewed and applied', async () => {
  const { context, page, errors } = await freshPage();
  const template = await download(page, '#download-template');
  const filled = fillInLibreOffice(template.to, '工商银行', '2345.67');
  await page.locator('#import-table-file').setInputFiles(filled);
  await page.locator('.import-preview').waitFor();
  const changes = await page.locator('#import-changes tbody tr').allInnerTexts();
  assert.equal(changes.length, 1, `only the changed cell: ${changes.join('\n')}`);
  assert.match(changes[0], /工商银行/);
  assert.match(changes[0], /贷款余额/);
  assert.match(changes[0], /2345\.67/);
  assert.match(changes[0], /填报!B\d+/, `the change names the sheet and cell it came from: ${changes[0]}`);
  assert.equal(await page.locator('#import-problems').count(), 0, 'no refused cell');
  // A modal dialog: the page behind cannot change while it is open, and 确认导入 has the focus.
  assert.ok(await page.evaluate(() => document.querySelector('#import-preview').matches(':modal')), 'the preview is modal');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-apply');
  await page.locator('#import-apply').click();
  await notice(page, '已导入 1 项修改');
  assert.match(await stashed(page), /2345\.67/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the spreadsheet module is not part of the first load; it is fetched when first used', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const fetched = [];
  await context.route('**/*', (route) => {
    fetched.push(new URL(route.request().url()).pathname.split('/').pop());
    return route.continue();
  });
  const { page, errors } = await openPage(context, server.url);
  const worker = (name) => name.startsWith('kaoping-sheets-worker');
  assert.deepEqual(fetched.filter(worker), [], `nothing of the spreadsheet module on the first load: ${fetched}`);
  const csv = await download(page, '#export-csv');
  assert.match(await fs.readFile(csv.to, 'utf8'), /工商银行/);
  assert.deepEqual(fetched.filter(worker).sort(),
    ['kaoping-sheets-worker.js', 'kaoping-sheets-worker_bg.wasm', 'kaoping-sheets-worker_loader.js']);
  // Started once: a second export reuses it.
  await download(page, '#download-template');
  assert.equal(fetched.filter(worker).length, 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a spreadsheet module that cannot be loaded is told in Chinese, and the scenario is untouched', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
  // As on a server where only the page's own files were copied.
  await context.route('**/kaoping-sheets-worker*', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const { page } = await openPage(context, server.url);
  const before = await stashed(page);
  await page.locator('#export-csv').click();
  await notice(page, '表格模块未能加载');
  await page.locator('#import-table-file').setInputFiles({ name: '填报.csv', mimeType: 'text/csv', buffer: Buffer.from('银行,贷款余额（亿元）\r\n工商银行,2345\r\n') });
  await page.locator('#notice', { hasText: /表格模块未能加载.*当前测算未作任何改变/ }).waitFor();
  assert.equal(await page.locator('.import-preview').count(), 0);
  // The share link is written by the module too.
  await page.locator('#copy-link').click();
  await notice(page, '未能生成分享链接：表格模块未能加载');
  assert.equal(await page.locator('#share-link').count(), 0);
  assert.equal(await stashed(page), before);
  assert.match(await status(page), /基准情景，未修改/);
  await context.close();
});

test('a bad file names each refused cell in Chinese and changes nothing', async () => {
  const { context, page, errors } = await freshPage();
  const before = await stashed(page);
  const bad = path.join(tmp, '有错.csv');
  await fs.writeFile(bad, '银行,贷款余额（亿元）\r\n工商银行,"12,3x"\r\n农业银行,300\r\n');
  await page.locator('#import-table-file').setInputFiles(bad);
  const problems = page.locator('#import-problems');
  await problems.waitFor();
  const listed = await problems.innerText();
  assert.match(listed, /有错\.csv!B2/);
  assert.match(listed, /不是数字/);
  assert.ok(await page.locator('#import-apply').isDisabled());
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-cancel', 'nothing to apply: 关闭 has the focus');
  await page.keyboard.press('Escape');
  await page.locator('.import-preview').waitFor({ state: 'detached' });
  assert.equal(await stashed(page), before);
  assert.match(await status(page), /基准情景，未修改/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The bureau's 报表 saved as CSV by Excel on Chinese Windows (GBK; tests/sheets/made/make.py): a title,
 * a 单位：万元 row, legal names, 序号/备注 columns, a merged group heading and a 合计 row. */
const GBK = path.join(ROOT, 'tests', 'sheets', 'made', 'bureau-gbk.csv');

test('a GBK CSV of the bureau\'s 报表 in 万元 is read, converted to 亿元 exactly, applied and undone', async () => {
  const { context, page, errors } = await freshPage();
  await page.locator('#import-table-file').setInputFiles(GBK);
  await page.locator('#import-changes').waitFor();
  const notes = await page.locator('#import-notes').innerText();
  assert.match(notes, /GBK/, notes);
  assert.match(notes, /合计/, 'the 合计 row is named as not read');
  assert.equal(await page.locator('#import-problems').count(), 0, 'nothing refused');
  const changes = await page.locator('#import-changes tbody tr').allInnerTexts();
  assert.equal(changes.length, 80, '16 banks × 5 figures');
  assert.ok(changes.some((c) => /农发行/.test(c) && /贷款余额/.test(c) && /400\.56 亿元/.test(c)), changes.slice(0, 5).join('\n'));
  assert.ok(changes.some((c) => /工商银行/.test(c) && /制造业/.test(c) && /61\.935862 亿元/.test(c)), 'a 万元 figure to 亿元 exactly');
  await page.locator('#import-apply').click();
  await notice(page, '已导入 80 项修改');
  assert.match(await stashed(page), /400\.56/);
  await page.locator('#notice-undo').click();
  await notice(page, '已撤销导入');
  assert.doesNotMatch(await stashed(page), /400\.56/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The bureau's 报表 (tests/sheets/made/make.py): headings the reader cannot place, one bank 待核实. */
const UNPLACED = path.join(ROOT, 'tests', 'sheets', 'made', 'bureau-unplaced-xlwt.xls');

/** Chooses what the preview's heading `n` is; waits for the file to be read again with it. */
async function mapHeading(page, n, value) {
  await page.locator(`#import-map-${n}`).selectOption(value);
  await page.locator('#import-summary', { hasNotText: '正在按所选的表头重新读取' }).waitFor();
  await page.waitForFunction(([id, v]) => document.querySelector(id)?.value === v, [`#import-map-${n}`, value]);
}

/** Whether `selector`'s box lies inside the viewport. */
async function inView(page, selector) {
  const box = await page.locator(selector).boundingBox();
  const { width, height } = page.viewportSize();
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
}

for (const width of [1280, 375]) {
  test(`a bureau 报表 at ${width} px: its headings placed, the rest taken, the refused list downloaded, nothing typed lost`, async () => {
    const { context, page, errors } = await freshPage();
    await page.setViewportSize({ width, height: width > 600 ? 800 : 740 });
    // A figure typed for 农业银行, whose 各项贷款 the 报表 has as 待核实.
    await page.locator('#bank-select').selectOption('abc');
    await page.locator('#f-abc-loans').fill('333');
    await page.waitForFunction(() => document.querySelector('#scenario-unsaved'));
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('kaoping/tab/')
      && (localStorage.getItem(k) ?? '').includes('333')));
    const typed = await stashed(page);

    // Read, asked about, cancelled: nothing changes.
    await page.locator('#import-table-file').setInputFiles(UNPLACED);
    const headings = page.locator('#import-headings li');
    await headings.first().waitFor();
    assert.deepEqual(await page.locator('#import-headings .heading-text').allInnerTexts(),
      ['普惠型小微企业贷款余额', '涉农贷款余额']);
    assert.match(await page.locator('#import-headings').innerText(), /报表!D3/);
    assert.match(await page.locator('#import-summary').innerText(), /无法读取/);
    await page.locator('#import-cancel').click();
    await page.locator('.import-preview').waitFor({ state: 'detached' });
    assert.equal(await page.locator('#f-abc-loans').inputValue(), '333');
    assert.equal(await stashed(page), typed);

    // Read again: each heading placed (the file read again each time), what is refused said and why.
    await page.locator('#import-table-file').setInputFiles(UNPLACED);
    await headings.first().waitFor();
    await mapHeading(page, 0, 'inclusive_loans');
    await mapHeading(page, 1, 'ignore');
    const problems = await page.locator('#import-problems').innerText();
    assert.match(problems, /报表!C6/);
    assert.match(problems, /待核实/);
    assert.doesNotMatch(problems, /表头|D3|E3/, 'placed headings are no longer refused');
    const changes = await page.locator('#import-changes tbody tr').allInnerTexts();
    assert.ok(changes.some((c) => /工商银行/.test(c) && /普惠小微/.test(c) && /49\.54869 亿元/.test(c)), changes.join('\n'));
    assert.ok(!changes.some((c) => /农业银行/.test(c) && /贷款余额/.test(c)), 'the refused cell is not among the changes');
    const summary = await page.locator('#import-summary').innerText();
    assert.match(summary, new RegExp(`有 1 处无法读取.*只导入其余 ${changes.length} 项`));
    assert.equal(await page.locator('#import-rest').innerText(), `导入其余 ${changes.length} 项`);
    assert.ok(await page.locator('#import-apply').isDisabled(), 'all or nothing: not all');
    assert.ok(await inView(page, '#import-rest'), 'the buttons stay in view');
    assert.ok(await inView(page, '#import-refused'));
    await saveScreenshot(page, `import-preview-${width}.png`);

    // The refused list, as a CSV file.
    const list = await download(page, '#import-refused');
    assert.equal(list.name, '未导入清单-bureau-unplaced-xlwt.csv');
    const rows = parseCsv((await fs.readFile(list.to, 'utf8')).replace(/^\uFEFF/, ''));
    assert.deepEqual(rows[0], ['文件', '位置', '原因']);
    assert.equal(rows.length, 2, JSON.stringify(rows));
    assert.equal(rows[1][1], '报表!C6');
    assert.match(rows[1][2], /待核实/);

    // The rest, over the typed figure: asked first, then one step, the refused cell left as it was.
    await page.locator('#import-rest').click();
    await page.locator('#prompt-discard').click();
    await notice(page, `已导入其余 ${changes.length} 项修改`);
    assert.match(await page.locator('#notice').innerText(), /1 处无法读取/);
    assert.equal(await page.locator('#f-abc-loans').inputValue(), '333', 'the refused cell keeps what was typed');
    assert.match(await stashed(page), /412\.90575/);
    await saveScreenshot(page, `import-rest-${width}.png`);
    const again = await download(page, '#notice-refused');
    assert.equal(again.name, list.name);
    await page.locator('#notice-undo').click();
    await notice(page, '已撤销导入');
    assert.equal(await stashed(page), typed);

    // Next time the headings are placed from memory, marked, and can be forgotten.
    await page.locator('#import-table-file').setInputFiles(UNPLACED);
    await page.locator('#import-problems', { hasText: '报表!C6' }).waitFor();
    assert.equal(await page.locator('#import-map-0').inputValue(), 'inclusive_loans');
    assert.equal(await page.locator('#import-headings .remembered').count(), 2);
    await page.locator('#import-headings li').first().getByRole('button', { name: '忘记' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#import-headings .remembered').length === 1);
    await page.keyboard.press('Escape');
    await page.locator('.import-preview').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

/** Copies the share link: from the clipboard, or from the box shown when copying is not allowed. */
async function copyLink(page) {
  await page.locator('#copy-link').click();
  const shown = page.locator('#share-link');
  // Whichever comes; the other wait is dropped quietly.
  await Promise.race([notice(page, '分享链接已复制').catch(() => {}), shown.waitFor().catch(() => {})]);
  if (await shown.count()) return shown.inputValue();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('a share link opens on the sender\'s bank; one copied on legacy.html names index.html', async () => {
  const { context, page, errors } = await freshPage(`${server.url}legacy.html`);
  await page.locator('#bank-select').selectOption('icbc');
  await page.locator('#f-icbc-loans').fill('2,100');
  await page.waitForFunction(() => document.querySelector('#scenario-unsaved'));
  const link = await copyLink(page);
  assert.ok(link.startsWith(`${server.url}index.html#s=1.`) && link.endsWith('&b=icbc'), link);
  const other = await freshPage(link);
  await notice(other.page, '已打开分享链接中的测算');
  assert.equal(await other.page.locator('#bank-select').inputValue(), 'icbc', 'opens on the sender\'s bank');
  assert.equal(await other.page.locator('#f-icbc-loans').inputValue(), '2100');
  assert.ok(other.page.url().startsWith(`${server.url}index.html`), other.page.url());
  assert.deepEqual(errors, []);
  await other.context.close();
  await context.close();
});

test('a link the browser will not copy once the spreadsheet module has written it is shown to copy by hand, at 1280 and 375 px', async () => {
  for (const width of [1280, 375]) {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 800 } });
    // The module writes the link, so the copy comes after the click; Firefox and Safari may then
    // refuse it as not following a user gesture. Refused here every time, as they would.
    await context.addInitScript(() => {
      if (globalThis.Clipboard) {
        Clipboard.prototype.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      }
    });
    const { page, errors } = await openPage(context, server.url);
    if (width < 600) await page.locator('#tools-menu').click();
    await page.locator('#bank-select').selectOption('icbc');
    await page.locator('#f-icbc-loans').fill('2,100');
    await page.waitForFunction(() => document.querySelector('#scenario-unsaved'));
    await page.locator('#copy-link').click();
    const shown = page.locator('#share-link');
    await shown.waitFor();
    assert.ok(await shown.isVisible(), `${width} px: the link is on screen`);
    assert.match(await page.locator('.share-link').innerText(), /分享链接已生成，但浏览器未允许自动复制。请手动复制此链接/);
    assert.equal(await page.locator('#notice', { hasText: '分享链接已复制' }).count(), 0, 'not said to be copied');
    await shown.click();
    assert.equal(await page.evaluate(() => {
      const input = document.querySelector('#share-link');
      return input.value.slice(input.selectionStart, input.selectionEnd) === input.value;
    }), true, 'clicking the box selects the whole link');
    await saveScreenshot(page, `share-link-by-hand-${width}.png`);
    const link = await shown.inputValue();
    assert.ok(link.startsWith(`${server.url}#s=1.`) && link.endsWith('&b=icbc'), link);
    const other = await freshPage(link);
    await notice(other.page, '已打开分享链接中的测算');
    assert.equal(await other.page.locator('#f-icbc-loans').inputValue(), '2100');
    assert.deepEqual(other.errors, []);
    await other.context.close();
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a share link opens the identical scenario in a new page; a cut link says so', async () => {
  const { context, page, errors } = await freshPage();
  await page.locator('#f-adbc-loans').fill('1,000');
  await page.locator('#f-adbc-sme_loans').fill('77.5');
  await page.waitForFunction(() => document.querySelector('#scenario-unsaved'));
  const total = await page.locator('#summary-total').innerText();
  const link = await copyLink(page);
  assert.ok(link.startsWith(server.url) && link.includes('#s=1.'), link);
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('kaoping/tab/')
    && localStorage.getItem(k).includes('77.5')));
  const mine = await stashed(page);

  const other = await freshPage(link);
  await notice(other.page, '已打开分享链接中的测算');
  await other.page.waitForFunction((m) => Object.keys(localStorage).filter((k) => k.startsWith('kaoping/tab/'))
    .some((k) => { try { return JSON.parse(localStorage.getItem(k)).scenario === m; } catch { return false; } }), mine);
  assert.equal(await stashed(other.page), mine);
  assert.equal(await other.page.locator('#summary-total').innerText(), total);
  assert.equal(new URL(other.page.url()).hash, '', 'the fragment is taken off the address');

  // The same link over unsaved work asks first; 取消 keeps the work.
  await other.page.locator('#f-adbc-loans').fill('5');
  await other.page.waitForFunction(() => document.querySelector('#f-adbc-loans').value === '5');
  await other.page.evaluate((hash) => { location.hash = hash; }, new URL(link).hash);
  await other.page.locator('#prompt', { hasText: '打开分享链接' }).waitFor();
  await other.page.locator('#prompt-cancel').click();
  assert.equal(await other.page.locator('#f-adbc-loans').inputValue(), '5');
  assert.deepEqual(other.errors, []);
  await other.context.close();

  // Cut short, as a chat program might.
  const cut = await freshPage(link.slice(0, link.length - 25));
  await notice(cut.page, '链接已损坏或不完整');
  assert.match(await status(cut.page), /基准情景，未修改/);
  await cut.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tab-separated block pasted into 全市总览 is previewed and applied', async () => {
  const { context, page, errors } = await freshPage();
  await page.locator('#tab-city').click();
  const box = page.locator('#cf-icbc-loans');
  await box.waitFor();
  await box.focus();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '111\t22\n333\t44\n');
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.locator('.import-preview').waitFor();
  const changes = await page.locator('#import-changes tbody tr').allInnerTexts();
  assert.equal(changes.length, 4, changes.join('\n'));
  assert.match(changes[0], /工商银行[\s\S]*111[\s\S]*粘贴内容!A1/);
  await page.locator('#import-apply').click();
  await notice(page, '已导入 4 项修改');
  await page.waitForFunction(() => document.querySelector('#cf-icbc-loans')?.value === '111');
  assert.equal(await page.locator('#cf-icbc-sme_loans').inputValue(), '22');
  assert.equal(await page.locator('#cf-abc-loans').inputValue(), '333');
  assert.deepEqual(errors, []);
  await context.close();
});

test('对比 of two saved scenarios shows the band moves', async () => {
  const { context, page, errors } = await freshPage();
  const saveAs = async (name) => {
    await page.locator('#scenario-name-input').fill(name);
    await page.locator('#save-as').click();
    await notice(page, `已保存“${name}”`);
  };
  await saveAs('甲');
  await page.locator('#f-adbc-loans').fill('1,000');
  await page.waitForFunction(() => document.querySelector('#scenario-unsaved'));
  await saveAs('乙');
  await page.locator('#tab-compare').click();
  await page.locator('#compare-other').selectOption({ label: '已保存：甲' });
  const moved = page.locator('#compare-table tr.moved', { hasText: '农发行' });
  await moved.waitFor();
  assert.match(await moved.locator('.band-move').innerText(), /→.*↑/);
  assert.deepEqual(errors, []);
  await context.close();
});
