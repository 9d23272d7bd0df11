/*
 * What /proc shows of a process's program: the executable file (exe) and
 * a kernel copy of its argument strings (cmdline), taken at exec, copied
 * by fork and dropped when the process becomes a zombie. Keeping a copy
 * bounded to a page means /proc never reads another process's memory,
 * which the two machines could not do the same way.
 */
#include <arch.h>
#include <janux/file.h>
#include <janux/kmalloc.h>
#include <janux/string.h>
#include <janux/task.h>

void process_drop_exe(struct process *p)
{
	if (p->exe)
		file_put(p->exe);
	kfree(p->cmdline);
	p->exe = NULL;
	p->cmdline = NULL;
	p->cmdline_len = 0;
}

void process_set_exe(struct process *p, struct file *exe, const char *args, size_t len)
{
	char *copy;

	len = MIN(len, PROC_CMDLINE_MAX);
	copy = len ? kmalloc(len) : NULL;
	if (copy)
		memcpy(copy, args, len);
	if (exe)
		file_get(exe);
	process_drop_exe(p);
	p->exe = exe;
	p->cmdline = copy;
	p->cmdline_len = copy ? len : 0;
}
