#!/usr/bin/env node
// Merge the benchmark fragments in build/bench/*.json into one report:
// a table on the terminal, build/bench/results.json and build/bench/chart.svg.
//   node tests/bench/report.mjs [DIR]
//
// A fragment is a JSON array of measurements:
//   { "name": "boot to banner", "unit": "ms", "better": "lower",
//     "values": { "janux-aarch64": 130, "linux-aarch64": 1600 },
//     "baseline": "linux-aarch64", "runs": 5, "note": "median of 5" }
// Every Janux figure sits beside its peer from the same run; the ratio is
// janux / baseline (for "higher is better" figures, baseline / janux), so
// a ratio below 1 means Janux is faster.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Read and validate every fragment in dir (results.json excluded). */
export function loadFragments(dir) {
  const rows = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'results.json').sort()) {
    const data = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    if (!Array.isArray(data)) throw new Error(`${f}: not an array of measurements`);
    for (const m of data) {
      if (typeof m.name !== 'string' || typeof m.values !== 'object' || !m.unit)
        throw new Error(`${f}: measurement without name, unit or values`);
      rows.push({ source: f, better: 'lower', ...m });
    }
  }
  return rows;
}

/** The value-vs-baseline ratio of each Janux value of a measurement (of
 * every other value too, such as the native host's ceiling, with `all`). */
export function ratios(m, all = false) {
  const out = {};
  const base = m.values[m.baseline];
  if (!m.baseline || !(base > 0)) return out;
  for (const [k, v] of Object.entries(m.values)) {
    if (k === m.baseline || !(all || k.startsWith('janux')) || !(v > 0)) continue;
    out[k] = m.better === 'higher' ? base / v : v / base;
  }
  return out;
}

function fmt(v) {
  if (typeof v !== 'number') return '-';
  return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

/** The terminal table as a string. */
export function table(rows) {
  const lines = [];
  for (const m of rows) {
    const vals = Object.entries(m.values).map(([k, v]) => `${k} ${fmt(v)}`).join(', ');
    const r = Object.entries(ratios(m)).map(([k, v]) => `${k}/${m.baseline} = ${v.toFixed(2)}x`).join(', ');
    lines.push(`${m.name} [${m.unit}, ${m.better} is better]: ${vals}${r ? `  (${r})` : ''}`);
  }
  return lines.join('\n');
}

/** A horizontal bar chart of the ratios (log scale around 1x) as SVG text:
 * Janux's bars green (faster than the peer) or red, other systems' grey. */
export function chart(rows) {
  const bars = [];
  for (const m of rows) {
    for (const [k, v] of Object.entries(ratios(m, true)))
      bars.push({ label: `${m.name} (${k} / ${m.baseline})`, v, janux: k.startsWith('janux') });
  }
  const h = 24, w = 1100, mid = 830, scale = 90; // px per factor of 10
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const items = bars.map((b, i) => {
    const x = Math.log10(b.v) * scale;
    const y = 30 + i * h;
    const color = !b.janux ? '#aaa' : b.v <= 1 ? '#3c9' : '#d64';
    return `<text x="${mid - 190}" y="${y + 15}" font-size="12" text-anchor="end">${esc(b.label)}</text>` +
      `<rect x="${Math.min(mid, mid + x)}" y="${y + 3}" width="${Math.max(1, Math.abs(x))}" height="${h - 8}" fill="${color}"/>` +
      `<text x="${mid + Math.max(0, x) + 4}" y="${y + 15}" font-size="11">${b.v.toFixed(2)}x</text>`;
  });
  const height = 40 + bars.length * h;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${height}" font-family="sans-serif">` +
    `<text x="10" y="18" font-size="13">each system / its peer (left of the line: faster than the peer; grey: not Janux)</text>` +
    `<line x1="${mid}" y1="26" x2="${mid}" y2="${height}" stroke="#888"/>${items.join('')}</svg>\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] || 'build/bench';
  const rows = loadFragments(dir);
  if (rows.length === 0) {
    console.error('bench: no measurements were produced');
    process.exit(1);
  }
  writeFileSync(join(dir, 'results.json'), JSON.stringify({ date: new Date().toISOString(), results: rows }, null, 2));
  writeFileSync(join(dir, 'chart.svg'), chart(rows));
  console.log(table(rows));
  console.log(`\n${rows.length} measurements; ${dir}/results.json, ${dir}/chart.svg`);
}
