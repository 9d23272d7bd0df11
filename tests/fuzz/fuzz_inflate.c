/*
 * libFuzzer harness: gzip_decompress and inflate_raw on arbitrary bytes.
 * Beyond not crashing: a stream that decodes does so the same into a heap
 * buffer of exactly its size (ASan sees a byte written past it), one byte
 * less gives -ENOSPC, and it never claims more input than it was given.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <janux/errno.h>
#include <janux/inflate.h>

static unsigned char out[1 << 20], first[1 << 20];

/* The decoded stream again, into exactly n bytes and into n - 1. */
static void check_exact(const uint8_t *data, size_t size, long n)
{
	unsigned char *exact = malloc(n ? (size_t)n : 1);

	memcpy(first, out, (size_t)n);
	if (inflate_raw(data, size, exact, (size_t)n, NULL) != n || memcmp(exact, first, (size_t)n))
		__builtin_trap(); /* output depends on the room left */
	if (n && inflate_raw(data, size, exact, (size_t)n - 1, NULL) != -ENOSPC)
		__builtin_trap(); /* one byte short not noticed */
	free(exact);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long n = gzip_decompress(data, size, out, sizeof(out));
	size_t used = 0;

	if (n > (long)sizeof(out))
		__builtin_trap(); /* wrote past what it was given */
	n = inflate_raw(data, size, out, sizeof(out), &used);
	if (n >= 0 && used > size)
		__builtin_trap(); /* used input it was not given */
	if (n >= 0)
		check_exact(data, size, n);
	inflate_raw(data, size, out, 64, NULL); /* tiny output: -ENOSPC paths */
	return 0;
}
