/* Isolation check: read the address given in argv[1] (hex) from user mode.
 * On a kernel or unmapped address the kernel must kill us with SIGSEGV
 * (the shell then reports status 139); reaching the end is a failure. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: kread HEXADDR\n");
		return 2;
	}
	volatile const unsigned char *p = (const unsigned char *)strtoull(argv[1], NULL, 16);
	printf("reading %p\n", (const void *)p);
	fflush(stdout);
	unsigned char v = *p;
	printf("read 0x%02x: not isolated\n", v);
	return 1;
}
