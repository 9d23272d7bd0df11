/* /proc/sys: the sysctl files Janux has, kernel/hostname and
 * kernel/domainname, read and written as Linux's string sysctls. */
#include <janux/errno.h>
#include <janux/procfs.h>
#include <janux/string.h>
#include <janux/uts.h>
#include "internal.h"

/* The name and a newline, as Linux prints a string sysctl. */
static int uts_show(struct seqbuf *s, long id)
{
	char name[UTS_NAME_MAX + 1];

	uts_get((enum uts_name)id, name);
	seq_printf(s, "%s\n", name);
	return 0;
}

/* Linux's string sysctl with strict writes (its default): the bytes up to
 * the first newline or NUL replace the name from offset *pos on, cut at
 * UTS_NAME_MAX, and *pos moves past all len bytes; a write past the name's
 * end is ignored and leaves *pos. Every byte counts as taken. Writing
 * needs euid 0 (-EPERM), beside open's mode check. */
static ssize_t uts_write(long id, const char *buf, size_t len, loff_t *pos)
{
	char name[UTS_NAME_MAX + 1];
	size_t n;

	if (vfs_cred()->euid != 0)
		return -EPERM;
	uts_get((enum uts_name)id, name);
	n = strlen(name);
	if (*pos < 0 || (uint64_t)*pos > n)
		return (ssize_t)len;
	n = (size_t)*pos;
	*pos += (loff_t)len;
	for (size_t k = 0; k < len && buf[k] != '\n' && buf[k] != '\0' && n < UTS_NAME_MAX; k++)
		name[n++] = buf[k];
	uts_set((enum uts_name)id, name, n);
	return (ssize_t)len;
}

/* A directory of /proc/sys: its entries by name. Directory nodes carry
 * their table's index in `tables` as their id. */
struct sysctl_entry {
	const char *name;
	struct proc_node node;
};
enum { DIR_SYS, DIR_KERNEL };

static const struct proc_dir_ops table_dir;

static const struct sysctl_entry sys_entries[] = {
	{ "kernel", { .mode = S_IFDIR | 0555, .id = DIR_KERNEL, .dir = &table_dir } },
};
static const struct sysctl_entry kernel_entries[] = {
	{ "domainname", { .mode = S_IFREG | 0644, .id = UTS_DOMAINNAME, .show = uts_show,
			  .write = uts_write } },
	{ "hostname", { .mode = S_IFREG | 0644, .id = UTS_HOSTNAME, .show = uts_show,
			.write = uts_write } },
};
static const struct { const struct sysctl_entry *e; size_t n; } tables[] = {
	[DIR_SYS] = { sys_entries, ARRAY_SIZE(sys_entries) },
	[DIR_KERNEL] = { kernel_entries, ARRAY_SIZE(kernel_entries) },
};

static int table_lookup(long id, const char *name, struct proc_node *out)
{
	for (size_t k = 0; k < tables[id].n; k++)
		if (!strcmp(tables[id].e[k].name, name)) {
			*out = tables[id].e[k].node;
			return 0;
		}
	return -ENOENT;
}

static int table_iterate(long id, long *index,
			 bool (*emit)(void *, const char *, const struct proc_node *), void *ctx)
{
	for (; *index >= 0 && *index < (long)tables[id].n; (*index)++)
		if (!emit(ctx, tables[id].e[*index].name, &tables[id].e[*index].node))
			return 0;
	return 0;
}

static const struct proc_dir_ops table_dir = { table_lookup, table_iterate };

int procfs_sysctl_init(void)
{
	static const struct proc_node sys = { .mode = S_IFDIR | 0555, .id = DIR_SYS, .dir = &table_dir };

	return procfs_register("sys", &sys);
}
