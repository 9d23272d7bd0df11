// The script of every kernel worker. The first message says what to run:
//   { role: 'boot', module, memory, cmdline, startMs, initrd, ... } kernel_boot(),
//                          then (its instance made long ago) a task worker
//   { role: 'irq', ..., cpu, stackTop, tlsBlock, pending }          interrupt loop
//                          (it says when it runs: tasks wait for that)
//   { role: 'task', ... }  a pooled task worker: its kernel instance is made
//                          now; then each { kind: 'task', start, module,
//                          memory, memFlag, fork } runs one user task to its end
//                          (tasks/runner.js). It reports ready once its kernel
//                          instance is made (with its role: the pool counts
//                          the task workers it started), and idle (with how
//                          many process memories it has held) after each task.
// { kind: 'module', id, module } answers a task worker's request for a
// compiled program; { kind: 'warm', id, module, pages } gives an idle task
// worker one to warm up with (tasks/warm.js). Device traffic goes to the main thread as
// { device, ... } messages; a kernel trap is reported as { fault: message }.

import { parentPort } from './platform.js';
import { kernelImports } from './imports.js';
import { instantiateKernel, enterCpu } from './kernel-instance.js';
import { MachineStop } from './devices/power.js';
import { interruptLoop } from './devices/irq.js';
import { describeModule } from './tasks/modules.js';
import { TaskRunner } from './tasks/runner.js';
import { MemoryPool } from './tasks/mem-pool.js';
import { MemoryBudget } from './tasks/mem-budget.js';
import { warmModule } from './tasks/warm.js';
import { BootDone } from './tasks/task-imports.js';
import { postMark } from './marks.js';

const port = await parentPort();
postMark(port.post, 'janux:worker-loaded');
let env = null;
let instance = null;
let ready = null; // init()'s promise
const wanted = new Map(); // module id -> resolve

function want(id) {
  port.post({ device: 'task', op: 'want', id });
  return new Promise((resolve) => wanted.set(id, resolve));
}

function fault(role, e) {
  if (!(e instanceof MachineStop))
    port.post({ fault: `${role} worker: ${e.message}` });
}

async function init(msg) {
  env = { ...msg, post: port.post, mems: new Map(), memFlags: new Map(), memPool: new MemoryPool(),
          memBudget: new MemoryBudget(),
          modules: new Map(), runner: null, want };
  instance = await instantiateKernel(msg.module, kernelImports(env));
  if (msg.role === 'boot') {
    postMark(port.post, 'janux:kernel-boot');
    bootThenServe();
  } else if (msg.role === 'irq') {
    enterCpu(instance, msg);
    port.post({ device: 'irq', op: 'running' });
    interruptLoop(msg.memory, msg.pending, instance.exports.kernel_interrupt);
  } else if (msg.role === 'task') {
    serveTasks('task');
  } else {
    throw new Error(`unknown worker role ${msg.role}`);
  }
}

// The boot worker's kernel_boot ends (BootDone) once the kernel has
// started init; the worker then serves tasks like any task worker, so
// the first task (init) need not wait for another worker to start: a
// worker's start costs a new tab 60-150 ms of a core (docs/web.md).
function bootThenServe() {
  try {
    instance.exports.kernel_boot();
  } catch (e) {
    if (!(e instanceof BootDone)) throw e;
    serveTasks('boot');
  }
}

// This worker's kernel instance is made: it takes tasks from now on.
function serveTasks(role) {
  env.runner = new TaskRunner(env, instance.exports);
  port.post({ device: 'task', op: 'ready', role });
}

// One task, start to end; then this worker is free for the next.
async function runTask({ start, module, memory, memFlag, fork }) {
  postMark(port.post, 'janux:first-task');
  if (module) env.modules.set(start.module, describeModule(module));
  if (memory) {
    env.mems.set(start.mem, memory);
    env.memBudget.saw(memFlag);
  }
  if (memFlag) env.memFlags.set(start.mem, memFlag);
  enterCpu(instance, { cpu: start.cpu, stackTop: start.stackTop, tlsBlock: start.tlsBlock });
  instance.exports.kernel_task_enter(start.task);
  await env.runner.run(start, fork);
  env.mems.clear();
  env.memFlags.clear();
  Atomics.store(new Int32Array(env.memory.buffer, start.gone, 1), 0, 1);
  port.post({ device: 'task', op: 'idle', memories: env.memBudget.count });
}

port.onMessage((msg) => {
  if (!ready) ready = init(msg).catch((e) => fault(msg.role, e));
  else if (msg.kind === 'task') ready.then(() => runTask(msg)).catch((e) => fault('task', e));
  else if (msg.kind === 'warm') ready.then(() => warmModule(env, msg.id, msg.module, msg.pages)).catch((e) => fault('task', e));
  else if (msg.kind === 'module') {
    const desc = msg.module ? describeModule(msg.module) : undefined;
    if (desc) env.modules.set(msg.id, desc);
    wanted.get(msg.id)?.(desc);
    wanted.delete(msg.id);
  }
});
