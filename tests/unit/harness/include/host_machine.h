/*
 * The fake machine behind the host unit-test build: the arch_* hooks of
 * kernel/include/arch.h implemented over the host process, plus knobs that
 * tests use to drive it (clock, console capture, user memory).
 */
#ifndef HOST_MACHINE_H
#define HOST_MACHINE_H

#include <pthread.h>
#include <setjmp.h>

#include <janux/types.h>

/* Set the monotonic clock the kernel reads (starts at 0). */
void host_clock_set_ns(uint64_t ns);

/* The deadline last given to arch_timer_arm() (UINT64_MAX: none). */
uint64_t host_timer_deadline(void);

/* Everything the kernel wrote to its console since the last reset. */
const char *host_console_text(void);
void host_console_reset(void);

/*
 * Fake user memory: one region [HOST_USER_BASE, HOST_USER_BASE + size).
 * arch_copy_*_user() succeed inside it and return -EFAULT outside.
 * host_user_alloc() hands out zeroed space in it; host_user_ptr() gives the
 * host pointer behind a user address so tests can inspect or fill it.
 */
#define HOST_USER_BASE 0x10000ul
#define HOST_USER_SIZE (1ul << 20)
uaddr_t host_user_alloc(size_t size);
void *host_user_ptr(uaddr_t addr);

/* Pages currently held through arch_alloc_pages(). */
size_t host_pages_in_use(void);

/* ---- Tasks (arch_host_task.c) ---------------------------------------
 * A task that runs code is a host thread started by host_task_run(); the
 * test's main thread holds the kernel lock and runs as whatever task it
 * set with arch_set_current(). host_run_others() drops the lock until
 * every task thread is asleep in arch_task_wait() or finished.
 */
struct task;
struct sigaction_k;
struct siginfo_k;

struct host_task {
	struct task *task;
	void (*fn)(void *);
	void *arg;
	pthread_t thread;
	bool has_thread, done, exited;
	bool in_wait, wake;
	int waits, wakes;
	/* arch_task_clone / arch_task_start */
	unsigned long clone_flags;
	uaddr_t clone_stack, clone_tls;
	bool started;
	const void *mm; /* arch_task_mm identity (NULL: the shared fake memory) */
	/* return to user: arch_syscall_set_result / _restart */
	long result;
	bool result_set;
	int restarts;
	/* arch_sig_setup_frame (the last frame) and the frame count */
	int frames;
	int frame_sig;
	uaddr_t frame_handler, frame_sp_top;
	unsigned long frame_flags;
	int frame_code;
	uint64_t frame_oldmask;
};

/* The host record of task t (created on first use). */
struct host_task *host_task_of(struct task *t);

/* Run fn(arg) as task t on a new host thread holding the kernel lock;
 * returns once every task thread is asleep or finished. */
void host_task_run(struct task *t, void (*fn)(void *), void *arg);

/* Let the task threads run until all are asleep or finished. */
void host_run_others(void);

/* Make the next arch_task_clone() fail with -ENOMEM. */
extern bool host_fail_next_clone;
/* Make the next arch_sig_setup_frame() fail with -EFAULT. */
extern bool host_fail_next_frame;
/* What the fake exec loader saw (arch_exec_load/start/abort). The fake
 * program's stack ends at the top of the fake user memory. */
struct host_exec {
	int loads, starts, aborts;
	uaddr_t entry, sp;
	unsigned int word_size;
};
extern struct host_exec host_exec;

/* arch_sched_start() (end of kernel_main) longjmps here; must be set. */
extern jmp_buf *host_sched_jmp;

/* Tasks passed to arch_task_release() so far. */
extern int host_released_tasks;

/* ---- Devices (arch_host_dev.c) ---------------------------------------
 * arch_mmio_read/write go to the device model a test installs (reads 0
 * and dropped writes without one); DMA addresses are host pointers; arch_irq_attach
 * records the handler, which host_irq_raise() runs.
 */
struct host_mmio_model {
	uint32_t (*read)(uintptr_t addr, unsigned int width);
	void (*write)(uintptr_t addr, uint32_t val, unsigned int width);
};
void host_mmio_set_model(const struct host_mmio_model *m);
/* Run the handler attached to `irq`; false when none is. */
bool host_irq_raise(unsigned int irq);

#endif
