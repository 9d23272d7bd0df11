/* wasm32 clone (kernel argument order: flags, stack, ptid, tls, ctid, as
   on arm64): the new task starts in a new instance over the same memory
   at __janux_clone_entry with __stack_pointer at the clone's stack argument
   (docs/wasm32-abi.md); the start record below it says what to run. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include "pthread_impl.h"
#include "syscall.h"

struct clone_start {
	int (*fn)(void *);
	void *arg;
	void *tls;
	int flags;
};

static struct clone_start *current_start(void)
{
	struct clone_start *s;
	__asm__ __volatile__ (
		".globaltype __stack_pointer, i32\n\t"
		"global.get __stack_pointer\n\t"
		"local.set %0"
		: "=r"(s));
	return s;
}

/* Entry of every task created with CLONE_VM; never returns. */
__attribute__((__export_name__("__janux_clone_entry")))
void __janux_clone_entry(void)
{
	struct clone_start *s = current_start();
	if (s->flags & CLONE_SETTLS)
		__set_thread_area(s->tls);
	int r = s->fn(s->arg);
	for (;;) __syscall(SYS_exit, r);
}

int __clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	va_list ap;
	pid_t *ptid, *ctid;
	void *tls;
	struct clone_start *s;

	va_start(ap, arg);
	ptid = va_arg(ap, pid_t *);
	tls = va_arg(ap, void *);
	ctid = va_arg(ap, pid_t *);
	va_end(ap);

	if (!(flags & CLONE_VM)) return -ENOSYS;
	s = (void *)(((uintptr_t)stack - sizeof *s) & -16);
	*s = (struct clone_start){ fn, arg, tls, flags };
	return __syscall(SYS_clone, flags, s, ptid, tls, ctid);
}
