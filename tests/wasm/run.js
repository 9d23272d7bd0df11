// Runner of the wasm tier: runs every test of the *.test.js files here (or
// in the directory argv[3], for other Node tiers such as p9), one at a time,
// each under a time limit, and writes "PASS name" / "FAIL name: why" lines
// (prefixed with the directory's name) to stdout and the results file (argv[2]).
// A test is { name, timeoutMs?, fn } and passes when fn's promise resolves.

import { appendFileSync, writeFileSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withTimeout } from '../e2e/harness.mjs';

const DEFAULT_TIMEOUT_MS = 20000;
const here = process.argv[3] ? pathToFileURL(`${resolve(process.argv[3])}/`) : new URL('.', import.meta.url);
const tier = basename(here.pathname);
const resultsFile = process.argv[2];
if (!resultsFile) throw new Error('usage: run.js RESULTS_FILE [TEST_DIR]');
writeFileSync(resultsFile, '');

function report(line) {
  console.log(line);
  appendFileSync(resultsFile, `${line}\n`);
}

const files = readdirSync(here).filter((f) => f.endsWith('.test.js')).sort();
for (const file of files) {
  let tests;
  try {
    ({ tests } = await import(new URL(file, here)));
  } catch (e) {
    report(`FAIL ${tier}/${file}: could not load: ${e.message}`);
    continue;
  }
  for (const t of tests) {
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      report(`PASS ${tier}/${t.name}`);
    } catch (e) {
      report(`FAIL ${tier}/${t.name}: ${String(e.message).split('\n').join(' | ')}`);
    }
  }
}
