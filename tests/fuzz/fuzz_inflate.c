/* libFuzzer harness: gzip_decompress and inflate_raw on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include <janux/inflate.h>

static unsigned char out[1 << 20];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long n = gzip_decompress(data, size, out, sizeof(out));

	if (n > (long)sizeof(out))
		__builtin_trap(); /* wrote past what it was given */
	inflate_raw(data, size, out, sizeof(out), NULL);
	inflate_raw(data, size, out, 64, NULL); /* tiny output: -ENOSPC paths */
	return 0;
}
