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

/* ---- irq: interrupt delivery ---------------------------------------- */

/* IRQ lines: bit numbers in the pending word (host-shim/devices/irq.js). */
#define IRQ_TIMER 0
#define IRQ_CONSOLE 1

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

/*
 * ---- Exports (called by the host; export_name in the defining file) ----
 *
 *   kernel_boot()            boot worker: set up this instance, run the core
 *   kernel_cpu_enter(id)     any other worker, after the host has set
 *                            __stack_pointer and called __wasm_init_tls
 *   kernel_interrupt()       interrupt worker: handle the pending IRQ lines
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
