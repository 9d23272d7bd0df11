#!/usr/bin/env node
// Build step of `make web`: put <link rel="modulepreload"> tags for every
// module the page's main thread imports (followed from web/main.js through
// static imports), and a preload for each optional payload present, into
// build/web/index.html in place of its "<!-- preloads -->" marker. The
// browser then fetches the whole module graph at once instead of one
// import level after another.
//   node web/preload.mjs WEB_DIR ENTRY.js... [--payload FILE]...

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT = /^\s*(?:import|export)\s[^'"]*?\sfrom\s+['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/gm;

/**
 * Every module reachable from `entries` (absolute paths) through relative
 * static or literal dynamic imports outside comments, entries excluded, in
 * discovery order.
 */
export function moduleGraph(entries) {
  const seen = new Set(entries);
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift();
    const code = readFileSync(file, 'utf8') // JSDoc types say import('...') too
      .replace(/\/\*[^]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(IMPORT)) {
      const dep = resolve(dirname(file), m[1] ?? m[2]);
      if (!seen.has(dep) && existsSync(dep)) { seen.add(dep); queue.push(dep); }
    }
  }
  return [...seen].filter((f) => !entries.includes(f));
}

/** The tags for `modules` and `payloads` (paths relative to `dir`). */
export function preloadTags(dir, modules, payloads) {
  const rel = (f) => relative(dir, f).split('\\').join('/');
  return [
    ...modules.map((f) => `<link rel="modulepreload" href="${rel(f)}">`),
    ...payloads.map((f) => `<link rel="preload" href="${rel(f)}" as="fetch" crossorigin>`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, ...rest] = process.argv.slice(2);
  const entries = [], payloads = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--payload') payloads.push(resolve(dir, rest[++i]));
    else entries.push(resolve(dir, rest[i]));
  }
  const html = join(dir, 'index.html');
  const text = readFileSync(html, 'utf8');
  if (!text.includes('<!-- preloads -->')) throw new Error(`${html}: no <!-- preloads --> marker`);
  writeFileSync(html, text.replace('<!-- preloads -->', preloadTags(resolve(dir), moduleGraph(entries), payloads)));
}
