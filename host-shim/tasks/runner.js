// One user task on a task worker: enters it into the kernel, runs its
// program (new program, CLONE_VM entry, or fork child rewinding), and is
// the janux.syscall / janux.fork glue: after each kernel entry it runs the
// signal handlers the kernel framed (then rt_sigreturn), restarts the
// call, or leaves the old program after execve. A trap in user code kills
// the task's process with the matching signal (kernel_task_fault).

import { START, TaskExit } from './task-imports.js';
import { instantiateProgram, trapSignal, UserFault } from './user-glue.js';
import { ENOSYS } from './errno.js';
import { instantiateWasi } from './wasi.js';

const NR_EXIT = 93, NR_EXIT_GROUP = 94, NR_RT_SIGRETURN = 139;
const ASYNCIFY_REWINDING = 2;
const SIGSEGV = 11;

/** Thrown through user code when execve has replaced the program. */
class ExecUnwind extends Error {
  constructor() { super('exec'); this.name = 'ExecUnwind'; }
}

/** Runs the tasks given to one worker, one after the other. */
export class TaskRunner {
  frames = [];     // handlers to run before returning to user code
  restart = false; // issue the syscall again
  exec = null;     // {module, mem, sp}: start this program instead
  #env; #k;
  #inst = null; #memory = null; #desc = null; #entry = '_start';
  #sp = null; // the program's __stack_pointer global
  #inKernel = false;
  #depth = 0;          // signal handlers running (fork cannot unwind them)
  #forkReq = null;     // janux.fork unwinding
  #forkSaved = null;   // the parent's asyncify state while it forks
  #forkResult = 0;

  /**
   * @param {object} env  the worker's env (memory, post, mems, modules, want, memBudget)
   * @param {object} kernel  this worker's kernel instance exports
   */
  constructor(env, kernel) {
    this.#env = env;
    this.#k = kernel;
  }

  /** The user __stack_pointer of this worker's program now. */
  userSp() {
    return this.#sp?.value ?? 0;
  }

  /** The user __tls_base of this worker's program (0 when none). */
  userTls() {
    return this.#inst?.exports.__tls_base?.value ?? 0;
  }

  /** The memory of this worker's program now (null between tasks). */
  userMemory() {
    return this.#memory;
  }

  /** The forking parent's asyncify state, for its child's start message. */
  forkState() {
    return this.#forkSaved;
  }

  /**
   * Run task `start` (task-imports.js readStart) until it ends. `fork` is
   * the parent's asyncify state for a fork child. Resolves when the task
   * has exited; rejects on a kernel or host fault.
   */
  async run(start, fork) {
    try {
      this.#kcall(() => this.#k.kernel_task_start());
      for (let s = start, f = fork; ;) {
        try {
          await this.#enterUser(s, f);
          this.syscall(this.#entry === '_start' ? NR_EXIT_GROUP : NR_EXIT, 0, 0, 0, 0, 0, 0);
          throw new Error('exit returned');
        } catch (e) {
          if (!(e instanceof ExecUnwind)) throw e;
          s = { ...start, ...this.exec, how: START.exec };
          f = undefined;
          this.exec = null;
        }
      }
    } catch (e) {
      if (!(e instanceof TaskExit)) this.#fault(e);
    } finally {
      this.#inst = this.#memory = this.#desc = this.#sp = null;
      this.frames = [];
      this.restart = false;
    }
  }

  // A trap in user code kills the process; anything else is a real fault.
  #fault(e) {
    const sig = this.#inKernel ? 0 : trapSignal(e);
    if (!sig) throw e;
    try {
      this.#kcall(() => this.#k.kernel_task_fault(sig));
    } catch (e2) {
      if (e2 instanceof TaskExit) return;
      throw e2;
    }
    throw new Error('kernel_task_fault returned');
  }

  #kcall(fn) {
    this.#inKernel = true;
    const r = fn();
    this.#inKernel = false;
    return r;
  }

  async #enterUser(s, fork) {
    const desc = this.#env.modules.get(s.module) ?? await this.#env.want(s.module);
    const memory = this.#env.mems.get(s.mem);
    if (!desc || !memory) throw new UserFault(SIGSEGV, `program ${s.module} or memory ${s.mem} is gone`);
    this.#desc = desc;
    this.#memory = memory;
    if (desc.wasi) { // exec'd only: no fork, clone or signal handlers
      this.#entry = '_start';
      this.#sp = null;
      this.#inst = instantiateWasi(desc, memory, this, s.sp);
      this.#env.memBudget.saw(); // the module's own memory
      this.#callEntry();
      return;
    }
    this.#inst = instantiateProgram(desc, memory, this);
    const x = this.#inst.exports;
    this.#sp = x.__stack_pointer;
    x.__stack_pointer.value = s.sp;
    if (s.how !== START.exec && x.__tls_base) x.__tls_base.value = s.tls;
    this.#after(0, () => 0); // handlers of signals taken at the first entry
    this.#entry = s.how === START.exec ? '_start' : s.how === START.fork ? fork.entry : '__janux_clone_entry';
    if (s.how === START.fork) this.#rewind(fork, 0);
    this.#callEntry();
  }

  // Call the entry; each time it returns because janux.fork unwound it,
  // fork and rewind it.
  #callEntry() {
    const x = this.#inst.exports;
    if (typeof x[this.#entry] !== 'function') throw new UserFault(SIGSEGV, `no ${this.#entry} export`);
    for (;;) {
      x[this.#entry]();
      const req = this.#forkReq;
      if (!req) return;
      this.#forkReq = null;
      x.asyncify_stop_unwind();
      const end = new Int32Array(this.#memory.buffer, req.buf, 1)[0];
      this.#forkSaved = { entry: this.#entry, buf: req.buf, sp: req.sp, tls: req.tls,
                          data: new Uint8Array(this.#memory.buffer, req.buf, end - req.buf).slice() };
      const saved = this.#forkSaved;
      let pid;
      try {
        const again = () => this.#kcall(() => this.#k.kernel_fork(req.flags, req.sp));
        pid = this.#after(again(), again);
      } finally {
        this.#forkSaved = null;
      }
      this.#rewind(saved, pid);
    }
  }

  #rewind(saved, result) {
    const x = this.#inst.exports;
    new Uint8Array(this.#memory.buffer, saved.buf, saved.data.length).set(saved.data);
    x.__stack_pointer.value = saved.sp;
    if (x.__tls_base) x.__tls_base.value = saved.tls;
    this.#forkResult = result;
    x.asyncify_start_rewind(saved.buf);
  }

  /** janux.syscall(nr, a0..a5): one syscall, then what the kernel asked for. */
  syscall = (nr, a0, a1, a2, a3, a4, a5) => {
    this.#inKernel = true;
    const r = this.#k.kernel_syscall(nr, a0, a1, a2, a3, a4, a5);
    this.#inKernel = false;
    if (this.frames.length === 0 && !this.restart && !this.exec) return r;
    return this.#after(r, () => this.#kcall(() =>
      this.#k.kernel_syscall(nr, a0, a1, a2, a3, a4, a5)));
  };

  /** janux.fork(flags, buf, size): unwind now; returns when rewound. */
  fork = (flags, buf, size) => {
    const x = this.#inst.exports;
    if (this.#desc.asyncify && x.asyncify_get_state() === ASYNCIFY_REWINDING) {
      x.asyncify_stop_rewind();
      return this.#forkResult;
    }
    if (!this.#desc.asyncify || this.#depth > 0 || size < 16) return -ENOSYS;
    new Int32Array(this.#memory.buffer, buf, 2).set([buf + 8, buf + size]);
    this.#forkReq = { flags, buf, sp: x.__stack_pointer.value, tls: x.__tls_base?.value ?? 0 };
    x.asyncify_start_unwind(buf);
    return 0;
  };

  // The kernel's requests after an entry whose result is r; again() issues
  // the same entry once more (restart).
  #after(r, again) {
    for (;;) {
      if (this.exec) throw new ExecUnwind();
      if (this.frames.length) r = this.#runHandler(this.frames.shift());
      else if (this.restart) { this.restart = false; r = again(); }
      else return r;
    }
  }

  // Call a handler on its frame, then rt_sigreturn (whose result is the
  // interrupted call's). A longjmp out of the handler abandons both.
  #runHandler(f) {
    const x = this.#inst.exports, sp = x.__stack_pointer.value;
    let fn;
    try { fn = x.__indirect_function_table.get(f.fn); } catch { fn = null; }
    if (typeof fn !== 'function') throw new UserFault(SIGSEGV, `bad signal handler ${f.fn}`);
    x.__stack_pointer.value = f.sp;
    this.#depth++;
    try { fn(f.sig, f.info, f.uc); } finally { this.#depth--; }
    const r = this.#kcall(() => this.#k.kernel_syscall(NR_RT_SIGRETURN, 0, 0, 0, 0, 0, 0));
    x.__stack_pointer.value = sp;
    return r;
  }
}
