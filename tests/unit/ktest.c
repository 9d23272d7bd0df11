/* ktest runner: runs every registered case in a child process. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktest.h"

#define TIME_LIMIT_S 20

static struct ktest_case *cases, **tail = &cases;
static int checks, failures;

void ktest_register(struct ktest_case *c)
{
	*tail = c;
	tail = &c->next;
}

bool ktest_check(bool ok, bool fatal, const char *file, int line,
		 const char *fmt, ...)
{
	va_list ap;

	checks++;
	if (ok)
		return true;
	failures++;
	fprintf(stdout, "  %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
	if (fatal)
		exit(1);
	return false;
}

/* Child side: run the case; exit 0 pass, 1 failed check, 2 checked nothing. */
static void run_child(struct ktest_case *c)
{
	alarm(TIME_LIMIT_S);
	c->fn();
	fflush(stdout);
	if (failures)
		exit(1);
	exit(checks ? 0 : 2);
}

static const char *why(int status)
{
	static char buf[64];

	if (WIFSIGNALED(status)) {
		snprintf(buf, sizeof(buf), "%s",
			 WTERMSIG(status) == SIGALRM ? "timed out" : strsignal(WTERMSIG(status)));
		return buf;
	}
	switch (WEXITSTATUS(status)) {
	case 1: return "a check failed";
	case 2: return "the test checked nothing";
	default:
		snprintf(buf, sizeof(buf), "exited with status %d (sanitizer report?)",
			 WEXITSTATUS(status));
		return buf;
	}
}

static bool selected(struct ktest_case *c, int argc, char **argv)
{
	char full[256];

	if (argc < 2)
		return true;
	snprintf(full, sizeof(full), "%s/%s", c->suite, c->name);
	for (int i = 1; i < argc; i++)
		if (strncmp(full, argv[i], strlen(argv[i])) == 0)
			return true;
	return false;
}

/* Usage: unit-tests [PREFIX...]  runs the cases whose suite/name starts so. */
int main(int argc, char **argv)
{
	int npass = 0, nfail = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (struct ktest_case *c = cases; c; c = c->next) {
		int status;
		pid_t pid;

		if (!selected(c, argc, argv))
			continue;
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 2;
		}
		if (pid == 0)
			run_child(c);
		waitpid(pid, &status, 0);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("PASS %s/%s\n", c->suite, c->name);
			npass++;
		} else {
			printf("FAIL %s/%s: %s\n", c->suite, c->name, why(status));
			nfail++;
		}
	}
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail ? 1 : 0;
}
