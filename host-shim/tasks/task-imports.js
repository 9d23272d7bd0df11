// Worker half of the `task` import namespace (host_imports.h): starting
// and killing task workers goes to the main thread; what a syscall asks
// the glue to do on its way back to user code (run a handler, restart,
// start a new program) goes to this worker's runner (env.runner).

/** Thrown through the kernel and user code when the task ends. */
export class TaskExit extends Error {
  constructor() { super('task exit'); this.name = 'TaskExit'; }
}

/** Thrown through the boot worker's kernel_boot at the end of kernel_main. */
export class BootDone extends Error {
  constructor() { super('boot done'); this.name = 'BootDone'; }
}

/** Start kinds (TASK_START_* in host_imports.h). */
export const START = Object.freeze({ exec: 0, clone: 1, fork: 2, killed: 3 });

const FIELDS = ['task', 'cpu', 'stackTop', 'tlsBlock', 'gone', 'mem', 'module', 'how', 'sp', 'tls'];

/**
 * struct host_task_start at `ptr` of kernel memory as an object.
 * @param {WebAssembly.Memory} memory
 * @param {number} ptr
 */
export function readStart(memory, ptr) {
  const words = new Uint32Array(memory.buffer, ptr, FIELDS.length);
  return Object.fromEntries(FIELDS.map((f, i) => [f, words[i]]));
}

/**
 * Worker half: the `task` import namespace.
 * @param {{memory: WebAssembly.Memory, post: (msg: object) => void,
 *          mems: Map, memFlags: Map, modules: Map, runner?: object}} env
 */
export function taskImports(env) {
  const runner = () => {
    if (!env.runner) throw new Error('task import outside a task worker');
    return env.runner;
  };
  return {
    start(ptr) {
      const start = readStart(env.memory, ptr);
      const memory = env.mems.get(start.mem);
      env.post({
        device: 'task', op: 'start', start,
        module: env.modules.get(start.module)?.module,
        memory, memFlag: env.memFlags.get(start.mem),
        fork: start.how === START.fork ? runner().forkState() : undefined,
      });
      // A memory made here for another task (a fork child's copy, init's
      // image) is that task's from now on: keeping it in this worker's map
      // would keep it alive for as long as this worker's own task runs (a
      // shell forking all day), and every memory holds gigabytes of address
      // space (docs/wasm32.md, "Process memories").
      if (memory && memory !== env.runner?.userMemory()) {
        env.mems.delete(start.mem);
        env.memFlags.delete(start.mem);
      }
    },
    exit() { throw new TaskExit(); },
    park() {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // until terminated
      throw new Error('parked worker resumed');
    },
    kill(task, ptr) { env.post({ device: 'task', op: 'kill', task, start: readStart(env.memory, ptr) }); },
    frame(fn, sig, info, uc, sp) { runner().frames.push({ fn, sig, info, uc, sp }); },
    restart() { runner().restart = true; },
    exec(module, mem, sp) { runner().exec = { module, mem, sp }; },
    user_sp: () => runner().userSp(),
    user_tls: () => env.runner?.userTls() ?? 0,
    boot_done() { throw new BootDone(); },
  };
}
