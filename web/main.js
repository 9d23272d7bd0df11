// The page's entry: paint the terminal at once, check that the browser can
// run Janux (cross-origin isolation, SharedArrayBuffer, WebAssembly threads),
// then fetch the kernel and boot it through the host shim's browser adapter
// (the kernel command line from ?cmdline=); the file controls and the
// share's device come from files.js, the persistent disk and its controls
// from disk.js. Every failure ends in a readable message on the page, never a
// blank tab.

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

function openTerminal() {
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
  return term;
}

async function main() {
  performance.mark('janux:main');
  const term = openTerminal();
  performance.mark('janux:terminal');
  globalThis.janux = { term };
  const share = import('./files.js').then(({ setupFiles }) => setupFiles({ refocus: () => term.focus() }))
    .catch((e) => { document.getElementById('files').textContent = `no file controls: ${e.message}`; return null; });
  const why = unsupportedReason();
  if (why) {
    showError(why);
    return;
  }
  const params = new URLSearchParams(location.search);
  const cmdline = params.get('cmdline') ?? '';
  const disk = import('./disk.js')
    .then(({ setupDisk }) => setupDisk({ base: new URL('.', document.baseURI), params, refocus: () => term.focus() }))
    .catch((e) => { document.getElementById('disk-status').textContent = `no disk: ${e.message}`; return null; });
  let boot;
  try {
    ({ boot } = await import('./host-shim/adapters/browser/boot.js'));
  } catch (e) {
    showError(`Could not load the host shim: ${e.message}`);
    return;
  }
  try {
    await boot({ term, cmdline, setStatus, virtio: [disk, share], // disk first: vda
                 onStart: (machine) => { globalThis.janux.machine = machine; } });
  } catch (e) {
    showError(`Janux stopped: ${e.message}`);
  }
}

main();
