// Issue 19: every .js that dist/ ships parses at the ES level the oldest supported engines read, so that
// no file fails on them before its own error handling can run (www/boot.js used top-level await, which
// Chromium parses only from 89, and the loading line then never changed).
//
// - boot.js, the guard that must always be able to say why the page cannot start: ES5, a classic
//   script, so that even an IE core (360's 兼容模式) runs it.
// - start.js and the page's wasm-bindgen glue: ES2020 modules (dynamic import, optional chaining),
//   which Chromium 80 and Firefox 74 read; the floor is Chromium 86 and Firefox ESR 78.
// - the spreadsheet module's loader and glue: classic worker scripts (importScripts), ES2017.
// A file that matches none of these fails the test, so that a new file gets a level on purpose.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as acorn from 'acorn';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(ROOT, 'dist');

const LEVELS = [
  { name: /^boot-[0-9a-f]+\.js$/, ecmaVersion: 5, sourceType: 'script' },
  { name: /^start-[0-9a-f]+\.js$/, ecmaVersion: 2020, sourceType: 'module' },
  { name: /^kaoping-web-[0-9a-f]+\.js$/, ecmaVersion: 2020, sourceType: 'module' },
  { name: /^kaoping-sheets-worker(_loader)?\.js$/, ecmaVersion: 2017, sourceType: 'script' },
];

const files = (await fs.readdir(DIST)).filter((n) => n.endsWith('.js')).sort();

test('dist/ ships the files this test knows', () => {
  for (const level of LEVELS) {
    assert.ok(files.some((n) => level.name.test(n)), `a file like ${level.name} in dist/: ${files}`);
  }
});

for (const file of files) {
  test(`dist/${file} parses at its ES level`, async () => {
    const level = LEVELS.find((l) => l.name.test(file));
    assert.ok(level, `dist/${file}: no ES level chosen for it (add it to LEVELS in ${path.basename(import.meta.url)})`);
    const source = await fs.readFile(path.join(DIST, file), 'utf8');
    try {
      acorn.parse(source, { ecmaVersion: level.ecmaVersion, sourceType: level.sourceType });
    } catch (error) {
      const around = source.slice(Math.max(0, error.pos - 60), error.pos + 20);
      assert.fail(`dist/${file} is not ES${level.ecmaVersion} (${level.sourceType}): ${error.message} near ${JSON.stringify(around)}`);
    }
  });
}

test('the level is a real bound: newer syntax is refused at it', () => {
  // Top-level await (ES2022) in a module, as boot.js had; `let` in an ES5 script; `?.` below ES2020.
  assert.throws(() => acorn.parse('await import("./x.js");', { ecmaVersion: 2020, sourceType: 'module' }));
  assert.throws(() => acorn.parse('let a = 1;', { ecmaVersion: 5, sourceType: 'script' }));
  assert.throws(() => acorn.parse('a?.b;', { ecmaVersion: 2017, sourceType: 'script' }));
});
