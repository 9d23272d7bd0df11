/*
 * The fake machine's tasks: each simulated task that runs code is a host
 * thread; the big kernel lock is a flag guarded by one host mutex, so a
 * task sleeping in arch_task_wait() really lets the others run, as on
 * wasm32. The test's main thread starts out holding the kernel lock.
 * Clone, signal-frame and exec hooks record what the core asked for so
 * tests can check it (see host_machine.h).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include <arch.h>
#include <janux/errno.h>
#include <janux/exec.h>
#include <janux/task.h>
#include <host_machine.h>

#define MAX_THREADS 64

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool lock_held = true; /* the main thread holds it from the start */
static struct host_task *threads[MAX_THREADS];
static int nthreads;
static _Thread_local struct task *tls_current;
static _Thread_local struct host_task *tls_self; /* NULL: main thread */

struct task *arch_current(void) { return tls_current; }
void arch_set_current(struct task *t) { tls_current = t; }

struct host_task *host_task_of(struct task *t)
{
	if (!t->arch) {
		struct host_task *h = calloc(1, sizeof(*h));

		if (!h)
			abort();
		h->task = t;
		t->arch = h;
	}
	return t->arch;
}

/* Take the kernel lock; `mu` held. */
static void take_lock_locked(void)
{
	while (lock_held)
		pthread_cond_wait(&cv, &mu);
	lock_held = true;
}

void arch_kernel_lock(void)
{
	pthread_mutex_lock(&mu);
	take_lock_locked();
	pthread_mutex_unlock(&mu);
}

void arch_kernel_unlock(void)
{
	pthread_mutex_lock(&mu);
	lock_held = false;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
}

void arch_task_wait(struct task *t)
{
	struct host_task *h = host_task_of(t);

	pthread_mutex_lock(&mu);
	h->waits++;
	h->in_wait = true;
	lock_held = false;
	pthread_cond_broadcast(&cv);
	while (!h->wake)
		pthread_cond_wait(&cv, &mu);
	h->wake = false;
	h->in_wait = false;
	take_lock_locked();
	pthread_mutex_unlock(&mu);
}

void arch_task_wake(struct task *t)
{
	struct host_task *h = host_task_of(t);

	pthread_mutex_lock(&mu);
	h->wake = true;
	h->wakes++;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
}

void arch_task_kick(struct task *t)
{
	(void)t; /* host threads check signals at their next kernel exit */
}

/* True when no host thread can make progress; `mu` held. */
static bool quiescent(void)
{
	for (int i = 0; i < nthreads; i++) {
		struct host_task *h = threads[i];

		if (!h->done && !(h->in_wait && !h->wake))
			return false;
	}
	return !lock_held;
}

void host_run_others(void)
{
	pthread_mutex_lock(&mu);
	lock_held = false;
	pthread_cond_broadcast(&cv);
	while (!quiescent())
		pthread_cond_wait(&cv, &mu);
	take_lock_locked();
	pthread_mutex_unlock(&mu);
}

static void *thread_main(void *arg)
{
	struct host_task *h = arg;

	tls_self = h;
	arch_kernel_lock();
	arch_set_current(h->task);
	h->fn(h->arg);
	pthread_mutex_lock(&mu);
	h->done = true;
	lock_held = false;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	return NULL;
}

void host_task_run(struct task *t, void (*fn)(void *), void *arg)
{
	struct host_task *h = host_task_of(t);

	if (nthreads == MAX_THREADS)
		abort();
	if (h->has_thread) {
		/* A task run again: its previous thread has finished. */
		pthread_join(h->thread, NULL);
		h->has_thread = false;
	}
	h->fn = fn;
	h->arg = arg;
	pthread_mutex_lock(&mu);
	h->done = false;
	for (int i = 0; i < nthreads; i++)
		if (threads[i] == h)
			threads[i] = threads[--nthreads];
	threads[nthreads++] = h;
	pthread_mutex_unlock(&mu);
	if (pthread_create(&h->thread, NULL, thread_main, h))
		abort();
	h->has_thread = true;
	host_run_others();
}

int arch_task_clone(struct task *child, struct task *parent,
		    unsigned long flags, uaddr_t stack, uaddr_t tls)
{
	struct host_task *h;

	if (host_fail_next_clone) {
		host_fail_next_clone = false;
		return -ENOMEM;
	}
	h = host_task_of(child);
	h->clone_flags = flags;
	h->clone_stack = stack;
	h->clone_tls = tls;
	h->mm = (flags & CLONE_VM) ? host_task_of(parent)->mm : h;
	return 0;
}

void arch_task_start(struct task *t)
{
	host_task_of(t)->started = true;
}

__noreturn void arch_task_exit(struct task *t)
{
	struct host_task *h = host_task_of(t);

	if (tls_self != h) {
		fprintf(stdout, "  arch_task_exit outside the task's host thread\n");
		fflush(stdout);
		_exit(98);
	}
	pthread_mutex_lock(&mu);
	h->done = true;
	h->exited = true;
	lock_held = false;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	pthread_exit(NULL);
}

void arch_task_release(struct task *t)
{
	struct host_task *h = t->arch;

	if (!h)
		return;
	if (h->has_thread) {
		/* The thread is done; join it without holding the kernel lock. */
		pthread_mutex_lock(&mu);
		for (int i = 0; i < nthreads; i++)
			if (threads[i] == h) {
				threads[i] = threads[--nthreads];
				break;
			}
		pthread_mutex_unlock(&mu);
		pthread_join(h->thread, NULL);
	}
	host_released_tasks++;
	free(h);
	t->arch = NULL;
}

bool host_fail_next_clone;
int host_released_tasks;
bool host_fail_next_frame;
static char shared_user_memory; /* identity of the one fake user memory */

const void *arch_task_mm(struct task *t)
{
	struct host_task *h = host_task_of(t);

	return h->mm ? h->mm : &shared_user_memory;
}

void arch_syscall_set_result(struct task *t, long ret)
{
	struct host_task *h = host_task_of(t);

	h->result = ret;
	h->result_set = true;
}

void arch_syscall_restart(struct task *t)
{
	host_task_of(t)->restarts++;
}

int arch_sig_setup_frame(struct task *t, int sig, const struct sigaction_k *ka,
			 const struct siginfo_k *info, const uint64_t *oldmask,
			 uaddr_t sp_top)
{
	struct host_task *h = host_task_of(t);

	if (host_fail_next_frame) {
		host_fail_next_frame = false;
		return -EFAULT;
	}
	h->frames++;
	h->frame_sig = sig;
	h->frame_handler = ka->handler;
	h->frame_flags = ka->flags;
	h->frame_code = info->code;
	h->frame_oldmask = *oldmask;
	h->frame_sp_top = sp_top;
	return 0;
}

long arch_sig_return(struct task *t, uint64_t *mask)
{
	struct host_task *h = host_task_of(t);

	if (!h->frames)
		return -EFAULT;
	h->frames--;
	*mask = h->frame_oldmask;
	return h->result;
}

struct host_exec host_exec;

/* The fake loader accepts files starting "HOSTEXE8" or "HOSTEXE4" (word
 * size); "HOSTBAD" is a malformed image of this arch. */
int arch_exec_load(struct exec_image *img)
{
	if (img->head_len >= 7 && !memcmp(img->head, "HOSTBAD", 7))
		return -EIO;
	if (img->head_len < 8 || memcmp(img->head, "HOSTEXE", 7))
		return -ENOEXEC;
	img->word_size = img->head[7] == '4' ? 4 : 8;
	img->entry = 0x400000;
	img->stack_top = HOST_USER_BASE + HOST_USER_SIZE;
	img->phdr = 0x400040;
	img->phent = 56;
	img->phnum = 3;
	img->arch = &host_exec;
	host_exec.loads++;
	return 0;
}

int arch_exec_start(struct task *t, struct exec_image *img)
{
	if (img->stack_len > HOST_USER_SIZE / 2)
		return -EFAULT;
	host_exec.sp = img->stack_top - img->stack_len;
	memcpy(host_user_ptr(host_exec.sp), img->stack, img->stack_len);
	host_exec.entry = img->entry;
	host_exec.word_size = img->word_size;
	host_exec.starts++;
	return 0;
}

void arch_exec_abort(struct exec_image *img)
{
	host_exec.aborts++;
}

jmp_buf *host_sched_jmp;

/* The end of boot: tests catch it with host_sched_jmp (setjmp). */
__noreturn void arch_sched_start(void)
{
	if (!host_sched_jmp) {
		fprintf(stdout, "  arch_sched_start without host_sched_jmp\n");
		fflush(stdout);
		_exit(97);
	}
	longjmp(*host_sched_jmp, 1);
}
