// Issue 19: every dist/*.wasm compiles and evaluates a scenario in V8 8.4 (Node 14.21.3, the engine of
// Chrome 84–86, the 信创 browsers' core) and in V8 9.4 (Node 16.13.0, Chrome 94). Both refused the
// build before (reference types). run-wasm.cjs does the work inside the old Node; this file judges
// what it printed against the engine's expected results (tests/scenarios/*.expected.txt).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const DIST = path.join(ROOT, 'dist');
const SCENARIOS = path.join(ROOT, 'tests', 'scenarios');

// The third is V8 8.4 with bulk memory switched off, as Firefox ESR 78 has none: it must refuse the
// standard wasm and run the copies without bulk memory (*_bg.nobulk.wasm, `cargo xtask old-engines`).
const ENGINES = [
  { name: 'Node 14.21.3 (V8 8.4)', dir: 'node-v8-8.4', v8: /^8\.4\./, flags: [], bulkMemory: true },
  { name: 'Node 16.13.0 (V8 9.4)', dir: 'node-v8-9.4', v8: /^9\.4\./, flags: [], bulkMemory: true },
  {
    name: 'Node 14.21.3 (V8 8.4) without bulk memory, as Firefox ESR 78',
    dir: 'node-v8-8.4',
    v8: /^8\.4\./,
    flags: ['--no-experimental-wasm-bulk-memory'],
    bulkMemory: false,
  },
];

/** `bank id → { total, rank }` from an expected-results file. */
async function expected(name) {
  const text = await fs.readFile(path.join(SCENARIOS, name), 'utf8');
  const banks = new Map();
  for (const [, id, total, rank] of text.matchAll(/^(\w+) total=([\d.]+) rank=(\d+)/gm)) {
    banks.set(id, { total: Number(total), rank: Number(rank) });
  }
  return banks;
}

/** `short name → id` from the scheme's annex data. */
async function bankIds() {
  const annexes = JSON.parse(await fs.readFile(path.join(ROOT, 'crates/kaoping-engine/data/2024/annexes.json'), 'utf8'));
  return new Map(annexes.banks.map((b) => [b.short_name, b.id]));
}

function run(node, flags) {
  return new Promise((resolve, reject) => {
    execFile(node, [...flags, path.join(HERE, 'run-wasm.cjs'), DIST, path.join(SCENARIOS, 'full-16-banks.scenario.json')],
      { maxBuffer: 16 * 1024 * 1024, timeout: 240_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${node}: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop()));
      });
  });
}

for (const engine of ENGINES) {
  test(`${engine.name}: every dist/*.wasm compiles, the spreadsheet module and the page evaluate a scenario`, { timeout: 300_000 }, async () => {
    const node = path.join(HERE, 'node_modules', engine.dir, 'bin', 'node');
    await fs.access(node).catch(() => {
      throw new Error(`${node} is missing: run \`npm ci\` in tests/old-engines (cargo xtask test does)`);
    });
    const found = await run(node, engine.flags);
    assert.match(found.v8, engine.v8, 'the engine is the one named');
    assert.equal(found.bulkMemory, engine.bulkMemory, 'the probe of www/start.js sees bulk memory or not');

    const wasm = (await fs.readdir(DIST)).filter((n) => n.endsWith('.wasm')).sort();
    const copies = wasm.filter((n) => n.endsWith('_bg.nobulk.wasm'));
    assert.ok(wasm.length >= 4 && copies.length * 2 === wasm.length, `the page's and the worker's wasm, each with its copy: ${wasm}`);
    assert.deepEqual(Object.keys(found.compiled).sort(), wasm);
    for (const name of wasm) {
      if (engine.bulkMemory || copies.includes(name)) {
        assert.equal(found.compiled[name], 'ok', `${name} compiles in ${engine.name}`);
      } else {
        assert.match(found.compiled[name], /DataCount|memory\.copy|bulk/i, `${name} needs bulk memory: ${found.compiled[name]}`);
      }
    }
    const chosen = (name) => (engine.bulkMemory ? /_bg\.wasm$/ : /_bg\.nobulk\.wasm$/).test(name);
    assert.ok(chosen(found.worker.wasm) && chosen(found.page.wasm), `the right copies: ${found.worker.wasm}, ${found.page.wasm}`);

    // The spreadsheet module: CSV导出 of the 16-bank scenario, every total and rank as the engine's.
    assert.ok(!found.worker.error, found.worker.error);
    assert.equal(found.worker.ready, 'ready');
    assert.equal(found.worker.id, 7, 'the answer names its job');
    assert.deepEqual(JSON.parse(found.worker.reply), { reply: 'file' });
    const [heading, ...rows] = found.worker.csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((r) => r.split(','));
    const [bank, total, rank] = ['银行', '总分', '名次'].map((h) => heading.indexOf(h));
    assert.ok(bank >= 0 && total >= 0 && rank >= 0, `columns 银行, 总分, 名次 in ${heading}`);
    const want = await expected('full-16-banks.expected.txt');
    const ids = await bankIds();
    assert.equal(rows.length, want.size, 'every bank');
    for (const row of rows) {
      const id = ids.get(row[bank]);
      assert.ok(want.has(id), `a bank of the scheme: ${row[bank]}`);
      assert.ok(Math.abs(Number(row[total]) - want.get(id).total) <= 0.005, `${id}: total ${row[total]} ≈ ${want.get(id).total}`);
      assert.equal(Number(row[rank]), want.get(id).rank, `${id}: rank`);
    }

    // The page: it started (the loading line is gone), shows the baseline's total for the bank
    // shown, and a figure typed into its loan balance box changes the total.
    assert.ok(!found.page.error, found.page.error);
    assert.equal(found.page.boot, 'removed', 'the wasm started and replaced the loading line');
    const baseline = await expected('template.expected.txt');
    const shown = found.page.field.match(/^f-(\w+)-loans$/)?.[1];
    assert.ok(baseline.has(shown), `the loan box of a bank: ${found.page.field}`);
    assert.ok(Math.abs(Number(found.page.before) - baseline.get(shown).total) <= 0.005,
      `the baseline total ${found.page.before} ≈ ${baseline.get(shown).total}`);
    assert.match(found.page.after, /^\d+\.\d\d$/);
    assert.ok(Number(found.page.after) > Number(found.page.before), `typing 1,000 亿元 raises the total: ${found.page.before} → ${found.page.after}`);
  });
}
