/* libFuzzer harness: cpio_parse on arbitrary bytes; entries must lie inside. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <janux/initramfs.h>

static const uint8_t *base;
static size_t base_len;

static int check_entry(const struct cpio_entry *e, void *ctx)
{
	const uint8_t *d = e->data, *n = (const uint8_t *)e->name;

	if (n < base || n >= base + base_len || d < base || d > base + base_len ||
	    e->size > (size_t)(base + base_len - d) || strlen(e->name) >= base_len)
		__builtin_trap();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	base = data;
	base_len = size;
	size_t end = 0;

	if (cpio_parse(data, size, check_entry, NULL, NULL, &end) == 0 && (end > size || end == 0))
		__builtin_trap();
	return 0;
}
