// The page's entry, run as soon as it arrives (an async module, shipped as
// one file with everything it imports: web/bundle.mjs): start the
// kernel workers, check that the browser can run Janux (cross-origin
// isolation, SharedArrayBuffer, WebAssembly threads), then boot it through
// the host shim's browser adapter (the kernel command line from ?cmdline=)
// while xterm.js loads: the terminal is opened when its script has run and
// gets the output kept until then (docs/web.md, "Where the time goes"). The
// file controls and the share's device come from files.js, the persistent
// disk and its controls from disk.js. Every failure ends in a readable
// message on the page, never a blank tab.

import { adoptWorkers, endSpareWorkers, prestartWorkers } from './host-shim/platform.js';
import { setupDisk } from './disk.js';
import { setupFiles } from './files.js';
import { boot } from './host-shim/adapters/browser/boot.js';

// The boot and interrupt workers to be (host-shim/machine.js, WORKER_URL):
// index.html started them before any script ran (a worker's thread is made
// by the main thread, busy with main.js and xterm.js from then on); they
// are started here if it did not.
const KERNEL_WORKER = new URL('host-shim/kernel-worker.js', document.baseURI);
const earlyWorkers = globalThis.januxEarlyWorkers ?? [];
adoptWorkers(KERNEL_WORKER, earlyWorkers);
prestartWorkers(KERNEL_WORKER, 2 - earlyWorkers.length);

const statusEl = document.getElementById('status');
const errorEl = document.getElementById('error');

/** Show `text` in the status line. */
export function setStatus(text) {
  statusEl.textContent = text;
}

/** Show a failure the user can read, and stop. */
export function showError(text) {
  errorEl.textContent = text;
  errorEl.hidden = false;
  setStatus('stopped');
}

/** Why this browser cannot run Janux, or null when it can. */
export function unsupportedReason() {
  if (typeof SharedArrayBuffer === 'undefined' || !globalThis.crossOriginIsolated) {
    return 'Janux needs SharedArrayBuffer, which browsers give only to cross-origin ' +
      'isolated pages. Serve this page with the headers\n' +
      '  Cross-Origin-Opener-Policy: same-origin\n' +
      '  Cross-Origin-Embedder-Policy: require-corp\n' +
      '(`make run` does), and use a current Chrome, Firefox or Safari.';
  }
  if (typeof WebAssembly !== 'object') return 'This browser has no WebAssembly.';
  return null;
}

// Run the classic script at `src` (index.html preloads it); rejects with
// a readable Error when it cannot be loaded.
function runScript(src) {
  return new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src, async: false });
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

// xterm.js and its fit add-on loaded, the terminal open in #terminal,
// sized to it and focused.
async function openTerminal() {
  await Promise.all([runScript('xterm/xterm.js'), runScript('xterm/addon-fit.js')]);
  const term = new globalThis.Terminal({
    cursorBlink: true,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace',
    fontSize: 14,
    scrollback: 5000,
  });
  const fit = new globalThis.FitAddon.FitAddon();
  term.loadAddon(fit);
  term.open(document.getElementById('terminal'));
  fit.fit();
  window.addEventListener('resize', () => fit.fit());
  term.focus();
  performance.mark('janux:terminal');
  globalThis.janux.term = term;
  return term;
}

async function main() {
  performance.mark('janux:main');
  globalThis.janux = {};
  const why = unsupportedReason();
  const params = new URLSearchParams(location.search);
  let focusTerminal = () => {};
  const refocus = () => focusTerminal();
  const terminal = openTerminal();
  const share = Promise.resolve().then(() => setupFiles({ refocus }))
    .catch((e) => { document.getElementById('files').textContent = `no file controls: ${e.message}`; return null; });
  let started;
  const machine = new Promise((resolve) => { started = resolve; });
  // The disk's device comes at once and the disk opens while the machine
  // boots; when it is not the disk the machine was given, the machine
  // boots again with the right one (or none).
  const restart = (device, reason) => machine.then(async (m) => {
    (await terminal).write(`\r\n[${reason}: starting again ${device ? 'with the disk as it is' : 'without a disk'}]\r\n`);
    m.reboot([device, await share].filter(Boolean));
  }).catch(() => {});
  const disk = why ? null : setupDisk({ base: new URL('.', document.baseURI), params, refocus, restart })
    .catch((e) => { document.getElementById('disk-status').textContent = `no disk: ${e.message}`; return null; });
  terminal.catch((e) => showError(`Could not open the terminal: ${e.message}`));
  focusTerminal = () => terminal.then((term) => term.focus(), () => {});
  if (why) {
    showError(why);
    endSpareWorkers();
    return;
  }
  const cmdline = params.get('cmdline') ?? '';
  try {
    await boot({ term: terminal, cmdline, setStatus, virtio: [disk, share], // disk first: vda
                 onStart: (m) => { globalThis.janux.machine = m; started(m); } });
  } catch (e) {
    showError(`Janux stopped: ${e.message}`);
  }
  endSpareWorkers();
}

main();
