#!/usr/bin/env node
// bin/janux -c, but the wasm32 machine runs in headless Chromium: the same
// command initramfs and console filter (host-shim/adapters/node/command.js),
// booted by tests/wasm/browser-run.js in a fresh browser. A launcher for
// tests/parity/parity.py boot and tests/bench/ubench-aarch64.py.
//   node tests/wasm/janux-chromium.mjs --initrd FILE.cpio[.gz] -c CMD [--cmdline ARGS] [--timeout SECONDS]
// Prints what CMD printed and exits with its status; 125 (the boot log on
// stderr) when the guest never reported one, 124 after SECONDS (default
// 240; the browser is closed first, so no Chromium outlives the launcher).

import { bootInBrowser } from './browser-run.js';
import { commandCmdline, commandFilter, commandInitrd, commandStatus, NO_STATUS } from '../../host-shim/adapters/node/command.js';

const USAGE = 'usage: janux-chromium.mjs --initrd FILE -c CMD [--cmdline ARGS] [--timeout SECONDS]';
const TIMED_OUT = 124; // as timeout(1)

/** { '--initrd', '-c', '--cmdline', '--timeout' } from argv; exits 2 on bad usage. */
function parse(argv) {
  const known = new Set(['--initrd', '-c', '--cmdline', '--timeout']);
  const opts = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!known.has(argv[i]) || argv[i + 1] === undefined) {
      process.stderr.write(`janux-chromium: bad argument '${argv[i]}'\n${USAGE}\n`);
      process.exit(2);
    }
    opts[argv[i]] = argv[i + 1];
  }
  if (!opts['--initrd'] || opts['-c'] === undefined) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  return opts;
}

const opts = parse(process.argv.slice(2));
const made = commandInitrd(opts['--initrd'], opts['-c']);
const filter = commandFilter(made.tag, process.stdout);
try {
  const { output, exit } = await bootInBrowser(commandCmdline(opts['--cmdline']),
    { initrd: made.initrd, timeoutMs: Number(opts['--timeout'] ?? 240) * 1000 });
  filter.feed(new TextEncoder().encode(output));
  process.exitCode = commandStatus(filter, exit, process.stderr);
} catch (e) {
  filter.feed(new TextEncoder().encode(e.output ?? ''));
  process.stderr.write(`${filter.bootLog()}janux-chromium: ${e.message}\n`);
  process.exitCode = e.output === undefined ? NO_STATUS : TIMED_OUT;
}
