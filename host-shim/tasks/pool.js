// Main half of the `task` device: the pool of task workers and the
// compiled-module cache. A task worker is a kernel worker with its kernel
// instance made in advance (role 'task'); it joins the pool when it reports
// ready, never before (a browser worker takes hundreds of milliseconds to
// load its scripts, and a task handed to it earlier waited all that time).
// The kernel's task.start takes an idle one (or waits for one) and hands it
// the task; when the task ends the worker comes back. An idle worker is sent
// the programs compiled lately to warm up with (warm.js). task.kill terminates
// the worker of a task busy in user code and gives the task a fresh worker
// that only runs its exit.

import { ModuleCache } from './modules.js';
import { START } from './task-imports.js';
import { WORKER_MEMORIES } from './mem-budget.js';

/**
 * Idle workers kept ready. One: a fork loop's child worker comes back
 * after its exit, so the loop finds a spare; on the page's boot every
 * worker started costs a core 60-150 ms while init's path needs the cores
 * (docs/web.md, "Where the time goes"), and a second spare was one more.
 */
export const POOL_IDLE = 1;
/**
 * How long the pool waits, in ms, before it starts workers when a task
 * took its spare or found none: the worker of a task that just ended
 * comes back within a few ms (its exit completes in the kernel, waking its
 * parent, before its worker has told the main thread), and a worker
 * started meanwhile was one too many (the page started a sixth kernel
 * worker before its prompt on some visits, five with the wait).
 */
export const REFILL_MS = 30;
const POOL_MAX_IDLE = 8;
const WARM_MODULES = 2; // programs compiled last, sent to a new worker to warm up with

export class TaskPool {
  #spawn; #idle = []; #byTask = new Map(); #warming = 0;
  #waiting = []; // resolve functions of #take() calls with no idle worker
  #modules = new ModuleCache();
  #interrupts; #interruptsUp; // a promise, resolved by interruptsRunning()

  /**
   * @param {(init: object) => Promise<object>} spawn  starts a kernel worker
   *   with `init` and returns its port (post, terminate)
   */
  constructor(spawn) {
    this.#spawn = spawn;
    this.#interrupts = new Promise((resolve) => { this.#interruptsUp = resolve; });
  }

  /** The interrupt worker runs: tasks may start. Until then they wait, so
   * that no user code runs while timer interrupts (sleeps, CPU-time
   * ticks) cannot be served: the boot worker, which joins the pool once
   * the kernel has booted, may be ready before the interrupt worker. */
  interruptsRunning() {
    this.#interruptsUp();
  }

  /** Start workers in the background until POOL_IDLE are idle or coming
   * (more while tasks wait for one); each joins the pool once ready. */
  warm() {
    while (this.#idle.length + this.#warming < POOL_IDLE + this.#waiting.length) {
      this.#warming++;
      this.#spawn({ role: 'task' }).then((w) => {
        if (!w) this.#warming--; // the machine stopped
      });
    }
  }

  // A worker has its kernel instance: one of ours (`role` 'task') is no
  // longer coming but here; the boot worker (role 'boot') joins once the
  // kernel has booted.
  #ready(w, role) {
    if (role === 'task') this.#warming--;
    for (const m of this.#modules.recent(WARM_MODULES)) w.post({ kind: 'warm', ...m });
    this.#give(w);
  }

  // A program was compiled: every idle worker warms up with it.
  #compiled({ id, module, pages }) {
    this.#modules.add(id, module, pages);
    for (const w of this.#idle) w.post({ kind: 'warm', id, module, pages });
  }

  // A free worker goes to the first waiting task, else to the pool.
  #give(w) {
    const next = this.#waiting.shift();
    if (next) next(w);
    else if (this.#idle.length < POOL_MAX_IDLE) this.#idle.push(w);
    else w.terminate();
  }

  // An idle worker, or the first one to come free: a worker of an ended
  // task or a new one, whichever is first. The pool is refilled to
  // POOL_IDLE (a task's exit completes in the kernel before its worker is
  // back, so a spawn loop needs a spare), REFILL_MS later; workers of
  // ended tasks come back, so in a steady state nothing is spawned.
  #take() {
    const w = this.#idle.pop();
    const got = w ? Promise.resolve(w) : new Promise((resolve) => this.#waiting.push(resolve));
    setTimeout(() => this.warm(), REFILL_MS).unref?.(); // (Node: not what keeps a host running)
    return got;
  }

  async #start({ start, module, memory, memFlag, fork }) {
    await this.#interrupts;
    const w = await this.#take();
    if (!w) return; // the machine stopped
    w.task = start.task;
    this.#byTask.set(start.task, w);
    w.post({ kind: 'task', start, module, memory, memFlag, fork });
  }

  async #kill({ task, start }) {
    const w = this.#byTask.get(task);
    this.#byTask.delete(task);
    if (w) await w.terminate();
    await this.#start({ start: { ...start, how: START.killed } });
  }

  // A worker could not make a process memory: a browser caps the address
  // space of all wasm memories (Chromium: about a hundred), and the ones of
  // ended processes stay reserved until the garbage collector of every
  // worker that saw them runs, which an idle worker may never do. Ending
  // the idle workers frees theirs; fresh ones take their place.
  #pressure() {
    for (const w of this.#idle.splice(0)) w.terminate();
    this.warm();
  }

  // A worker's task ended; it has held `memories` process memories so far
  // (mem-budget.js). One over the budget is replaced, in the background.
  #idleAgain(w, memories) {
    if (this.#byTask.get(w.task) === w) this.#byTask.delete(w.task);
    w.task = undefined;
    if (memories < WORKER_MEMORIES) return this.#give(w);
    w.terminate();
    this.warm();
  }

  /**
   * A { device: 'task', op } message from worker `w`.
   * @param {object} msg
   * @param {object} w
   */
  message(msg, w) {
    switch (msg.op) {
      case 'start': return this.#start(msg);
      case 'kill': return this.#kill(msg);
      case 'ready': return this.#ready(w, msg.role);
      case 'idle': return this.#idleAgain(w, msg.memories);
      case 'pressure': return this.#pressure();
      case 'module': return this.#compiled(msg);
      case 'forget': return this.#modules.forget(msg.id);
      case 'want': return this.#modules.want(msg.id, (module) => w.post({ kind: 'module', id: msg.id, module }));
      default: throw new Error(`task device: unknown op ${msg.op}`);
    }
  }
}
