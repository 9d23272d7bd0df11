/*
 * The whole host boundary of kernel.wasm: every function the kernel imports
 * from the JavaScript machine (host-shim/), with its import-module namespace.
 * host-shim/imports.js mirrors this list; tests/wasm checks that the two and
 * the built module's import section agree. Pointers are kernel-memory
 * addresses (the shared memory imported as env.memory).
 *
 * Exports (entry points the host calls) are listed at the end of this file.
 */
#ifndef WASM32_HOST_IMPORTS_H
#define WASM32_HOST_IMPORTS_H

#include <janux/compiler.h>
#include <janux/types.h>

#define HOST_IMPORT(mod, name) \
	__attribute__((import_module(#mod), import_name(#name)))

/* ---- boot: what the machine was started with ------------------------ */

/* Copy the kernel command line into buf (at most max bytes, no NUL);
 * returns the bytes copied. */
HOST_IMPORT(boot, cmdline) size_t host_boot_cmdline(char *buf, size_t max);

/* The initramfs the machine was given (--initrd): its size in bytes (0: none). */
HOST_IMPORT(boot, initrd_size) size_t host_boot_initrd_size(void);

/* Copy the whole initramfs (initrd_size() bytes) to buf. */
HOST_IMPORT(boot, initrd_read) void host_boot_initrd_read(void *buf);

/* ---- console: the boot console (terminal / xterm.js) --------------- */

/* Write len bytes to the console. Does not block; never fails. */
HOST_IMPORT(console, write) void host_console_write(const char *buf, size_t len);

/* Take up to max bytes of pending keyboard input into buf; returns the
 * count (0 when none). The host raises IRQ_CONSOLE when input arrives. */
HOST_IMPORT(console, read) size_t host_console_read(char *buf, size_t max);

/* The terminal's size as rows << 16 | cols (0 while unknown); a change
 * raises IRQ_CONSOLE. */
HOST_IMPORT(console, size) uint32_t host_console_size(void);

/* ---- time: clocks --------------------------------------------------- */

/* Nanoseconds since the machine started (monotonic, same for every worker). */
HOST_IMPORT(time, now_ns) uint64_t host_time_now_ns(void);

/* Wall-clock nanoseconds since the Unix epoch when the machine started. */
HOST_IMPORT(time, realtime_ns) int64_t host_time_realtime_ns(void);

/* Raise IRQ_TIMER once now_ns reaches deadline_ns; replaces the previous
 * deadline; UINT64_MAX cancels. Does not block. */
HOST_IMPORT(time, timer_arm) void host_time_timer_arm(uint64_t deadline_ns);

/* ---- power: ending the machine (none of these return) ---------------- */

/* Power off; the host exits with status 0. */
HOST_IMPORT(power, off) __noreturn void host_power_off(void);

/* Restart the machine from boot. */
HOST_IMPORT(power, reboot) __noreturn void host_power_reboot(void);

/* Stop after a panic; `msg` (len bytes) says why. The host exits non-zero. */
HOST_IMPORT(power, halt) __noreturn void host_power_halt(const char *msg, size_t len);

/* ---- random: entropy ------------------------------------------------- */

/* Fill buf with len bytes from crypto.getRandomValues. */
HOST_IMPORT(random, fill) void host_random_fill(void *buf, size_t len);

/* ---- sync: sleeping on a word of kernel memory ----------------------- */

/*
 * Block this worker while the u32 at `word` equals `expected`, until a
 * memory.atomic.notify on it (Atomics.wait; may return spuriously).
 * Not memory.atomic.wait32: in Node 20 a wasm wait in a task worker lost
 * its notifications (docs/wasm32.md, "Sleeping").
 */
HOST_IMPORT(sync, wait) void host_sync_wait(const void *word, uint32_t expected);

/* ---- irq: interrupt delivery ---------------------------------------- */

/* IRQ lines: bit numbers in the pending word (host-shim/devices/irq.js). */
#define IRQ_TIMER 0
#define IRQ_CONSOLE 1
#define IRQ_VIRTIO0 2 /* virtio-mmio slot i raises IRQ_VIRTIO0 + i */
#define VIRTIO_SLOTS 8 /* at most: lines 2..9 */

/*
 * Start the interrupt worker: a kernel instance entered as cpu `cpu`
 * (kernel_cpu_enter), whose stack pointer is
 * stack_top and whose TLS block is tls_block, which waits on the 32-bit
 * word at `pending` (one bit per IRQ line, set by the host's devices with
 * Atomics.or + notify) and calls kernel_interrupt() when it is non-zero.
 * Returns at once; the worker starts asynchronously.
 */
HOST_IMPORT(irq, start_worker) void host_irq_start_worker(unsigned cpu,
							    uintptr_t stack_top,
							    void *tls_block,
							    uint32_t *pending);

/* ---- mmio: the host's virtio-mmio devices (host-shim/devices/virtio-mmio.js) */

/* Virtual address of slot 0's register window; slot i is at
 * MMIO_WINDOW + i * MMIO_SLOT_SIZE. Never memory: only the imports below
 * answer there. */
#define MMIO_WINDOW 0xf0000000u
#define MMIO_SLOT_SIZE 0x200u

/* How many virtio-mmio slots the machine has (0..VIRTIO_SLOTS), in
 * naming order (slot 0 is vda when it is a disk). */
HOST_IMPORT(mmio, count) uint32_t host_mmio_count(void);

/* One register access of `width` (1, 2 or 4) bytes at `addr` in the window,
 * with QEMU's virtio-mmio version 2 semantics. */
HOST_IMPORT(mmio, read) uint32_t host_mmio_read(uint32_t addr, uint32_t width);
HOST_IMPORT(mmio, write) void host_mmio_write(uint32_t addr, uint32_t val, uint32_t width);

/* ---- task: user tasks, one worker each (arch/wasm32/task.c, entry.c) --- */

/* How a task's worker enters user code (struct host_task_start.how). */
#define TASK_START_EXEC 0   /* new program: instantiate, __stack_pointer = sp, _start() */
#define TASK_START_CLONE 1  /* CLONE_VM/new stack: sp, tls, __janux_clone_entry() */
#define TASK_START_FORK 2   /* janux.fork child: asyncify rewind, returns 0 */
#define TASK_START_KILLED 3 /* its worker was terminated: only run the exit */

/* What task.start hands the host: ten u32 fields in this order. */
struct host_task_start {
	uint32_t task;      /* struct task *, for kernel_task_enter */
	uint32_t cpu;       /* cpu id of its kernel instance */
	uint32_t stack_top; /* its kernel stack */
	uint32_t tls_block; /* its kernel TLS block */
	uint32_t gone;      /* u32 the host sets to 1 once the worker is done with both */
	uint32_t mem;       /* user memory id (mem.*) */
	uint32_t module;    /* program module id (exec.compile) */
	uint32_t how;       /* TASK_START_* */
	uint32_t sp, tls;   /* user __stack_pointer and __tls_base to start with */
};

/*
 * Run the task described by `s` on a worker of its own (a pre-warmed one
 * from the pool). From the worker that calls it: a fork child also gets
 * the caller's asyncify state. Returns at once.
 */
HOST_IMPORT(task, start) void host_task_start(const struct host_task_start *s);

/* The calling task ends: unwind this worker (kernel and user code). */
HOST_IMPORT(task, exit) __noreturn void host_task_exit(void);

/* The calling task was killed while its worker was entering the kernel:
 * block until the host terminates this worker. */
HOST_IMPORT(task, park) __noreturn void host_task_park(void);

/* Terminate the worker of `task` (busy in user code, fatal signal pending);
 * the host then starts it again as TASK_START_KILLED. Does not block. */
HOST_IMPORT(task, kill) void host_task_kill(uint32_t task, const struct host_task_start *s);

/* After this syscall returns, call handler `fn`(sig, info, uc) through the
 * table with __stack_pointer = sp, then issue rt_sigreturn. */
HOST_IMPORT(task, frame) void host_task_frame(uint32_t fn, int sig, uint32_t info,
					      uint32_t uc, uint32_t sp);

/* After this syscall returns, issue it again with its original arguments. */
HOST_IMPORT(task, restart) void host_task_restart(void);

/* After this syscall (execve) returns, leave the old program and start
 * module `module` in memory `mem` at `sp` (TASK_START_EXEC). */
HOST_IMPORT(task, exec) void host_task_exec(uint32_t module, uint32_t mem, uint32_t sp);

/* The calling worker's user __stack_pointer now (read only when a signal
 * frame needs it: not on every syscall). */
HOST_IMPORT(task, user_sp) uint32_t host_task_user_sp(void);

/* The calling worker's user __tls_base (0 when the module has none). */
HOST_IMPORT(task, user_tls) uint32_t host_task_user_tls(void);

/* The boot worker is done (end of kernel_main): unwind it. */
HOST_IMPORT(task, boot_done) __noreturn void host_task_boot_done(void);

/* ---- mem: process memories, one WebAssembly.Memory each (umem.c) ------- */

/* Make memory `id` at least `bytes` long (creating it with maximum
 * `max_bytes` if it does not exist yet, in this worker). Grown bytes read
 * as zero. Returns 0 or -ENOMEM. */
HOST_IMPORT(mem, ensure) int host_mem_ensure(uint32_t id, uint32_t bytes, uint32_t max_bytes);

/* Memory `id` is no process's any more: drop it. */
HOST_IMPORT(mem, release) void host_mem_release(uint32_t id);

/* Zero [addr, addr+len) of memory `id`. */
HOST_IMPORT(mem, zero) void host_mem_zero(uint32_t id, uint32_t addr, uint32_t len);

/* Copy [addr, addr+len) of memory `src` to the same addresses of `dst`. */
HOST_IMPORT(mem, copy) int host_mem_copy(uint32_t dst, uint32_t src, uint32_t addr, uint32_t len);

/* memmove within memory `id`. */
HOST_IMPORT(mem, move) void host_mem_move(uint32_t id, uint32_t to, uint32_t from, uint32_t len);

/* Kernel bytes -> user memory `id` / user memory `id` -> kernel bytes.
 * 0, or -EFAULT when the user range is outside the memory (nothing copied). */
HOST_IMPORT(mem, write) int host_mem_write(uint32_t id, uint32_t dst, const void *src, uint32_t len);
HOST_IMPORT(mem, read) int host_mem_read(uint32_t id, void *dst, uint32_t src, uint32_t len);

/* Copy a NUL-terminated string of memory `id` at `src` (at most `max`
 * bytes with the NUL) into dst: its length, -ENAMETOOLONG without a NUL
 * in `max` bytes, -EFAULT when it runs past the memory's end. */
HOST_IMPORT(mem, strncpy) int host_mem_strncpy(uint32_t id, char *dst, uint32_t src, uint32_t max);

/* ---- exec: program modules (exec.c) -------------------------------------- */

/* What exec.compile learns about a module (u32 fields). */
struct host_module_info {
	uint32_t mem_min, mem_max; /* env.memory limits, bytes */
	uint32_t stack_top;        /* __stack_pointer's initial value */
	uint32_t heap_base;        /* __heap_base */
};

/*
 * Validate and compile the `len` bytes at `buf` as program module `id` and
 * keep it in the machine's module cache (every worker can instantiate it
 * without compiling again). Fills *info. Returns 0, or -ENOEXEC with the
 * reason as a NUL-terminated string in msg (at most msg_max bytes).
 */
HOST_IMPORT(exec, compile) int host_exec_compile(uint32_t id, const void *buf, uint32_t len,
						 struct host_module_info *info, char *msg,
						 uint32_t msg_max);

/* Module `id` will not be used again (its file changed or the cache is full). */
HOST_IMPORT(exec, forget) void host_exec_forget(uint32_t id);

/*
 * ---- Exports (called by the host; export_name in the defining file) ----
 *
 *   kernel_boot()            boot worker: set up this instance, run the core
 *   kernel_cpu_enter(id)     any other worker, after the host has set
 *                            __stack_pointer and called __wasm_init_tls
 *   kernel_interrupt()       interrupt worker: handle the pending IRQ lines
 *   kernel_task_enter(task)  a task worker, after kernel_cpu_enter: this
 *                            instance runs `task` (entry.c)
 *   kernel_task_start()      its first entry: pending signals, CLONE_CHILD_SETTID
 *   kernel_syscall(nr, a0..a5)  one syscall from user code; returns the result
 *   kernel_fork(flags, sp)   janux.fork after the unwind: clone; returns the pid
 *   kernel_task_fault(sig)   user code trapped: kill the process with `sig`
 *   __wasm_init_tls, __stack_pointer, __tls_base, __tls_size, __tls_align,
 *   __heap_base              (linker-made; per-instance set-up, arch.mk)
 *
 * Test entries, exported only for tests/wasm (arch/wasm32/selftest.c):
 *   ktest_this_cpu()         this instance's cpu id from its TLS
 *   ktest_lock_hammer(n)     n locked increments of a shared counter
 *   ktest_lock_counter()     the counter's value
 *   ktest_irq_pending()      the pending-IRQ word's address
 */

#endif
