// The program glue's env.invoke_* wrappers and janux.longjmp
// (host-shim/tasks/user-glue.js) on a small hand-written module: a call
// returns normally, a longjmp out of the callee returns zero with
// __stack_pointer restored, a trap passes through untouched (it must kill
// the process), and traps map to the signals Linux would send.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instantiateProgram, trapSignal, UserFault } from '../../host-shim/tasks/user-glue.js';
import { describeModule } from '../../host-shim/tasks/modules.js';

const WAT = fileURLToPath(new URL('glue/invoke.wat', import.meta.url));

function program() {
  const dir = mkdtempSync(join(tmpdir(), 'glue-'));
  try {
    execFileSync('wat2wasm', ['--enable-threads', WAT, '-o', join(dir, 'p.wasm')]);
    const desc = describeModule(new WebAssembly.Module(readFileSync(join(dir, 'p.wasm'))));
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    const runner = { syscall: () => -38, fork: () => -38 };
    return instantiateProgram(desc, memory, runner).exports;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function same(got, want, what) {
  if (got !== want) throw new Error(`${what}: got ${got}, want ${want}`);
}

export const tests = [
  {
    name: 'glue/invoke-returns-normally',
    fn: () => {
      const x = program();
      same(x.run_plain(), 7, 'value stored by the callee');
      same(x.run_result(), 42, 'result passed back');
    },
  },
  {
    name: 'glue/longjmp-restores-stack-pointer',
    fn: () => same(program().run_jump(), 4096, '__stack_pointer after the longjmp'),
  },
  {
    name: 'glue/trap-passes-through-invoke',
    fn: () => {
      try {
        program().run_trap();
      } catch (e) {
        same(trapSignal(e), 4, 'signal for unreachable');
        return;
      }
      throw new Error('the trap was swallowed');
    },
  },
  {
    name: 'glue/trap-signals',
    fn: () => {
      const rt = (m) => new WebAssembly.RuntimeError(m);
      same(trapSignal(rt('memory access out of bounds')), 11, 'out of bounds');
      same(trapSignal(rt('divide by zero')), 8, 'divide by zero');
      same(trapSignal(rt('null function or function signature mismatch')), 4, 'bad indirect call');
      same(trapSignal(new RangeError('Maximum call stack size exceeded')), 11, 'stack exhaustion');
      same(trapSignal(new UserFault(11, 'x')), 11, 'host-found fault');
      same(trapSignal(new TypeError('host bug')), 0, 'a host error is no trap');
    },
  },
];
