/* Named FIFOs (kernel/ipc/pipe.c fifo_fops): mknod S_IFIFO, the open
 * rules (readers wait for writers and back, O_NONBLOCK, O_RDWR), data. */
#include <string.h>

#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/file.h>
#include <janux/fs_struct.h>
#include <janux/fdtable.h>
#include <janux/pipe.h>
#include <janux/vfs.h>
#include "ktest.h"
#include "task/fixture.h"

static void boot_fifo(void)
{
	KT_ASSERT(vfs_init(true) == 0);
	init_task = task_create_init(fs_struct_alloc(), files_alloc());
	KT_ASSERT(vfs_mknod_at(AT_FDCWD, "/fifo", S_IFIFO | 0644, 0) == 0);
}

KTEST(fifo, rdwr_open_carries_data_and_does_not_seek)
{
	struct file *f;
	struct kstat st;
	char buf[8] = { 0 };

	boot_fifo();
	f = vfs_open_at(AT_FDCWD, "/fifo", O_RDWR, 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(vfs_write(f, "abc", 3, NULL), 3);
	KT_EQ_INT(vfs_read(f, buf, sizeof(buf), NULL), 3);
	KT_EQ_MEM(buf, "abc", 3);
	KT_EQ_INT(vfs_lseek(f, 0, SEEK_SET), -ESPIPE);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/fifo", 0, &st), 0);
	KT_EQ_INT(st.mode, S_IFIFO | 0644);
	file_put(f);
	KT_EXPECT(st.ino && vfs_stat_at(AT_FDCWD, "/fifo", 0, &st) == 0); /* still there */
}

KTEST(fifo, nonblocking_opens)
{
	struct file *r, *w;
	char buf[4];

	boot_fifo();
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/fifo", O_WRONLY | O_NONBLOCK, 0)), -ENXIO);
	r = vfs_open_at(AT_FDCWD, "/fifo", O_RDONLY | O_NONBLOCK, 0);
	KT_ASSERT(!IS_ERR(r));
	KT_EQ_INT(vfs_read(r, buf, sizeof(buf), NULL), 0); /* no writer: EOF */
	w = vfs_open_at(AT_FDCWD, "/fifo", O_WRONLY | O_NONBLOCK, 0);
	KT_ASSERT(!IS_ERR(w));
	KT_EQ_INT(vfs_read(r, buf, sizeof(buf), NULL), -EAGAIN); /* writer, no data */
	KT_EQ_INT(vfs_write(w, "x", 1, NULL), 1);
	KT_EQ_INT(vfs_read(r, buf, sizeof(buf), NULL), 1);
	file_put(r);
	KT_EQ_INT(vfs_write(w, "y", 1, NULL), -EPIPE);
	file_put(w);
	/* the last close dropped the pipe: a new lone writer is refused again */
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/fifo", O_WRONLY | O_NONBLOCK, 0)), -ENXIO);
}

static long opened;
static struct file *reader_file;

static void open_reader(void *arg)
{
	struct file *f = vfs_open_at(AT_FDCWD, "/fifo", O_RDONLY, 0);

	opened = IS_ERR(f) ? PTR_ERR(f) : 1;
	reader_file = IS_ERR(f) ? NULL : f;
}

KTEST(fifo, blocking_reader_waits_for_a_writer)
{
	struct task *c;
	struct file *w;
	char buf[8];

	boot_fifo();
	c = fork_as(init_task, SIGCHLD, NULL);
	opened = 99;
	host_task_run(c, open_reader, NULL);
	KT_EQ_INT(opened, 99); /* asleep in open */
	w = vfs_open_at(AT_FDCWD, "/fifo", O_WRONLY, 0); /* a reader exists: no wait */
	KT_ASSERT(!IS_ERR(w));
	host_run_others();
	KT_EQ_INT(opened, 1);
	KT_EQ_INT(vfs_write(w, "hi", 2, NULL), 2);
	KT_EQ_INT(vfs_read(reader_file, buf, sizeof(buf), NULL), 2);
	file_put(w);
	KT_EQ_INT(vfs_read(reader_file, buf, sizeof(buf), NULL), 0);
	file_put(reader_file);
}

KTEST(fifo, interrupted_open_undoes_itself)
{
	struct task *c;

	boot_fifo();
	c = fork_as(init_task, SIGCHLD, NULL);
	opened = 99;
	host_task_run(c, open_reader, NULL);
	c->pending = sigmask(SIGUSR1);
	arch_task_wake(c);
	host_run_others();
	KT_EQ_INT(opened, -ERESTARTSYS);
	c->pending = 0;
	/* no reader is left behind: a lone non-blocking writer is refused */
	KT_EQ_INT(PTR_ERR(vfs_open_at(AT_FDCWD, "/fifo", O_WRONLY | O_NONBLOCK, 0)), -ENXIO);
}
