// Console device: the kernel's console. Output: console.write copies bytes
// out of kernel memory and posts them; the main half emits them as the
// named event 'console:output' for an adapter (terminal, xterm.js). Input:
// an adapter sends 'console:input' (bytes) and 'console:resize' ({rows,
// cols}); both wait in a shared block (a byte ring and a size word) and
// IRQ_CONSOLE tells the kernel, whose interrupt path takes them with
// console.read and console.size.

import { IRQ } from './irq.js';
import { ringWrite, ringDrain } from './console-out.js';

const RING_BYTES = 4096;
const HEADER = 16; // u32 words below, then the bytes
const HEAD = 0, TAIL = 1; // free-running u32 counters: consumer, producer
const SIZE = 2;           // rows << 16 | cols; 0 while unknown

const header = (ring) => new Uint32Array(ring, 0, HEADER / 4);

/** A new (empty) input ring, shared by the main thread and the workers. */
export function createInputRing() {
  return new SharedArrayBuffer(HEADER + RING_BYTES);
}

/**
 * Append as much of `bytes` as fits to `ring`; the rest is dropped (as a
 * UART drops characters nobody reads). Returns the count stored.
 * @param {SharedArrayBuffer} ring
 * @param {Uint8Array} bytes
 */
export function ringPut(ring, bytes) {
  const idx = header(ring), data = new Uint8Array(ring, HEADER);
  const tail = Atomics.load(idx, TAIL);
  const n = Math.min(bytes.length, RING_BYTES - ((tail - Atomics.load(idx, HEAD)) >>> 0));
  for (let i = 0; i < n; i++) data[(tail + i) % RING_BYTES] = bytes[i];
  Atomics.store(idx, TAIL, (tail + n) >>> 0);
  return n;
}

/**
 * Remove and return up to `max` bytes from `ring` (oldest first).
 * @param {SharedArrayBuffer} ring
 * @param {number} max
 */
export function ringTake(ring, max) {
  const idx = header(ring), data = new Uint8Array(ring, HEADER);
  const head = Atomics.load(idx, HEAD);
  const n = Math.min(max, (Atomics.load(idx, TAIL) - head) >>> 0);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = data[(head + i) % RING_BYTES];
  Atomics.store(idx, HEAD, (head + n) >>> 0);
  return out;
}

/**
 * Worker half: the `console` import namespace.
 * @param {{memory: WebAssembly.Memory, post: (msg: object) => void,
 *          consoleRing: SharedArrayBuffer, consoleOut?: SharedArrayBuffer}} env
 *   consoleOut: the machine's output ring (console-out.js); without it
 *   each write is posted as its own message
 */
export function consoleImports(env) {
  const kick = () => env.post({ device: 'console' });
  return {
    write(ptr, len) {
      // Copy: the shared buffer must not cross to the main thread as a view.
      const bytes = new Uint8Array(env.memory.buffer, ptr, len).slice();
      if (env.consoleOut) ringWrite(env.consoleOut, bytes, kick);
      else env.post({ device: 'console', bytes });
    },
    read(ptr, max) {
      const bytes = ringTake(env.consoleRing, max);
      new Uint8Array(env.memory.buffer, ptr, bytes.length).set(bytes);
      return bytes.length;
    },
    size: () => Atomics.load(header(env.consoleRing), SIZE),
  };
}

/**
 * Main half: handle a message from consoleImports() on the machine: the
 * bytes it carries, or else what is in the machine's output ring.
 * @param {import('../machine.js').Machine} machine
 * @param {{bytes?: Uint8Array}} msg
 */
export function consoleMessage(machine, msg) {
  const bytes = msg.bytes ?? machine.drainConsole();
  if (bytes.length) machine.emit('console:output', bytes);
}

/**
 * Main half: what is waiting in output ring `ring`.
 * @param {SharedArrayBuffer} ring
 */
export function consoleDrain(ring) {
  return ringDrain(ring);
}

/**
 * Main half: keyboard input from an adapter ('console:input'). Queues it
 * and raises IRQ_CONSOLE.
 * @param {import('../machine.js').Machine} machine
 * @param {SharedArrayBuffer} ring
 * @param {Uint8Array} bytes
 */
export function consoleInput(machine, ring, bytes) {
  if (ringPut(ring, bytes) > 0) machine.raiseIrq(IRQ.console);
}

/**
 * Main half: the terminal's size from an adapter ('console:resize').
 * Records it and raises IRQ_CONSOLE when it changed.
 * @param {import('../machine.js').Machine} machine
 * @param {SharedArrayBuffer} ring
 * @param {{rows: number, cols: number}} size  each 1..65535
 */
export function consoleResize(machine, ring, { rows, cols }) {
  const ok = (n) => Number.isInteger(n) && n > 0 && n <= 0xffff;
  if (!ok(rows) || !ok(cols)) throw new RangeError(`bad console size ${rows}x${cols}`);
  if (Atomics.exchange(header(ring), SIZE, ((rows << 16) | cols) >>> 0) !== (((rows << 16) | cols) >>> 0))
    machine.raiseIrq(IRQ.console);
}
