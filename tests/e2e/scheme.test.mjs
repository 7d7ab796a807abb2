// 规则与设置 › 考评方案 (issue 18): a bad scheme file is refused with its place and changes nothing; the
// synthetic 2025 scheme is previewed against the built-in 2024 one, adopted, kept across a reload, and
// the working copy is scored under it with a notice that it was made under 2024; the built-in scheme is
// restored. At a desktop's width and a phone's.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startSuite, stopSuite, openPage, saveScreenshot, ROOT } from './harness.mjs';

let server;
let browser;

before(async () => ({ server, browser } = await startSuite()));

after(() => stopSuite(server, browser));

const SCHEME_2025 = path.join(ROOT, 'tests', 'schemes', '2025-synthetic.scheme.json');

for (const [width, height, tag] of [[1280, 900, 'desktop'], [375, 800, 'phone']]) {
  test(`a scheme file is previewed, adopted, kept and restored (${tag})`, async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height } });
    const { page, errors } = await openPage(context, server.url);
    try {
      assert.match(await page.locator('#scheme-subtitle').innerText(), /2024年度.*黄政办发〔2024〕10号/);
      await page.locator('#f-adbc-loans').fill('321');
      await page.locator('#tab-settings').click();
      assert.match(await page.locator('#scheme-in-force-label').innerText(), /2024年度/);
      assert.equal(await page.locator('#scheme-restore').count(), 0, 'the built-in scheme is in force');

      // A file that is not a scheme: refused, with the place.
      const good = await fs.readFile(SCHEME_2025, 'utf8');
      const bad = good.replace('"year": 2025', '"year": "二〇二五"');
      assert.notEqual(bad, good);
      await page.locator('#scheme-file').setInputFiles({ name: '坏方案.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
      await page.locator('#scheme-refusal').waitFor();
      assert.match(await page.locator('#scheme-refusal').innerText(), /year/);
      assert.equal(await page.locator('#scheme-adopt').count(), 0);

      // The 2025 file: how it differs from the scheme in force.
      await page.locator('#scheme-file').setInputFiles(SCHEME_2025);
      await page.locator('#scheme-differences').waitFor();
      const differences = await page.locator('#scheme-differences').innerText();
      assert.match(differences, /光大/);
      assert.match(await page.locator('#scheme-adopt').innerText(), /2025年度/);
      await saveScreenshot(page, `scheme-preview-${tag}.png`, { fullPage: true });

      // 采用: the page starts again under it; the working copy is kept and told where it came from.
      await Promise.all([page.waitForEvent('load'), page.locator('#scheme-adopt').click()]);
      await page.locator('#summary-total').waitFor();
      assert.match(await page.locator('#scheme-subtitle').innerText(), /2025年度.*测试〔2025〕1号/);
      assert.match(await page.locator('#scheme-mismatch').innerText(), /2024年度.*2025年度/s);
      assert.equal(await page.locator('#bank-select option').count(), 15, '光大银行 is not on the 2025 list');
      assert.equal(await page.locator('#f-adbc-loans').inputValue(), '321');
      await page.locator('#tab-settings').click();
      assert.match(await page.locator('#scheme-in-force-label').innerText(), /2025年度/);
      await saveScreenshot(page, `scheme-adopted-${tag}.png`, { fullPage: true });

      // Kept across a reload.
      await page.reload();
      await page.locator('#summary-total').waitFor();
      assert.match(await page.locator('#scheme-subtitle').innerText(), /2025年度/);

      // The built-in scheme comes back.
      await page.locator('#tab-settings').click();
      await Promise.all([page.waitForEvent('load'), page.locator('#scheme-restore').click()]);
      await page.locator('#summary-total').waitFor();
      assert.match(await page.locator('#scheme-subtitle').innerText(), /2024年度.*黄政办发〔2024〕10号/);
      assert.equal(await page.locator('#bank-select option').count(), 16);
      assert.equal(await page.locator('#f-adbc-loans').inputValue(), '321');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}
