// Device models on their own, with a stand-in machine: the console input
// ring and size, and the timer's IRQ delivery.

import { createInputRing, ringPut, ringTake, consoleInput, consoleResize, consoleImports }
  from '../../host-shim/devices/console.js';
import { timerMessage } from '../../host-shim/devices/timer.js';
import { IRQ } from '../../host-shim/devices/irq.js';
import { wallClockMs } from '../../host-shim/devices/clock.js';

/** A stand-in machine that records the IRQ lines raised. */
function fakeMachine() {
  return { startMs: wallClockMs(), raised: [], raiseIrq(line) { this.raised.push(line); return true; } };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const tests = [
  {
    name: 'devices/console-ring-keeps-order-and-drops-overflow',
    fn: () => {
      const ring = createInputRing();
      const big = Uint8Array.from({ length: 5000 }, (_, i) => i & 0xff);
      const stored = ringPut(ring, big);
      if (stored !== 4096) throw new Error(`stored ${stored} of 5000 in a 4096-byte ring`);
      const a = ringTake(ring, 100), b = ringTake(ring, 10000);
      if (a.length !== 100 || b.length !== 3996) throw new Error(`took ${a.length} + ${b.length}`);
      if (a[99] !== 99 || b[0] !== 100 || b[3995] !== (4095 & 0xff)) throw new Error('bytes out of order');
      if (ringTake(ring, 10).length !== 0) throw new Error('empty ring returned bytes');
    },
  },
  {
    name: 'devices/console-input-raises-irq',
    fn: () => {
      const m = fakeMachine();
      consoleInput(m, createInputRing(), Uint8Array.of(0x61));
      if (m.raised.join() !== String(IRQ.console)) throw new Error(`raised [${m.raised}]`);
    },
  },
  {
    name: 'devices/console-resize-raises-irq-on-change',
    fn: () => {
      const m = fakeMachine(), ring = createInputRing();
      const size = consoleImports({ consoleRing: ring }).size;
      if (size() !== 0) throw new Error('size known before any resize');
      consoleResize(m, ring, { rows: 50, cols: 132 });
      consoleResize(m, ring, { rows: 50, cols: 132 });
      if (size() !== ((50 << 16) | 132)) throw new Error(`size word ${size()}`);
      if (m.raised.join() !== String(IRQ.console)) throw new Error(`raised [${m.raised}] for one change`);
      let threw = false;
      try { consoleResize(m, ring, { rows: 0, cols: 80 }); } catch { threw = true; }
      if (!threw) throw new Error('a 0-row size was accepted');
    },
  },
  {
    name: 'devices/timer-raises-irq-at-deadline',
    fn: async () => {
      const m = fakeMachine();
      const deadlineMs = wallClockMs() - m.startMs + 30;
      timerMessage(m, { deadline: BigInt(Math.round(deadlineMs * 1e6)) });
      await sleep(10);
      if (m.raised.length) throw new Error('raised before the deadline');
      await sleep(60);
      if (m.raised.join() !== String(IRQ.timer)) throw new Error(`raised [${m.raised}] after the deadline`);
    },
  },
  {
    name: 'devices/timer-cancel-and-rearm',
    fn: async () => {
      const m = fakeMachine();
      timerMessage(m, { deadline: 10n ** 6n });          // 1 ms after start
      timerMessage(m, { deadline: 2n ** 64n - 1n });     // cancel
      await sleep(30);
      if (m.raised.length) throw new Error('a cancelled timer fired');
    },
  },
];
