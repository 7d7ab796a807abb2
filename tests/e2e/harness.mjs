// The end-to-end harness: a tiny static server for dist/ that the tests start and stop
// themselves, and a headless Chromium (the system's, through playwright-core).
//
// dist/ is served under a sub-path (/some/where/) to prove that the build works under any path
// of any static server: every asset URL in it must be relative.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const SUB_PATH = '/some/where/';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves dist/ (or another build, `dir`) at http://127.0.0.1:<free port>/some/where/. Resolves to
 * { url, close }. `headers(file)`, if given, adds response headers for a file of the build (e.g.
 * `legacy.html`).
 */
export async function serveDist({ dir = DIST, headers } = {}) {
  dir = path.resolve(dir);
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(SUB_PATH)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length)) || 'index.html';
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        ...headers?.(path.relative(dir, file)),
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${SUB_PATH}`,
    // Keep-alive connections of a browser that is gone (or hangs) would hold close() open.
    close: () => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    }),
  };
}

/**
 * What every test file starts with: a server for dist/ and a browser. Used as
 * `before(async () => ({ server, browser } = await startSuite()));` and
 * `after(() => stopSuite(server, browser));`.
 */
export async function startSuite() {
  return { server: await serveDist(), browser: await launchBrowser() };
}

/** Closes what `startSuite` started (either may be missing when starting failed). */
export async function stopSuite(server, browser) {
  await browser?.close();
  await server?.close();
}

/** The system Chromium, headless, with no background traffic of its own. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A page that records every request and every console error, so tests can check that nothing
 * left the origin and that nothing went wrong quietly.
 */
export async function openPage(context, url) {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  await page.locator('#summary-total').waitFor();
  // The rest of 本行测算's form (and 目标测算's panel) is drawn once the first frame is on screen.
  await page.locator('#section-target').waitFor({ state: 'attached' });
  // The next band is worked out once the page first settles (a moment after the first total); until
  // then the summary says it is on its way (aria-busy).
  await page.locator('#summary-next-band[aria-busy="true"]').waitFor({ state: 'detached' });
  return { page, requests, errors };
}

/** Where screenshots and printed PDFs are kept; written only with UPDATE_SCREENSHOT=1. */
export const SHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');
export const UPDATE_SCREENSHOT = process.env.UPDATE_SCREENSHOT === '1';

/**
 * Saves a screenshot under tests/e2e/screenshots/ when UPDATE_SCREENSHOT=1, so that a person can look
 * at it; the tests themselves assert what is visible and where, never pixels.
 */
export async function saveScreenshot(page, name, options = {}) {
  if (!UPDATE_SCREENSHOT) return null;
  await fs.mkdir(SHOTS, { recursive: true });
  const file = path.join(SHOTS, name);
  await page.screenshot({ path: file, ...options });
  return file;
}

/**
 * The text of a PDF, by poppler-utils' pdftotext: `text` laid out as printed (a table row stays on
 * one line), `flow` in reading order (a paragraph stays whole), the page count and the page size.
 * Fails with what to install when pdftotext is missing (`cargo xtask test` installs it).
 */
export async function pdfText(buffer) {
  const { execFile } = await import('node:child_process');
  const os = await import('node:os');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kaoping-pdf-'));
  const file = path.join(dir, 'print.pdf');
  await fs.writeFile(file, buffer);
  const run = (program, args) => new Promise((resolve, reject) => {
    execFile(program, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error?.code === 'ENOENT') {
        reject(new Error(`${program} not found: the print tests read PDFs with Debian's poppler-utils ` +
          '(apt-get install poppler-utils; `cargo xtask test` installs it)'));
      } else if (error) {
        reject(error);
      } else {
        resolve(stdout);
      }
    });
  });
  try {
    const text = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
    // Without -layout, pdftotext follows the reading order of blocks: a wrapped paragraph beside a
    // column of figures comes out whole.
    const flow = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    const info = await run('pdfinfo', [file]);
    const size = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
    const pages = Number(info.match(/Pages:\s+(\d+)/)?.[1] ?? 0);
    return { text, flow, pages, width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Text with every space and line break removed, for finding a phrase that a PDF wrapped. */
export const squeeze = (text) => text.replace(/\s+/g, '');

/**
 * axe-core's findings on the page as it is now, served from the test (not the page), so the page's
 * own policy is untouched. Returns the serious and critical violations, each with its nodes.
 */
export async function axeViolations(page) {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
    // govern (an injected <script> tag would be refused, as it should be).
    const source = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(source);
  }
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}
