// Boot phase marks: a worker or the main thread names a moment of the boot
// ("janux:kernel-boot") on the clock every thread shares (timeOrigin +
// now), and the machine emits it as a 'mark' event, so a page can turn it
// into a performance mark (DevTools, tests/e2e/bench-page.mjs) and a
// Node host can ignore it. Only the first of each name per thread is sent.

const sent = new Set();

/** Milliseconds since the epoch, comparable between threads. */
export const sharedNow = () => performance.timeOrigin + performance.now();

/**
 * Post mark `name` (now) through `post` unless this thread already did.
 * @param {(msg: object) => void} post  a kernel worker's port.post
 * @param {string} name
 */
export function postMark(post, name) {
  if (sent.has(name)) return;
  sent.add(name);
  post({ device: 'mark', name, at: sharedNow() });
}

/**
 * The marks of a boot in the page, in the order they normally come, each
 * with what it means (docs/web.md, "Where the time goes"). The page sets
 * the main-thread ones; the kernel workers post the others.
 */
export const PHASES = Object.freeze([
  ['janux:main', 'main.js runs'],
  ['janux:terminal', 'terminal open (xterm.js loaded)'],
  ['janux:worker-loaded', 'first kernel worker has its scripts'],
  ['janux:kernel-compiled', 'kernel.wasm downloaded and compiled'],
  ['janux:initramfs-loaded', 'initramfs downloaded'],
  ['janux:devices-ready', 'virtio devices ready (disk opened, share chosen)'],
  ['janux:kernel-boot', 'boot worker enters kernel_boot'],
  ['janux:initrd-read', 'kernel copies the initramfs in'],
  ['janux:first-output', 'banner on the screen'],
  ['janux:exec-compile', 'first execve compiles its program (init)'],
  ['janux:exec-compiled', 'that program compiled'],
  ['janux:first-task', 'first user task starts on a task worker'],
]);
