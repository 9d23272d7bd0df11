// Boot parameters device (the machine's firmware side): hands the kernel the
// command line it was started with and the initramfs (--initrd), if any.

import { postMark } from '../marks.js';

/**
 * Worker half: the `boot` import namespace.
 * @param {{memory: WebAssembly.Memory, cmdline: string, initrd?: Uint8Array,
 *          post: (msg: object) => void}} env
 */
export function bootImports(env) {
  return {
    cmdline(ptr, max) {
      const bytes = new TextEncoder().encode(env.cmdline).subarray(0, max);
      new Uint8Array(env.memory.buffer, ptr, bytes.length).set(bytes);
      return bytes.length;
    },
    initrd_size: () => env.initrd?.length ?? 0,
    initrd_read(ptr) {
      postMark(env.post, 'janux:initrd-read');
      if (env.initrd) new Uint8Array(env.memory.buffer, ptr, env.initrd.length).set(env.initrd);
    },
  };
}
