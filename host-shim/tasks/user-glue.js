// Instantiating a program module on its task's worker (docs/wasm32-abi.md):
// the imports it gets (janux.syscall, janux.fork, janux.longjmp,
// env.invoke_*), and which signal a trap in its code stands for.

const SIGILL = 4, SIGFPE = 8, SIGSEGV = 11;

/** The one exception janux.longjmp throws; invoke_* wrappers catch it. */
export const LONGJMP = Object.freeze(new Error('longjmp'));

/** A fault the host found in user code itself (e.g. a bad handler pointer). */
export class UserFault extends Error {
  constructor(sig, why) { super(why); this.name = 'UserFault'; this.sig = sig; }
}

/**
 * The signal Linux would send for exception `e` out of user code, or 0
 * when it is no trap (a host error, which must not be hidden).
 * @param {unknown} e
 */
export function trapSignal(e) {
  if (e instanceof UserFault) return e.sig;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return SIGSEGV;
  if (!(e instanceof WebAssembly.RuntimeError)) return 0;
  if (/unreachable|signature|null function|indirect call|table index/i.test(e.message)) return SIGILL;
  if (/divide by zero|remainder by zero|integer overflow|unrepresentable/i.test(e.message)) return SIGFPE;
  return SIGSEGV; // out-of-bounds memory access and the like
}

// env.invoke_<sig>(fn, args...): call table entry fn; a longjmp out of it
// restores __stack_pointer and returns zero of the result type.
function invokeWrapper(name, instance) {
  const result = name.slice('invoke_'.length)[0];
  const zero = result === 'j' ? 0n : result === 'v' ? undefined : 0;
  return (fn, ...args) => {
    const x = instance().exports, sp = x.__stack_pointer.value;
    try {
      return x.__indirect_function_table.get(fn)(...args);
    } catch (e) {
      if (e !== LONGJMP) throw e;
      x.__stack_pointer.value = sp;
      return zero;
    }
  };
}

/**
 * Instantiate program `desc` (modules.js describeModule) over `memory`
 * with its syscalls going to `runner` (runner.js).
 * @param {{module: WebAssembly.Module, invokes: string[]}} desc
 * @param {WebAssembly.Memory} memory
 * @param {{syscall: Function, fork: Function}} runner
 * @returns {WebAssembly.Instance}
 */
export function instantiateProgram(desc, memory, runner) {
  let instance = null;
  const env = { memory };
  for (const name of desc.invokes) env[name] = invokeWrapper(name, () => instance);
  instance = new WebAssembly.Instance(desc.module, {
    env,
    janux: {
      syscall: runner.syscall,
      fork: runner.fork,
      longjmp: () => { throw LONGJMP; },
    },
  });
  return instance;
}
