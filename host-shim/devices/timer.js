// Timer device: one one-shot deadline per machine, on the kernel's
// monotonic time base (devices/clock.js). Worker half: time.timer_arm posts
// the deadline. Main half: a setTimeout that raises IRQ_TIMER. Arming
// happens under the kernel lock from any worker, but messages from
// different workers reach the main thread in any order: each carries a
// sequence number from a shared counter, and an older one is ignored.

import { IRQ } from './irq.js';
import { wallClockMs } from './clock.js';

const CANCEL = 2n ** 64n - 1n; // UINT64_MAX
const pending = new WeakMap(); // machine -> setTimeout handle
const latest = new WeakMap();  // machine -> sequence number of the last arm

/**
 * Worker half: the timer part of the `time` import namespace.
 * @param {{post: (msg: object) => void, timerSeq?: SharedArrayBuffer}} env
 *   timerSeq: the machine's shared arm counter (one Int32)
 */
export function timerImports(env) {
  const counter = env.timerSeq ? new Int32Array(env.timerSeq) : null;
  return {
    timer_arm: (deadline) => env.post({
      device: 'timer', deadline: BigInt.asUintN(64, deadline),
      seq: counter ? Atomics.add(counter, 0, 1) + 1 : undefined,
    }),
  };
}

/**
 * Main half: (re)arm or cancel the machine's timer.
 * @param {import('../machine.js').Machine} machine  (startMs, raiseIrq, on)
 * @param {{deadline: bigint, seq?: number}} msg  nanoseconds since the
 *   machine started; seq orders arms from different workers
 */
export function timerMessage(machine, msg) {
  if (msg.seq !== undefined) {
    if (msg.seq < (latest.get(machine) ?? 0)) return; // overtaken by a later arm
    latest.set(machine, msg.seq);
  }
  timerCancel(machine);
  if (msg.deadline === CANCEL) return;
  const delayMs = Number(msg.deadline) / 1e6 - (wallClockMs() - machine.startMs);
  pending.set(machine, setTimeout(() => {
    pending.delete(machine);
    machine.raiseIrq(IRQ.timer);
  }, Math.max(0, delayMs)));
}

/**
 * Cancel the machine's timer, if armed (the machine calls this on stop so
 * no callback keeps the host alive).
 * @param {import('../machine.js').Machine} machine
 */
export function timerCancel(machine) {
  clearTimeout(pending.get(machine));
  pending.delete(machine);
}
