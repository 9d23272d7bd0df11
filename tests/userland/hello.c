/* janux-cc check: libc stdio, argv and 128-bit long double arithmetic (which
 * needs libgcc's soft-float helpers on aarch64). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long double x = (long double)argc + 0.5L;   /* not a compile-time constant */
	printf("hello from janux-cc: argc=%d arg1=%s\n", argc, argc > 1 ? argv[1] : "-");
	printf("long double: %.4Lf\n", x * x / 3.0L);
	return argc == 2 ? 0 : 1;
}
