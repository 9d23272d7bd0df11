// The built modules: every .wasm under build/ validates with wabt, and the
// kernel's import boundary is the same in host_imports.h, in the host shim
// (host-shim/imports.js) and in kernel.wasm's import section.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kernelImports } from '../../host-shim/imports.js';
import { IRQ } from '../../host-shim/devices/irq.js';
import { createInputRing } from '../../host-shim/devices/console.js';

const ROOT = new URL('../../', import.meta.url);
const KERNEL = fileURLToPath(new URL('build/wasm32/kernel.wasm', ROOT));
const HEADER = new URL('arch/wasm32/include/host_imports.h', ROOT);

/**
 * Every *.wasm under build/ (test scratch space excluded). Other builds run
 * at the same time, so a directory that vanishes mid-walk is skipped.
 */
function builtModules(rel = '') {
  let entries;
  try {
    entries = readdirSync(fileURLToPath(new URL(`build/${rel}`, ROOT)), { withFileTypes: true });
  } catch (e) {
    if (e.code === 'ENOENT') return [];
    throw e;
  }
  return entries.flatMap((d) => {
    const path = `${rel}${d.name}`;
    if (d.isDirectory()) return path === 'test' ? [] : builtModules(`${path}/`);
    return d.name.endsWith('.wasm') ? [`build/${path}`] : [];
  });
}

/** "module.name" of every HOST_IMPORT(module, name) declaration in the header. */
function headerImports() {
  const text = readFileSync(HEADER, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const names = [...text.matchAll(/^HOST_IMPORT\(\s*(\w+)\s*,\s*(\w+)\s*\)/gm)]
    .map((m) => `${m[1]}.${m[2]}`);
  if (names.length === 0) throw new Error('no HOST_IMPORT declarations found in host_imports.h');
  return names.sort();
}

/** "module.name" of every function the host shim provides. */
function shimImports() {
  const fake = { memory: new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }),
                 post: () => {}, cmdline: '', startMs: 0, consoleRing: createInputRing() };
  const out = [];
  for (const [mod, fns] of Object.entries(kernelImports(fake))) {
    for (const [name, value] of Object.entries(fns)) {
      if (mod === 'env' && name === 'memory') continue;
      if (typeof value !== 'function') throw new Error(`${mod}.${name} is not a function`);
      out.push(`${mod}.${name}`);
    }
  }
  return out.sort();
}

/** "NAME=line" of every #define IRQ_NAME N in the header. */
function headerIrqs() {
  const text = readFileSync(HEADER, 'utf8');
  return [...text.matchAll(/^#define IRQ_(\w+)\s+(\d+)/gm)].map((m) => `${m[1].toLowerCase()}=${m[2]}`).sort();
}

function diff(a, b) {
  return a.filter((x) => !b.includes(x));
}

export const tests = [
  ...builtModules().map((path) => ({
    name: `validate/${path}`,
    fn: () => execFileSync('wasm-validate', ['--enable-threads', fileURLToPath(new URL(path, ROOT))]),
  })),
  {
    name: 'imports/header-matches-host-shim',
    fn: () => {
      const h = headerImports(), s = shimImports();
      const missing = diff(h, s), extra = diff(s, h);
      if (missing.length || extra.length)
        throw new Error(`not in host-shim: [${missing}]; not in host_imports.h: [${extra}]`);
    },
  },
  {
    name: 'imports/irq-lines-match-host-shim',
    fn: () => {
      const h = headerIrqs(), s = Object.entries(IRQ).map(([k, v]) => `${k}=${v}`).sort();
      if (h.length === 0) throw new Error('no IRQ_* lines in host_imports.h');
      if (h.join() !== s.join()) throw new Error(`host_imports.h [${h}] vs devices/irq.js [${s}]`);
    },
  },
  {
    name: 'imports/kernel-wasm-within-header',
    fn: () => {
      const mod = new WebAssembly.Module(readFileSync(KERNEL));
      const used = WebAssembly.Module.imports(mod)
        .filter((i) => !(i.module === 'env' && i.name === 'memory' && i.kind === 'memory'))
        .map((i) => `${i.module}.${i.name}`);
      const undeclared = diff(used, headerImports());
      if (undeclared.length) throw new Error(`kernel.wasm imports undeclared: [${undeclared}]`);
      if (used.length === 0) throw new Error('kernel.wasm imports no host function');
    },
  },
];
