// Zeroing a range of a shared memory with wasm's memory.fill
// (host-shim/tasks/zero.js): exactly the range, also after the memory grew
// past the size it had when first zeroed, and a range past the end traps
// without writing.

import { zeroMemory } from '../../host-shim/tasks/zero.js';

const PAGE = 65536;

export const tests = [
  {
    name: 'zero/zeroes-exactly-the-range-even-after-growth',
    fn: () => {
      const m = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
      new Uint8Array(m.buffer).fill(0xa5);
      zeroMemory(m, 100, 50);
      let u = new Uint8Array(m.buffer);
      if (u[99] !== 0xa5 || u[150] !== 0xa5) throw new Error('bytes beside the range were zeroed');
      if (u.subarray(100, 150).some((b) => b)) throw new Error('the range was not zeroed');
      m.grow(2);
      u = new Uint8Array(m.buffer);
      u.fill(0xa5);
      zeroMemory(m, PAGE - 8, 2 * PAGE); // crosses into the grown pages
      if (u.subarray(PAGE - 8, 3 * PAGE - 8).some((b) => b)) throw new Error('grown pages not zeroed');
      if (u[PAGE - 9] !== 0xa5 || u[3 * PAGE - 8] !== 0xa5) throw new Error('bytes beside the range were zeroed');
    },
  },
  {
    name: 'zero/range-past-the-end-traps-untouched',
    fn: () => {
      const m = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
      const u = new Uint8Array(m.buffer);
      u.fill(7);
      let trapped = false;
      try { zeroMemory(m, PAGE - 10, 20); } catch (e) { trapped = e instanceof WebAssembly.RuntimeError; }
      if (!trapped) throw new Error('no trap for a range past the end');
      if (u.some((b) => b !== 7)) throw new Error('a trapping zero wrote bytes');
    },
  },
];
