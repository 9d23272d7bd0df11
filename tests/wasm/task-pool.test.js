// The task worker pool's bookkeeping (host-shim/tasks/pool.js and
// mem-budget.js) with fake workers: a task is never handed to a worker
// that has not reported ready, and a worker is replaced when the process
// memories it has held reach the budget, not after a fixed number of tasks;
// a recycled memory keeps its identity when posted to another thread, so
// it counts once; workers are sent the programs compiled last to warm up;
// the boot worker joins the pool once the kernel has booted, no task starts
// before the interrupt worker runs, a fork loop whose children's workers
// come back starts no more workers, and a burst of forks is served however
// few workers were started ahead.

import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { POOL_IDLE, REFILL_MS, TaskPool } from '../../host-shim/tasks/pool.js';
import { MemoryBudget, WORKER_MEMORIES } from '../../host-shim/tasks/mem-budget.js';
import { MemoryPool, markReleased } from '../../host-shim/tasks/mem-pool.js';

const PAGE = 65536;

// A pool over fake workers: each records what it was posted and whether it
// was terminated; its interrupt worker runs unless `interrupts` is false.
function fakePool(interrupts = true) {
  const spawned = [];
  const pool = new TaskPool(async () => {
    const w = { posted: [], terminated: false };
    w.post = (m) => w.posted.push(m);
    w.terminate = () => { w.terminated = true; };
    spawned.push(w);
    return w;
  });
  if (interrupts) pool.interruptsRunning();
  return { pool, spawned };
}

// fakePool(interrupts) with its spares started and ready.
async function readyPool(interrupts = true) {
  const { pool, spawned } = fakePool(interrupts);
  pool.warm();
  await settle();
  for (const w of spawned) pool.message(ready, w);
  return { pool, spawned };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const refilled = () => new Promise((r) => setTimeout(r, 2 * REFILL_MS)); // a deferred refill has run
const start = (task) => ({ op: 'start', start: { task } });
const ready = { op: 'ready', role: 'task' }; // a task worker the pool started
const tasksOf = (w) => w.posted.filter((m) => m.kind === 'task').map((m) => m.start.task);

// What another thread receives for `value` posted to it (a structured clone).
function posted(value) {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(value);
  const got = receiveMessageOnPort(port2).message;
  port1.close();
  return got;
}

export const tests = [
  {
    name: 'task-pool/task-waits-for-a-ready-worker',
    fn: async () => {
      const { pool, spawned } = fakePool();
      pool.warm();
      await settle();
      pool.message(start(1), null);
      await refilled();
      if (spawned.some((w) => tasksOf(w).length))
        throw new Error('a task went to a worker that had not reported ready');
      const late = spawned.at(-1); // started for the waiting task
      pool.message(ready, late);
      await settle();
      if (tasksOf(late)[0] !== 1) throw new Error('the ready worker did not get the waiting task');
      if (spawned.filter((w) => tasksOf(w).length).length !== 1) throw new Error('the task went to two workers');
    },
  },
  {
    name: 'task-pool/worker-replaced-by-memory-budget',
    fn: async () => {
      const { pool, spawned } = await readyPool();
      let w;
      for (let i = 0; i < 3 * WORKER_MEMORIES; i++) { // many tasks, one recycled memory each
        pool.message(start(i), null);
        await settle();
        w = spawned.find((x) => tasksOf(x).includes(i));
        pool.message({ op: 'idle', memories: 1 }, w);
      }
      if (spawned.some((x) => x.terminated)) throw new Error('a worker under its budget was replaced');
      pool.message(start(99), null);
      await settle();
      w = spawned.find((x) => tasksOf(x).includes(99));
      pool.message({ op: 'idle', memories: WORKER_MEMORIES }, w);
      await settle();
      if (!w.terminated) throw new Error('a worker at its budget was kept');
      pool.message(start(100), null);
      await settle();
      if (tasksOf(w).includes(100)) throw new Error('a replaced worker got another task');
    },
  },
  {
    name: 'task-pool/idle-and-new-workers-warm-up-with-compiled-programs',
    fn: async () => {
      const { pool, spawned } = fakePool();
      pool.warm();
      await settle();
      pool.message(ready, spawned[0]);
      const warms = (w) => w.posted.filter((m) => m.kind === 'warm').map((m) => m.id);
      for (const id of [1, 2, 3]) pool.message({ op: 'module', id, module: {}, pages: 6 }, null);
      if (warms(spawned[0]).join() !== '1,2,3') throw new Error(`idle worker warmed ${warms(spawned[0])}`);
      for (let t = 1; t <= POOL_IDLE + 1; t++) pool.message(start(t), null); // the idle ones and one more
      await refilled();
      const late = spawned.at(-1);
      pool.message(ready, late);
      if (warms(late).join() !== '3,2') throw new Error(`new worker warmed ${warms(late)}, want the last two`);
      if (late.posted.find((m) => m.kind === 'warm').pages !== 6) throw new Error('pages not passed on');
    },
  },
  {
    name: 'task-pool/boot-worker-joins-and-takes-the-first-task',
    fn: async () => {
      const { pool, spawned } = fakePool();
      pool.warm();
      await settle();
      const boot = { posted: [], post(m) { this.posted.push(m); }, terminate() {} };
      pool.message({ op: 'ready', role: 'boot' }, boot);
      pool.message(start(1), null); // init: no task worker is ready yet
      await refilled();
      if (tasksOf(boot)[0] !== 1) throw new Error('init did not go to the booted worker');
      if (spawned.length !== POOL_IDLE) throw new Error(`${spawned.length} workers started, want ${POOL_IDLE} spare`);
      for (const w of spawned) pool.message(ready, w);
      for (let t = 2; t < 2 + POOL_IDLE; t++) pool.message(start(t), null); // the spares are taken: more are started
      await refilled();
      if (spawned.length !== 2 * POOL_IDLE) throw new Error(`${spawned.length} workers started after the boot worker joined, want ${2 * POOL_IDLE}`);
    },
  },
  {
    name: 'task-pool/refill-waits-for-the-worker-of-an-ended-task',
    fn: async () => {
      const { pool, spawned } = await readyPool();
      for (let t = 1; t <= 20; t++) { // a fork loop: each child's worker is back soon after it is taken
        pool.message(start(t), null);
        await settle();
        pool.message({ op: 'idle', memories: 1 }, spawned.find((w) => tasksOf(w).includes(t)));
      }
      await refilled();
      if (spawned.length !== POOL_IDLE) throw new Error(`${spawned.length} workers started for a fork loop, want ${POOL_IDLE}`);
      for (let t = 21; t < 21 + POOL_IDLE; t++) pool.message(start(t), null); // taken, not back
      await refilled();
      if (spawned.length !== 2 * POOL_IDLE) throw new Error(`${spawned.length} workers once the spares stayed busy, want ${2 * POOL_IDLE}`);
    },
  },
  {
    name: 'task-pool/no-task-before-the-interrupt-worker-runs',
    fn: async () => {
      const { pool, spawned } = await readyPool(false);
      pool.message(start(1), null);
      await settle();
      if (spawned.some((w) => tasksOf(w).length)) throw new Error('a task started before interrupts were served');
      pool.interruptsRunning();
      await settle();
      if (spawned.flatMap(tasksOf).join() !== '1') throw new Error('the task did not start once interrupts were served');
    },
  },
  {
    name: 'task-pool/burst-of-forks-served-from-no-spares',
    fn: async () => {
      const { pool, spawned } = fakePool();
      for (let t = 1; t <= 6; t++) pool.message(start(t), null); // six tasks, nothing started ahead
      await refilled();
      if (spawned.length < 6) throw new Error(`${spawned.length} workers started for 6 waiting tasks`);
      for (const w of spawned) pool.message(ready, w);
      await settle();
      const got = spawned.flatMap(tasksOf).sort((a, b) => a - b).join();
      if (got !== '1,2,3,4,5,6') throw new Error(`tasks started: ${got}`);
    },
  },
  {
    name: 'task-pool/recycled-memory-counts-once-across-threads',
    fn: () => {
      const maker = new MemoryPool(), budget = new MemoryBudget();
      for (let i = 0; i < 5; i++) { // a fork loop: each child's memory is the last one, reused
        const got = maker.reuse(PAGE, 16 * PAGE) ??
          maker.add(new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true }), 16 * PAGE);
        budget.saw(posted(got.flag)); // as the child's worker receives it
        markReleased(got.flag);
      }
      if (budget.count !== 1) throw new Error(`one recycled memory counted ${budget.count} times`);
      const other = maker.add(new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true }), 16 * PAGE);
      budget.saw(posted(other.flag));
      budget.saw();
      if (budget.count !== 3) throw new Error(`count ${budget.count}, want 3 (another memory, one without a flag)`);
    },
  },
];
