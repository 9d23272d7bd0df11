/* Single system calls for the 9P share test (tests/p9/9p-guest.sh), with
 * none of the fallbacks mv or dd have, built for both machines:
 *   p9sys rename FROM TO   rename(2) exactly once (no copy on EXDEV)
 *   p9sys fsync FILE       FILE created or emptied, stdin copied in, fsync(2)
 * Prints "ok" or the errno's name (EXDEV, ENOENT, else strerror's text). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int report(int ret)
{
	if (ret == 0) {
		puts("ok");
		return 0;
	}
	puts(errno == EXDEV ? "EXDEV" : errno == ENOENT ? "ENOENT" : strerror(errno));
	return 1;
}

/* Copy stdin into `path` and fsync it: 0, or -1 with errno set. */
static int copy_and_fsync(const char *path)
{
	char buf[65536];
	ssize_t n;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	while ((n = read(0, buf, sizeof buf)) > 0) {
		if (write(fd, buf, n) != n) {
			close(fd);
			return -1;
		}
	}
	if (n < 0 || fsync(fd) < 0) {
		close(fd);
		return -1;
	}
	return close(fd);
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "rename"))
		return report(rename(argv[2], argv[3]));
	if (argc == 3 && !strcmp(argv[1], "fsync"))
		return report(copy_and_fsync(argv[2]));
	fprintf(stderr, "usage: p9sys rename FROM TO | p9sys fsync FILE < DATA\n");
	return 2;
}
