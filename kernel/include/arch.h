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

/*
 * RAM the machine has for the kernel and user memory, and how much of it
 * is free now, in pages (sysinfo(2), /proc/meminfo). Any context.
 */
size_t arch_mem_total_pages(void);
size_t arch_mem_free_pages(void);

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
 * Stop the machine after a panic, with interrupts masked: aarch64 powers
 * off through PSCI (so a panicking QEMU exits instead of hanging a test),
 * wasm32 reports the panic to the host, which ends the machine with a
 * non-zero status. Never returns.
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

/*
 * arch_current() / arch_set_current(): declared in <janux/task.h>.
 *
 * The core sees tasks that block and wake; how is the arch's business
 * (aarch64: one CPU, run queue and context switch in arch code; wasm32: one
 * host worker per task, blocking on memory.atomic.wait32). The core never
 * switches tasks itself. See docs/processes.md for the full life cycle.
 */
struct task;
struct sigaction_k;
struct siginfo_k;
struct exec_image;

/*
 * Put the current task `t` (t == arch_current()) to sleep: drop the kernel
 * lock, block until arch_task_wake(t), retake the lock, return. A wake
 * issued at any time since this task last returned from arch_task_wait()
 * is not lost (it makes the next call return at once); several wakes
 * count as one. May return spuriously: callers recheck their condition
 * (see <janux/wait.h>). Kernel lock held on entry and on return.
 */
void arch_task_wait(struct task *t);

/*
 * Make `t` return from (or not enter) its current/next arch_task_wait().
 * Callable from any context with the kernel lock held, including the
 * timer and device interrupt paths and for t == current. Never sleeps.
 */
void arch_task_wake(struct task *t);

/*
 * A signal became pending for `t`, which is not sleeping and is not the
 * current task: it may be running user code on another CPU or worker.
 * Make it notice in time: aarch64 (one CPU: `t` is not running) does
 * nothing; wasm32 terminates the worker of a task busy in user code when
 * the signal is fatal (sig_fatal_pending) and runs its exit elsewhere.
 * Kernel lock held; never sleeps.
 */
void arch_task_kick(struct task *t);

/*
 * Give the new task `child` a user context copied from the current task
 * `parent` at its syscall return point, so that it returns 0 from clone.
 * `flags` are the clone(2) flags: with CLONE_VM the child shares the
 * parent's user memory, else it gets a copy (copy-on-write where the arch
 * can). `stack` (0: the parent's) is the child's user stack pointer; with
 * CLONE_SETTLS, `tls` is its thread pointer. Allocates the arch's per-task
 * state (kernel stack, worker...) into child->arch. Does not run it.
 * Returns 0 or -ENOMEM / -EINVAL. Kernel lock held.
 */
int arch_task_clone(struct task *child, struct task *parent,
		    unsigned long flags, uaddr_t stack, uaddr_t tls);

/*
 * An identity of `t`'s user memory: the same value for tasks sharing it
 * (CLONE_VM), different values otherwise. Futex waiters are keyed by it.
 * Kernel lock held.
 */
const void *arch_task_mm(struct task *t);

/*
 * Let a task prepared by arch_task_clone() (or arch_exec_start() for the
 * first task) run. From then it is scheduled like any other task. Kernel
 * lock held.
 */
void arch_task_start(struct task *t);

/*
 * End the current task `t`: it never returns to user mode or runs kernel
 * code again. The arch drops the task's user memory reference (the memory
 * goes when its last task is gone), releases the kernel lock, and switches
 * away / ends the worker. The struct task stays valid (zombie) until the
 * core calls arch_task_release(). Kernel lock held on entry. Never returns.
 */
__noreturn void arch_task_exit(struct task *t);

/*
 * End of boot: the boot context stops for good and the arch runs the
 * runnable tasks (pid 1, queued by arch_task_start()), idling when none
 * is. Called once, last thing in kernel_main, kernel lock held. Never
 * returns.
 */
__noreturn void arch_sched_start(void);

/*
 * Free the arch state of a task that ended in arch_task_exit() (or of a
 * task whose clone failed after arch_task_clone() succeeded). The core
 * calls it once, from another task, after the dying one dropped the
 * kernel lock; if its worker or kernel stack may still be winding down
 * at that moment (wasm32), the arch defers the actual reclaim. The core
 * frees `t` right after. Kernel lock held.
 */
void arch_task_release(struct task *t);

/* ---- Returning to user mode: syscall results and signals --------------- */

/*
 * The core's last step before the current task returns to user mode,
 * called by the arch after every syscall (in_syscall true, `ret` the
 * result already written to the user return register) and after every
 * interrupt or exception taken from user mode (in_syscall false). It
 * delivers pending signals through the hooks below, may stop the task
 * (sleeping until SIGCONT) or end it (then it does not return).
 * Defined in kernel/signal/deliver.c. Kernel lock held.
 */
void signal_exit_to_user(bool in_syscall, long ret);

/*
 * Replace the result of the syscall the current task `t` is returning
 * from (written to the user return register). Kernel lock held.
 */
void arch_syscall_set_result(struct task *t, long ret);

/*
 * Arrange for the syscall that `t` is returning from to be issued again,
 * with its original arguments, when `t` next resumes user mode (aarch64:
 * restore x0, rewind the PC over `svc`). If a handler frame is built
 * afterwards, the restart happens when the handler returns. Kernel lock
 * held.
 */
void arch_syscall_restart(struct task *t);

/*
 * Build a signal frame on the user stack of the current task `t` (at
 * `sp_top` when non-zero: the alternate signal stack's top; else below
 * its current stack pointer, past any red zone) holding its whole user
 * context, `*oldmask` and, for SA_SIGINFO, `*info`; then make it resume
 * in the handler ka->handler(sig, info, ucontext) returning through
 * ka->restorer (or the arch's own trampoline) into rt_sigreturn. Returns
 * 0, or -EFAULT when the frame cannot be written (the core then kills the
 * task with SIGSEGV). Kernel lock held.
 */
int arch_sig_setup_frame(struct task *t, int sig, const struct sigaction_k *ka,
			 const struct siginfo_k *info, const uint64_t *oldmask,
			 uaddr_t sp_top);

/*
 * rt_sigreturn: restore the user context of the current task `t` from the
 * frame arch_sig_setup_frame() built (found from its user stack pointer),
 * store the frame's saved mask in *mask, and return the restored return
 * register value (so the syscall path does not clobber it). A bad frame
 * returns -EFAULT (the core then sends SIGSEGV). Kernel lock held.
 */
long arch_sig_return(struct task *t, uint64_t *mask);

/* ---- exec ----------------------------------------------------------- */

/*
 * Recognise and load the executable described by `img` (its first bytes
 * in img->head, more through exec_read()): ELF on aarch64, `\0asm` on
 * wasm32. Returns -ENOEXEC when the format is not this arch's. Otherwise
 * it builds a NEW user memory for the current task (not yet switched to:
 * the old one stays valid so a failure can still return an error), maps
 * the program, reserves a user stack, and fills img->entry, img->stack_top,
 * img->phdr/phent/phnum, img->base and img->word_size. Returns 0 or
 * -errno (-ENOMEM, -ENOEXEC for a malformed file, -EIO). Kernel lock held.
 */
int arch_exec_load(struct exec_image *img);

/*
 * Point of no return of execve: discard the current task `t`'s old user
 * memory, switch to the one arch_exec_load() built, copy the stack image
 * img->stack (img->stack_len bytes) to end at img->stack_top, and make the
 * task enter user mode at img->entry with the stack pointer at the image's
 * start (argc) and every other register zero. For pid 1, exec'd from
 * kernel_main before it ever ran (t->arch NULL), it first allocates the
 * arch per-task state as arch_task_clone() would. Returns 0 or -EFAULT
 * (after which the task is killed). Kernel lock held.
 */
int arch_exec_start(struct task *t, struct exec_image *img);

/*
 * Abandon the new user memory of a failed exec (after arch_exec_load()
 * succeeded but before arch_exec_start()). Kernel lock held.
 */
void arch_exec_abort(struct exec_image *img);

/* ---- User memory maps ------------------------------------------------ */

/*
 * The portable address-space layer (kernel/mm/, <janux/mm.h>) keeps the
 * VMAs; these hooks make ranges of a `struct mm` real. Ranges are page
 * aligned and non-empty; `prot` is PROT_* (<janux/mm.h>). aarch64 backs them
 * with per-process page tables, wasm32 with the process's own
 * WebAssembly.Memory. Kernel lock held for all of them.
 */
struct mm;

/*
 * Set up the arch side of a new empty address space: mm->arch, and the
 * user range mm->task_size and the top of the mmap area mm->mmap_base
 * (or, with mm->mmap_up set, its bottom: mappings then go upwards).
 * Returns 0 or -ENOMEM.
 */
int arch_mm_init(struct mm *mm);

/* Free what arch_mm_init() and the mappings allocated. Every range has
 * been unmapped already. `mm` is no task's memory any more. */
void arch_mm_destroy(struct mm *mm);

/*
 * Make [start, start+len) accessible with `prot`, reading as zeros. The
 * arch may populate it now or on first access (calling mm_fault() to
 * learn whether an access is allowed); with `populate` it must be backed
 * now (MAP_SHARED ranges, which fork shares page by page).
 * Returns 0 or -ENOMEM.
 */
int arch_mm_map(struct mm *mm, uaddr_t start, size_t len, int prot, bool populate);

/* Drop [start, start+len): its memory is released and later accesses fault. */
void arch_mm_unmap(struct mm *mm, uaddr_t start, size_t len);

/* Change the protections of the mapped range [start, start+len). */
void arch_mm_protect(struct mm *mm, uaddr_t start, size_t len, int prot);

/*
 * fork: give `dst` the contents of `src`'s range [start, start+len)
 * (already mapped in both by the core): with `shared` the very same
 * memory, else a private copy (copy-on-write where the arch can).
 * Returns 0 or -ENOMEM.
 */
int arch_mm_copy(struct mm *dst, struct mm *src, uaddr_t start, size_t len,
		 bool shared);

/*
 * Move the contents of [old, old+len) to [new, new+len) in `mm` (mremap;
 * both ranges mapped by the core, not overlapping). Returns 0 or -ENOMEM.
 */
int arch_mm_move(struct mm *mm, uaddr_t old, uaddr_t new_start, size_t len);

/*
 * Write `len` kernel bytes at user address `dst` of `mm`, which need not
 * be the current task's, ignoring the range's protections (exec loads
 * read-only text this way, mmap copies file bytes). The range is mapped
 * by the core. Returns 0 or -ENOMEM.
 */
int arch_mm_write(struct mm *mm, uaddr_t dst, const void *src, size_t len);

/*
 * Pages of `mm` backed by memory right now (VmRSS of /proc/<pid>/status,
 * RSS in ps), counting a page shared copy-on-write in every space that
 * maps it, as Linux does. Kernel lock held.
 */
size_t arch_mm_resident_pages(struct mm *mm);

/* The address space task `t` runs in (NULL before its first exec). */
struct mm *arch_task_get_mm(struct task *t);

/* ---- Devices (virtio transports) ------------------------------------- */

/*
 * Access a device register at `addr` (a mapping the arch handed to the
 * core, e.g. with virtio_mmio_declare()) with one access of `width` bytes
 * (1, 2 or 4; little-endian value). A write is ordered after every earlier
 * write to normal memory (a device told to look at a ring sees it filled);
 * a read is ordered before every later read of normal memory. Any context.
 */
uint32_t arch_mmio_read(const volatile void *addr, unsigned int width);
void arch_mmio_write(volatile void *addr, uint32_t val, unsigned int width);

/*
 * The address a device uses to reach kernel memory at `p` (a physical
 * address on aarch64). Kernel memory is contiguous for devices: for any
 * object from kmalloc/arch_alloc_pages, the kernel image or a kernel stack,
 * [p, p+len) is [dma(p), dma(p)+len). Any context.
 */
uint64_t arch_dma_addr(const void *p);

/*
 * Route device interrupt `irq` (a number the arch gave with the device) to
 * handler(arg) and enable it. The handler runs with the kernel lock held,
 * in interrupt context (it must not sleep). Returns 0, -EINVAL (no such
 * interrupt) or -EBUSY (already attached). Kernel lock held.
 */
int arch_irq_attach(unsigned int irq, void (*handler)(void *arg), void *arg);

/* ---- Entropy -------------------------------------------------------- */

/*
 * Fill buf with `len` bytes from the machine's best entropy source (RNDR,
 * crypto.getRandomValues, the host's /dev/urandom). Any context.
 */
void arch_get_entropy(void *buf, size_t len);

#endif
