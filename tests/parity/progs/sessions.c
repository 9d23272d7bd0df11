/* Parity: sessions and process groups: setsid, setpgid rules and errors,
 * getpgid/getsid, kill of a group, tcgetpgrp without a terminal.
 * parity-oracle: user */
#include "parity.h"
#include <signal.h>
#include <sys/wait.h>

static int report_child(pid_t pid)
{
	int st;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void leader(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		pid_t me = getpid();
		CHECK(setpgid(0, 0));
		YESNO(getpgrp() == me);
		CHECK(setsid());
		pid_t sid = setsid();
		if (sid < 0)
			say("setsid in a group leader's child = -1 %s\n", ename(errno));
		_exit(0);
	}
	report_child(pid);
	pid = fork();
	if (pid == 0) {
		pid_t me = getpid();
		pid_t sid = setsid();
		say("setsid returned own pid %d\n", sid == me);
		YESNO(getsid(0) == me);
		YESNO(getpgid(0) == me);
		CHECK(setsid());
		CHECK(setpgid(0, 0));
		CHECK(tcgetpgrp(0));
		_exit(0);
	}
	report_child(pid);
}

static void groups(void)
{
	int p[2];
	pipe(p);
	pid_t a = fork();
	if (a == 0) {
		char c;
		read(p[0], &c, 1);
		_exit(1);
	}
	pid_t b = fork();
	if (b == 0) {
		char c;
		read(p[0], &c, 1);
		_exit(2);
	}
	CHECK(setpgid(a, a));
	CHECK(setpgid(b, a));
	YESNO(getpgid(b) == a);
	YESNO(getsid(a) == getsid(0));
	CHECK(setpgid(b, 999999));
	CHECK(setpgid(999999, 0));
	CHECK(setpgid(0, -1));
	CHECK(kill(-a, SIGTERM));
	say("a: %d b: %d\n", report_child(a), report_child(b));
	CHECK(kill(-a, SIGTERM));
	close(p[0]);
	close(p[1]);
	pipe(p);
	pid_t c = fork();
	if (c == 0) {
		setsid();
		close(p[1]); /* tells the parent the session is made */
		pause();
		_exit(0);
	}
	char ch;
	close(p[1]);
	read(p[0], &ch, 1);
	close(p[0]);
	CHECK(setpgid(c, getpgrp()));
	kill(c, SIGKILL);
	say("c: %d\n", report_child(c));
}

int main(void)
{
	setpgid(0, 0);
	leader();
	groups();
	return 0;
}
