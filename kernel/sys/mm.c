/* Memory syscalls: brk, mmap/mmap2, munmap, mprotect, mremap, madvise.
 * Thin handlers over kernel/mm/ for the current task's address space. */
#include <arch.h>
#include <janux/errno.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/mm.h>
#include <janux/syscall.h>
#include <janux/task.h>

static struct mm *cur_mm(void)
{
	return arch_task_get_mm(current);
}

SYSCALL_DEFINE1(brk, uaddr_t, brk)
{
	struct mm *mm = cur_mm();

	return mm ? (long)mm_brk(mm, brk) : 0;
}

/* mmap with the file offset in bytes. */
static long do_mmap(uaddr_t addr, size_t len, int prot, int flags, int fd, loff_t off)
{
	struct mm *mm = cur_mm();
	struct file *f = NULL;
	long ret;

	if (!mm)
		return -ENOMEM;
	if (!(flags & MAP_ANONYMOUS)) {
		f = fd_get(current->files, fd);
		if (IS_ERR(f))
			return PTR_ERR(f);
	}
	ret = mm_map(mm, addr, len, prot, flags, f, f ? off : 0);
	if (f)
		file_put(f);
	return ret;
}

SYSCALL_DEFINE6(mmap, uaddr_t, addr, size_t, len, int, prot, int, flags, int, fd,
		loff_t, off)
{
	return do_mmap(addr, len, prot, flags, fd, off);
}

/* ILP32: the offset comes in 4096-byte units. */
SYSCALL_DEFINE6(mmap2, uaddr_t, addr, size_t, len, int, prot, int, flags, int, fd,
		unsigned long, pgoff)
{
	return do_mmap(addr, len, prot, flags, fd, (loff_t)pgoff * 4096);
}

SYSCALL_DEFINE2(munmap, uaddr_t, addr, size_t, len)
{
	struct mm *mm = cur_mm();

	return mm ? mm_unmap(mm, addr, len) : -EINVAL;
}

SYSCALL_DEFINE3(mprotect, uaddr_t, addr, size_t, len, int, prot)
{
	struct mm *mm = cur_mm();

	return mm ? mm_protect(mm, addr, len, prot) : -ENOMEM;
}

SYSCALL_DEFINE5(mremap, uaddr_t, old, size_t, old_len, size_t, new_len, int, flags,
		uaddr_t, new_addr)
{
	struct mm *mm = cur_mm();

	return mm ? mm_remap(mm, old, old_len, new_len, flags, new_addr) : -EFAULT;
}

SYSCALL_DEFINE3(madvise, uaddr_t, addr, size_t, len, int, advice)
{
	struct mm *mm = cur_mm();

	return mm ? mm_advise(mm, addr, len, advice) : -ENOMEM;
}
