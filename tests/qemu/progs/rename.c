/* rename(2) exactly once, no copy fallback (unlike mv): prints "ok" or the
 * errno name, for the 9p test's "rename out of the share" check. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: rename FROM TO\n");
		return 2;
	}
	if (rename(argv[1], argv[2]) == 0) {
		puts("ok");
		return 0;
	}
	puts(errno == EXDEV ? "EXDEV" : errno == ENOENT ? "ENOENT" : strerror(errno));
	return 1;
}
