// Interrupt controller: the kernel names a word in its memory with one bit
// per IRQ line and asks for an interrupt worker (a kernel instance that
// waits on the word and calls kernel_interrupt()). Devices raise a line by
// setting its bit and notifying; the main thread never waits on it.

/** IRQ lines (bits of the pending word), as IRQ_* in host_imports.h. */
export const IRQ = Object.freeze({ timer: 0, console: 1, virtio0: 2 });

/**
 * Worker half: the `irq` import namespace.
 * @param {{post: (msg: object) => void}} env
 */
export function irqImports(env) {
  return {
    start_worker(cpu, stackTop, tlsBlock, pending) {
      env.post({ device: 'irq', cpu, stackTop, tlsBlock, pending });
    },
  };
}

/**
 * Main half: start the interrupt worker the kernel asked for, or (op
 * 'running') let user tasks start now that it serves interrupts
 * (tasks/pool.js).
 * @param {import('../machine.js').Machine} machine
 * @param {{op?: 'running', cpu: number, stackTop: number, tlsBlock: number, pending: number}} msg
 */
export function irqMessage(machine, msg) {
  if (msg.op === 'running') machine.tasks.interruptsRunning();
  else machine.startInterruptWorker(msg);
}

/**
 * Raise IRQ `line` (0..31): set its bit in the pending word at byte address
 * `pending` of kernel memory and wake the interrupt worker. Never blocks.
 * @param {WebAssembly.Memory} memory
 * @param {number} pending
 * @param {number} line
 */
export function raiseIrq(memory, pending, line) {
  if (!Number.isInteger(line) || line < 0 || line > 31) throw new RangeError(`bad IRQ line ${line}`);
  const word = new Int32Array(memory.buffer, pending, 1);
  Atomics.or(word, 0, 1 << line);
  Atomics.notify(word, 0);
}

/**
 * Interrupt worker loop: wait until a line is pending, run the kernel's
 * handler, repeat. Runs in a worker (it blocks); returns only by throwing.
 * @param {WebAssembly.Memory} memory
 * @param {number} pending
 * @param {() => void} kernelInterrupt  the instance's kernel_interrupt export
 */
export function interruptLoop(memory, pending, kernelInterrupt) {
  const word = new Int32Array(memory.buffer, pending, 1);
  for (;;) {
    Atomics.wait(word, 0, 0);
    kernelInterrupt();
  }
}
