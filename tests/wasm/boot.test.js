// bin/janux --machine wasm as a user runs it: the boot banner, the command
// line, the panic without init (message on stderr, non-zero status), clear
// errors for options the wasm machine does not support yet, and the hand-off
// of --machine qemu to bin/janux-qemu.

import { fileURLToPath } from 'node:url';
import { janux, expect } from './janux-run.js';
import { commandFilter } from '../../host-shim/adapters/node/command.js';

const TEST_INITRD = fileURLToPath(new URL('../../build/wasm32/tests/initrd.cpio', import.meta.url));

const BANNER = /^\[\s*\d+\.\d{6}\] Janux \d+\.\d+\.\d+\S* \([0-9a-f]{7,}(-dirty)?, \d{4}-\d\d-\d\d\) wasm32$/m;

export const tests = [
  {
    name: 'boot/banner',
    fn: async () => {
      const r = await janux(['--no-initrd']);
      expect(BANNER.test(r.stdout), 'no "Janux <version> (<hash>, <date>) wasm32" banner', r);
    },
  },
  {
    name: 'boot/cmdline',
    fn: async () => {
      const r = await janux(['--no-initrd', '--cmdline', 'loglevel=7 foo=bar']);
      expect(/^\[[ .\d]+\] Command line: loglevel=7 foo=bar$/m.test(r.stdout), 'command line not shown', r);
    },
  },
  {
    name: 'boot/panic-without-init-exits-nonzero',
    fn: async () => {
      const r = await janux(['--no-initrd']);
      expect(r.status !== 0 && r.status !== null, 'exit status is zero', r);
      expect(r.stderr.includes('Kernel panic: No working init found.'), 'panic message not on stderr', r);
      expect(r.stdout.includes('Kernel panic: No working init found.'), 'panic message not on the console', r);
    },
  },
  ...[['--disk', 'cannot open disk image'], ['--share', 'no such directory']].map(([opt, why]) => ({
    name: `options/${opt.replace(/^-+/, '')}-missing-is-an-error`,
    fn: async () => {
      const r = await janux([opt, '/nonexistent/x']);
      expect(r.status === 2 && r.stderr.includes(why), `a missing ${opt} not refused clearly`, r);
    },
  })),
  {
    name: 'command/filter-shows-the-command-output-and-status',
    fn: () => {
      let shown = '';
      const f = commandFilter('T1', { write: (s) => { shown += s; } });
      const enc = (s) => new TextEncoder().encode(s);
      f.feed(enc('boot line\r\n@@T1:st'));
      f.feed(enc('art\r\nhello\r\nlast@@T1:exit:3\r\nafter\r\n'));
      if (shown !== 'hello\nlast' || f.status() !== 3 || !f.bootLog().includes('boot line'))
        throw new Error(`shown ${JSON.stringify(shown)}, status ${f.status()}, log ${JSON.stringify(f.bootLog())}`);
    },
  },
  {
    name: 'command/c-boots-janux-init-from-the-initrd',
    fn: async () => {
      // The test image has no /bin/busybox: the init script's #! fails,
      // which shows the -c files were added and init= points at them.
      const r = await janux(['--initrd', TEST_INITRD, '-c', 'true'], 20000);
      expect(r.status === 125 && r.stderr.includes('Requested init /janux-init failed') &&
             r.stderr.includes('did not report the status'), 'no janux-init run reported', r);
    },
  },
  {
    name: 'options/initrd-missing-file-is-an-error',
    fn: async () => {
      const r = await janux(['--initrd', '/nonexistent.cpio']);
      expect(r.status === 2 && r.stderr.includes('cannot read the initrd'), 'missing initrd not refused', r);
    },
  },
  {
    name: 'options/unknown-machine-is-an-error',
    fn: async () => {
      const r = await janux(['--machine', 'vax']);
      expect(r.status === 2 && r.stderr.includes("unknown machine 'vax'"), 'unknown machine accepted', r);
    },
  },
  {
    name: 'options/machine-qemu-runs-janux-qemu',
    fn: async () => {
      const r = await janux(['--machine=qemu', '--help']);
      expect(r.status === 0 && r.stdout.includes('usage: bin/janux-qemu'), '--help did not reach bin/janux-qemu', r);
    },
  },
  {
    name: 'options/unknown-option-is-an-error',
    fn: async () => {
      const r = await janux(['--bogus']);
      expect(r.status === 2 && r.stderr.includes("unknown option '--bogus'"), 'unknown option accepted', r);
    },
  },
];
