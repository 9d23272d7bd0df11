/*
 * Kernel heap: small objects from power-of-two size classes carved out of
 * pages, large objects straight from the arch page source.
 */
#ifndef JANUX_KMALLOC_H
#define JANUX_KMALLOC_H

#include <janux/types.h>

/*
 * Allocate `size` bytes aligned to 16 (to PAGE_SIZE when size >= PAGE_SIZE).
 * Returns NULL when memory is exhausted or size is 0. Contents undefined.
 */
void *kmalloc(size_t size);

/* kmalloc() that zero-fills the memory. */
void *kzalloc(size_t size);

/* Free memory from kmalloc/kzalloc; kfree(NULL) does nothing. */
void kfree(void *p);

/* Duplicate a NUL-terminated string into the heap (NULL on no memory). */
char *kstrdup(const char *s);

struct kmalloc_stats {
	size_t bytes_in_use; /* bytes handed out, rounded to their size class */
	size_t pages_held;   /* pages obtained from the arch page source */
};

/* Current heap figures (for /proc/meminfo and leak checks in tests). */
void kmalloc_get_stats(struct kmalloc_stats *st);

#endif
