// xterm.js as the machine's console: guest output is written to the
// terminal, keys and pastes go to the guest ('console:input'), and the
// terminal's size goes to the guest now and on every change
// ('console:resize'). Ctrl+Shift+C copies the selection (Ctrl+C stays the
// guest's interrupt key); pasting is the browser's own (Ctrl+V, Ctrl+Shift+V,
// the context menu), which xterm.js turns into input. The machine may boot
// before the terminal exists (the page loads xterm.js while the kernel
// starts): output until then is kept and written first.

const encoder = new TextEncoder();

/**
 * Connect `machine` to the xterm.js Terminal that `terminal` is or resolves
 * to (open). Output the machine emits before then is kept, in order, and
 * written when the terminal comes. The kernel writes a bare "\n" at the end
 * of its log lines, as it does to a serial port; like the host terminal
 * under bin/janux (its ONLCR), xterm.js is told to start a new line on "\n"
 * (convertEol). Resolves to the terminal once it is connected.
 * @param {import('../../machine.js').Machine} machine
 * @param {import('@xterm/xterm').Terminal|Promise<import('@xterm/xterm').Terminal>} terminal
 */
export async function attachXterm(machine, terminal) {
  const early = [];
  let write = (bytes) => early.push(bytes);
  machine.on('console:output', (bytes) => write(bytes));
  const term = await terminal;
  term.options.convertEol = true;
  for (const bytes of early) term.write(bytes);
  write = (bytes) => term.write(bytes);
  term.onData((text) => machine.send('console:input', encoder.encode(text)));
  term.onBinary((text) =>
    machine.send('console:input', Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)));
  const sendSize = () => machine.send('console:resize', { rows: term.rows, cols: term.cols });
  term.onResize(sendSize);
  sendSize();
  term.attachCustomKeyEventHandler((e) => copyKey(term, e));
  return term;
}

/** Ctrl+Shift+C with a selection: copy it and keep the key from the guest. */
function copyKey(term, e) {
  if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey || e.code !== 'KeyC') return true;
  if (term.hasSelection()) navigator.clipboard?.writeText(term.getSelection()).catch(() => {});
  return false;
}
