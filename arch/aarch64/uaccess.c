/* arch_copy_from_user / arch_copy_to_user / arch_strncpy_from_user over
 * the fault-safe byte loops in uaccess.S, and the fix-up lookup the fault
 * handler uses. */
#include <arch.h>
#include <janux/errno.h>
#include "traps.h"
#include "uvm.h"

size_t uaccess_copy_in(void *dst, uaddr_t src, size_t n);
size_t uaccess_copy_out(uaddr_t dst, const void *src, size_t n);
long uaccess_strncpy(char *dst, uaddr_t src, size_t max);

extern const uint64_t __ex_table_start[], __ex_table_end[];

/* Only user addresses ever reach the loops (TTBR0 range, no wrap). */
static bool user_range(uaddr_t a, size_t n)
{
	return a < USER_TOP && n <= USER_TOP - a;
}

long arch_copy_from_user(void *dst, uaddr_t src, size_t len)
{
	if (!user_range(src, len))
		return -EFAULT;
	return uaccess_copy_in(dst, src, len) ? -EFAULT : 0;
}

long arch_copy_to_user(uaddr_t dst, const void *src, size_t len)
{
	if (!user_range(dst, len))
		return -EFAULT;
	return uaccess_copy_out(dst, src, len) ? -EFAULT : 0;
}

long arch_strncpy_from_user(char *dst, uaddr_t src, size_t max)
{
	long n;

	if (!max)
		return -ENAMETOOLONG;
	if (src >= USER_TOP)
		return -EFAULT;
	n = uaccess_strncpy(dst, src, MIN(max, USER_TOP - src));
	if (n < 0)
		return n;
	if ((size_t)n == max || (size_t)n == USER_TOP - src)
		return (size_t)n == max ? -ENAMETOOLONG : -EFAULT;
	return n;
}

/* The fix-up address for a faulting user access at pc, or 0. */
static uint64_t fixup_of(uint64_t pc)
{
	for (const uint64_t *e = __ex_table_start; e < __ex_table_end; e += 2)
		if (e[0] == pc)
			return e[1];
	return 0;
}

bool uaccess_fixup_possible(const struct pt_regs *regs)
{
	return fixup_of(regs->elr) != 0;
}

bool uaccess_fixup(struct pt_regs *regs)
{
	uint64_t to = fixup_of(regs->elr);

	if (to)
		regs->elr = to;
	return to != 0;
}
