/* procfs per-process files: /proc/self, pid listing, stat, status,
 * cmdline, comm, exe, fd/, task/, statm and maps, zombies, permissions. */
#include <stdio.h>
#include <string.h>

#include <janux/errno.h>
#include <janux/exec.h>
#include <janux/fcntl.h>
#include <janux/fdtable.h>
#include <janux/file.h>
#include <janux/fs_struct.h>
#include <janux/mm.h>
#include <janux/pipe.h>
#include <janux/vfs.h>
#include "ktest.h"
#include "mm/fake_uvm.h"
#include "task/fixture.h"

static long slurp(const char *name, char *buf, size_t len)
{
	struct file *f = vfs_open_at(AT_FDCWD, name, O_RDONLY, 0);
	long n = 0, r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	while ((r = vfs_read(f, buf + n, len - 1 - (size_t)n, NULL)) > 0)
		n += r;
	file_put(f);
	buf[n] = '\0';
	return r < 0 ? r : n;
}

static void make_file(const char *path, const char *text, mode_t mode)
{
	struct file *f = vfs_open_at(AT_FDCWD, path, O_CREAT | O_WRONLY, mode);

	KT_ASSERT(!IS_ERR(f));
	KT_ASSERT(vfs_write(f, text, strlen(text), NULL) == (ssize_t)strlen(text));
	file_put(f);
}

/* pid 1 with a root fs, running /bin/prog -x "arg two". */
static void boot_prog(void)
{
	static const char *const argv[] = { "prog", "-x", "arg two", NULL };
	static const char *const envp[] = { "A=1", NULL };

	KT_ASSERT(vfs_init(true) == 0);
	init_task = task_create_init(fs_struct_alloc(), files_alloc());
	KT_ASSERT(vfs_mkdir_at(AT_FDCWD, "/bin", 0755) == 0);
	make_file("/bin/prog", "HOSTEXE8", 0755);
	KT_ASSERT(vfs_symlink_at("prog", AT_FDCWD, "/bin/alias") == 0);
	KT_ASSERT(exec_kernel("/bin/alias", argv, envp) == 0);
}

/* Field n (1-based) of a /proc/<pid>/stat line, after the comm. */
static const char *stat_field(const char *line, int n, char *out, size_t len)
{
	const char *p = strrchr(line, ')') + 2;

	for (int k = 3; k < n; k++)
		p = strchr(p, ' ') + 1;
	snprintf(out, len, "%.*s", (int)strcspn(p, " \n"), p);
	return out;
}

static int count_fields(const char *line)
{
	int n = 2; /* pid and (comm) */

	for (const char *p = strrchr(line, ')') + 1; *p && *p != '\n'; p++)
		n += *p == ' ';
	return n;
}

/* Every name in directory `path`, "a b c " (getdents with a small buffer). */
static void list_dir(const char *path, char *out, size_t len)
{
	struct file *f = vfs_open_at(AT_FDCWD, path, O_RDONLY | O_DIRECTORY, 0);
	char buf[64];
	long n;

	KT_ASSERT(!IS_ERR(f));
	out[0] = '\0';
	while ((n = vfs_getdents64(f, buf, sizeof(buf))) > 0)
		for (long at = 0; at < n;) {
			unsigned short reclen;
			const char *name = buf + at + 19;

			memcpy(&reclen, buf + at + 16, 2);
			if (strcmp(name, ".") && strcmp(name, "..") &&
			    strlen(out) + strlen(name) + 2 < len) {
				strcat(out, name);
				strcat(out, " ");
			}
			at += reclen;
		}
	KT_EQ_INT(n, 0);
	file_put(f);
}

KTEST(procfs_pid, self_links_and_pid_listing)
{
	char buf[4096];
	struct task *c;

	boot_prog();
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/proc/self", buf, sizeof(buf)), 1);
	KT_EXPECT(!memcmp(buf, "1", 1));
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/proc/thread-self", buf, sizeof(buf)), 8);
	KT_EXPECT(!memcmp(buf, "1/task/1", 8));
	c = fork_as(init_task, SIGCHLD, NULL);
	KT_ASSERT(c != NULL);
	list_dir("/proc", buf, sizeof(buf));
	KT_EXPECT(strstr(buf, "self ") && strstr(buf, "meminfo "));
	KT_EXPECT(strstr(buf, " 1 2 ") != NULL); /* pids ascending, each once */
	list_dir("/proc/1", buf, sizeof(buf));
	KT_EQ_STR(buf, "cmdline comm cwd exe fd maps root stat statm status task ");
	list_dir("/proc/1/task", buf, sizeof(buf));
	KT_EQ_STR(buf, "1 ");
	list_dir("/proc/1/task/1", buf, sizeof(buf));
	KT_EQ_STR(buf, "cmdline comm cwd exe fd maps root stat statm status ");
	KT_EQ_INT(slurp("/proc/3/stat", buf, sizeof(buf)), -ENOENT);
	KT_EQ_INT(slurp("/proc/01/stat", buf, sizeof(buf)), -ENOENT);
	KT_EQ_INT(slurp("/proc/1/task/2/stat", buf, sizeof(buf)), -ENOENT);
	KT_EQ_INT(slurp("/proc/1/nope", buf, sizeof(buf)), -ENOENT);
}

KTEST(procfs_pid, cmdline_comm_and_exe_follow_exec)
{
	char buf[4096];
	struct task *c;

	boot_prog();
	KT_EQ_INT(slurp("/proc/self/cmdline", buf, sizeof(buf)), 16);
	KT_EQ_MEM(buf, "prog\0-x\0arg two\0", 16);
	KT_EQ_INT(slurp("/proc/1/comm", buf, sizeof(buf)), 6);
	KT_EQ_STR(buf, "alias\n"); /* named after the path run, as Linux */
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/proc/1/exe", buf, sizeof(buf)), 9);
	KT_EXPECT(!memcmp(buf, "/bin/prog", 9)); /* the file, not the link */
	c = fork_as(init_task, SIGCHLD, NULL);
	KT_EQ_INT(slurp("/proc/2/cmdline", buf, sizeof(buf)), 16);
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/proc/2/exe", buf, sizeof(buf)), 9);
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/proc/2/cwd", buf, sizeof(buf)), 1);
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/proc/2/root", buf, sizeof(buf)), 1);
	run_exit(c, 5);
	KT_EQ_INT(slurp("/proc/2/cmdline", buf, sizeof(buf)), 0); /* zombie */
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/proc/2/exe", buf, sizeof(buf)), -ENOENT);
	KT_EXPECT(slurp("/proc/2/stat", buf, sizeof(buf)) > 0);
	KT_EXPECT(strstr(buf, "2 (alias) Z 1 ") == buf);
}

KTEST(procfs_pid, cmdline_is_bounded_to_a_page)
{
	static char big[6000], buf[8192];
	const char *argv[] = { big, "tail", NULL }, *envp[] = { NULL };

	boot_prog();
	memset(big, 'a', 5999);
	big[5999] = '\0';
	KT_ASSERT(exec_kernel("/bin/prog", argv, envp) == 0);
	KT_EQ_INT(slurp("/proc/1/cmdline", buf, sizeof(buf)), PROC_CMDLINE_MAX);
	KT_EXPECT(buf[0] == 'a' && buf[PROC_CMDLINE_MAX - 1] == 'a');
}

KTEST(procfs_pid, stat_has_linux_52_fields)
{
	char buf[4096], f[64];
	struct task *c;

	boot_prog();
	c = fork_as(init_task, SIGCHLD, NULL);
	task_account_time(c, 2 * 1000000000ull, 30000000ull);
	AS(c, SYS2(NR_setpgid, 0, 0));
	KT_ASSERT(slurp("/proc/2/stat", buf, sizeof(buf)) > 0);
	KT_EQ_INT(count_fields(buf), 52);
	KT_EXPECT(strstr(buf, "2 (alias) ") == buf);
	KT_EQ_STR(stat_field(buf, 3, f, sizeof(f)), "R");
	KT_EQ_STR(stat_field(buf, 4, f, sizeof(f)), "1");  /* ppid */
	KT_EQ_STR(stat_field(buf, 5, f, sizeof(f)), "2");  /* pgrp */
	KT_EQ_STR(stat_field(buf, 6, f, sizeof(f)), "1");  /* session */
	KT_EQ_STR(stat_field(buf, 8, f, sizeof(f)), "-1"); /* tpgid: no tty */
	KT_EQ_STR(stat_field(buf, 14, f, sizeof(f)), "200"); /* utime, ticks */
	KT_EQ_STR(stat_field(buf, 15, f, sizeof(f)), "3");
	KT_EQ_STR(stat_field(buf, 18, f, sizeof(f)), "20"); /* priority */
	KT_EQ_STR(stat_field(buf, 20, f, sizeof(f)), "1");  /* threads */
	KT_EQ_STR(stat_field(buf, 38, f, sizeof(f)), "17"); /* exit_signal */
	KT_EXPECT(buf[strlen(buf) - 1] == '\n');
	c->state = TASK_INTERRUPTIBLE;
	KT_ASSERT(slurp("/proc/2/stat", buf, sizeof(buf)) > 0);
	KT_EQ_STR(stat_field(buf, 3, f, sizeof(f)), "S");
	c->state = TASK_RUNNING;
	run_exit(c, 0);
	KT_ASSERT(slurp("/proc/1/stat", buf, sizeof(buf)) > 0);
	KT_EQ_STR(stat_field(buf, 16, f, sizeof(f)), "0"); /* not reaped yet */
	KT_EQ_INT(SYS4(NR_wait4, -1, 0, 0, 0), 2);
	KT_ASSERT(slurp("/proc/1/stat", buf, sizeof(buf)) > 0);
	KT_EQ_STR(stat_field(buf, 16, f, sizeof(f)), "200"); /* cutime */
	KT_EQ_INT(slurp("/proc/2/stat", buf, sizeof(buf)), -ENOENT);
}

KTEST(procfs_pid, status_names_ids_state_and_memory)
{
	char buf[4096];
	struct mm *mm;

	boot_prog();
	init_task->cred->uid = 1000;
	init_task->cred->euid = 1001;
	init_task->cred->groups[0] = 27;
	init_task->cred->ngroups = 1;
	KT_ASSERT(slurp("/proc/self/status", buf, sizeof(buf)) > 0);
	KT_EXPECT(strstr(buf, "Name:\talias\nUmask:\t0022\nState:\tR (running)\nTgid:\t1\n") == buf);
	KT_EXPECT(strstr(buf, "\nPid:\t1\nPPid:\t0\n") != NULL);
	KT_EXPECT(strstr(buf, "\nUid:\t1000\t1001\t0\t0\n") != NULL);
	KT_EXPECT(strstr(buf, "\nGroups:\t27 \n") != NULL);
	KT_EXPECT(strstr(buf, "\nThreads:\t1\n") != NULL);
	KT_EXPECT(strstr(buf, "VmRSS") == NULL); /* no memory yet */
	mm = fake_current_mm = mm_create();
	KT_ASSERT(mm != NULL);
	KT_ASSERT(mm_map(mm, 0, 5 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0) > 0);
	KT_ASSERT(slurp("/proc/self/status", buf, sizeof(buf)) > 0);
	KT_EXPECT(strstr(buf, "\nVmSize:\t      20 kB\n") != NULL);
	snprintf(buf + 2048, 64, "\nVmRSS:\t%8zu kB\n", arch_mm_resident_pages(mm) * 4);
	KT_EXPECT(strstr(buf, buf + 2048) != NULL);
	KT_EXPECT(strstr(buf, "\nVmData:\t      20 kB\n") != NULL);
	KT_ASSERT(slurp("/proc/self/statm", buf, sizeof(buf)) > 0);
	KT_EXPECT(!strncmp(buf, "5 ", 2));
	KT_ASSERT(slurp("/proc/self/maps", buf, sizeof(buf)) > 0);
	KT_EXPECT(strstr(buf, " rw-p 00000000 00:00 0 ") != NULL);
	fake_current_mm = NULL;
	mm_put(mm);
}

KTEST(procfs_pid, fd_links_name_files_pipes_and_dirs)
{
	char buf[4096];
	struct file *f, *rd, *wr;
	long n;

	boot_prog();
	KT_ASSERT(vfs_mkdir_at(AT_FDCWD, "/etc", 0755) == 0);
	make_file("/etc/motd", "hi", 0644);
	f = vfs_open_at(AT_FDCWD, "/etc/motd", O_RDONLY, 0);
	KT_EQ_INT(fd_install(init_task->files, f, 0, false), 0);
	KT_ASSERT(pipe_create(0, &rd, &wr) == 0);
	KT_EQ_INT(fd_install(init_task->files, rd, 0, false), 1);
	KT_EQ_INT(fd_install(init_task->files, wr, 5, false), 5);
	f = vfs_open_at(AT_FDCWD, "/etc", O_RDONLY | O_DIRECTORY, 0);
	KT_EQ_INT(fd_install(init_task->files, f, 0, false), 2);
	f = vfs_open_at(AT_FDCWD, "/etc/new", O_CREAT | O_WRONLY, 0644);
	KT_EQ_INT(fd_install(init_task->files, f, 0, false), 3);
	list_dir("/proc/self/fd", buf, sizeof(buf));
	KT_EQ_STR(buf, "0 1 2 3 5 ");
	n = vfs_readlink_at(AT_FDCWD, "/proc/self/fd/0", buf, sizeof(buf));
	KT_EQ_INT(n, 9);
	KT_EXPECT(!memcmp(buf, "/etc/motd", 9));
	n = vfs_readlink_at(AT_FDCWD, "/proc/self/fd/1", buf, sizeof(buf) - 1);
	KT_ASSERT(n > 0);
	buf[n] = '\0';
	KT_EXPECT(!strncmp(buf, "pipe:[", 6) && buf[n - 1] == ']');
	n = vfs_readlink_at(AT_FDCWD, "/proc/self/fd/2", buf, sizeof(buf));
	KT_EQ_INT(n, 4);
	n = vfs_readlink_at(AT_FDCWD, "/proc/self/fd/3", buf, sizeof(buf));
	KT_EQ_INT(n, 8);
	KT_EXPECT(!memcmp(buf, "/etc/new", 8));
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/etc/new", 0), 0);
	n = vfs_readlink_at(AT_FDCWD, "/proc/self/fd/3", buf, sizeof(buf));
	KT_EXPECT(n > 0 && !memcmp(buf, "anon_inode:[", 12)); /* unlinked */
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/proc/self/fd/4", buf, sizeof(buf)), -ENOENT);
	KT_ASSERT(slurp("/proc/self/fd/0", buf, sizeof(buf)) == 2); /* followed by name */
	KT_EQ_STR(buf, "hi");
}

KTEST(procfs_pid, other_users_links_are_eacces)
{
	char buf[256];
	struct task *c;

	boot_prog();
	c = fork_as(init_task, SIGCHLD, NULL);
	c->cred->uid = c->cred->euid = c->cred->fsuid = 1000;
	KT_EQ_INT(AS(c, vfs_readlink_at(AT_FDCWD, "/proc/1/exe", buf, sizeof(buf))), -EACCES);
	KT_EQ_INT(AS(c, vfs_readlink_at(AT_FDCWD, "/proc/1/fd", buf, sizeof(buf))), -EINVAL);
	KT_EXPECT(AS(c, vfs_readlink_at(AT_FDCWD, "/proc/2/exe", buf, sizeof(buf))) == 9);
	KT_EXPECT(AS(c, slurp("/proc/1/status", buf, sizeof(buf))) > 0); /* public */
	KT_EQ_INT(AS(c, (long)PTR_ERR(vfs_open_at(AT_FDCWD, "/proc/1/fd", O_RDONLY, 0))),
		  -EACCES); /* dr-x------ root */
}

KTEST(procfs_pid, system_stat_and_loadavg_count_tasks)
{
	char buf[4096];
	struct task *c;

	boot_prog();
	host_clock_set_ns(10 * 1000000000ull);
	c = fork_as(init_task, SIGCHLD, NULL);
	task_account_time(c, 3 * 1000000000ull, 1000000000ull);
	task_account_time(init_task, 1000000000ull, 0);
	KT_ASSERT(slurp("/proc/stat", buf, sizeof(buf)) > 0);
	KT_EXPECT(strstr(buf, "cpu  400 0 100 500 0 0 0 0 0 0\ncpu0 400 0 100 500 ") == buf);
	KT_EXPECT(strstr(buf, "\nprocesses 2\nprocs_running 2\n") != NULL);
	c->state = TASK_INTERRUPTIBLE;
	KT_ASSERT(slurp("/proc/loadavg", buf, sizeof(buf)) > 0);
	KT_EQ_STR(buf, "0.00 0.00 0.00 1/2 2\n");
	c->state = TASK_RUNNING;
	run_exit(c, 0);
	KT_EQ_INT(SYS4(NR_wait4, -1, 0, 0, 0), 2);
	KT_ASSERT(slurp("/proc/stat", buf, sizeof(buf)) > 0);
	KT_EXPECT(strstr(buf, "cpu  400 0 100 ") == buf); /* the child's time stays */
}
