/* kernel/sys/dispatch.c: unknown and unimplemented numbers, names. */
#include <string.h>

#include <host_machine.h>
#include <janux/errno.h>
#include <janux/printk.h>
#include <janux/syscall.h>
#include "ktest.h"

KTEST(dispatch, unimplemented_returns_enosys_and_logs_name_once)
{
	char buf[4096];
	size_t n;
	const char *first;

	printk_clear();
	KT_EQ_INT(syscall_dispatch(0, 0, 0, 0, 0, 0, 0), -ENOSYS); /* io_setup */
	KT_EQ_INT(syscall_dispatch(0, 0, 0, 0, 0, 0, 0), -ENOSYS);
	n = printk_read_all(buf, sizeof(buf) - 1);
	buf[n] = '\0';
	first = strstr(buf, "(io_setup) not implemented");
	KT_EXPECT(first != NULL);
	KT_EXPECT(first && strstr(first + 1, "(io_setup)") == NULL);
}

KTEST(dispatch, out_of_range_numbers_are_enosys)
{
	KT_EQ_INT(syscall_dispatch(100000, 0, 0, 0, 0, 0, 0), -ENOSYS);
	KT_EQ_INT(syscall_dispatch((unsigned long)-1, 0, 0, 0, 0, 0, 0), -ENOSYS);
	KT_EQ_STR(syscall_name(100000), "?");
}

KTEST(dispatch, names_follow_the_word_size)
{
	/* The host test target is LP64, like aarch64. */
	KT_EQ_STR(syscall_name(62), "lseek");
	KT_EQ_STR(syscall_name(222), "mmap");
	KT_EQ_STR(syscall_name(113), "clock_gettime");
	KT_EQ_STR(syscall_name(403), "?"); /* clock_gettime64 is ILP32-only */
	KT_EQ_STR(syscall_name(63), "read");
}
