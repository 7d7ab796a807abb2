// Run by an old Node (14.21.3: V8 8.4, the engine of Chrome 84–86; 16.13.0: V8 9.4, Chrome 94) from
// wasm.test.mjs: `node run-wasm.cjs DIST SCENARIO`. CommonJS and ES2019 at most, so that Node 14
// reads this file itself. Prints one JSON line: what it found, for the test to judge.
//
// `node run-wasm.cjs DIST SCENARIO --time N` measures instead: the median time of the spreadsheet
// module's CSV job on SCENARIO (read the scenario, evaluate it, write the 全市 table) over N runs
// after 5 to warm up, in any Node, to compare builds and engines (README, "Old browser engines").
//
// 1. Compiles every DIST/*.wasm (`new WebAssembly.Module`), as the browser would.
// 2. The spreadsheet module: runs its glue as the worker's loader does (a classic script defining
//    `wasm_bindgen`) in a context shaped like a worker's global scope, starts it, and sends it the
//    job the page sends for CSV导出 with SCENARIO. The answer is the 全市 table: every bank's total
//    and rank, worked out by the engine in this V8.
// 3. The page: starts its glue and wasm as www/start.js does, in a DOM (jsdom), reads the total it
//    shows on its baseline, types a loan balance into the box of the bank shown and reads the total
//    again.
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const os = require('os');
const { pathToFileURL } = require('url');

const [dist, scenarioFile, timeFlag, timeRuns] = process.argv.slice(2);
// The module www/start.js and the worker's loader validate to choose between a wasm and its copy
// without bulk memory (*_bg.nobulk.wasm, for Firefox ESR 78); chosen here the same way.
const BULK_MEMORY = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11]);
const bulkMemory = WebAssembly.validate(BULK_MEMORY);
const pick = (name) => (bulkMemory ? name : name.replace(/_bg\.wasm$/, '_bg.nobulk.wasm'));
const result = { v8: process.versions.v8, bulkMemory, compiled: {}, worker: null, page: null };

function wasmFiles() {
  return fs.readdirSync(dist).filter((name) => name.endsWith('.wasm')).sort();
}

function compileAll() {
  for (const name of wasmFiles()) {
    try {
      new WebAssembly.Module(fs.readFileSync(path.join(dist, name)));
      result.compiled[name] = 'ok';
    } catch (error) {
      result.compiled[name] = String(error && error.message);
    }
  }
}

/** The spreadsheet module, answering the CSV export job for the scenario. */
function runWorker(runs) {
  const glueName = fs.readdirSync(dist).find((n) => /^kaoping-sheets-worker.*\.js$/.test(n) && !/_loader\.js$/.test(n));
  const wasmName = pick('kaoping-sheets-worker_bg.wasm');
  const posted = [];
  // What a dedicated worker's global scope gives the glue and the module's main().
  const scope = { postMessage: (message) => posted.push(message), console };
  scope.self = scope;
  scope.globalThis = scope;
  const context = vm.createContext(scope);
  for (const name of ['TextDecoder', 'TextEncoder', 'WebAssembly', 'Uint8Array', 'Array', 'Object', 'Error',
    'Promise', 'FinalizationRegistry', 'WeakRef', 'Symbol', 'Reflect', 'Function', 'Number', 'String']) {
    if (typeof global[name] !== 'undefined') scope[name] = global[name];
  }
  vm.runInContext(fs.readFileSync(path.join(dist, glueName), 'utf8'), context, { filename: glueName });
  // The loader's `wasm_bindgen(...)`, with the bytes instead of a fetch (a top-level `let`).
  const wasmBindgen = vm.runInContext('wasm_bindgen', context);
  wasmBindgen.initSync({ module: fs.readFileSync(path.join(dist, wasmName)) });
  const ready = posted.shift();
  const scenario = fs.readFileSync(scenarioFile, 'utf8');
  const job = JSON.stringify({ scenario, do: { job: 'csv' } });
  if (runs) {
    const times = [];
    for (let i = 0; i < runs + 5; i++) {
      const start = process.hrtime.bigint();
      scope.onmessage({ data: [i, job, new Uint8Array(0)] });
      if (i >= 5) times.push(Number(process.hrtime.bigint() - start) / 1e6);
      posted.length = 0;
    }
    times.sort((a, b) => a - b);
    return { runs, median_ms: times[Math.floor(runs / 2)], min_ms: times[0] };
  }
  scope.onmessage({ data: [7, job, new Uint8Array(0)] });
  const answer = posted.shift();
  result.worker = {
    wasm: wasmName,
    ready,
    id: answer && answer[0],
    reply: answer && answer[1],
    csv: answer && Buffer.from(answer[2]).toString('utf8'),
  };
}

/** The page in a DOM: its total, then the total after a figure is typed. */
async function runPage() {
  const { JSDOM } = require('jsdom');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  // The page's scripts are not run by jsdom: the glue is started below, as www/start.js does.
  const dom = new JSDOM(html, { url: 'http://127.0.0.1/some/where/', pretendToBeVisual: true });
  const { window } = dom;
  for (const name of Object.getOwnPropertyNames(window)) {
    if (!(name in global)) {
      try {
        global[name] = window[name];
      } catch (_) {
        // A getter that only works on the window itself.
      }
    }
  }
  global.window = window;
  global.document = window.document;
  global.navigator = window.navigator;
  const meta = window.document.querySelector('meta[name="kaoping-app"]');
  const glueName = path.basename(meta.getAttribute('data-js'));
  const wasmName = pick(path.basename(meta.getAttribute('data-wasm')));
  // Node 14 imports an ES module only from a .mjs file.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-glue-'));
  const glueCopy = path.join(dir, 'glue.mjs');
  fs.copyFileSync(path.join(dist, glueName), glueCopy);
  try {
    const glue = await import(pathToFileURL(glueCopy).href);
    await glue.default({ module_or_path: fs.readFileSync(path.join(dist, wasmName)) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
  await settle();
  const total = () => {
    const element = window.document.getElementById('summary-total');
    return element ? element.textContent : null;
  };
  const before = total();
  const bank = window.document.querySelector('select');
  const loans = window.document.querySelector('input[id$="-loans"]');
  let after = null;
  if (loans) {
    loans.focus();
    loans.value = '1,000';
    loans.dispatchEvent(new window.Event('input', { bubbles: true }));
    await settle();
    after = total();
  }
  result.page = {
    wasm: wasmName,
    boot: window.document.getElementById('boot') ? 'still there' : 'removed',
    before,
    after,
    bank: bank ? bank.value : null,
    field: loans ? loans.id : null,
  };
}

(async () => {
  if (timeFlag === '--time') {
    process.stdout.write(JSON.stringify({ v8: process.versions.v8, csv_job: runWorker(Number(timeRuns) || 50) }) + '\n');
    process.exit(0);
  }
  compileAll();
  try {
    runWorker();
  } catch (error) {
    result.worker = { error: String(error && error.stack) };
  }
  try {
    await runPage();
  } catch (error) {
    result.page = { error: String(error && error.stack) };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
})();
