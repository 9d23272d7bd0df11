// User processes on the wasm32 machine, tested inside the OS: each test
// boots bin/janux with the test initramfs (tests/wasm/progs/, built by
// `make wasm-progs`) and init=/bin/NAME, whose checks print "ok CHECK" or
// "FAIL CHECK: ..." and end with "done" and a power-off. Every check named
// here must have printed "ok".

import { fileURLToPath } from 'node:url';
import { janux, expect } from './janux-run.js';

const INITRD = fileURLToPath(new URL('../../build/wasm32/tests/initrd.cpio', import.meta.url));
const RUN_LIMIT_MS = 30000;

const CHECKS = {
  syscalls: ['getpid', 'getppid', 'write', 'efault-page0', 'efault-null-read', 'efault-beyond',
             'brk-grow', 'brk-use', 'mmap-ok', 'mmap-use', 'munmap', 'efault-unmapped', 'remap-zero', 'clock',
             'timespec-nsec-padding-ignored', 'timespec-nsec-range'],
  procs: ['fork-pid', 'fork-wait', 'fork-status', 'fork-separate-memory', 'fork-child-getppid',
          'vfork-exec-wait', 'exec-status', 'clone-wait', 'clone-status', 'clone-shared-memory'],
  pipes: ['pipe2', 'pipe-eof', 'pipe-bytes', 'pipe-sum', 'pipe-writer-status'],
  signals: ['sigaction', 'handler-ran', 'siginfo', 'sigaltstack', 'sa-onstack-handler-on-alt-stack', 'read-eintr', 'read-restart',
            'sigterm-default-kills-sleeper'],
  threads: ['thread-create', 'thread-futex-join', 'thread-shared-count', 'thread-own-tid',
            'thread-same-process'],
  modcache: ['cache-second-exec', 'cache-first-exec'],
  traps: ['trap-oob-sigsegv', 'trap-unreachable-sigill', 'trap-div0-sigfpe', 'parent-still-runs'],
  enoexec: ['enoexec-garbage', 'enoexec-no-start', 'enoexec-wasi-foreign', 'still-running'],
  kill: ['kill-spinner', 'kill-wait', 'kill-status', 'sigterm-spinner'],
  forks: ['secret-writer', 'recycled-memory-clean', 'fork-1000'],
  cputime: ['spin-utime-ticks', 'spin-cputime-ms', 'proc-stat-utime', 'sleep-not-charged',
            'child-wait', 'child-cutime-ticks', 'getrusage-children', 'child-rusage-ms'],
  wasi: ['wasi-argc', 'wasi-argv', 'wasi-environ', 'wasi-create', 'wasi-write', 'wasi-read', 'wasi-seek',
         'wasi-fstat', 'wasi-pwrite', 'wasi-pread', 'wasi-setfl-append',
         'wasi-readdir', 'wasi-mkdir', 'wasi-rename', 'wasi-link', 'wasi-utimensat',
         'wasi-futimens', 'wasi-symlink', 'wasi-unlink', 'wasi-rmdir',
         'wasi-enoent', 'wasi-clock', 'wasi-clock-res', 'wasi-random', 'wasi-poll-sleep', 'wasi-nanosleep',
         'wasi-efault-iovs', 'wasi-efault-buf', 'wasi-enosys', 'wasi-ebadf',
         'wasi-poll-stdin', 'wasi-stdin', 'wasi-pipe-write', 'wasi-stdin-through-pipe', 'wasi-wait',
         'wasi-exit-status', 'wasi-trap-sigill'],
};

// Output the console must also show, beyond the checks.
const ALSO = {
  procs: ['hello from exec arg1'],
  modcache: ['hello from exec copy'],
  threads: ['thread-create', 'thread-futex-join', 'thread-shared-count', 'thread-own-tid',
            'thread-same-process'],
  modcache: ['cache-second-exec', 'cache-first-exec'],
  traps: ['trap in user code: signal 11', 'trap in user code: signal 4', 'trap in user code: signal 8'],
  wasi: ['stdin said: ping', 'trap in user code: signal 4'],
  enoexec: ['bad-module: bad wasm module: ', 'nostart.wasm: bad wasm module: it does not export _start',
            'wasi-foreign.wasm: bad wasm module: WASI module also imports env.foo'],
};

export const tests = Object.entries(CHECKS).map(([name, checks]) => ({
  name: `processes/${name}`,
  timeoutMs: RUN_LIMIT_MS + 5000,
  fn: async () => {
    const r = await janux(['--initrd', INITRD, '--cmdline', `init=/bin/${name}`], RUN_LIMIT_MS);
    const out = r.stdout.replace(/\r\n/g, '\n'); // the console tty's ONLCR
    const fails = out.split('\n').filter((l) => l.startsWith('FAIL'));
    expect(fails.length === 0, fails.join(' | '), r);
    for (const c of checks) expect(out.includes(`\nok ${c}\n`), `no "ok ${c}"`, r);
    for (const text of ALSO[name] ?? []) expect(out.includes(text), `no "${text}" on the console`, r);
    expect(out.includes('\ndone\n') && r.status === 0, 'the test did not finish and power off', r);
  },
}));
