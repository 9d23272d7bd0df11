/* Isolation check: write(2) and read(2) given a kernel pointer, an
 * unmapped user pointer or a buffer running off the end of a mapping must
 * return -EFAULT, not crash anything. Prints each syscall's return value
 * as the kernel gave it (-errno), e.g. "write kernel -14". Then bytes of
 * every alignment and odd sizes go through a pipe and must come back
 * unchanged ("roundtrip ok"): the user copies move 8 bytes at a time. */

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define LEN 64

/* The raw return value: musl's syscall() turns -errno into -1 and errno. */
static long raw(long r)
{
	return r < 0 ? -errno : r;
}

/* The last 40 bytes of a mapping whose next page is unmapped. */
static uintptr_t straddle(void)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || munmap(p + 4096, 4096))
		exit(1);
	return (uintptr_t)p + 4096 - 40;
}

/* Sizes 0..300 from every start offset mod 8 through the pipe. */
static int roundtrip(int fds[2])
{
	static char src[4096], dst[4096];

	for (unsigned i = 0; i < sizeof(src); i++)
		src[i] = (char)(i * 7 + 1);
	for (int a = 0; a < 8; a++)
		for (int n = 0; n <= 300; n += (n < 70 ? 1 : 23)) {
			memset(dst, 0, sizeof(dst));
			if (write(fds[1], src + a, n) != n || (n && read(fds[0], dst + 7 - a, n) != n) ||
			    memcmp(src + a, dst + 7 - a, n) || dst[7 - a + n] != 0)
				return printf("roundtrip FAIL at offset %d size %d\n", a, n), 1;
		}
	return printf("roundtrip ok\n"), 0;
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
		{ "straddle", straddle() },
	};
	char data[LEN] = "0123456789abcdef", drain[LEN];
	int fds[2];

	if (pipe2(fds, O_NONBLOCK)) {
		perror("pipe");
		return 1;
	}
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		void *p = (void *)cases[i].addr;
		long w = raw(syscall(SYS_write, fds[1], p, LEN));
		if (write(fds[1], data, LEN) != LEN) /* something to read */
			return 1;
		long r = raw(syscall(SYS_read, fds[0], p, LEN));
		printf("write %s %ld\nread %s %ld\n", cases[i].name, w, cases[i].name, r);
		while (read(fds[0], drain, sizeof(drain)) > 0)
			; /* empty the pipe (non-blocking) for the next case */
	}
	return roundtrip(fds);
}
