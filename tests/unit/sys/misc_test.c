/* kernel/sys/misc.c: uname, hostname, getrandom, sysinfo, prctl, syslog, reboot. */
#include <string.h>

#include <janux/errno.h>
#include <janux/printk.h>
#include "ktest.h"
#include "task/fixture.h"

enum { NR_uname = 160, NR_sethostname = 161, NR_getrusage = 165, NR_prctl = 167,
       NR_sysinfo = 179, NR_getrandom = 278, NR_syslog = 116, NR_reboot = 142 };

KTEST(misc, uname_fields)
{
	uaddr_t u = host_user_alloc(6 * 65), name = host_user_alloc(8);
	char *f = host_user_ptr(u);

	boot_init();
	KT_EQ_INT(SYS1(NR_uname, u), 0);
	KT_EQ_STR(f, "Linux");
	KT_EQ_STR(f + 65, "(none)");
	KT_EQ_STR(f + 130, "6.1.0-janux");
	KT_EXPECT(strncmp(f + 195, "#1 Janux ", 9) == 0);
	KT_EQ_STR(f + 260, "x86_64-host-test");
	memcpy(host_user_ptr(name), "janux", 5);
	KT_EQ_INT(SYS2(NR_sethostname, name, 5), 0);
	KT_EQ_INT(SYS1(NR_uname, u), 0);
	KT_EQ_STR(f + 65, "janux");
	KT_EQ_INT(SYS2(NR_sethostname, name, 65), -EINVAL);
	KT_EQ_INT(SYS1(NR_uname, 8), -EFAULT);
	init_task->cred->euid = 1;
	KT_EQ_INT(SYS2(NR_sethostname, name, 5), -EPERM);
}

KTEST(misc, getrandom_fills_and_checks_flags)
{
	uaddr_t b = host_user_alloc(600);
	unsigned char *p = host_user_ptr(b);
	int nonzero = 0;

	boot_init();
	KT_EQ_INT(SYS3(NR_getrandom, b, 600, 0), 600);
	for (int i = 0; i < 600; i++)
		nonzero += p[i] != 0;
	KT_EXPECT(nonzero > 500);
	KT_EQ_INT(SYS3(NR_getrandom, b, 4, 8), -EINVAL);
	KT_EQ_INT(SYS3(NR_getrandom, b, 4, 6), -EINVAL);
	KT_EQ_INT(SYS3(NR_getrandom, 8, 4, 0), -EFAULT);
}

KTEST(misc, sysinfo_layout)
{
	uaddr_t b = host_user_alloc(128);
	unsigned long *w = host_user_ptr(b);

	boot_init();
	host_clock_set_ns(5 * 1000000000ull);
	KT_EQ_INT(SYS1(NR_sysinfo, b), 0);
	KT_EQ_INT(w[0], 5);
	KT_EQ_INT(w[4], 64 << 20);
	KT_EXPECT(w[5] > 0 && w[5] <= w[4]);
	KT_EQ_INT((unsigned short)w[10], 1);
	KT_EQ_INT(*(unsigned int *)&w[13], 1);
}

KTEST(misc, prctl_names_and_getrusage)
{
	uaddr_t n = host_user_alloc(32), ru = host_user_alloc(256);

	boot_init();
	strcpy(host_user_ptr(n), "a-very-long-thread-name");
	KT_EQ_INT(SYS2(NR_prctl, 15, n), 0);
	KT_EQ_STR(init_task->comm, "a-very-long-thr");
	KT_EQ_INT(SYS2(NR_prctl, 16, n), 0);
	KT_EQ_STR(host_user_ptr(n), "a-very-long-thr");
	KT_EQ_INT(SYS2(NR_prctl, 9999, n), -EINVAL);
	KT_EQ_INT(SYS2(NR_getrusage, 0, ru), 0);
	KT_EQ_INT(SYS2(NR_getrusage, 5, ru), -EINVAL);
}

KTEST(misc, syslog_reads_the_log)
{
	uaddr_t b = host_user_alloc(4096);

	boot_init();
	printk_clear();
	printk(KERN_INFO "hello-syslog\n");
	long n = SYS3(NR_syslog, 3, b, 4096);
	KT_EXPECT(n > 0);
	KT_EXPECT(strstr(host_user_ptr(b), "hello-syslog") != NULL);
	KT_EQ_INT(SYS3(NR_syslog, 10, 0, 0), 65536);
	KT_EQ_INT(SYS3(NR_syslog, 3, b, -1), -EINVAL);
	KT_EQ_INT(SYS3(NR_syslog, 99, b, 1), -EINVAL);
	init_task->cred->euid = 1;
	KT_EQ_INT(SYS3(NR_syslog, 5, 0, 0), -EPERM);
	KT_EXPECT(SYS3(NR_syslog, 3, b, 4096) > 0);
}

KTEST(misc, reboot_checks_magic_and_privilege)
{
	boot_init();
	KT_EQ_INT(SYS4(NR_reboot, 0xfee1dead, 1, 0x89ABCDEF, 0), -EINVAL);
	KT_EQ_INT(SYS4(NR_reboot, 0xfee1dead, 672274793, 0x89ABCDEF, 0), 0);
	KT_EQ_INT(SYS4(NR_reboot, 0xfee1dead, 672274793, 0x1111, 0), -EINVAL);
	init_task->cred->euid = 1;
	KT_EQ_INT(SYS4(NR_reboot, 0xfee1dead, 672274793, 0x4321FEDC, 0), -EPERM);
}
