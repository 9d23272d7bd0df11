/* Parity: waiting for descriptors: poll/ppoll/select/pselect readiness on
 * pipes and /dev/null, timeouts, POLLNVAL/EBADF for closed descriptors,
 * EINTR, and ppoll's temporary signal mask.
 * parity-oracle: user */
#include "parity.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>

static volatile int hits;

static void on_usr1(int sig)
{
	(void)sig;
	hits++;
}

static long long ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void with_poll(int p[2])
{
	struct pollfd pf[3] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}, {99, POLLIN, 0}};
	VALUE(poll(pf, 3, 0));
	say("  revents %x %x %x\n", pf[0].revents, pf[1].revents, pf[2].revents);
	long long t = ms_now();
	VALUE(poll(pf, 1, 50));
	YESNO(ms_now() - t >= 50);
	write(p[1], "x", 1);
	VALUE(poll(pf, 1, -1));
	say("  revents %x\n", pf[0].revents);
	pf[0].fd = -1;
	VALUE(poll(pf, 1, 0));
	say("  revents %x\n", pf[0].revents);
	int null = open("/dev/null", O_RDWR);
	struct pollfd n = {null, POLLIN | POLLOUT, 0};
	VALUE(poll(&n, 1, 0));
	say("  /dev/null revents %x\n", n.revents);
	close(null);
}

static void with_select(int p[2])
{
	fd_set r, w;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	VALUE(select(p[1] + 1, &r, &w, NULL, &(struct timeval){0, 0}));
	say("  read set %d write set %d\n", FD_ISSET(p[0], &r), FD_ISSET(p[1], &w));
	char c;
	read(p[0], &c, 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	struct timeval tv = {0, 50000};
	long long t = ms_now();
	VALUE(select(p[0] + 1, &r, NULL, NULL, &tv));
	YESNO(ms_now() - t >= 50);
	say("  timeout left %ld.%06ld\n", (long)tv.tv_sec, (long)tv.tv_usec);
	FD_ZERO(&r);
	FD_SET(60, &r);
	VALUE(select(61, &r, NULL, NULL, &(struct timeval){0, 0}));
	VALUE(select(-1, NULL, NULL, NULL, &(struct timeval){0, 0}));
	struct timespec ts = {0, 20000000};
	VALUE(pselect(0, NULL, NULL, NULL, &ts, NULL));
}

static void interrupted(int p[2])
{
	signal(SIGUSR1, on_usr1);
	sigset_t block, none;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR1);
	struct pollfd pf = {p[0], POLLIN, 0};
	VALUE(poll(&pf, 1, 10));
	say("blocked: hits %d\n", hits);
	sigemptyset(&none);
	struct timespec ts = {1, 0};
	VALUE(ppoll(&pf, 1, &ts, &none));
	say("ppoll unblocked it: hits %d\n", hits);
	sigset_t now;
	sigprocmask(SIG_SETMASK, NULL, &now);
	say("mask restored: %d\n", sigismember(&now, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	pid_t pid = fork();
	if (pid == 0) {
		usleep(300000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	VALUE(poll(&pf, 1, 5000));
	fd_set r;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	waitpid(pid, NULL, 0);
	pid = fork();
	if (pid == 0) {
		usleep(300000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	VALUE(select(p[0] + 1, &r, NULL, NULL, &(struct timeval){5, 0}));
	waitpid(pid, NULL, 0);
	say("hits %d\n", hits);
}

int main(void)
{
	int p[2];
	pipe(p);
	with_poll(p);
	with_select(p);
	interrupted(p);
	close(p[1]);
	struct pollfd pf = {p[0], POLLIN, 0};
	VALUE(poll(&pf, 1, 0));
	say("after the writer closed: revents %x\n", pf.revents);
	return 0;
}
