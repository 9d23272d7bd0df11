/* The system files of /proc: meminfo, uptime, mounts, cpuinfo, version,
 * cmdline, filesystems, stat, loadavg. */
#include <arch.h>
#include <janux/bcache.h>
#include <janux/errno.h>
#include <janux/init.h>
#include <janux/kmalloc.h>
#include <janux/procfs.h>
#include <janux/string.h>
#include <janux/version.h>
#include <janux/task.h>
#include <janux/timer.h>
#include "internal.h"
#include "procfs_pid.h"

/* Text from a (buf, len) -> full length producer, sized in two passes. */
static int show_text(struct seqbuf *s, size_t (*fn)(char *buf, size_t len))
{
	size_t n = fn(NULL, 0);
	char *buf = kmalloc(n + 1);

	if (!buf)
		return -ENOMEM;
	fn(buf, n + 1);
	seq_write(s, buf, n);
	kfree(buf);
	return 0;
}

static int show_mounts(struct seqbuf *s, long id) { return show_text(s, vfs_mounts_text); }
static int show_filesystems(struct seqbuf *s, long id) { return show_text(s, vfs_filesystems_text); }

/* One "Name:   N kB" line of /proc/meminfo, in Linux's layout. */
static void meminfo_line(struct seqbuf *s, const char *name, size_t bytes)
{
	seq_printf(s, "%s:%*s%8zu kB\n", name, (int)(15 - strlen(name)), "", bytes / 1024);
}

/* Memory figures: the machine's RAM and what is free of it (as sysinfo),
 * the block cache as Buffers, the kernel heap as (unreclaimable) Slab. No
 * page cache, swap or shared memory exists: those read 0. */
static int show_meminfo(struct seqbuf *s, long id)
{
	struct kmalloc_stats st;
	size_t free = arch_mem_free_pages() * PAGE_SIZE;

	kmalloc_get_stats(&st);
	meminfo_line(s, "MemTotal", arch_mem_total_pages() * PAGE_SIZE);
	meminfo_line(s, "MemFree", free);
	meminfo_line(s, "MemAvailable", free);
	meminfo_line(s, "Buffers", bcache_bytes());
	meminfo_line(s, "Cached", 0);
	meminfo_line(s, "SwapCached", 0);
	meminfo_line(s, "SwapTotal", 0);
	meminfo_line(s, "SwapFree", 0);
	meminfo_line(s, "Shmem", 0);
	meminfo_line(s, "Slab", st.bytes_in_use);
	meminfo_line(s, "SReclaimable", 0);
	meminfo_line(s, "SUnreclaim", st.bytes_in_use);
	return 0;
}

static int show_uptime(struct seqbuf *s, long id)
{
	uint64_t cs = arch_clock_monotonic_ns() / 10000000; /* centiseconds */

	seq_printf(s, "%llu.%02llu 0.00\n", (unsigned long long)(cs / 100),
		   (unsigned long long)(cs % 100));
	return 0;
}

static int show_cpuinfo(struct seqbuf *s, long id)
{
	seq_printf(s, "processor\t: 0\nmodel name\t: %s\n\n", arch_uname_machine);
	return 0;
}

static int show_version(struct seqbuf *s, long id)
{
	seq_printf(s, "Linux version 6.1.0-janux (janux %s) #1 %s %s\n", janux_version,
		   janux_git_hash, janux_build_date);
	return 0;
}

static int show_cmdline(struct seqbuf *s, long id)
{
	seq_printf(s, "%s\n", cmdline_text());
	return 0;
}

/* CPU time since boot; idle is what no task used (one CPU). */
static int show_stat(struct seqbuf *s, long id)
{
	uint64_t user, sys, up = arch_clock_monotonic_ns(), idle;
	int running, total;

	procfs_cpu_totals(&user, &sys, &running, &total);
	idle = up > user + sys ? up - user - sys : 0;
	for (int k = 0; k < 2; k++) /* the total, then cpu0 */
		seq_printf(s, "%s %llu 0 %llu %llu 0 0 0 0 0 0\n", k ? "cpu0" : "cpu ",
			   (unsigned long long)(user / 10000000), (unsigned long long)(sys / 10000000),
			   (unsigned long long)(idle / 10000000));
	seq_printf(s, "intr 0\nctxt 0\nbtime %lld\nprocesses %d\nprocs_running %d\n"
		   "procs_blocked 0\n", (long long)((clock_realtime_ns() - (int64_t)up) / 1000000000),
		   pid_last(), running);
	return 0;
}

/* No load average is computed: the three figures read 0.00. */
static int show_loadavg(struct seqbuf *s, long id)
{
	uint64_t user, sys;
	int running, total;

	procfs_cpu_totals(&user, &sys, &running, &total);
	seq_printf(s, "0.00 0.00 0.00 %d/%d %d\n", running, total, pid_last());
	return 0;
}

static const struct { const char *name; int (*show)(struct seqbuf *, long); } sys_files[] = {
	{ "meminfo", show_meminfo }, { "uptime", show_uptime }, { "mounts", show_mounts },
	{ "cpuinfo", show_cpuinfo }, { "version", show_version }, { "cmdline", show_cmdline },
	{ "filesystems", show_filesystems }, { "stat", show_stat }, { "loadavg", show_loadavg },
};

int procfs_sys_init(void)
{
	for (size_t k = 0; k < ARRAY_SIZE(sys_files); k++) {
		struct proc_node n = { .mode = S_IFREG | 0444, .show = sys_files[k].show };
		int err = procfs_register(sys_files[k].name, &n);

		if (err)
			return err;
	}
	return 0;
}
