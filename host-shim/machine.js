// The wasm32 machine, on the main thread: it owns the shared kernel memory,
// starts kernel workers (boot, interrupts), routes device messages to the
// device models' main halves and tells adapters what happens through named
// events. It never blocks on atomics, so it can run on a page's main thread.
//
// Events from the machine (machine.on(name, fn)):
//   'console:output'  Uint8Array written by the kernel's console
//   'exit'            { status, reason: 'poweroff'|'panic'|'fault'|'escape', message? }
//                     (or an adapter's own reason given to stop(), e.g. the
//                     page's 'terminal')
//   'mark'            { name, at }: a boot phase reached (marks.js), at in
//                     ms since the epoch (performance.timeOrigin + now)
// Events to the machine (machine.send(name, value)):
//   'console:input'   Uint8Array of keyboard input
//   'console:resize'  { rows, cols } of the terminal

import { Emitter } from './emitter.js';
import { prestartWorkers, spawnWorker } from './platform.js';
import { memoryImport } from './wasm-binary.js';
import { wallClockMs } from './devices/clock.js';
import { consoleMessage, consoleInput, consoleResize, consoleDrain, createInputRing } from './devices/console.js';
import { createOutputRing } from './devices/console-out.js';
import { timerMessage, timerCancel } from './devices/timer.js';
import { powerMessage } from './devices/power.js';
import { irqMessage, raiseIrq } from './devices/irq.js';
import { VirtioBus } from './devices/virtio-bus.js';
import { TaskPool } from './tasks/pool.js';

const WORKER_URL = new URL('./kernel-worker.js', import.meta.url);
const DEVICES = {
  console: consoleMessage, power: powerMessage, irq: irqMessage, timer: timerMessage,
  task: (machine, msg, worker) => machine.tasks.message(msg, worker),
  virtio: (machine, msg) => machine.virtioNotify(msg),
  mark: (machine, { name, at }) => machine.emit('mark', { name, at }),
};

/** Exit status when a kernel worker traps (unreachable, out of bounds). */
export const FAULT_STATUS = 2;

/** One running (or stopped) wasm32 machine. */
export class Machine extends Emitter {
  #bytes; #module; #cmdline; #initrd; #startMs; #consoleRing; #consoleOut; #timerSeq; #virtio;
  #memory = null;
  #workers = [];
  #pending = null;   // address of the pending-IRQ word, once the kernel names it
  #earlyIrqs = 0;    // lines raised before that
  #stopped = false;
  #boots = 0;        // boot() calls: a worker for an earlier boot is not started (#spawn)
  /** The task workers (tasks/pool.js). */
  tasks = null;

  /**
   * A machine for the kernel module `bytes` (kernel.wasm) booted with the
   * command line `cmdline` and the initramfs `initrd` (newc cpio, plain or
   * gzip; none when absent). Call boot() to start it. `module`, when given,
   * is `bytes` already compiled (a page stream-compiles while it downloads).
   * `virtio` lists its virtio device models (devices/virtio-bus.js), one
   * virtio-mmio slot each in this order (the first disk is vda).
   * @param {{bytes: Uint8Array, module?: WebAssembly.Module, cmdline?: string,
   *          initrd?: Uint8Array, virtio?: object[]}} opts
   */
  constructor({ bytes, module, cmdline = '', initrd, virtio = [] }) {
    super();
    this.#bytes = bytes;
    this.#module = module;
    this.#cmdline = cmdline;
    this.#initrd = initrd;
    this.#consoleRing = createInputRing(); // input may come before boot
    this.#consoleOut = createOutputRing(); // devices/console-out.js
    this.#timerSeq = new SharedArrayBuffer(4); // devices/timer.js
    this.#virtio = new VirtioBus(virtio);
  }

  /**
   * Start `count` kernel workers ahead of any machine, so their scripts
   * load while the kernel downloads; machines take these before they start
   * new ones (boot, interrupt and task workers alike).
   * @param {number} count
   */
  static prestart(count) {
    prestartWorkers(WORKER_URL, count);
  }

  /** Compile the kernel (once), create the kernel memory and start the boot worker. */
  async boot() {
    const limits = memoryImport(this.#bytes);
    if (!limits.shared || limits.maximum === undefined)
      throw new Error('kernel.wasm: its memory must be shared with a maximum');
    this.#module ??= await WebAssembly.compile(this.#bytes);
    this.#memory = new WebAssembly.Memory({
      initial: limits.initial, maximum: limits.maximum, shared: true,
    });
    this.#stopped = false;
    const boots = ++this.#boots;
    this.#pending = null;
    this.#startMs = wallClockMs();
    this.#virtio.reset();
    // The pool's workers are this boot's: a late refill (tasks/pool.js
    // REFILL_MS) after a stop or a reboot starts nothing.
    this.tasks = new TaskPool((init) => this.#spawn(init, boots));
    await this.#spawn({ role: 'boot', initrd: this.#initrd });
  }

  get dbgMemory() { return this.#memory; }
  get dbgModule() { return this.#module; }
  /** Console output waiting in the shared ring (devices/console-out.js). */
  drainConsole() {
    return consoleDrain(this.#consoleOut);
  }

  /** When the machine (last) booted, in wall-clock ms (devices/clock.js). */
  get startMs() {
    return this.#startMs;
  }

  /**
   * Deliver an adapter's event to the machine's devices (see the list at
   * the top of this file). Unknown names throw; a stopped machine ignores.
   * @param {string} name
   * @param {any} value
   */
  send(name, value) {
    const to = { 'console:input': consoleInput, 'console:resize': consoleResize }[name];
    if (!to) throw new Error(`machine: unknown event '${name}'`);
    if (!this.#stopped) to(this, this.#consoleRing, value);
  }

  /**
   * Start the interrupt worker the kernel asked for (devices/irq.js).
   * @param {{cpu: number, stackTop: number, tlsBlock: number, pending: number}} area
   */
  async startInterruptWorker(area) {
    this.#pending = area.pending;
    for (let line = 0; line < 32; line++)
      if (this.#earlyIrqs & (1 << line)) raiseIrq(this.#memory, this.#pending, line);
    this.#earlyIrqs = 0;
    // The interrupt worker first: it takes the worker started for it
    // ahead (user tasks wait until it runs: tasks/pool.js), not one that
    // is still loading. The kernel runs: its memory is initialised, so
    // task workers can instantiate it now without racing the boot
    // worker's data set-up.
    const irq = this.#spawn({ role: 'irq', ...area });
    this.tasks.warm();
    await irq;
  }

  /**
   * A kernel worker notified a virtio queue (devices/virtio-mmio.js).
   * @param {{slot: number, queue: number}} msg
   */
  virtioNotify(msg) {
    // A request that ends after a reboot was the boot before's (each boot
    // has its own memory): it raises nothing in this one.
    const memory = this.#memory;
    this.#virtio.notify(msg.slot, msg.queue, memory, (line) => memory === this.#memory && this.raiseIrq(line));
  }

  /**
   * Raise IRQ `line` for the kernel. Lines raised before the kernel has
   * named its pending word (early boot) are delivered when it does. False
   * when the machine is stopped.
   * @param {number} line  0..31
   */
  raiseIrq(line) {
    if (this.#stopped) return false;
    if (this.#pending === null) this.#earlyIrqs |= 1 << line;
    else raiseIrq(this.#memory, this.#pending, line);
    return true;
  }

  /**
   * Stop every worker and emit 'exit' once with `how`.
   * @param {{status: number, reason: string, message?: string}} how
   */
  stop(how) {
    if (this.#stopped) return;
    const rest = this.drainConsole(); // written before the end: not lost
    if (rest.length) this.emit('console:output', rest);
    this.#stopped = true;
    this.#terminateWorkers();
    this.emit('exit', how);
  }

  /**
   * Stop every worker and boot again over a fresh kernel memory; with
   * `virtio`, with these device models in its slots from now on (as the
   * constructor's `virtio`), e.g. without a disk that turned out to be
   * unusable. A stopped machine stays stopped.
   * @param {object[]} [virtio]
   */
  reboot(virtio) {
    if (this.#stopped) return;
    this.#terminateWorkers();
    if (virtio) this.#virtio = new VirtioBus(virtio);
    this.boot().catch((e) => this.stop({ status: FAULT_STATUS, reason: 'fault', message: e.message }));
  }

  #terminateWorkers() {
    timerCancel(this);
    for (const w of [...this.#workers]) w.terminate();
    this.#workers = [];
  }

  // Start a kernel worker with `init` for boot number `boots` (by default
  // the current one); its port, or null when the machine has stopped or
  // booted again since, before or while the worker was got.
  async #spawn(init, boots = this.#boots) {
    const gone = () => this.#stopped || boots !== this.#boots;
    if (gone()) return null;
    const w = await spawnWorker(WORKER_URL);
    if (gone()) { w.terminate(); return null; }
    this.#workers.push(w);
    const terminate = w.terminate;
    w.terminate = () => { // a terminated worker is no longer the machine's
      this.#workers = this.#workers.filter((x) => x !== w);
      return terminate();
    };
    w.onMessage((msg) => this.#onMessage(msg, w));
    w.onError((e) => this.stop({ status: FAULT_STATUS, reason: 'fault', message: e.message }));
    w.post({ ...init, module: this.#module, memory: this.#memory,
             cmdline: this.#cmdline, startMs: this.#startMs,
             consoleRing: this.#consoleRing, consoleOut: this.#consoleOut,
             timerSeq: this.#timerSeq, virtioRegs: this.#virtio.regs });
    return w;
  }

  #onMessage(msg, worker) {
    if (this.#stopped) return;
    if (msg.fault) this.stop({ status: FAULT_STATUS, reason: 'fault', message: msg.fault });
    else if (DEVICES[msg.device]) DEVICES[msg.device](this, msg, worker);
  }
}
