/* wasm32 libc check: setjmp/longjmp through clang's lowering and the host
 * wrappers, siglongjmp with a saved mask, and malloc of more than a page. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf jb;
static sigjmp_buf sjb;

static void deep(int n)
{
	if (n == 0)
		longjmp(jb, 42);
	deep(n - 1);
}

static void sdeep(void)
{
	siglongjmp(sjb, 0);
}

int main(void)
{
	volatile int passes = 0;
	int r = setjmp(jb);
	sigset_t set;

	passes++;
	if (r == 0)
		deep(5);
	printf("setjmp returned %d after %d passes\n", r, passes);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	if (sigsetjmp(sjb, 1) == 0) {
		sigprocmask(SIG_BLOCK, &set, 0);
		sdeep();
	}
	sigprocmask(SIG_BLOCK, 0, &set);
	printf("siglongjmp(0) returned 1, mask restored: %s\n",
	       sigismember(&set, SIGUSR1) ? "no" : "yes");

	char *p = malloc(100000);
	if (!p)
		return 1;
	memset(p, 'x', 100000);
	strcpy(p + 99990, "malloc ok");
	puts(p + 99990);
	free(p);
	return 0;
}
