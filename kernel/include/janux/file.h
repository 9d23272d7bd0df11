/*
 * Open files: struct file and the operations a file's provider implements.
 * This is the contract between the VFS and every file provider: regular
 * filesystems, character devices (tty, null...), pipes, procfs.
 *
 * Lifetime: a file is reference-counted (file_get / file_put). Descriptor
 * tables, in-flight syscalls and poll tables hold references; the last
 * file_put() calls ops->release() and frees the file.
 */
#ifndef JANUX_FILE_H
#define JANUX_FILE_H

#include <janux/types.h>

struct file;
struct inode;
struct mount;
struct waitqueue;  /* declared by <janux/wait.h> (process side) */
struct poll_table;
struct dir_context; /* <janux/vfs.h> */

/* poll(2) event bits (asm-generic poll.h). */
#define POLLIN 0x0001
#define POLLPRI 0x0002
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010
#define POLLNVAL 0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLRDHUP 0x2000

/* Generic ioctls handled by the VFS before the file's ops->ioctl. */
#define FIOCLEX 0x5451
#define FIONCLEX 0x5450
#define FIONBIO 0x5421
#define FIONREAD 0x541B

/*
 * A poll table: how ops->poll() registers interest. The waiter (ppoll,
 * pselect, a blocking read in a provider) supplies `queue`, which adds
 * itself to a wait queue so that a later wake-up on that queue re-polls.
 * The VFS never looks inside a wait queue.
 */
struct poll_table {
	void (*queue)(struct poll_table *pt, struct file *f, struct waitqueue *wq);
};

/*
 * Register the poller on `wq` (no-op when pt is NULL, i.e. a caller that
 * only wants the current mask). Providers call this from ops->poll for
 * every queue whose wake-up can change the mask.
 */
static inline void poll_wait(struct file *f, struct waitqueue *wq,
			     struct poll_table *pt)
{
	if (pt && pt->queue && wq)
		pt->queue(pt, f, wq);
}

/*
 * Operations of an open file. Every hook is optional; a missing one gives
 * the Linux default: read/write -EINVAL, ioctl -ENOTTY, poll
 * "always ready" (POLLIN|POLLOUT|POLLRDNORM|POLLWRNORM), llseek moves pos
 * within [0, inf) for regular files and -ESPIPE otherwise (see vfs_lseek),
 * iterate -ENOTDIR. Hooks run with the kernel lock held and may sleep
 * (return -ERESTARTSYS when a signal interrupts a sleep; -EAGAIN when the
 * file is O_NONBLOCK and nothing can be done now).
 *
 * `pos` points to the offset to use and update (f->pos for read/write,
 * a local copy for pread/pwrite); providers without offsets ignore it.
 * `buf` is a KERNEL buffer: the syscall layer copies to/from user memory.
 */
struct file_operations {
	/* Called once when an inode of this kind is opened (chrdev open may
	 * replace f->ops). Return 0 or -errno (the open fails). */
	int (*open)(struct inode *inode, struct file *f);
	ssize_t (*read)(struct file *f, void *buf, size_t len, loff_t *pos);
	ssize_t (*write)(struct file *f, const void *buf, size_t len, loff_t *pos);
	/* New offset or -errno; whence is SEEK_SET/CUR/END. */
	loff_t (*llseek)(struct file *f, loff_t off, int whence);
	/* Current readiness mask (POLL*); registers with pt as above. */
	unsigned int (*poll)(struct file *f, struct poll_table *pt);
	/* `arg` is the raw user argument (a uaddr_t for pointer ioctls). */
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* Directory listing for getdents64; see struct dir_context in vfs.h. */
	int (*iterate)(struct file *f, struct dir_context *ctx);
	int (*fsync)(struct file *f, bool datasync);
	/* Last reference dropped; free private_data. No return value. */
	void (*release)(struct inode *inode, struct file *f);
	/* Streams that always have data (/dev/zero, /dev/urandom): read(2)
	 * calls ->read again until it has min(count, read_fill) bytes, the
	 * device returns short, or a signal is pending (Linux gives these
	 * the full count). 0, every other stream (pipes, ttys): one ->read
	 * per read(2), which returns what is available. Regular files and
	 * block devices always fill. */
	size_t read_fill;
};

/* f_mode bits (what the open permits, beyond f_flags). */
#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
#define FMODE_PATH 0x4   /* O_PATH: no I/O at all */
#define FMODE_LSEEK 0x8  /* pread/pwrite/lseek allowed */

struct file {
	unsigned int refs;
	unsigned int f_flags;    /* O_* as given to open (minus O_CREAT etc.) */
	unsigned int f_mode;     /* FMODE_* */
	loff_t pos;
	const struct file_operations *ops;
	struct inode *inode;     /* referenced; NULL never */
	struct mount *mnt;       /* referenced; NULL for anonymous files */
	struct inode *dir;       /* referenced: the directory a non-directory
				  * was opened from (names it for /proc); or NULL */
	void *private_data;      /* the provider's */
};

/*
 * An anonymous file (pipes, eventfd...): a fresh inode of type `mode`
 * (S_IFIFO, S_IFSOCK...) on an internal "anon" superblock, with the given
 * ops and private data, open with `flags` (O_RDONLY/O_WRONLY/O_RDWR plus
 * O_NONBLOCK). ops->open is NOT called. The two ends of a pipe are two
 * such files sharing private_data and one inode: create the second with
 * `share` = the first file's inode (NULL: a fresh inode).
 * Returns a file with one reference, or ERR_PTR(-ENOMEM).
 */
struct file *anon_file_create(const struct file_operations *ops, void *priv,
			      mode_t mode, unsigned int flags,
			      struct inode *share);

/* Take another reference. */
struct file *file_get(struct file *f);
/* Drop one; the last one calls ops->release and frees the file. */
void file_put(struct file *f);

/*
 * Read/write through a file on behalf of the kernel (kernel buffers):
 * permission checks of the open mode, O_APPEND, the default hooks above.
 * `pos` NULL means "use and advance f->pos". Return bytes or -errno.
 */
ssize_t vfs_read(struct file *f, void *buf, size_t len, loff_t *pos);
ssize_t vfs_write(struct file *f, const void *buf, size_t len, loff_t *pos);
/* lseek with the default behaviour described above. */
loff_t vfs_lseek(struct file *f, loff_t off, int whence);
/* The readiness mask of f (POLLNVAL never: callers check descriptors). */
unsigned int vfs_poll(struct file *f, struct poll_table *pt);
/* ioctl: FIONBIO handled here, the rest goes to ops->ioctl or -ENOTTY. */
long vfs_ioctl(struct file *f, unsigned int cmd, unsigned long arg);

#endif
