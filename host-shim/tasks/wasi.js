// The WASI preview1 compatibility layer (docs/wasm32.md "WASI"): a module
// importing wasi_snapshot_preview1 runs as a Janux process whose kernel
// address space is a small shadow memory; each WASI call copies its
// arguments between the module's own memory and the shadow's scratch and
// issues Janux syscalls through the task's one syscall entry
// (runner.syscall, so signals, restarts and exit behave as for any task).

import { NR, LX, W } from './wasi-abi.js';
import { WASI, wasiErrno } from './wasi-errno.js';
import { ModuleMemory, Scratch, WasiError } from './wasi-memory.js';
import { fdCalls } from './wasi-fd.js';
import { pathCalls } from './wasi-path.js';
import { clockNow, pollOneoff } from './wasi-poll.js';

/** The import module name of WASI preview1. */
export const WASI_MODULE = 'wasi_snapshot_preview1';

/**
 * The kernel's view of a WASI process: a fixed 2 MiB shadow memory, all
 * mapped; exec puts the argv/envp stack image just below stackTop, the
 * layer stages syscall arguments in [scratch, scratch + scratchSize).
 */
export const WASI_SHADOW = Object.freeze({
  bytes: 2 << 20, stackTop: 2 << 20, scratch: 4096, scratchSize: 1 << 20,
});

// The NUL-terminated strings of the pointer vector at `at` of the shadow
// (ending with a NULL pointer); returns them and the address after the NULL.
function strings(shadow, at) {
  const u8 = new Uint8Array(shadow.buffer), dv = new DataView(shadow.buffer), list = [];
  for (let p; (p = dv.getUint32(at, true)) !== 0; at += 4) list.push(u8.slice(p, u8.indexOf(0, p) + 1));
  return { list, next: at + 4 };
}

/**
 * argv and envp from the exec's Linux-style stack image at `sp`.
 * @param {WebAssembly.Memory} shadow
 */
export function stackStrings(shadow, sp) {
  const argv = strings(shadow, sp + 4);
  return { argv: argv.list, envp: strings(shadow, argv.next).list };
}

// args_sizes_get / args_get (and the environ_* pair) over `list`.
function vectorCalls(k, list) {
  return {
    sizes(countPtr, bytesPtr) {
      k.mem.setU32(countPtr, list.length);
      k.mem.setU32(bytesPtr, list.reduce((s, a) => s + a.length, 0));
    },
    get(ptrs, buf) {
      let pos = buf;
      list.forEach((a, i) => {
        k.mem.bytes(pos, a.length).set(a);
        k.mem.setU32(ptrs + 4 * i, pos);
        pos += a.length;
      });
    },
  };
}

function randomGet(k, buf, len) {
  for (let done = 0; done < len;) {
    const c = Math.min(len - done, k.scratch.room()), at = k.scratch.alloc(c);
    const got = k.sys(NR.getrandom, at, c, 0);
    k.mem.bytes(buf + done, got).set(k.scratch.bytes(at, got));
    done += got;
    k.scratch.reset();
  }
}

function miscCalls(k, args, env) {
  return {
    args_sizes_get: args.sizes, args_get: args.get,
    environ_sizes_get: env.sizes, environ_get: env.get,
    clock_time_get: (id, _precision, out) => k.mem.setU64(out, clockNow(k, id)),
    clock_res_get(id, out) {
      const ts = k.scratch.alloc(16);
      k.sys(NR.clock_getres_time64, id, ts);
      const v = k.scratch.view(ts, 16);
      k.mem.setU64(out, v.getBigInt64(0, true) * 1000000000n + v.getBigInt64(8, true));
    },
    random_get: (buf, len) => randomGet(k, buf, len),
    proc_exit: (code) => k.sys(NR.exit_group, code),
    sched_yield: () => k.sys(NR.sched_yield),
    poll_oneoff: (inPtr, out, n, nevents) => pollOneoff(k, inPtr, out, n, nevents),
  };
}

// Open "/" as the preopen fd 3 (replacing whatever fd 3 was).
function preopen(k) {
  const fd = k.sys(NR.openat, LX.AT_FDCWD, k.scratch.cstr(new Uint8Array([0x2f])),
                   LX.O_DIRECTORY | LX.O_CLOEXEC, 0);
  if (fd !== W.PREOPEN_FD) {
    k.sys(NR.dup3, fd, W.PREOPEN_FD, LX.O_CLOEXEC);
    k.sys(NR.close, fd);
  }
}

// A WASI import: reset the scratch, run, return 0 or the WASI errno.
function wrap(k, fn) {
  return (...a) => {
    k.scratch.reset();
    try {
      fn(...a);
      return WASI.SUCCESS;
    } catch (e) {
      if (e instanceof WasiError) return e.errno;
      throw e;
    }
  };
}

/**
 * Instantiate WASI command `desc` (modules.js describeModule) for the task
 * of `runner` (runner.js), whose kernel memory is `shadow` with the exec's
 * stack image at `sp`. Opens the preopen; calls the module lacks get
 * WASI ENOSYS.
 * @returns {WebAssembly.Instance}
 */
export function instantiateWasi(desc, shadow, runner, sp) {
  const { argv, envp } = stackStrings(shadow, sp);
  let instance = null;
  const k = {
    mem: new ModuleMemory(() => instance.exports.memory),
    scratch: new Scratch(shadow, WASI_SHADOW.scratch, WASI_SHADOW.scratchSize),
    sys(nr, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0) {
      const r = runner.syscall(nr, a0, a1, a2, a3, a4, a5);
      if (r < 0) throw new WasiError(wasiErrno(-r));
      return r;
    },
  };
  const calls = { ...fdCalls(k), ...pathCalls(k),
                  ...miscCalls(k, vectorCalls(k, argv), vectorCalls(k, envp)) };
  const imports = {};
  for (const i of WebAssembly.Module.imports(desc.module)) {
    if (i.module === WASI_MODULE && i.kind === 'function')
      imports[i.name] = calls[i.name] ? wrap(k, calls[i.name]) : () => WASI.NOSYS;
  }
  instance = new WebAssembly.Instance(desc.module, { [WASI_MODULE]: imports });
  k.scratch.reset();
  preopen(k);
  return instance;
}
