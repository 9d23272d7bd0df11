/* wasm32 libc check: fork through janux.fork (asyncify), the child's
 * exit status seen by waitpid, and memory not shared after the fork. */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
	static int shared = 1;
	pid_t pid = fork();
	int st;

	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		shared = 2;
		printf("child: fork returned 0\n");
		fflush(stdout);
		_exit(7);
	}
	if (waitpid(pid, &st, 0) != pid) {
		perror("waitpid");
		return 1;
	}
	printf("parent: child exited with %d, my copy is still %d\n",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1, shared);
	return 0;
}
