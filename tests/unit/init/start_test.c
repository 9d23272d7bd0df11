/* kernel/init/start.c: subsystems, the initramfs, pid 1 and its console. */
#include <stdio.h>
#include <string.h>

#include <janux/boot.h>
#include <janux/errno.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/init.h>
#include "ktest.h"
#include "task/fixture.h"

/* Append one newc entry (header, name, data, 4-byte padding) at p. */
static size_t newc(char *p, const char *name, unsigned int mode, const char *data)
{
	size_t n = (size_t)sprintf(p, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
				   1u, mode, 0u, 0u, 1u, 0u, (unsigned int)strlen(data),
				   0u, 0u, 0u, 0u, (unsigned int)strlen(name) + 1, 0u);

	memcpy(p + n, name, strlen(name) + 1);
	n += strlen(name) + 1;
	while (n % 4)
		p[n++] = 0;
	memcpy(p + n, data, strlen(data));
	n += strlen(data);
	while (n % 4)
		p[n++] = 0;
	return n;
}

static char archive[4096];
static jmp_buf jb;

/* Boot with an initramfs holding `init` at /sbin/init and at /bin/alt. */
static struct task *boot_with(const char *cmdline)
{
	size_t n = 0;

	n += newc(archive + n, "sbin", 040755, "");
	n += newc(archive + n, "sbin/init", 0100755, "HOSTEXE8");
	n += newc(archive + n, "bin", 040755, "");
	n += newc(archive + n, "bin/alt", 0100755, "HOSTEXE4");
	n += newc(archive + n, "TRAILER!!!", 0, "");
	cmdline_set(cmdline);
	initrd_set(archive, n);
	boot_subsystems();
	host_sched_jmp = &jb;
	if (setjmp(jb) == 0)
		boot_start_init();
	return current;
}

KTEST(boot, starts_sbin_init_as_pid_1_on_the_console)
{
	struct task *t = boot_with("");
	struct file *f;

	KT_ASSERT(t != NULL);
	KT_EQ_INT(t->tid, 1);
	KT_EQ_STR(t->comm, "init");
	KT_EQ_INT(host_exec.starts, 1);
	KT_EQ_INT(host_exec.word_size, 8);
	KT_EXPECT(host_task_of(t)->started);
	for (int fd = 0; fd < 3; fd++) {
		f = fget(fd);
		KT_EXPECT(!IS_ERR(f));
		if (!IS_ERR(f))
			file_put(f);
	}
	KT_EXPECT(fget(3) == ERR_PTR(-EBADF));
	KT_EXPECT(strstr(host_console_text(), "Run /sbin/init as init process") != NULL);
}

KTEST(boot, init_option_picks_the_program)
{
	struct task *t = boot_with("init=/bin/alt quiet");

	KT_EQ_STR(t->comm, "alt");
	KT_EQ_INT(host_exec.word_size, 4);
}
