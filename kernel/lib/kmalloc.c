/*
 * Kernel heap. Objects up to SMALL_MAX bytes come from per-size-class pages
 * whose first bytes hold a page header and whose remainder is cut into equal
 * slots; larger requests take whole pages from the arch page source and are
 * recorded in a list so kfree() can tell their size.
 * Callers hold the kernel lock (or run during single-threaded boot).
 */
#include <arch.h>
#include <janux/kmalloc.h>
#include <janux/list.h>
#include <janux/printk.h>
#include <janux/string.h>

#define SLAB_MAGIC 0x5a4a4b4du
#define MIN_SHIFT 4 /* 16-byte slots */
#define NCLASSES 8  /* 16 .. 2048 */
#define SMALL_MAX (1u << (MIN_SHIFT + NCLASSES - 1))

struct slab {
	uint32_t magic;
	uint16_t cls;
	uint16_t used;       /* slots handed out */
	void *free;          /* singly linked free slots */
	struct list_head link;
};

/* The header takes the first slot-aligned bytes of the page. */
#define SLAB_HDR ALIGN_UP(sizeof(struct slab), 16)

struct big {
	void *addr;
	size_t npages;
	struct list_head link;
};

static struct list_head partial[NCLASSES] = {
#define L(i) LIST_HEAD_INIT(partial[i])
	L(0), L(1), L(2), L(3), L(4), L(5), L(6), L(7)
#undef L
};
static struct list_head big_list = LIST_HEAD_INIT(big_list);
static struct kmalloc_stats stats;

static unsigned slot_size(unsigned cls) { return 1u << (MIN_SHIFT + cls); }

static unsigned size_class(size_t size)
{
	unsigned cls = 0;

	while (slot_size(cls) < size)
		cls++;
	return cls;
}

static unsigned slots_per_page(unsigned cls)
{
	return (unsigned)((PAGE_SIZE - SLAB_HDR) / slot_size(cls));
}

/* A fresh page for class `cls`, its slots chained on the free list. */
static struct slab *slab_new(unsigned cls)
{
	struct slab *s = arch_alloc_pages(1);
	char *slot;

	if (!s)
		return NULL;
	stats.pages_held++;
	s->magic = SLAB_MAGIC;
	s->cls = (uint16_t)cls;
	s->used = 0;
	s->free = NULL;
	slot = (char *)s + SLAB_HDR;
	for (unsigned i = 0; i < slots_per_page(cls); i++, slot += slot_size(cls)) {
		*(void **)slot = s->free;
		s->free = slot;
	}
	list_add(&s->link, &partial[cls]);
	return s;
}

static void *small_alloc(size_t size)
{
	unsigned cls = size_class(size);
	struct slab *s;
	void *p;

	if (list_empty(&partial[cls]))
		s = slab_new(cls);
	else
		s = list_first_entry(&partial[cls], struct slab, link);
	if (!s)
		return NULL;
	p = s->free;
	s->free = *(void **)p;
	s->used++;
	if (!s->free)
		list_del(&s->link); /* full: off the partial list */
	stats.bytes_in_use += slot_size(cls);
	return p;
}

static void small_free(struct slab *s, void *p)
{
	unsigned cls = s->cls;

	if (((uintptr_t)p - (uintptr_t)s - SLAB_HDR) % slot_size(cls))
		panic("kfree: %p is not the start of a slot", p);
	if (!s->free)
		list_add(&s->link, &partial[cls]); /* was full */
	*(void **)p = s->free;
	s->free = p;
	s->used--;
	stats.bytes_in_use -= slot_size(cls);
	if (s->used == 0) {
		list_del(&s->link);
		s->magic = 0;
		arch_free_pages(s, 1);
		stats.pages_held--;
	}
}

static void *big_alloc(size_t size)
{
	size_t npages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	struct big *b = small_alloc(sizeof(*b));

	if (!b)
		return NULL;
	b->addr = arch_alloc_pages(npages);
	if (!b->addr) {
		small_free((struct slab *)ALIGN_DOWN((uintptr_t)b, PAGE_SIZE), b);
		return NULL;
	}
	b->npages = npages;
	list_add(&b->link, &big_list);
	stats.pages_held += npages;
	stats.bytes_in_use += npages * PAGE_SIZE;
	return b->addr;
}

static void big_free(void *p)
{
	struct big *b;

	list_for_each_entry(b, &big_list, link) {
		if (b->addr == p) {
			list_del(&b->link);
			arch_free_pages(p, b->npages);
			stats.pages_held -= b->npages;
			stats.bytes_in_use -= b->npages * PAGE_SIZE;
			small_free((struct slab *)ALIGN_DOWN((uintptr_t)b, PAGE_SIZE), b);
			return;
		}
	}
	panic("kfree: %p was not allocated", p);
}

void *kmalloc(size_t size)
{
	if (size == 0)
		return NULL;
	return size <= SMALL_MAX ? small_alloc(size) : big_alloc(size);
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	struct slab *s;

	if (!p)
		return;
	if (((uintptr_t)p & (PAGE_SIZE - 1)) == 0) {
		big_free(p);
		return;
	}
	s = (struct slab *)ALIGN_DOWN((uintptr_t)p, PAGE_SIZE);
	if (s->magic != SLAB_MAGIC)
		panic("kfree: %p is not a heap object", p);
	small_free(s, p);
}

char *kstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

void kmalloc_get_stats(struct kmalloc_stats *st)
{
	*st = stats;
}
