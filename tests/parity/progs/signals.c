/* Parity: signals and handlers: sigaction, masks and pending sets, siginfo,
 * SA_RESETHAND/SA_NODEFER, restart vs EINTR, sigsuspend, sigaltstack,
 * stop/continue and death by signal as a parent sees them.
 * parity-oracle: user */
#include "parity.h"
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

static volatile int hits, last_code, last_signo, depth, max_depth, calls, on_alt;
static char *alt_lo, *alt_hi;

static void handler(int sig)
{
	hits++;
	last_signo = sig;
}

static void info_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	last_signo = si->si_signo;
	last_code = si->si_code;
	char here;
	on_alt = &here >= alt_lo && &here < alt_hi;
	(void)sig;
}

static void nest_handler(int sig)
{
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (++calls < 3)
		raise(sig);
	depth--;
}

static void install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = {0};
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	CHECK(sigaction(sig, &sa, NULL));
}

static void basics(void)
{
	install(SIGUSR1, handler, 0);
	CHECK(raise(SIGUSR1));
	say("hits %d signo %d\n", hits, last_signo);
	CHECK(kill(getpid(), SIGUSR1));
	say("hits %d\n", hits);
	sigset_t set, old, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &set, &old));
	CHECK(kill(getpid(), SIGUSR1));
	CHECK(kill(getpid(), SIGUSR1));
	CHECK(sigpending(&pend));
	say("pending usr1 %d usr2 %d, hits %d\n", sigismember(&pend, SIGUSR1),
	    sigismember(&pend, SIGUSR2), hits);
	CHECK(sigprocmask(SIG_SETMASK, &old, NULL));
	say("after unblock hits %d (standard signals do not queue)\n", hits);
	install(SIGUSR2, handler, SA_RESETHAND);
	raise(SIGUSR2);
	struct sigaction cur;
	CHECK(sigaction(SIGUSR2, NULL, &cur));
	say("after SA_RESETHAND default %d\n", cur.sa_handler == SIG_DFL);
	install(SIGUSR2, SIG_IGN, 0);
	CHECK(raise(SIGUSR2));
	say("ignored, hits %d\n", hits);
	install(SIGUSR1, nest_handler, 0);
	raise(SIGUSR1);
	say("nested depth without SA_NODEFER %d, calls %d\n", max_depth, calls);
	max_depth = calls = 0;
	install(SIGUSR1, nest_handler, SA_NODEFER);
	raise(SIGUSR1);
	say("nested depth with SA_NODEFER %d, calls %d\n", max_depth, calls);
	CHECK(sigaction(SIGKILL, &cur, NULL));
	CHECK(sigaction(65, &cur, NULL));
}

static void with_info(void)
{
	stack_t ss = {0};
	ss.ss_size = 65536;
	ss.ss_sp = alt_lo = malloc(ss.ss_size);
	alt_hi = alt_lo + ss.ss_size;
	CHECK(sigaltstack(&ss, NULL));
	struct sigaction sa = {0};
	sa.sa_sigaction = info_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	CHECK(sigaction(SIGUSR1, &sa, NULL));
	CHECK(kill(getpid(), SIGUSR1));
	say("siginfo signo %d code SI_USER %d, on alt stack %d\n", last_signo,
	    last_code == SI_USER, on_alt);
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGUSR1, &sa, NULL));
	CHECK(raise(SIGUSR1));
	say("raise code SI_TKILL %d, on alt stack %d\n", last_code == SI_TKILL, on_alt);
}

static void interrupted(int flags)
{
	int p[2];
	char c;
	pipe(p);
	install(SIGALRM, handler, flags);
	hits = 0;
	pid_t pid = fork();
	if (pid == 0) { /* the delays let the parent block in read first */
		usleep(300000);
		kill(getppid(), SIGALRM);
		usleep(300000);
		write(p[1], "z", 1);
		_exit(0);
	}
	long r = read(p[0], &c, 1);
	say("read with flags %s: %ld %s, hits %d\n", flags ? "SA_RESTART" : "0", r,
	    r < 0 ? ename(errno) : "", hits);
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
}

static void suspend(void)
{
	sigset_t block, wait;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, NULL);
	install(SIGUSR2, handler, 0);
	hits = 0;
	pid_t pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	sigemptyset(&wait);
	long r = sigsuspend(&wait);
	say("sigsuspend %ld %s hits %d\n", r, ename(errno), hits);
	waitpid(pid, NULL, 0);
}

static void child_states(void)
{
	int st;
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	CHECK(kill(pid, SIGSTOP));
	CHECK(waitpid(pid, &st, WUNTRACED));
	say("stopped %d by %d\n", WIFSTOPPED(st), WSTOPSIG(st));
	CHECK(kill(pid, SIGCONT));
	CHECK(waitpid(pid, &st, WCONTINUED));
	say("continued %d\n", WIFCONTINUED(st));
	CHECK(kill(pid, SIGTERM));
	CHECK(waitpid(pid, &st, 0));
	say("signaled %d by %d\n", WIFSIGNALED(st), WTERMSIG(st));
	CHECK(kill(pid, 0));
}

int main(void)
{
	basics();
	with_info();
	interrupted(0);
	interrupted(SA_RESTART);
	suspend();
	child_states();
	return 0;
}
