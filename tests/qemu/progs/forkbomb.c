/* Resource limit check: as an ordinary user (uid 1000; root is exempt)
 * with RLIMIT_NPROC = 50, fork children that wait until fork fails.
 * Prints "fork failed: EAGAIN after N" (N <= 50), then kills and reaps
 * every child and prints "reaped N". */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define LIMIT 50

int main(void)
{
	struct rlimit rl = { LIMIT, LIMIT };
	static pid_t kids[LIMIT + 10];
	int n = 0, reaped = 0;

	if (setrlimit(RLIMIT_NPROC, &rl) || setgid(1000) || setuid(1000)) {
		perror("setrlimit/setgid/setuid");
		return 1;
	}
	for (;;) {
		if (n == LIMIT + 10) {
			printf("no EAGAIN after %d forks\n", n);
			break;
		}
		pid_t p = fork();
		if (p == 0) {
			pause();
			_exit(0);
		}
		if (p < 0) {
			printf("fork failed: %s after %d\n", errno == EAGAIN ? "EAGAIN" : strerror(errno), n);
			break;
		}
		kids[n++] = p;
	}
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	while (wait(NULL) > 0)
		reaped++;
	printf("reaped %d\n", reaped);
	return 0;
}
