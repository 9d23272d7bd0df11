// Node adapter: this process's terminal as the machine's console. Output
// goes to stdout and its size to the guest ('console:resize', now and on
// every change); every byte of stdin goes to the guest ('console:input'),
// except Ctrl-A x, which stops the machine (QEMU's -nographic escape). A
// TTY stdin is put in raw mode; a pipe is passed on as it comes, so
// `printf 'ls\r' | bin/janux` types into the console as a terminal would.

const CTRL_A = 0x01;
const ESCAPE_STATUS = 130; // as a shell reports a SIGINT-ended program

/**
 * Attach `machine` to a terminal. Returns detach(), which restores the
 * terminal (cooked mode, stdin released); call it when the machine exits.
 * @param {import('../../machine.js').Machine} machine
 * @param {{stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream}} tty
 */
export function attachTerminal(machine, { stdin, stdout }) {
  machine.on('console:output', (bytes) => stdout.write(bytes));
  const onResize = () => { // a terminal may not know its size (0 x 0)
    if (stdout.rows > 0 && stdout.columns > 0)
      machine.send('console:resize', { rows: stdout.rows, cols: stdout.columns });
  };
  if (stdout.isTTY) {
    onResize();
    stdout.on('resize', onResize);
  }
  let afterEscape = false;
  const onData = (chunk) => {
    const keys = [];
    for (const b of chunk) {
      if (afterEscape && (b === 0x78 || b === 0x58)) { // x / X
        machine.stop({ status: ESCAPE_STATUS, reason: 'escape' });
        return;
      }
      if (afterEscape) keys.push(CTRL_A);
      afterEscape = b === CTRL_A && !afterEscape;
      if (!afterEscape) keys.push(b);
    }
    if (keys.length) machine.send('console:input', Uint8Array.from(keys));
  };
  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();
  return () => {
    stdout.off('resize', onResize);
    stdin.off('data', onData);
    if (stdin.isTTY) stdin.setRawMode(false);
    stdin.pause();
  };
}
