/* kernel/lib/kmalloc.c: size classes, reuse, big blocks, accounting. */
#include <string.h>

#include <arch.h>
#include <host_machine.h>
#include <janux/kmalloc.h>
#include "ktest.h"

KTEST(kmalloc, small_objects_are_aligned_and_distinct)
{
	void *p[200];

	for (int i = 0; i < 200; i++) {
		p[i] = kmalloc((size_t)(i % 50) + 1);
		KT_ASSERT(p[i] != NULL);
		KT_EXPECT(((uintptr_t)p[i] & 15) == 0);
		memset(p[i], i, (size_t)(i % 50) + 1); /* ASan flags overlap */
	}
	for (int i = 0; i < 200; i++)
		kfree(p[i]);
	KT_EQ_INT(host_pages_in_use(), 0);
}

KTEST(kmalloc, zero_size_and_null_free)
{
	KT_EXPECT(kmalloc(0) == NULL);
	kfree(NULL);
	KT_EQ_INT(host_pages_in_use(), 0);
}

KTEST(kmalloc, big_blocks_are_page_aligned_and_freed)
{
	struct kmalloc_stats st;
	char *p = kmalloc(3 * PAGE_SIZE + 1);

	KT_ASSERT(p != NULL);
	KT_EXPECT(((uintptr_t)p & (PAGE_SIZE - 1)) == 0);
	p[4 * PAGE_SIZE - 1] = 1;
	kmalloc_get_stats(&st);
	/* four pages plus the small record that remembers the block */
	KT_EXPECT(st.bytes_in_use >= 4 * PAGE_SIZE && st.bytes_in_use <= 4 * PAGE_SIZE + 64);
	kfree(p);
	kmalloc_get_stats(&st);
	KT_EQ_INT(st.bytes_in_use, 0);
	KT_EQ_INT(host_pages_in_use(), 0);
}

KTEST(kmalloc, kzalloc_zeroes_reused_memory)
{
	unsigned char *a = kmalloc(100), *keep = kmalloc(100), *b;

	KT_ASSERT(a && keep);
	memset(a, 0xaa, 100);
	kfree(a);
	b = kzalloc(100);
	KT_ASSERT(b != NULL);
	KT_EXPECT(b == a); /* the freed slot is reused first */
	for (int i = 0; i < 100; i++)
		KT_ASSERT(b[i] == 0);
	kfree(b);
	kfree(keep);
	KT_EQ_INT(host_pages_in_use(), 0);
}

KTEST(kmalloc, kstrdup_copies)
{
	char *s = kstrdup("janux");

	KT_EQ_STR(s, "janux");
	kfree(s);
}
