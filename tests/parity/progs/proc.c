/* Parity: process life cycle: fork, exit statuses, wait4/waitpid/waitid
 * options, vfork, orphans, zombies, rlimits, SIGCHLD reporting.
 * parity-oracle: user */
#include "parity.h"
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

static volatile int chld_hits, chld_code, chld_status;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	chld_hits++;
	chld_code = si->si_code;
	chld_status = si->si_status;
}

static void statuses(void)
{
	static const int codes[] = {0, 1, 42, 255, 256, 257};
	for (unsigned i = 0; i < sizeof codes / sizeof *codes; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(codes[i]);
		int st;
		pid_t got = waitpid(pid, &st, 0);
		say("_exit(%d): same pid %d exited %d status %d raw %x\n", codes[i], got == pid,
		    WIFEXITED(st), WEXITSTATUS(st), st);
	}
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGABRT, SIG_DFL);
		struct rlimit rl = {0, 0};
		setrlimit(RLIMIT_CORE, &rl);
		abort();
	}
	int st;
	waitpid(pid, &st, 0);
	say("abort: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));
}

static void waiting(void)
{
	int st;
	VALUE(waitpid(-1, &st, WNOHANG));
	int p[2];
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		read(p[0], &c, 1);
		_exit(7);
	}
	VALUE(waitpid(pid, &st, WNOHANG));
	write(p[1], "go", 1);
	siginfo_t si = {0};
	CHECK(waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	say("waitid: same pid %d code CLD_EXITED %d status %d\n", si.si_pid == pid,
	    si.si_code == CLD_EXITED, si.si_status);
	struct rusage ru;
	pid_t got = wait4(pid, &st, 0, &ru);
	say("wait4 after WNOWAIT: same pid %d status %d\n", got == pid, WEXITSTATUS(st));
	CHECK(waitpid(pid, &st, 0));
	CHECK(waitpid(12345678, &st, 0));
	close(p[0]);
	close(p[1]);
}

static void sigchld(void)
{
	struct sigaction sa = {0};
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGCHLD, &sa, NULL);
	pid_t pid = fork();
	if (pid == 0)
		_exit(5);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	say("SIGCHLD hits %d code CLD_EXITED %d status %d\n", chld_hits, chld_code == CLD_EXITED,
	    chld_status);
	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0)
		_exit(0);
	long r = waitpid(pid, &st, 0);
	say("with SIGCHLD ignored waitpid: %ld %s\n", r, r < 0 ? ename(errno) : "");
	signal(SIGCHLD, SIG_DFL);
}

static void others(void)
{
	pid_t me = getpid();
	pid_t pid = vfork();
	if (pid == 0)
		_exit(getppid() == me ? 9 : 8);
	int st;
	waitpid(pid, &st, 0);
	say("vfork child saw parent %d\n", WEXITSTATUS(st) == 9);
	struct rlimit rl;
	CHECK(getrlimit(RLIMIT_NOFILE, &rl));
	rl.rlim_cur = 10;
	CHECK(setrlimit(RLIMIT_NOFILE, &rl));
	while (dup(1) >= 0)
		;
	say("dup until %s\n", ename(errno));
	rl.rlim_cur = rl.rlim_max + 1;
	CHECK(setrlimit(RLIMIT_NOFILE, &rl));
}

int main(void)
{
	statuses();
	waiting();
	sigchld();
	others();
	return 0;
}
