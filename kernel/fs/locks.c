/*
 * POSIX record locks (fcntl F_GETLK/F_SETLK/F_SETLKW) and open file
 * description locks (F_OFD_*), as Linux: byte ranges, shared or exclusive,
 * owned by a descriptor table (POSIX: dropped when that table closes any
 * descriptor of the file, as POSIX demands) or by an open file (OFD:
 * dropped with its last reference). One list for the whole system, one
 * wait queue for F_SETLKW sleepers, woken whenever a lock goes away.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/file.h>
#include <janux/kmalloc.h>
#include <janux/list.h>
#include <janux/locks.h>
#include <janux/task.h>
#include <janux/vfs.h>
#include <janux/wait.h>

#define OFFSET_MAX INT64_MAX

struct file_lock {
	struct list_head link;
	struct inode *inode;     /* not referenced: locks go before the file */
	const void *owner;       /* struct files_struct (POSIX) or struct file (OFD) */
	bool ofd;
	pid_t pid;               /* POSIX: the owner's pid, for F_GETLK */
	short type;              /* F_RDLCK or F_WRLCK */
	loff_t start, end;       /* inclusive */
};

static struct list_head all_locks = LIST_HEAD_INIT(all_locks);
static struct waitqueue lock_wq = WAITQUEUE_INIT(lock_wq);

/* The lock struct flock of the user (struct flock on LP64 and flock64 on
 * ILP32 have this one layout). */
struct flock_k {
	int16_t l_type, l_whence;
	int32_t pad;
	int64_t l_start, l_len;
	int32_t l_pid, pad2;
};

static bool conflicts(const struct file_lock *l, const struct file_lock *req)
{
	return l->inode == req->inode && l->owner != req->owner &&
	       l->start <= req->end && req->start <= l->end &&
	       (l->type == F_WRLCK || req->type == F_WRLCK);
}

static struct file_lock *find_conflict(const struct file_lock *req)
{
	struct file_lock *l;

	list_for_each_entry(l, &all_locks, link)
		if (conflicts(l, req))
			return l;
	return NULL;
}

/* The range of a user flock on file f: -EINVAL when it is negative or overflows. */
static int flock_range(struct file *f, const struct flock_k *fl, struct file_lock *out)
{
	int64_t base = fl->l_whence == SEEK_SET ? 0 : fl->l_whence == SEEK_CUR ? f->pos :
		       fl->l_whence == SEEK_END ? f->inode->size : -1;
	int64_t start, end;

	if (base < 0 || (fl->l_start > 0 && base > OFFSET_MAX - fl->l_start))
		return -EINVAL;
	start = base + fl->l_start;
	if (fl->l_len > 0) {
		if (fl->l_len - 1 > OFFSET_MAX - start)
			return -EOVERFLOW;
		end = start + fl->l_len - 1;
	} else if (fl->l_len < 0) {
		end = start - 1;
		start += fl->l_len;
	} else {
		end = OFFSET_MAX;
	}
	if (start < 0)
		return -EINVAL;
	out->start = start;
	out->end = end;
	return 0;
}

/* Drop the owner's locks on inode over [start, end], splitting those that
 * stick out. -ENOLCK when a split finds no memory. */
static int unlock_range(const struct file_lock *req)
{
	struct file_lock *l, *tmp, *right;

	list_for_each_entry_safe(l, tmp, &all_locks, link) {
		if (l->inode != req->inode || l->owner != req->owner ||
		    l->end < req->start || req->end < l->start)
			continue;
		if (l->start < req->start && l->end > req->end) {
			if (!(right = kmalloc(sizeof(*right))))
				return -ENOLCK;
			*right = *l;
			right->start = req->end + 1;
			list_add(&right->link, &l->link);
			l->end = req->start - 1;
		} else if (l->start < req->start) {
			l->end = req->start - 1;
		} else if (l->end > req->end) {
			l->start = req->end + 1;
		} else {
			list_del(&l->link);
			kfree(l);
		}
	}
	wake_up_all(&lock_wq);
	return 0;
}

static long set_lock(struct file_lock *req, bool wait)
{
	struct file_lock *l;
	long err;

	if (req->type == F_UNLCK)
		return unlock_range(req);
	while (find_conflict(req)) {
		if (!wait)
			return -EAGAIN;
		err = wait_event(&lock_wq, !find_conflict(req), WAIT_INTERRUPTIBLE, WAIT_FOREVER);
		if (err)
			return err;
	}
	if (!(l = kmalloc(sizeof(*l))))
		return -ENOLCK;
	err = unlock_range(req); /* the owner's own locks there are replaced */
	if (err) {
		kfree(l);
		return err;
	}
	*l = *req;
	list_add_tail(&l->link, &all_locks);
	return 0;
}

long locks_fcntl(struct file *f, const void *owner, unsigned int cmd, uaddr_t arg)
{
	bool ofd = cmd >= F_OFD_GETLK, get = cmd == F_GETLK || cmd == F_OFD_GETLK;
	struct file_lock req = { .inode = f->inode, .ofd = ofd, .owner = ofd ? (void *)f : owner };
	struct flock_k fl;
	struct file_lock *l;
	long err;

	if (arch_copy_from_user(&fl, arg, sizeof(fl)))
		return -EFAULT;
	if ((fl.l_type != F_RDLCK && fl.l_type != F_WRLCK && fl.l_type != F_UNLCK) ||
	    (ofd && fl.l_pid != 0))
		return -EINVAL;
	if ((err = flock_range(f, &fl, &req)))
		return err;
	req.type = fl.l_type;
	req.pid = current && current->proc ? current->proc->pid : 0;
	if (!get) {
		if ((req.type == F_RDLCK && !(f->f_mode & FMODE_READ)) ||
		    (req.type == F_WRLCK && !(f->f_mode & FMODE_WRITE)))
			return -EBADF;
		return set_lock(&req, cmd == F_SETLKW || cmd == F_OFD_SETLKW);
	}
	if (req.type == F_UNLCK)
		return -EINVAL;
	l = find_conflict(&req);
	fl.l_type = l ? l->type : F_UNLCK;
	if (l) {
		fl.l_whence = SEEK_SET;
		fl.l_start = l->start;
		fl.l_len = l->end == OFFSET_MAX ? 0 : l->end - l->start + 1;
		fl.l_pid = l->ofd ? -1 : l->pid;
	}
	return arch_copy_to_user(arg, &fl, sizeof(fl)) ? -EFAULT : 0;
}

/* Drop every lock of `owner` (on `inode`, or on any when NULL). */
static void drop_owned(const void *owner, const struct inode *inode)
{
	struct file_lock *l, *tmp;
	bool any = false;

	list_for_each_entry_safe(l, tmp, &all_locks, link)
		if (l->owner == owner && (!inode || l->inode == inode)) {
			list_del(&l->link);
			kfree(l);
			any = true;
		}
	if (any)
		wake_up_all(&lock_wq);
}

void locks_close_posix(const void *owner, struct file *f)
{
	drop_owned(owner, f->inode);
}

void locks_release_file(struct file *f)
{
	drop_owned(f, NULL);
}
