/* procfs: system files, registration, the root provider, listing, /proc/sys. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include <arch.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/procfs.h>
#include <janux/uts.h>
#include <janux/vfs.h>
#include "fs_fixture.h"
#include "ktest.h"

static long slurp(const char *name, char *buf, size_t len)
{
	struct file *f = vfs_open_at(AT_FDCWD, name, O_RDONLY, 0);
	long n = 0, r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	while ((r = vfs_read(f, buf + n, 7, NULL)) > 0 && (size_t)n + 8 < len)
		n += r; /* small reads: exercise the offset */
	file_put(f);
	buf[n] = '\0';
	return r < 0 ? r : n;
}

KTEST(procfs, system_files)
{
	char buf[1024];
	struct file *f;

	fs_fixture_boot();
	KT_EXPECT(slurp("/proc/mounts", buf, sizeof(buf)) > 0);
	KT_EXPECT(strstr(buf, "devtmpfs /dev devtmpfs rw,nosuid,relatime 0 0\n") != NULL);
	KT_EXPECT(strstr(buf, "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n") != NULL);
	KT_EXPECT(slurp("/proc/filesystems", buf, sizeof(buf)) > 0);
	KT_EXPECT(strstr(buf, "nodev\ttmpfs\n") && strstr(buf, "nodev\tproc\n"));
	KT_EXPECT(slurp("/proc/version", buf, sizeof(buf)) > 0);
	KT_EXPECT(!strncmp(buf, "Linux version 6.1.0-janux", 25));
	KT_EXPECT(slurp("/proc/meminfo", buf, sizeof(buf)) > 0);
	KT_EXPECT(strstr(buf, "MemTotal:") != NULL);
	KT_EXPECT(slurp("/proc/uptime", buf, sizeof(buf)) > 0);
	KT_EXPECT(slurp("/proc/cpuinfo", buf, sizeof(buf)) > 0);
	KT_EXPECT(slurp("/proc/cmdline", buf, sizeof(buf)) >= 1);
	KT_EQ_INT(slurp("/proc/nope", buf, sizeof(buf)), -ENOENT);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/proc/x", 0755), -EPERM);
	f = vfs_open_at(AT_FDCWD, "/proc/version", O_WRONLY, 0); /* root: DAC bypass */
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_write(f, "x", 1, NULL), -EINVAL);
	file_put(f);
	fs_fixture_become(1000, 1000);
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/proc/version", O_WRONLY, 0)), -EACCES);
}

/* The value of "Name:   N kB" in a /proc/meminfo text, or -1. */
static long meminfo_kb(const char *text, const char *name)
{
	const char *at = strstr(text, name);
	long kb;

	return at && sscanf(at + strlen(name), ": %ld kB", &kb) == 1 ? kb : -1;
}

/* Regression: MemTotal was the kernel heap's pages (2320 kB on a 256 MiB
 * machine); it is the machine's RAM, as sysinfo(2) reports. */
KTEST(procfs, meminfo_reports_machine_ram)
{
	char buf[2048];
	long total, free, now;

	fs_fixture_boot();
	KT_ASSERT(slurp("/proc/meminfo", buf, sizeof(buf)) > 0);
	total = meminfo_kb(buf, "MemTotal");
	free = meminfo_kb(buf, "MemFree");
	KT_EQ_INT(total, (long)(arch_mem_total_pages() * PAGE_SIZE / 1024));
	KT_EXPECT(free > 0 && free < total);
	now = (long)(arch_mem_free_pages() * PAGE_SIZE / 1024);
	KT_EXPECT(free > now - 1024 && free < now + 1024);
	KT_EXPECT(meminfo_kb(buf, "MemAvailable") >= free);
	for (const char *f = "Buffers\0Cached\0SwapTotal\0SwapFree\0Shmem\0Slab\0SReclaimable\0";
	     *f; f += strlen(f) + 1)
		KT_EXPECT(meminfo_kb(buf, f) >= 0);
}

static ssize_t self_link(long id, char *buf, size_t len)
{
	return snprintf(buf, len, "%ld", id);
}

static int show_status(struct seqbuf *s, long id)
{
	seq_printf(s, "Pid:\t%ld\n", id);
	return 0;
}

static const struct proc_dir_ops pid_dir;

static int pid_lookup(long id, const char *name, struct proc_node *out)
{
	if (strcmp(name, "status"))
		return -ENOENT;
	*out = (struct proc_node){ .mode = S_IFREG | 0444, .id = id, .show = show_status };
	return 0;
}

static int pid_iterate(long id, long *index,
		       bool (*emit)(void *, const char *, const struct proc_node *), void *ctx)
{
	struct proc_node n = { .mode = S_IFREG | 0444, .id = id, .show = show_status };

	if (*index == 0 && emit(ctx, "status", &n))
		(*index)++;
	return 0;
}

static const struct proc_dir_ops pid_dir = { pid_lookup, pid_iterate };

static int root_lookup(long id, const char *name, struct proc_node *out)
{
	if (strcmp(name, "42"))
		return -ENOENT;
	*out = (struct proc_node){ .mode = S_IFDIR | 0555, .id = 42, .dir = &pid_dir };
	return 0;
}

static int root_iterate(long id, long *index,
			bool (*emit)(void *, const char *, const struct proc_node *), void *ctx)
{
	struct proc_node n = { .mode = S_IFDIR | 0555, .id = 42, .dir = &pid_dir };

	if (*index == 0 && emit(ctx, "42", &n))
		(*index)++;
	return 0;
}

static const struct proc_dir_ops root_prov = { root_lookup, root_iterate };

KTEST(procfs, registration_hooks)
{
	struct proc_node self = { .mode = S_IFLNK | 0777, .id = 42, .readlink = self_link };
	char buf[4096];
	struct file *f;
	long n;

	fs_fixture_boot();
	KT_EQ_INT(procfs_register("me", &self), 0);
	KT_EQ_INT(procfs_register("me", &self), -EEXIST);
	KT_EQ_INT(procfs_register("self", &self), -EEXIST); /* the core's */
	procfs_set_root_provider(&root_prov);
	KT_EQ_INT(slurp("/proc/me/status", buf, sizeof(buf)), 8);
	KT_EQ_STR(buf, "Pid:\t42\n");
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/proc/me", buf, sizeof(buf)), 2);
	KT_EQ_INT(vfs_chdir_at(AT_FDCWD, "/proc/me", 0), 0);
	KT_EQ_INT(vfs_getcwd(buf, sizeof(buf)), 9);
	KT_EQ_STR(buf, "/proc/42");
	KT_EQ_INT(slurp("/proc/43/status", buf, sizeof(buf)), -ENOENT);
	f = vfs_open_at(AT_FDCWD, "/proc", O_RDONLY | O_DIRECTORY, 0);
	KT_ASSERT(!IS_ERR(f));
	n = vfs_getdents64(f, buf, sizeof(buf));
	KT_EXPECT(n > 0);
	KT_EXPECT(memmem(buf, (size_t)n, "meminfo", 8) && memmem(buf, (size_t)n, "self", 5) &&
		  memmem(buf, (size_t)n, "42", 3));
	KT_EQ_INT(vfs_getdents64(f, buf, sizeof(buf)), 0);
	file_put(f);
}

/* Write text to a /proc file through one open (with O_TRUNC, as a shell's
 * `>` does) at offset pos; the write's result or the open's error. */
static long write_at(const char *name, const char *text, loff_t pos)
{
	struct file *f = vfs_open_at(AT_FDCWD, name, O_WRONLY | O_TRUNC, 0);
	long r;

	if (IS_ERR(f))
		return PTR_ERR(f);
	r = vfs_write(f, text, strlen(text), &pos);
	file_put(f);
	return r;
}

/* /proc/sys/kernel/hostname: Linux's string sysctl, read and written. */
KTEST(procfs, sys_kernel_hostname)
{
	char buf[256], name[UTS_NAME_MAX + 1];
	struct file *f;
	long n;

	fs_fixture_boot();
	KT_EQ_INT(slurp("/proc/sys/kernel/hostname", buf, sizeof(buf)), 7);
	KT_EQ_STR(buf, "(none)\n");
	KT_EQ_INT(write_at("/proc/sys/kernel/hostname", "janux\nignored", 0), 13);
	uts_get(UTS_HOSTNAME, name);
	KT_EQ_STR(name, "janux"); /* uname(2) sees it: up to the newline */
	KT_EQ_INT(slurp("/proc/sys/kernel/hostname", buf, sizeof(buf)), 6);
	KT_EQ_STR(buf, "janux\n");
	KT_EQ_INT(write_at("/proc/sys/kernel/hostname", "-box", 3), 4); /* from offset 3 */
	uts_get(UTS_HOSTNAME, name);
	KT_EQ_STR(name, "jan-box");
	KT_EQ_INT(write_at("/proc/sys/kernel/hostname", "x", 8), 1); /* past the end: ignored */
	uts_get(UTS_HOSTNAME, name);
	KT_EQ_STR(name, "jan-box");
	f = vfs_open_at(AT_FDCWD, "/proc/sys/kernel/hostname", O_WRONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_write(f, "ab", 2, NULL), 2); /* the offset moves on... */
	KT_EQ_INT(vfs_write(f, "c", 1, NULL), 1);
	uts_get(UTS_HOSTNAME, name);
	KT_EQ_STR(name, "abc");
	KT_EQ_INT(vfs_lseek(f, 9, SEEK_SET), 9);
	KT_EQ_INT(vfs_write(f, "z", 1, NULL), 1); /* ...but not past the end */
	KT_EQ_INT(vfs_lseek(f, 0, SEEK_CUR), 9);
	file_put(f);
	memset(buf, 'h', 100);
	buf[100] = '\0';
	KT_EQ_INT(write_at("/proc/sys/kernel/hostname", buf, 0), 100); /* cut at 64 */
	uts_get(UTS_HOSTNAME, name);
	KT_EQ_INT(strlen(name), UTS_NAME_MAX);
	KT_EQ_INT(write_at("/proc/sys/kernel/domainname", "example\n", 0), 8);
	uts_get(UTS_DOMAINNAME, name);
	KT_EQ_STR(name, "example");
	KT_EQ_INT(write_at("/proc/version", "x", 0), -EPERM); /* read-only: no O_TRUNC */
	f = vfs_open_at(AT_FDCWD, "/proc/sys/kernel", O_RDONLY | O_DIRECTORY, 0);
	KT_ASSERT(!IS_ERR(f));
	n = vfs_getdents64(f, buf, sizeof(buf));
	KT_EXPECT(n > 0 && memmem(buf, (size_t)n, "hostname", 9) &&
		  memmem(buf, (size_t)n, "domainname", 11));
	file_put(f);
	KT_EQ_INT(slurp("/proc/sys/kernel/nope", buf, sizeof(buf)), -ENOENT);
}

/* As Linux: a non-root open for writing fails on the mode (0644 root), and
 * a root-opened descriptor written by a non-root task fails with EPERM. */
KTEST(procfs, sys_kernel_hostname_root_only)
{
	char buf[64], name[UTS_NAME_MAX + 1];
	loff_t pos = 0;
	struct file *f;

	fs_fixture_boot();
	f = vfs_open_at(AT_FDCWD, "/proc/sys/kernel/hostname", O_WRONLY, 0);
	KT_ASSERT(!IS_ERR(f));
	fs_fixture_become(1000, 1000);
	KT_EQ_INT(vfs_write(f, "user", 4, &pos), -EPERM);
	file_put(f);
	KT_EQ_INT(write_at("/proc/sys/kernel/hostname", "user", 0), -EACCES);
	KT_EQ_INT(slurp("/proc/sys/kernel/hostname", buf, sizeof(buf)), 7); /* reading is open */
	uts_get(UTS_HOSTNAME, name);
	KT_EQ_STR(name, "(none)");
}
