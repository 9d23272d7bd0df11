// Timer device: one one-shot deadline per machine, on the kernel's
// monotonic time base (devices/clock.js). Worker half: time.timer_arm posts
// the deadline. Main half: a setTimeout that raises IRQ_TIMER.

import { IRQ } from './irq.js';
import { wallClockMs } from './clock.js';

const CANCEL = 2n ** 64n - 1n; // UINT64_MAX
const pending = new WeakMap(); // machine -> setTimeout handle

/**
 * Worker half: the timer part of the `time` import namespace.
 * @param {{post: (msg: object) => void}} env
 */
export function timerImports(env) {
  return {
    timer_arm: (deadline) => env.post({ device: 'timer', deadline: BigInt.asUintN(64, deadline) }),
  };
}

/**
 * Main half: (re)arm or cancel the machine's timer.
 * @param {import('../machine.js').Machine} machine  (startMs, raiseIrq, on)
 * @param {{deadline: bigint}} msg  nanoseconds since the machine started
 */
export function timerMessage(machine, msg) {
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
