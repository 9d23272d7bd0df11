/*
 * The one contract between the portable core and an architecture.
 *
 * The core calls architecture code only through the arch_* hooks declared
 * here; arch-specific types come in through <asm/...> headers found on the
 * include path (arch/<a>/include/asm/). Each hook states what it does, when
 * it may be called and which locks are held. An arch that does not support
 * a hook yet implements it in its one "unported" file, panicking with the
 * hook's name (see docs/architecture.md).
 *
 * Targets: aarch64 (QEMU virt), wasm32 (host shim), and the host unit-test
 * build (tests/unit/harness), which fakes the machine.
 */
#ifndef JANUX_ARCH_H
#define JANUX_ARCH_H

#include <janux/compiler.h>
#include <janux/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)

/* ---- Identity ------------------------------------------------------ */

/* The machine name uname(2) reports and the boot banner prints ("aarch64"). */
extern const char arch_uname_machine[];

/* ---- Console -------------------------------------------------------- */

/*
 * Write `len` bytes to the boot console synchronously (polled). Callable
 * from any context, with or without the kernel lock, before and after the
 * tty layer exists. Used by printk and panic.
 */
void arch_console_write(const char *buf, size_t len);

/* ---- Kernel memory -------------------------------------------------- */

/*
 * Return `npages` physically and virtually contiguous pages of kernel memory,
 * PAGE_SIZE aligned and zero-filled, or NULL when none are left.
 * Called with the kernel lock held, or during single-threaded boot.
 */
void *arch_alloc_pages(size_t npages);

/* Give back pages from arch_alloc_pages(); same lock rules. */
void arch_free_pages(void *p, size_t npages);

/* ---- Interrupts and the kernel lock ----------------------------------- */

/*
 * Mask interrupt delivery on this CPU/thread and return the previous state
 * for arch_irq_restore(). Nests. aarch64 masks DAIF.I; wasm32 sets a soft
 * flag whose pending work is replayed on restore.
 */
unsigned long arch_irq_save(void);
void arch_irq_restore(unsigned long flags);

/*
 * The big kernel lock: held while kernel code runs on behalf of a task and
 * dropped only inside arch_task_wait(). Not recursive. On aarch64 (one CPU,
 * non-preemptible kernel) it only records ownership; on wasm32, where tasks
 * enter the kernel from several workers at once, it is a real lock.
 */
void arch_kernel_lock(void);
void arch_kernel_unlock(void);

/* ---- Time ----------------------------------------------------------- */

/* Nanoseconds since boot from a monotonic clock. Any context. */
uint64_t arch_clock_monotonic_ns(void);

/*
 * Wall-clock time at boot in nanoseconds since the Unix epoch (0 when the
 * machine has no real-time clock). Called once at boot.
 */
int64_t arch_clock_boot_realtime_ns(void);

/*
 * Arrange for the core's timer_interrupt() to run once the monotonic clock
 * reaches `deadline_ns` (immediately if it already has). A later call
 * replaces the earlier deadline; UINT64_MAX cancels it. Kernel lock held.
 */
void arch_timer_arm(uint64_t deadline_ns);

/* ---- Power ---------------------------------------------------------- */

/* Power the machine off (PSCI SYSTEM_OFF / host shutdown). Never returns. */
__noreturn void arch_poweroff(void);

/* Reset the machine (PSCI SYSTEM_RESET / host reboot). Never returns. */
__noreturn void arch_reboot(void);

/*
 * Stop after a panic: power off when the command line asked for it
 * (panic=-1 style), else halt with interrupts masked. Never returns.
 */
__noreturn void arch_halt(void);

/* ---- User memory ---------------------------------------------------- */

/*
 * Copy between kernel memory and the current task's user memory. Every
 * byte is checked: a range that is unmapped, not accessible to the user or
 * outside the process memory makes the call return -EFAULT (possibly after
 * copying a prefix), never fault the kernel. Return 0 on success.
 * Kernel lock held; may sleep only where a page must be brought in.
 */
long arch_copy_from_user(void *dst, uaddr_t src, size_t len);
long arch_copy_to_user(uaddr_t dst, const void *src, size_t len);

/*
 * Copy a NUL-terminated user string into dst (at most `max` bytes including
 * the NUL). Returns its length, -ENAMETOOLONG when no NUL was found within
 * `max` bytes, or -EFAULT.
 */
long arch_strncpy_from_user(char *dst, uaddr_t src, size_t max);

/* ---- Tasks ---------------------------------------------------------- */

/* arch_current() / arch_set_current(): declared in <janux/task.h>. */

/* ---- Entropy -------------------------------------------------------- */

/*
 * Fill buf with `len` bytes from the machine's best entropy source (RNDR,
 * crypto.getRandomValues, the host's /dev/urandom). Any context.
 */
void arch_get_entropy(void *buf, size_t len);

#endif
