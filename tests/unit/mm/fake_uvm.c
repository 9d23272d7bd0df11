/* A fake machine for the mm tests: the "User memory maps" arch hooks over
 * a list of host pages per address space, so the tests can check what
 * the core mapped, copied, moved and zeroed. */
#include <stdlib.h>
#include <string.h>
#include <arch.h>
#include <janux/errno.h>
#include <janux/mm.h>
#include "fake_uvm.h"

struct fake_page {
	struct fake_page *next;
	uaddr_t addr;
	int prot;
	unsigned char *data;   /* shared between mms for shared copies */
	int *data_refs;
};

struct fake_space {
	struct fake_page *pages;
};

struct mm *fake_current_mm;
int fake_live_spaces;

struct mm *arch_task_get_mm(struct task *t)
{
	(void)t;
	return fake_current_mm;
}

int arch_mm_init(struct mm *mm)
{
	mm->arch = calloc(1, sizeof(struct fake_space));
	mm->task_size = FAKE_TASK_SIZE;
	mm->mmap_base = FAKE_MMAP_BASE;
	fake_live_spaces++;
	return mm->arch ? 0 : -ENOMEM;
}

static struct fake_page **slot(struct mm *mm, uaddr_t addr)
{
	struct fake_page **p = &((struct fake_space *)mm->arch)->pages;

	while (*p && (*p)->addr != addr)
		p = &(*p)->next;
	return p;
}

static void drop(struct fake_page **p)
{
	struct fake_page *pg = *p;

	*p = pg->next;
	if (--*pg->data_refs == 0) {
		free(pg->data);
		free(pg->data_refs);
	}
	free(pg);
}

void arch_mm_destroy(struct mm *mm)
{
	struct fake_space *s = mm->arch;

	while (s->pages)
		drop(&s->pages);
	free(s);
	fake_live_spaces--;
}

static struct fake_page *add(struct mm *mm, uaddr_t addr, int prot, unsigned char *data,
			     int *refs)
{
	struct fake_page *pg = calloc(1, sizeof(*pg)), **p = slot(mm, addr);

	if (*p)
		abort(); /* the core mapped a page twice */
	pg->addr = addr;
	pg->prot = prot;
	pg->data = data ? data : calloc(1, PAGE_SIZE);
	pg->data_refs = refs ? refs : calloc(1, sizeof(int));
	++*pg->data_refs;
	*p = pg;
	return pg;
}

int arch_mm_map(struct mm *mm, uaddr_t start, size_t len, int prot, bool populate)
{
	for (uaddr_t a = start; a < start + len; a += PAGE_SIZE)
		add(mm, a, prot, NULL, NULL);
	return 0;
}

void arch_mm_unmap(struct mm *mm, uaddr_t start, size_t len)
{
	for (uaddr_t a = start; a < start + len; a += PAGE_SIZE) {
		struct fake_page **p = slot(mm, a);

		if (*p)
			drop(p);
	}
}

void arch_mm_protect(struct mm *mm, uaddr_t start, size_t len, int prot)
{
	for (uaddr_t a = start; a < start + len; a += PAGE_SIZE)
		if (*slot(mm, a))
			(*slot(mm, a))->prot = prot;
}

int arch_mm_copy(struct mm *dst, struct mm *src, uaddr_t start, size_t len, bool shared)
{
	for (uaddr_t a = start; a < start + len; a += PAGE_SIZE) {
		struct fake_page *s = *slot(src, a), **d = slot(dst, a);

		drop(d);
		if (shared) {
			add(dst, a, s->prot, s->data, s->data_refs);
		} else {
			struct fake_page *n = add(dst, a, s->prot, NULL, NULL);

			memcpy(n->data, s->data, PAGE_SIZE);
		}
	}
	return 0;
}

int arch_mm_move(struct mm *mm, uaddr_t old, uaddr_t new_start, size_t len)
{
	for (size_t o = 0; o < len; o += PAGE_SIZE)
		memcpy(fake_page_data(mm, new_start + o), fake_page_data(mm, old + o), PAGE_SIZE);
	return 0;
}

int arch_mm_write(struct mm *mm, uaddr_t dst, const void *src, size_t len)
{
	for (size_t i = 0; i < len; i++)
		fake_page_data(mm, (dst + i) & ~(PAGE_SIZE - 1))[(dst + i) % PAGE_SIZE] =
			((const unsigned char *)src)[i];
	return 0;
}

unsigned char *fake_page_data(struct mm *mm, uaddr_t page)
{
	struct fake_page *p = *slot(mm, page);

	return p ? p->data : NULL;
}

int fake_page_prot(struct mm *mm, uaddr_t page)
{
	struct fake_page *p = *slot(mm, page);

	return p ? p->prot : -1;
}

size_t arch_mm_resident_pages(struct mm *mm)
{
	size_t n = 0;

	for (struct fake_page *p = ((struct fake_space *)mm->arch)->pages; p; p = p->next)
		n++;
	return n;
}
