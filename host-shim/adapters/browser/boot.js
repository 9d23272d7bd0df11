// Booting Janux in the page: the kernel and (when the site has one) the
// wasm32 initramfs are fetched in parallel under a progress line, the
// machine starts with xterm.js as its console (it may start before the
// terminal exists: output waits for it), and how it ends becomes the
// result: power-off resolves, a failed download, panic or fault rejects
// with a message a person can read.

import { FAULT_STATUS, Machine } from '../../machine.js';
import { loadKernel, loadOptional } from './loader.js';
import { Progress } from './progress.js';
import { attachXterm } from './xterm-console.js';

export const KERNEL = 'kernel.wasm';
/**
 * The page's initramfs, plain: a server compresses it on the wire
 * (web/server.mjs sends initramfs-wasm32.cpio.gz with Content-Encoding:
 * gzip), and the browser inflates it in its network code, off the main
 * thread; inflating in the page (DecompressionStream: 33-66 ms at load 9)
 * or in the kernel (about 70 ms on wasm32) was slower (docs/web.md).
 */
export const INITRAMFS = 'initramfs-wasm32.cpio';

/**
 * Task workers started ahead (Machine.prestart) once the kernel is
 * compiled, while the disk opens: the two that init's path keeps busy
 * besides init (rcS's shell, a mount), which runs on the boot worker.
 * The page started the boot and interrupt workers before anything else
 * (web/main.js). Each worker started costs a core 60-150 ms in a new
 * tab: four here, when the boot worker did not serve tasks, were slower
 * (docs/web.md, "Where the time goes").
 */
export const PRESTART_TASK_WORKERS = 2;

/** Mark (performance.mark) set when the first guest output has been drawn. */
export const FIRST_OUTPUT_MARK = 'janux:first-output';

/**
 * Boot Janux in the xterm.js Terminal `term` (or a promise of it: the
 * machine starts meanwhile) with the kernel command line
 * `cmdline`, reporting progress through setStatus(text). The files are
 * taken from `base` (default: the page's directory). `onStart(machine)` is
 * called once the machine exists (before it boots). `virtio` lists the
 * machine's virtio device models (devices/virtio-bus.js) or promises of
 * them, in slot order; a null one is left out.
 * Resolves when the guest powers off. Rejects with an Error saying what
 * happened when a download fails or the kernel panics or faults.
 * @param {{term: import('@xterm/xterm').Terminal|Promise<import('@xterm/xterm').Terminal>, cmdline: string,
 *          setStatus: (text: string) => void, base?: URL,
 *          onStart?: (machine: Machine) => void, virtio?: (object|Promise<object|null>)[]}} opts
 */
export async function boot({ term, cmdline, setStatus, base = new URL('.', document.baseURI),
                             onStart = () => {}, virtio = [] }) {
  const progress = new Progress(setStatus);
  const [kernel, initrd, devices] = await Promise.all([
    loadKernel(new URL(KERNEL, base), progress.track(KERNEL)).then(marked('janux:kernel-compiled'))
      .then((kernel) => { Machine.prestart(PRESTART_TASK_WORKERS); return kernel; }),
    loadOptional(new URL(INITRAMFS, base), progress.track(INITRAMFS)).then(marked('janux:initramfs-loaded')),
    Promise.all(virtio).then(marked('janux:devices-ready')),
  ]);
  const machine = new Machine({ ...kernel, cmdline, ...(initrd && { initrd }), virtio: devices.filter(Boolean) });
  const ended = new Promise((resolve) => machine.on('exit', resolve));
  machine.on('mark', ({ name, at }) => markFirst(name, at - performance.timeOrigin));
  const attached = attachXterm(machine, term);
  markFirstOutput(machine, attached);
  onStart(machine);
  setStatus(initrd ? 'booting' : `booting (this site has no ${INITRAMFS})`);
  const booting = machine.boot();
  // Without a terminal nothing can be seen: stop (once booted), and say why.
  attached.catch(async (e) => {
    await booting.catch(() => {});
    machine.stop({ status: FAULT_STATUS, reason: 'terminal', message: `could not open the terminal: ${e.message}` });
  });
  await booting;
  setStatus('running');
  const how = await ended;
  if (how.reason === 'poweroff') {
    (await attached).write('\r\n[Janux powered off]\r\n');
    setStatus('powered off');
    return;
  }
  throw new Error(endMessage(how, initrd !== null));
}

/** The sentence for a machine that stopped by panic or fault. */
function endMessage({ reason, message }, hadInitramfs) {
  if (reason === 'fault') return `the kernel faulted: ${message}`;
  const hint = !hadInitramfs && /No working init/.test(message)
    ? `\nThis site has no ${INITRAMFS}, so there is no init program to run.` : '';
  return `${message}${hint}`;
}

/** A promise callback that sets mark `name` and passes its value on. */
const marked = (name) => (value) => { markFirst(name); return value; };

/**
 * performance.mark `name` at `startTime` (default now), unless it is set
 * to an earlier time: marks from several workers arrive in any order, and
 * the first one reached counts.
 */
export function markFirst(name, startTime = performance.now()) {
  const [old] = performance.getEntriesByName(name, 'mark');
  if (old && old.startTime <= startTime) return;
  performance.clearMarks(name);
  performance.mark(name, { startTime });
}

/** Set FIRST_OUTPUT_MARK once the guest's first output is on the screen
 * of the terminal `attached` resolves to. */
function markFirstOutput(machine, attached) {
  let seen = false;
  machine.on('console:output', () => {
    if (seen) return;
    seen = true;
    attached.then((term) => term.write('', () => markFirst(FIRST_OUTPUT_MARK)), () => {});
  });
}
