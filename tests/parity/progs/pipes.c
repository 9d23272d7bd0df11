/* Parity: pipes: data through fork, EOF, EPIPE and SIGPIPE, non-blocking
 * reads and writes, capacity, poll readiness, pipe2 flags.
 * parity-oracle: user */
#include "parity.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

static void through_fork(void)
{
	int p[2];
	char buf[64] = {0};
	CHECK(pipe(p));
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		for (int i = 0; i < 3; i++)
			if (write(p[1], "chunk ", 6) != 6)
				_exit(1);
		_exit(0);
	}
	close(p[1]);
	int total = 0, n;
	while ((n = read(p[0], buf + total, sizeof buf - 1 - total)) > 0)
		total += n;
	say("read %d bytes: %s, then %d\n", total, buf, n);
	int st;
	waitpid(pid, &st, 0);
	say("writer exit %d\n", WEXITSTATUS(st));
	close(p[0]);
}

static void broken(void)
{
	int p[2];
	CHECK(pipe(p));
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	CHECK(write(p[1], "x", 1));
	signal(SIGPIPE, SIG_DFL);
	pid_t pid = fork();
	if (pid == 0) {
		if (write(p[1], "x", 1) < 0)
			_exit(3);
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	say("writer: signaled %d sig %d\n", WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	close(p[1]);
}

static void nonblock(void)
{
	int p[2];
	char buf[4096];
	CHECK(pipe2(p, O_NONBLOCK | O_CLOEXEC));
	VALUE(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	VALUE(fcntl(p[1], F_GETFD));
	VALUE(read(p[0], buf, sizeof buf));
	struct pollfd pf[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
	VALUE(poll(pf, 2, 0));
	say("  revents %x %x\n", pf[0].revents, pf[1].revents);
	memset(buf, 'a', sizeof buf);
	long total = 0, n;
	while ((n = write(p[1], buf, sizeof buf)) > 0)
		total += n;
	say("capacity %ld, then %s\n", total, ename(errno));
	pf[0].revents = pf[1].revents = 0;
	VALUE(poll(pf, 2, 0));
	say("  revents %x %x\n", pf[0].revents, pf[1].revents);
	VALUE(read(p[0], buf, 100));
	VALUE(write(p[1], buf, 100));
	VALUE(write(p[1], buf, 10));
	close(p[1]);
	total = 0;
	while ((n = read(p[0], buf, sizeof buf)) > 0)
		total += n;
	say("drained %ld, then %ld\n", total, n);
	pf[0].revents = 0;
	VALUE(poll(pf, 1, 0));
	say("  revents %x\n", pf[0].revents);
	close(p[0]);
}

int main(void)
{
	through_fork();
	broken();
	nonblock();
	return 0;
}
