// Warming a task worker with a program module (host-shim/tasks/warm.js):
// the worker remembers the module's descriptor (so its first task needs no
// round trip for it) and has instantiated it once, over a throwaway memory
// that counts toward its budget; a module seen before, or a WASI module,
// makes no new memory.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { warmModule } from '../../host-shim/tasks/warm.js';
import { MemoryBudget } from '../../host-shim/tasks/mem-budget.js';
import { programLayout } from '../../host-shim/wasm-binary.js';

const PROGS = new URL('../../build/wasm32/tests/', import.meta.url);
const load = (name) => readFileSync(fileURLToPath(new URL(name, PROGS)));

export const tests = [
  {
    name: 'warm/program-described-and-instantiated-once',
    fn: () => {
      const bytes = load('t.wasm');
      const pages = programLayout(bytes, []).memory.initial;
      const module = new WebAssembly.Module(bytes);
      const env = { modules: new Map(), memBudget: new MemoryBudget() };
      warmModule(env, 5, module, pages);
      const desc = env.modules.get(5);
      if (!desc || desc.module !== module || !desc.asyncify) throw new Error('no descriptor for the warmed module');
      if (env.memBudget.count !== 1) throw new Error(`budget ${env.memBudget.count}, want 1 throwaway memory`);
      warmModule(env, 5, module, pages);
      if (env.memBudget.count !== 1) throw new Error('a module warmed twice');
    },
  },
  {
    name: 'warm/wasi-module-described-without-a-memory',
    fn: () => {
      const module = new WebAssembly.Module(load('wasi-t.wasm'));
      const env = { modules: new Map(), memBudget: new MemoryBudget() };
      warmModule(env, 9, module, 0);
      if (!env.modules.get(9)?.wasi) throw new Error('no WASI descriptor');
      if (env.memBudget.count !== 0) throw new Error('a WASI module made a memory');
    },
  },
];
