/*
 * Copies between kernel memory and the current task's process memory. The
 * kernel checks the range against the mm's VMAs (page 0 is never mapped);
 * the host copies between the two WebAssembly.Memory objects and checks
 * the range against the process memory's size. Either failing is -EFAULT.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/mm.h>
#include <janux/task.h>
#include <wasm32.h>

int umem_check(struct mm *mm, uaddr_t addr, size_t len, int prot)
{
	uaddr_t end = addr + len;

	if (end < addr)
		return -EFAULT;
	while (addr < end) {
		struct vma *v = mm_find_vma(mm, addr);

		if (!v || (v->prot & prot) != prot)
			return -EFAULT;
		addr = v->end;
	}
	return 0;
}

/* The current task's mm when [addr, addr+len) is mapped with `prot`. */
static struct mm *user_range(uaddr_t addr, size_t len, int prot)
{
	struct mm *mm = arch_task_get_mm(current);

	if (!mm || umem_check(mm, addr, len, prot))
		return NULL;
	return mm;
}

long arch_copy_from_user(void *dst, uaddr_t src, size_t len)
{
	struct mm *mm = user_range(src, len, PROT_READ);

	if (!len)
		return 0;
	return mm ? host_mem_read(umem_id(mm), dst, src, len) : -EFAULT;
}

long arch_copy_to_user(uaddr_t dst, const void *src, size_t len)
{
	struct mm *mm = user_range(dst, len, PROT_WRITE);

	if (!len)
		return 0;
	return mm ? host_mem_write(umem_id(mm), dst, src, len) : -EFAULT;
}

long arch_strncpy_from_user(char *dst, uaddr_t src, size_t max)
{
	struct mm *mm = arch_task_get_mm(current);
	struct vma *v = mm ? mm_find_vma(mm, src) : NULL;
	size_t room;
	long n;

	if (!v || !(v->prot & PROT_READ) || !max)
		return v && !max ? -ENAMETOOLONG : -EFAULT;
	/* the string may run on through the VMAs that follow this one */
	room = v->end - src < max ? v->end - src : max;
	n = host_mem_strncpy(umem_id(mm), dst, src, room);
	if (n != -ENAMETOOLONG || room == max)
		return n;
	n = arch_strncpy_from_user(dst + room, v->end, max - room);
	return n < 0 ? n : (long)room + n;
}
