// What the browser tests of old engines share: the Chromium 86 binary, README's server headers, and a
// script that keeps the files the page hands to the browser as downloads.

import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');

/**
 * Headless Chromium 86.0.4240, as npm's chrome-aws-lambda 5.3.1 ships it (brotli-compressed inside
 * the package), unpacked once into tests/old-engines/.cache/. Returns its path.
 */
export async function chromium86() {
  const cache = path.join(HERE, '.cache');
  const binary = path.join(cache, 'chromium-86');
  if (existsSync(binary)) return binary;
  const packed = path.join(HERE, 'node_modules', 'chrome-aws-lambda', 'bin', 'chromium.br');
  await fs.access(packed).catch(() => {
    throw new Error(`${packed} is missing: run \`npm ci\` in tests/old-engines (cargo xtask test does)`);
  });
  await fs.mkdir(cache, { recursive: true });
  const bytes = await promisify(zlib.brotliDecompress)(await fs.readFile(packed));
  const partial = `${binary}.${process.pid}`;
  await fs.writeFile(partial, bytes, { mode: 0o755 });
  await fs.rename(partial, binary);
  return binary;
}

/** Chromium's flags for these tests: headless as root, no traffic of its own (not chrome-aws-lambda's
 * --single-process, which is for Lambda and hung here now and then under load). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The Content-Security-Policy headers README's nginx example sends: `index` for every file, `legacy`
 * for legacy.html. The tests serve dist/ with them, so that what README tells an administrator is
 * what the old browsers are tested under.
 */
export async function readmeHeaders() {
  const readme = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8');
  const nginx = readme.slice(readme.indexOf('```nginx'));
  const policies = [...nginx.slice(0, nginx.indexOf('```', 8)).matchAll(/add_header Content-Security-Policy "([^"]+)" always;/g)]
    .map((m) => m[1]);
  if (policies.length !== 2) throw new Error(`README's nginx example should set two policies, found ${policies.length}`);
  const [index, legacy] = policies;
  return (file) => ({ 'Content-Security-Policy': file === 'legacy.html' ? legacy : index });
}

/**
 * Run in the page before its own scripts (through the browser's automation, which the page's policy
 * does not govern): every Blob the page turns into a download link is kept in `window.__blobs`.
 */
export const KEEP_BLOBS = `(() => {
  window.__blobs = [];
  const create = URL.createObjectURL;
  URL.createObjectURL = function (blob) { window.__blobs.push(blob); return create.call(URL, blob); };
})();`;

/** The total the page shows, as text (e.g. "74.19"), or null. */
/**
 * An init script: `window.__totals` lists each total the summary shows while the page starts, as
 * `[kept, text]`, `kept` when it is the first frame kept from the last time (inside #boot, www/boot.js).
 */
export const RECORD_TOTALS = `window.__totals = [];
new MutationObserver(function () {
  var t = document.getElementById('summary-total');
  if (!t || !/\\d/.test(t.textContent)) return;
  var kept = !!t.closest('#boot'), last = window.__totals[window.__totals.length - 1];
  if (!last || last[0] !== kept) window.__totals.push([kept, t.textContent.trim()]);
}).observe(document, { childList: true, subtree: true, characterData: true });`;

export const TOTAL = () => {
  const element = document.getElementById('summary-total');
  return element ? element.textContent : null;
};

/**
 * Presses CSV导出 (written by the spreadsheet module, a web worker started now) and returns the 总分
 * of the bank `shortName` in the 全市 table it wrote. Works with either puppeteer (5.3 or 24).
 */
export async function exportedTotal(page, shortName) {
  await page.click('#export-csv');
  await page.waitForFunction(() => window.__blobs.length > 0, { timeout: 60_000 });
  const csv = await page.evaluate(() => window.__blobs[0].text());
  const [heading, ...rows] = csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((r) => r.split(','));
  return rows.find((r) => r[0] === shortName)?.[heading.indexOf('总分')];
}
