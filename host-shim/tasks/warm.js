// Warming an idle task worker for a program module before a task needs it.
// The first instance of a module in a worker's isolate costs far more than
// later ones (Chromium: 12 ms for busybox against 0.2 ms, plus a round trip
// to the main thread for the module), so a worker instantiates each module
// it is sent once, over a throwaway memory, while it has nothing to do.

import { describeModule } from './modules.js';

const refuse = () => { throw new Error('a warming instance was called'); };

/**
 * Remember program module `module` (kernel id `id`, its memory declared
 * with `pages` initial pages) in env.modules and instantiate it once,
 * calling nothing but its start function (the linker's data
 * initialisation, into the throwaway memory); the memory counts toward the
 * worker's budget (env.memBudget). When the host has no room for another
 * memory, the module is only remembered.
 * @param {{modules: Map<number, object>, memBudget: import('./mem-budget.js').MemoryBudget}} env
 * @param {number} id
 * @param {WebAssembly.Module} module
 * @param {number} pages
 */
export function warmModule(env, id, module, pages) {
  if (env.modules.has(id)) return;
  const desc = describeModule(module);
  env.modules.set(id, desc);
  if (desc.wasi) return; // instantiated with its own memory: nothing shared to warm
  const imports = {};
  for (const i of WebAssembly.Module.imports(module)) {
    imports[i.module] ??= {};
    if (i.kind === 'function') imports[i.module][i.name] = refuse;
  }
  try {
    imports.env.memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return; // no room for a memory now (docs/wasm32.md, "Process memories"): warming is optional
  }
  env.memBudget.saw();
  try {
    new WebAssembly.Instance(module, imports);
  } catch { /* warming is optional: the program's own exec reports any error */ }
}
