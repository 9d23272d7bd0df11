// task.start (host-shim/tasks/task-imports.js) hands a memory made in this
// worker to the new task's worker and lets go of it here; the starting
// task's own memory (a thread, a vfork child) stays. Before, a forking
// shell's worker kept every child's memory alive for the shell's lifetime
// and Chromium's fork failed with ENOMEM after about 115 children.

import { START, taskImports } from '../../host-shim/tasks/task-imports.js';

const MEM_FIELD = 5, HOW_FIELD = 7; // positions in struct host_task_start

// A worker env whose runner runs a program in memory id 1; start() posts
// to `posted`. Returns { env, start(memId, how) }.
function worker() {
  const kernel = new WebAssembly.Memory({ initial: 1 });
  const own = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const posted = [];
  const env = {
    memory: kernel, post: (m) => posted.push(m), modules: new Map(),
    mems: new Map([[1, own]]), memFlags: new Map(),
    runner: { userMemory: () => own, forkState: () => ({ entry: '_start' }) },
  };
  const imports = taskImports(env);
  return {
    env, posted,
    start(mem, how) {
      const words = new Uint32Array(kernel.buffer, 64, 10);
      words.fill(0);
      words[MEM_FIELD] = mem;
      words[HOW_FIELD] = how;
      imports.start(64);
    },
  };
}

export const tests = [
  {
    name: 'task-start/fork-child-memory-leaves-the-parent-worker',
    fn: () => {
      const w = worker();
      const child = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
      const flag = new Int32Array(new SharedArrayBuffer(4));
      w.env.mems.set(2, child);
      w.env.memFlags.set(2, flag);
      w.start(2, START.fork);
      if (w.posted[0]?.memory !== child) throw new Error('the child memory was not handed over');
      if (w.posted[0]?.memFlag !== flag) throw new Error("the child memory's released flag was not handed over");
      if (w.env.mems.has(2) || w.env.memFlags.has(2)) throw new Error('the parent worker still holds the child memory');
      if (!w.env.mems.has(1)) throw new Error('the parent worker lost its own memory');
    },
  },
  {
    name: 'task-start/shared-memory-stays-with-a-thread-or-vfork',
    fn: () => {
      const w = worker();
      w.start(1, START.clone);
      if (w.posted[0]?.memory !== w.env.mems.get(1)) throw new Error('own memory not posted or dropped');
    },
  },
];
