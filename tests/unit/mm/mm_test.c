/* kernel/mm/: VMAs, mmap placement, munmap splitting, mprotect, mremap,
 * madvise, brk, fork copies and the fault check, over the fake machine. */
#include <string.h>
#include <arch.h>
#include <janux/errno.h>
#include <janux/mm.h>
#include "fake_uvm.h"
#include "ktest.h"

#define P PAGE_SIZE
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static int nvmas(struct mm *mm)
{
	int n = 0;

	for (struct list_head *l = mm->vmas.next; l != &mm->vmas; l = l->next)
		n++;
	return n;
}

KTEST(mm, mmap_places_below_base_and_zeroes)
{
	struct mm *mm = mm_create();
	long a, b;

	KT_ASSERT(mm);
	a = mm_map(mm, 0, 3 * P, RW, ANON, NULL, 0);
	b = mm_map(mm, 0, P + 1, PROT_READ, ANON, NULL, 0);
	KT_EQ_INT(a, FAKE_MMAP_BASE - 3 * P);
	KT_EQ_INT(b, a - 2 * P);
	KT_EXPECT(fake_page_data(mm, a + 2 * P)[100] == 0);
	KT_EQ_INT(fake_page_prot(mm, b + P), PROT_READ);
	KT_EQ_INT(mm_map(mm, 0, 0, RW, ANON, NULL, 0), -EINVAL);
	KT_EQ_INT(mm_map(mm, 0, P, 8, ANON, NULL, 0), -EINVAL);
	KT_EQ_INT(mm_map(mm, 0, P, RW, MAP_ANONYMOUS, NULL, 0), -EINVAL);
	KT_EQ_INT(mm_map(mm, a, P, RW, ANON | MAP_FIXED_NOREPLACE, NULL, 0), -EEXIST);
	KT_EQ_INT(mm_map(mm, a + 1, P, RW, ANON | MAP_FIXED, NULL, 0), -EINVAL);
	KT_EQ_INT(mm_map(mm, 0, FAKE_TASK_SIZE * 2, RW, ANON, NULL, 0), -ENOMEM);
	mm_put(mm);
	KT_EQ_INT(fake_live_spaces, 0);
}

KTEST(mm, mmap_up_places_lowest_gap_above_base)
{
	struct mm *mm = mm_create(), *child;
	long a, b, c, d;

	KT_ASSERT(mm);
	mm->mmap_up = true;
	a = mm_map(mm, 0, 2 * P, RW, ANON, NULL, 0);
	b = mm_map(mm, 0, P, RW, ANON, NULL, 0);
	KT_EQ_INT(a, FAKE_MMAP_BASE);
	KT_EQ_INT(b, a + 2 * P);
	KT_EQ_INT(mm_unmap(mm, a, 2 * P), 0);
	c = mm_map(mm, 0, 3 * P, RW, ANON, NULL, 0); /* the hole is too small */
	d = mm_map(mm, 0, P, RW, ANON, NULL, 0);     /* this one fits in it */
	KT_EQ_INT(c, b + P);
	KT_EQ_INT(d, a);
	KT_EQ_INT(mm_map(mm, 0, FAKE_TASK_SIZE - FAKE_MMAP_BASE, RW, ANON, NULL, 0), -ENOMEM);
	KT_EQ_INT(mm_map(mm, 0, FAKE_TASK_SIZE - c - 3 * P, RW, ANON, NULL, 0), c + 3 * P);
	child = mm_fork(mm);
	KT_ASSERT(child);
	KT_EXPECT(child->mmap_up);
	mm_put(child);
	mm_put(mm);
}

KTEST(mm, munmap_splits_and_fixed_replaces)
{
	struct mm *mm = mm_create();
	long a = mm_map(mm, 0x100000, 4 * P, RW, ANON | MAP_FIXED, NULL, 0);

	KT_EQ_INT(a, 0x100000);
	fake_page_data(mm, a + 3 * P)[0] = 7;
	KT_EQ_INT(mm_unmap(mm, a + P, P), 0);
	KT_EQ_INT(nvmas(mm), 2);
	KT_EXPECT(fake_page_data(mm, a + P) == NULL);
	KT_EXPECT(mm_find_vma(mm, a + P) == NULL);
	KT_EQ_INT(fake_page_data(mm, a + 3 * P)[0], 7);
	KT_EQ_INT(mm_map(mm, a, 4 * P, PROT_READ, ANON | MAP_FIXED, NULL, 0), a);
	KT_EQ_INT(nvmas(mm), 1);
	KT_EQ_INT(fake_page_data(mm, a + 3 * P)[0], 0);
	KT_EQ_INT(mm_unmap(mm, a + 1, P), -EINVAL);
	KT_EQ_INT(mm_unmap(mm, 0, P), -EINVAL);
	mm_put(mm);
}

KTEST(mm, mprotect_splits_and_needs_mapping)
{
	struct mm *mm = mm_create();
	long a = mm_map(mm, 0, 3 * P, RW, ANON, NULL, 0);

	KT_EQ_INT(mm_protect(mm, a + P, P, PROT_READ | PROT_EXEC), 0);
	KT_EQ_INT(nvmas(mm), 3);
	KT_EQ_INT(fake_page_prot(mm, a + P), PROT_READ | PROT_EXEC);
	KT_EQ_INT(fake_page_prot(mm, a), RW);
	KT_EQ_INT(mm_protect(mm, a, 4 * P, PROT_READ), -ENOMEM);
	KT_EQ_INT(mm_protect(mm, a + 1, P, PROT_READ), -EINVAL);
	KT_EQ_INT(mm_protect(mm, a, P, PROT_WRITE | PROT_EXEC), 0);
	mm_put(mm);
}

KTEST(mm, fault_checks_access_and_grows_stack)
{
	struct mm *mm = mm_create();
	long a = mm_map(mm, 0, P, PROT_READ, ANON, NULL, 0);
	long s = mm_map(mm, 0x4000000, 2 * P, RW, ANON | MAP_FIXED | MAP_GROWSDOWN, NULL, 0);

	KT_EQ_INT(mm_fault(mm, a, PROT_READ), PROT_READ);
	KT_EQ_INT(mm_fault(mm, a, PROT_WRITE), -EACCES);
	KT_EQ_INT(mm_fault(mm, a + P, PROT_READ), -EFAULT);
	KT_EQ_INT(mm_fault(mm, s - 10 * P + 8, PROT_WRITE), RW);
	KT_EQ_INT(mm_find_vma(mm, s - 10 * P)->start, s - 10 * P);
	KT_EQ_INT(fake_page_prot(mm, s - 5 * P), RW);
	KT_EQ_INT(mm_fault(mm, s - 9 * 1024 * 1024, PROT_READ), -EFAULT);
	mm_put(mm);
}

KTEST(mm, brk_grows_shrinks_and_refuses_overlap)
{
	struct mm *mm = mm_create();

	mm_set_brk_base(mm, 0x200010);
	KT_EQ_INT(mm_brk(mm, 0), 0x201000);
	KT_EQ_INT(mm_brk(mm, 0x203800), 0x203800);
	KT_EQ_INT(fake_page_prot(mm, 0x203000), RW);
	fake_page_data(mm, 0x201000)[5] = 1;
	KT_EQ_INT(mm_brk(mm, 0x205000), 0x205000);
	KT_EQ_INT(nvmas(mm), 1);
	KT_EQ_INT(mm_brk(mm, 0x202000), 0x202000);
	KT_EXPECT(fake_page_data(mm, 0x203000) == NULL);
	KT_EQ_INT(fake_page_data(mm, 0x201000)[5], 1);
	KT_EQ_INT(mm_brk(mm, 0x100000), 0x202000);
	mm_map(mm, 0x300000, P, RW, ANON | MAP_FIXED, NULL, 0);
	KT_EQ_INT(mm_brk(mm, 0x300800), 0x202000);
	mm_put(mm);
}

KTEST(mm, fork_copies_private_and_shares_shared)
{
	struct mm *mm = mm_create(), *child;
	long p = mm_map(mm, 0, P, RW, ANON, NULL, 0);
	long s = mm_map(mm, 0, P, RW, MAP_SHARED | MAP_ANONYMOUS, NULL, 0);

	fake_page_data(mm, p)[0] = 1;
	fake_page_data(mm, s)[0] = 2;
	child = mm_fork(mm);
	KT_ASSERT(child);
	KT_EQ_INT(fake_page_data(child, p)[0], 1);
	fake_page_data(child, p)[0] = 9;
	fake_page_data(child, s)[0] = 8;
	KT_EQ_INT(fake_page_data(mm, p)[0], 1);
	KT_EQ_INT(fake_page_data(mm, s)[0], 8);
	KT_EQ_INT(nvmas(child), 2);
	mm_put(child);
	mm_put(mm);
	KT_EQ_INT(fake_live_spaces, 0);
}

KTEST(mm, mremap_grows_in_place_or_moves)
{
	struct mm *mm = mm_create();
	long a = mm_map(mm, 0x100000, 2 * P, RW, ANON | MAP_FIXED, NULL, 0), b;

	fake_page_data(mm, a)[1] = 3;
	KT_EQ_INT(mm_remap(mm, a, 2 * P, 4 * P, 0, 0), a);
	mm_map(mm, a + 4 * P, P, RW, ANON | MAP_FIXED, NULL, 0);
	KT_EQ_INT(mm_remap(mm, a, 4 * P, 8 * P, 0, 0), -ENOMEM);
	b = mm_remap(mm, a, 4 * P, 8 * P, MREMAP_MAYMOVE, 0);
	KT_EXPECT(b > 0 && b != a);
	KT_EQ_INT(fake_page_data(mm, b)[1], 3);
	KT_EXPECT(mm_find_vma(mm, a) == NULL);
	KT_EQ_INT(mm_remap(mm, b, 8 * P, P, 0, 0), b);
	KT_EXPECT(mm_find_vma(mm, b + P) == NULL);
	KT_EQ_INT(mm_remap(mm, 0x900000, P, 2 * P, 0, 0), -EFAULT);
	KT_EQ_INT(mm_remap(mm, b, P, 2 * P, MREMAP_FIXED, 0x900000), -EINVAL);
	mm_put(mm);
}

KTEST(mm, madvise_dontneed_zeroes_private_only)
{
	struct mm *mm = mm_create();
	long p = mm_map(mm, 0, P, RW, ANON, NULL, 0);
	long s = mm_map(mm, 0, P, RW, MAP_SHARED | MAP_ANONYMOUS, NULL, 0);

	fake_page_data(mm, p)[0] = 1;
	fake_page_data(mm, s)[0] = 2;
	KT_EQ_INT(mm_advise(mm, p, P, MADV_DONTNEED), 0);
	KT_EQ_INT(mm_advise(mm, s, P, MADV_DONTNEED), 0);
	KT_EQ_INT(fake_page_data(mm, p)[0], 0);
	KT_EQ_INT(fake_page_data(mm, s)[0], 2);
	KT_EQ_INT(mm_advise(mm, p, P, 77), -EINVAL);
	KT_EQ_INT(mm_advise(mm, 0x100000, P, MADV_DONTNEED), -ENOMEM);
	mm_put(mm);
}
