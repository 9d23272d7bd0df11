// Program modules: validation and compilation for execve (worker half of
// the `exec` import namespace) and the machine's module cache (main half).
// A module is compiled once, in the worker that first executes its file;
// the compiled WebAssembly.Module is posted to the main thread, which
// hands it to any other worker that needs it (never compiled again).

import { programLayout } from '../wasm-binary.js';
import { ENOEXEC } from './errno.js';
import { WASI_MODULE, WASI_SHADOW } from './wasi.js';
import { postMark } from '../marks.js';

const WASM_PAGE = 65536;
const ABI_MAX_BYTES = 2 ** 30; // docs/wasm32-abi.md: --max-memory=1073741824

/**
 * What the runner needs to know about a compiled program module.
 * @param {WebAssembly.Module} module
 */
export function describeModule(module) {
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  return {
    module,
    wasi: WebAssembly.Module.imports(module).some((i) => i.module === WASI_MODULE),
    asyncify: exports.has('asyncify_start_unwind') && exports.has('asyncify_start_rewind'),
    invokes: WebAssembly.Module.imports(module)
      .filter((i) => i.module === 'env' && i.kind === 'function' && i.name.startsWith('invoke_'))
      .map((i) => i.name),
  };
}

// A WASI preview1 command (docs/wasm32.md "WASI"): it imports only from
// wasi_snapshot_preview1 and exports its own memory and _start. Its kernel
// address space is the fixed shadow memory the WASI layer marshals through.
function checkWasi(bytes) {
  const module = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(module);
  if (!imports.some((i) => i.module === WASI_MODULE)) throw new Error('it does not import env.memory');
  const other = imports.find((i) => i.module !== WASI_MODULE);
  if (other) throw new Error(`WASI module also imports ${other.module}.${other.name}`);
  const kinds = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
  if (kinds.get('memory') !== 'memory') throw new Error('WASI module does not export memory');
  if (kinds.get('_start') !== 'function') throw new Error('it does not export _start');
  const s = WASI_SHADOW;
  return { module, info: [s.bytes, s.bytes, s.stackTop, s.stackTop] };
}

// The ABI's requirements; returns the module info or throws with the reason.
function checkProgram(bytes) {
  const { memory, globals } = programLayout(bytes, ['__stack_pointer', '__heap_base']);
  if (!memory) return checkWasi(bytes);
  if (!memory || memory.module !== 'env' || memory.name !== 'memory')
    throw new Error('it does not import env.memory');
  if (!memory.shared || memory.maximum === undefined)
    throw new Error('env.memory is not shared with a maximum');
  if (memory.maximum * WASM_PAGE > ABI_MAX_BYTES) throw new Error('env.memory maximum above 1 GiB');
  if (globals.__stack_pointer === null) throw new Error('it does not export __stack_pointer');
  const module = new WebAssembly.Module(bytes);
  const names = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  if (!names.has('_start')) throw new Error('it does not export _start');
  return {
    module,
    info: [memory.initial * WASM_PAGE, memory.maximum * WASM_PAGE, globals.__stack_pointer,
           globals.__heap_base ?? globals.__stack_pointer],
  };
}

/**
 * Worker half: the `exec` import namespace.
 * @param {{memory: WebAssembly.Memory, post: (msg: object) => void,
 *          modules: Map<number, object>}} env
 */
export function execImports(env) {
  return {
    compile(id, buf, len, infoPtr, msg, msgMax) {
      postMark(env.post, 'janux:exec-compile');
      let checked;
      try {
        checked = checkProgram(new Uint8Array(env.memory.buffer, buf, len).slice());
      } catch (e) {
        const text = new TextEncoder().encode(String(e.message).slice(0, msgMax - 1));
        new Uint8Array(env.memory.buffer, msg, msgMax).set([...text, 0]);
        return -ENOEXEC;
      }
      new Uint32Array(env.memory.buffer, infoPtr, 4).set(checked.info);
      env.modules.set(id, describeModule(checked.module));
      env.post({ device: 'task', op: 'module', id, module: checked.module, pages: checked.info[0] / WASM_PAGE });
      postMark(env.post, 'janux:exec-compiled');
      return 0;
    },
    forget(id) {
      env.modules.delete(id);
      env.post({ device: 'task', op: 'forget', id });
    },
  };
}

/** Main half: the machine's compiled modules, and workers waiting for one. */
export class ModuleCache {
  #modules = new Map(); // id -> { module, pages }, oldest first
  #waiting = new Map(); // id -> [reply]

  /** Keep module `id` (its memory declared with `pages` initial pages)
   * and answer whoever asked for it. */
  add(id, module, pages) {
    this.#modules.set(id, { module, pages });
    for (const reply of this.#waiting.get(id) ?? []) reply(module);
    this.#waiting.delete(id);
  }

  /** The `n` modules added last, newest first: [{ id, module, pages }]. */
  recent(n) {
    return [...this.#modules].slice(-n).reverse().map(([id, m]) => ({ id, ...m }));
  }

  forget(id) { this.#modules.delete(id); }

  /** Call reply(module) now or once module `id` arrives. */
  want(id, reply) {
    const m = this.#modules.get(id);
    if (m) reply(m.module);
    else this.#waiting.set(id, [...(this.#waiting.get(id) ?? []), reply]);
  }
}
