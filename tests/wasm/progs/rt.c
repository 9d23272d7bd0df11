/* The test runtime (rt.h): entry points, syscall helpers and printing. */
#include "rt.h"

__asm__(".globaltype __stack_pointer, i32\n");

/* Table slot 1 (SIG_IGN's value) goes to this placeholder: wasm-ld 14 has
 * no --table-base, and this object is linked first (docs/wasm32-abi.md). */
static void table_slot_1(void) { }
void (*volatile rt_table_slot_1)(void);

static inline unsigned long stack_pointer(void)
{
	unsigned long sp;

	__asm__ volatile("global.get __stack_pointer\n\tlocal.set %0" : "=r"(sp));
	return sp;
}

static __attribute__((noinline)) void start_c(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);

	sys_exit(main(argc, argv, argv + argc + 1));
}

/* The kernel laid out argc, argv, envp, auxv at __stack_pointer. */
void _start(void)
{
	rt_table_slot_1 = table_slot_1;
	start_c((long *)stack_pointer());
}

/* A CLONE_VM task starts here with the stack rt_clone prepared:
 * {fn, arg} at the stack pointer. */
void __janux_clone_entry(void)
{
	void **sp = (void **)stack_pointer();
	int (*fn)(void *) = (int (*)(void *))sp[0];

	for (int code = fn(sp[1]);;)
		sys1(NR_exit, code); /* this task only: it may be a thread */
}

/* A fresh stack whose top holds {fn, arg} for __janux_clone_entry. */
static void **clone_stack(int (*fn)(void *), void *arg)
{
	static char stacks[4][16384] __attribute__((aligned(16)));
	static int next;
	void **top = (void **)(stacks[next++ % 4] + sizeof(stacks[0]) - 16);

	top[0] = (void *)fn;
	top[1] = arg;
	return top;
}

int rt_clone(int (*fn)(void *), void *arg, unsigned long flags)
{
	return (int)sys2(NR_clone, flags | CLONE_VM | SIGCHLD, clone_stack(fn, arg));
}

int rt_thread(int (*fn)(void *), void *arg, volatile int *ctid)
{
	/* CLONE_VM FS FILES SIGHAND THREAD SYSVSEM PARENT_SETTID CHILD_CLEARTID */
	unsigned long flags = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 |
			      0x100000 | 0x200000;

	return (int)sys5(NR_clone, flags, clone_stack(fn, arg), ctid, 0, ctid);
}

static char fork_buf[16384] __attribute__((aligned(16)));

int rt_fork(void)
{
	return __janux_fork(SIGCHLD, fork_buf, sizeof(fork_buf));
}

int rt_vfork(void)
{
	return __janux_fork(CLONE_VM | CLONE_VFORK | SIGCHLD, fork_buf, sizeof(fork_buf));
}

size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int seq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

void *mset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void say(const char *s, ...)
{
	__builtin_va_list ap;

	__builtin_va_start(ap, s);
	for (const char *x = s; x; x = __builtin_va_arg(ap, const char *))
		sys3(NR_write, 1, x, slen(x));
	__builtin_va_end(ap);
}

const char *num(long v)
{
	static char buf[24];
	char *p = buf + sizeof(buf) - 1;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	*p = 0;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	return p;
}

void check(const char *name, long got, long want)
{
	if (got == want) {
		say("ok ", name, "\n", (char *)0);
		return;
	}
	say("FAIL ", name, ": got ", num(got), (char *)0);
	say(" want ", num(want), "\n", (char *)0);
}

void sys_exit(int code)
{
	sys1(NR_exit_group, code);
	__builtin_unreachable();
}

long rt_signal(int sig, void (*handler)(int), unsigned long flags)
{
	unsigned long act[5] = { (unsigned long)handler, flags, 0, 0, 0 };

	return sys4(NR_rt_sigaction, sig, act, 0, 8);
}

long rt_wait(long pid, int *status)
{
	return sys4(NR_wait4, pid, status, 0, 0);
}

long long rt_now_ns(void)
{
	long long ts[2];

	sys2(NR_clock_gettime64, 1, ts);
	return ts[0] * 1000000000LL + ts[1];
}

void rt_sleep_ms(long ms)
{
	long long ts[2] = { ms / 1000, (ms % 1000) * 1000000LL };

	sys4(NR_clock_nanosleep_time64, 1, 0, ts, 0);
}

void rt_poweroff(void)
{
	sys4(NR_reboot, 0xfee1dead, 672274793, 0x4321fedc, 0);
	sys_exit(1);
}
