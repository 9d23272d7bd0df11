/* Isolation check: write(2) and read(2) given a kernel pointer or an
 * unmapped user pointer must return -EFAULT, not crash anything. Prints
 * each syscall's return value as the kernel gave it (-errno), e.g.
 * "write kernel -14". */

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The raw return value: musl's syscall() turns -errno into -1 and errno. */
static long raw(long r)
{
	return r < 0 ? -errno : r;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: efault KERNEL_HEXADDR\n");
		return 2;
	}
	const struct { const char *name; uintptr_t addr; } cases[] = {
		{ "kernel", (uintptr_t)strtoull(argv[1], NULL, 16) },
		{ "unmapped", 0x1000 },
	};
	int fds[2];

	if (pipe2(fds, O_NONBLOCK)) {
		perror("pipe");
		return 1;
	}
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		void *p = (void *)cases[i].addr;
		long w = raw(syscall(SYS_write, fds[1], p, 8));
		if (write(fds[1], "12345678", 8) != 8) /* something to read */
			return 1;
		long r = raw(syscall(SYS_read, fds[0], p, 8));
		printf("write %s %ld\nread %s %ld\n", cases[i].name, w, cases[i].name, r);
		char drain[8];
		while (read(fds[0], drain, sizeof(drain)) > 0)
			; /* empty the pipe (non-blocking) for the next case */
	}
	return 0;
}
