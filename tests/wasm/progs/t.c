/*
 * In-OS tests of the wasm32 machine, run as init (pid 1): argv[0]'s last
 * component names the test (the initramfs has one symlink per test to
 * this program). Each prints "ok NAME" / "FAIL NAME: ..." lines and powers
 * off; tests/wasm/processes.test.js reads them.
 */
#include "rt.h"

static volatile int counter = 100;
static volatile int got_sig;

static const char *base(const char *p)
{
	const char *b = p;

	for (; *p; p++)
		if (*p == '/')
			b = p + 1;
	return b;
}

static void test_syscalls(void)
{
	char *heap, *map;
	long brk0;
	int fds[2];

	check("getpid", sys0(NR_getpid), 1);
	check("getppid", sys0(NR_getppid), 0);
	check("write", sys3(NR_write, 1, "w\n", 2), 2);
	check("efault-page0", sys3(NR_write, 1, (void *)16, 4), -EFAULT);
	check("efault-null-read", sys2(NR_pipe2, fds, 0) == 0 && sys3(NR_write, fds[1], "x", 1) == 1 ?
	      sys3(NR_read, fds[0], (void *)0, 1) : 1, -EFAULT);
	check("efault-beyond", sys3(NR_write, 1, (void *)0x7ff00000, 4), -EFAULT);
	brk0 = sys1(NR_brk, 0);
	check("brk-grow", sys1(NR_brk, brk0 + 65536), brk0 + 65536);
	heap = (char *)brk0;
	mset(heap, 'x', 65536);
	check("brk-use", heap[65535], 'x');
	map = (char *)sys5(NR_mmap2, 0, 1 << 20, 3, 0x22, -1);
	check("mmap-ok", (long)map > 0 && (unsigned long)map % 4096 == 0, 1);
	map[(1 << 20) - 1] = 7;
	check("mmap-use", map[(1 << 20) - 1], 7);
	check("write-from-mmap", sys3(NR_write, 1, map + 100, 0), 0);
	check("munmap", sys2(NR_munmap, map, 1 << 20), 0);
	check("efault-unmapped", sys3(NR_write, 1, map, 4), -EFAULT);
	map = (char *)sys5(NR_mmap2, 0, 1 << 20, 3, 0x22, -1);
	check("remap-zero", map[(1 << 20) - 1], 0);
	check("clock", rt_now_ns() > 0, 1);
	/* Regression: musl's ILP32 struct timespec pads its 32-bit tv_nsec to
	 * 64 bits and leaves the padding unset; the kernel took it as part of
	 * the value and poll() failed with EINVAL (as Linux, it is ignored). */
	long long ts[2] = { 0, (long long)0x5a5a5a5aU << 32 | 1000 };
	check("timespec-nsec-padding-ignored", sys5(NR_ppoll_time64, 0, 0, ts, 0, 8), 0);
	ts[1] = 1000000000;
	check("timespec-nsec-range", sys5(NR_ppoll_time64, 0, 0, ts, 0, 8), -EINVAL);
}

static int child_sets(void *arg)
{
	counter = (int)(long)arg;
	return 5;
}

static void test_procs(void)
{
	int status = 0, pid;
	char *argv[] = { "/bin/hello", "arg1", 0 };

	pid = rt_fork();
	if (pid == 0) {
		counter = 1;
		sys_exit(7);
	}
	check("fork-pid", pid > 1, 1);
	check("fork-wait", rt_wait(pid, &status), pid);
	check("fork-status", WEXIT(status), 7);
	check("fork-separate-memory", counter, 100);
	pid = rt_fork();
	if (pid == 0) {
		check("fork-child-getppid", sys0(NR_getppid), 1);
		sys_exit(0);
	}
	rt_wait(pid, &status);
	pid = rt_vfork();
	if (pid == 0) {
		sys3(NR_execve, "/bin/hello", argv, 0);
		sys_exit(99);
	}
	check("vfork-exec-wait", rt_wait(pid, &status), pid);
	check("exec-status", WEXIT(status), 3);
	pid = rt_clone(child_sets, (void *)42, 0);
	check("clone-wait", rt_wait(pid, &status), pid);
	check("clone-status", WEXIT(status), 5);
	check("clone-shared-memory", counter, 42);
}

static void test_pipes(void)
{
	static char buf[65536];
	int fds[2], pid, status;
	long total = 0, n, sum = 0;

	check("pipe2", sys2(NR_pipe2, fds, 0), 0);
	pid = rt_fork();
	if (pid == 0) {
		sys1(NR_close, fds[0]);
		for (int i = 0; i < 16; i++) {
			mset(buf, i + 1, sizeof(buf));
			if (sys3(NR_write, fds[1], buf, sizeof(buf)) != sizeof(buf))
				sys_exit(1);
		}
		sys_exit(0);
	}
	sys1(NR_close, fds[1]);
	while ((n = sys3(NR_read, fds[0], buf, sizeof(buf))) > 0) {
		total += n;
		for (long i = 0; i < n; i++)
			sum += buf[i];
	}
	check("pipe-eof", n, 0);
	check("pipe-bytes", total, 16 * 65536);
	check("pipe-sum", sum, 65536L * (16 * 17 / 2));
	check("pipe-writer-status", rt_wait(pid, &status) == pid && status == 0, 1);
}

static void on_usr1(int sig)
{
	got_sig = sig;
}

static char *alt_stack;

/* got_sig = sig + 100 when this handler's frame is on alt_stack. */
static void on_alt(int sig)
{
	volatile char here;

	got_sig = &here >= alt_stack && &here < alt_stack + 65536 ? sig + 100 : sig;
}

static void on_info(int sig, long *info, void *uc)
{
	got_sig = (int)info[0] * 1000 + sig;
}

/* A child blocked in read() gets SIGUSR1: -EINTR without SA_RESTART, the
 * data with it. The child says when it is about to read. */
static void interrupted_read(const char *name, unsigned long flags, long want)
{
	int fds[2], ready[2], pid, status;
	char c = 0;

	sys2(NR_pipe2, fds, 0);
	sys2(NR_pipe2, ready, 0);
	pid = rt_fork();
	if (pid == 0) {
		long r;

		rt_signal(SIGUSR1, on_usr1, flags);
		got_sig = 0;
		sys3(NR_write, ready[1], "r", 1);
		r = sys3(NR_read, fds[0], &c, 1);
		sys_exit(r == want && got_sig == SIGUSR1 ? 0 : 10 + (int)-r);
	}
	sys3(NR_read, ready[0], &c, 1);
	rt_sleep_ms(50);
	sys2(NR_kill, pid, SIGUSR1);
	rt_sleep_ms(50);
	sys3(NR_write, fds[1], "z", 1);
	rt_wait(pid, &status);
	check(name, status, 0);
	for (int i = 0; i < 2; i++) {
		sys1(NR_close, fds[i]);
		sys1(NR_close, ready[i]);
	}
}

static void test_signals(void)
{
	int pid, status;

	check("sigaction", rt_signal(SIGUSR1, on_usr1, 0), 0);
	sys2(NR_kill, 1, SIGUSR1);
	check("handler-ran", got_sig, SIGUSR1);
	rt_signal(SIGUSR1, (void (*)(int))on_info, SA_SIGINFO);
	sys2(NR_kill, 1, SIGUSR1);
	check("siginfo", got_sig, SIGUSR1 * 1000 + SIGUSR1);
	/* Regression: an alternate stack above the stack pointer (any heap or
	 * mmap memory, above the stack-first C stack) was refused: SIGSEGV. */
	alt_stack = (char *)sys5(NR_mmap2, 0, 65536, 3, 0x22, -1);
	unsigned long ss[3] = { (unsigned long)alt_stack, 0, 65536 }; /* sp, flags, size */
	check("sigaltstack", sys2(NR_sigaltstack, ss, 0), 0);
	rt_signal(SIGUSR1, on_alt, SA_ONSTACK);
	sys2(NR_kill, 1, SIGUSR1);
	check("sa-onstack-handler-on-alt-stack", got_sig, SIGUSR1 + 100);
	interrupted_read("read-eintr", 0, -EINTR);
	interrupted_read("read-restart", SA_RESTART, 1);
	pid = rt_fork();
	if (pid == 0) {
		rt_sleep_ms(10000);
		sys_exit(0);
	}
	rt_sleep_ms(20);
	sys2(NR_kill, pid, SIGTERM);
	rt_wait(pid, &status);
	check("sigterm-default-kills-sleeper", WIFSIG(status), SIGTERM);
}

static int volatile zero;

static void trap_child(int how)
{
	int pid = rt_fork(), status;
	static const char *names[] = { "trap-oob-sigsegv", "trap-unreachable-sigill",
				       "trap-div0-sigfpe" };
	static const int sigs[] = { SIGSEGV, SIGILL, SIGFPE };

	if (pid == 0) {
		if (how == 0)
			*(volatile int *)0x7ffffff0 = 1;
		else if (how == 1)
			__builtin_trap();
		else
			counter = 10 / zero;
		sys_exit(0);
	}
	rt_wait(pid, &status);
	check(names[how], WIFSIG(status), sigs[how]);
}

static void test_traps(void)
{
	for (int how = 0; how < 3; how++)
		trap_child(how);
	check("parent-still-runs", sys0(NR_getpid), 1);
}

static volatile int shared_count, thread_tid;

static int count_up(void *arg)
{
	for (int i = 0; i < 1000; i++)
		__atomic_add_fetch(&shared_count, 1, __ATOMIC_SEQ_CST);
	thread_tid = (int)sys0(NR_gettid);
	return 0;
}

/* Sleep in futex until the kernel clears *ctid (CLONE_CHILD_CLEARTID). */
static void join(volatile int *ctid)
{
	int v;

	while ((v = *ctid) != 0)
		sys4(NR_futex_time64, ctid, 0 /* FUTEX_WAIT */, v, 0);
}

static void test_threads(void)
{
	static volatile int ctid[2];
	int t0 = rt_thread(count_up, 0, &ctid[0]);
	int t1 = rt_thread(count_up, 0, &ctid[1]);

	check("thread-create", t0 > 1 && t1 > 1 && t0 != t1, 1);
	join(&ctid[0]);
	join(&ctid[1]);
	check("thread-futex-join", ctid[0] | ctid[1], 0);
	check("thread-shared-count", shared_count, 2000);
	check("thread-own-tid", thread_tid == t0 || thread_tid == t1, 1);
	check("thread-same-process", sys0(NR_getpid), 1);
}

/* The host terminal is resized (tests/wasm/winsize.test.js sends it after
 * "ready"): the foreground group gets SIGWINCH and TIOCGWINSZ the size. */
static void test_winsize(void)
{
	unsigned short ws[4] = { 0 };

	sys0(NR_setsid);
	check("tiocsctty", sys3(NR_ioctl, 0, 0x540E, 0), 0);
	rt_signal(SIGWINCH, on_usr1, 0);
	got_sig = 0;
	say("ready\n", (char *)0);
	for (int i = 0; i < 500 && !got_sig; i++)
		rt_sleep_ms(20);
	check("sigwinch", got_sig, SIGWINCH);
	sys3(NR_ioctl, 0, 0x5413, ws);
	check("winsize-rows", ws[0], 33);
	check("winsize-cols", ws[1], 111);
}

/* Fork, exec /bin/hello-copy (its own inode: compiled on first use) with
 * `extra` arguments; returns the pid. */
static int spawn_copy(char *extra)
{
	char *argv[] = { "/bin/hello-copy", "copy", extra, 0 };
	int pid = rt_fork();

	if (pid == 0) {
		sys3(NR_execve, argv[0], argv, 0);
		sys_exit(99);
	}
	return pid;
}

/* A module compiled by one worker runs on another without compiling:
 * the second exec, while the first still runs on its worker, gets the
 * compiled module from the machine's cache. */
static void test_modcache(void)
{
	int a, b, sa = 0, sb = 0;

	a = spawn_copy("sleep");
	rt_sleep_ms(200);
	b = spawn_copy(0);
	check("cache-second-exec", rt_wait(b, &sb) == b && WEXIT(sb) == 3, 1);
	check("cache-first-exec", rt_wait(a, &sa) == a && WEXIT(sa) == 3, 1);
}

static void test_enoexec(void)
{
	char *argv[] = { "x", 0 };

	check("enoexec-garbage", sys3(NR_execve, "/bin/bad-module", argv, 0), -ENOEXEC);
	check("enoexec-no-start", sys3(NR_execve, "/bin/nostart.wasm", argv, 0), -ENOEXEC);
	check("enoexec-wasi-foreign", sys3(NR_execve, "/bin/wasi-foreign.wasm", argv, 0), -ENOEXEC);
	check("still-running", sys0(NR_getpid), 1);
}

static void test_kill(void)
{
	int pid = rt_fork(), status;

	if (pid == 0)
		for (;;)
			counter++;
	rt_sleep_ms(50);
	check("kill-spinner", sys2(NR_kill, pid, SIGKILL), 0);
	check("kill-wait", rt_wait(pid, &status), pid);
	check("kill-status", WIFSIG(status), SIGKILL);
	pid = rt_fork();
	if (pid == 0)
		for (;;)
			counter++;
	rt_sleep_ms(20);
	sys2(NR_kill, pid, SIGTERM);
	rt_wait(pid, &status);
	check("sigterm-spinner", WIFSIG(status), SIGTERM);
}

int main(int argc, char **argv, char **envp)
{
	const char *name = base(argv[0]);

	if (seq(name, "hello") || seq(name, "hello-copy")) {
		say("hello from exec ", argc > 1 ? argv[1] : "?", "\n", (char *)0);
		if (argc > 2)
			rt_sleep_ms(500);
		return 3;
	}
	if (seq(name, "true"))
		return 0;
	say("test ", name, "\n", (char *)0);
	if (seq(name, "syscalls"))
		test_syscalls();
	else if (seq(name, "procs"))
		test_procs();
	else if (seq(name, "pipes"))
		test_pipes();
	else if (seq(name, "signals"))
		test_signals();
	else if (seq(name, "traps"))
		test_traps();
	else if (seq(name, "winsize"))
		test_winsize();
	else if (seq(name, "modcache"))
		test_modcache();
	else if (seq(name, "threads"))
		test_threads();
	else if (seq(name, "enoexec"))
		test_enoexec();
	else if (seq(name, "kill"))
		test_kill();
	else if (seq(name, "wasi"))
		test_wasi();
	else if (seq(name, "cputime"))
		test_cputime();
	else if (seq(name, "forks"))
		test_forks();
	else if (seq(name, "bench"))
		run_bench();
	else if (virtio_test(name))
		;
	else
		say("FAIL unknown test ", name, "\n", (char *)0);
	say("done\n", (char *)0);
	rt_poweroff();
}
