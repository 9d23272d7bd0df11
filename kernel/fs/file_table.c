/*
 * Open files: allocation and references, anonymous files (pipes), and the
 * read/write/lseek/poll/ioctl entry points with Linux's defaults.
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/kmalloc.h>
#include <janux/locks.h>
#include <janux/printk.h>
#include "internal.h"

static struct super_block anon_sb = { .magic = 0x09041934 /* ANON_INODE_FS_MAGIC */ };

static unsigned int open_fmode(unsigned int flags)
{
	if (flags & O_PATH)
		return FMODE_PATH;
	switch (flags & O_ACCMODE) {
	case O_RDONLY: return FMODE_READ;
	case O_WRONLY: return FMODE_WRITE;
	default: return FMODE_READ | FMODE_WRITE;
	}
}

struct file *vfs_file_alloc(const struct file_operations *ops, struct inode *i,
			    struct mount *mnt, unsigned int flags)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->refs = 1;
	f->ops = ops;
	f->inode = inode_get(i);
	f->mnt = mnt ? mount_get(mnt) : NULL;
	f->f_flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	f->f_mode = open_fmode(flags);
	if (S_ISREG(i->mode) || S_ISDIR(i->mode) || S_ISBLK(i->mode))
		f->f_mode |= FMODE_LSEEK;
	return f;
}

struct file *anon_file_create(const struct file_operations *ops, void *priv,
			      mode_t mode, unsigned int flags, struct inode *share)
{
	struct inode *i = share ? inode_get(share) : inode_alloc(&anon_sb, mode);
	struct file *f;

	if (!i)
		return ERR_PTR(-ENOMEM);
	f = vfs_file_alloc(ops, i, NULL, flags & (O_ACCMODE | O_NONBLOCK));
	inode_put(i);
	if (!f)
		return ERR_PTR(-ENOMEM);
	f->private_data = priv;
	return f;
}

struct file *file_get(struct file *f)
{
	f->refs++;
	return f;
}

void file_put(struct file *f)
{
	BUG_ON(f->refs == 0);
	if (--f->refs)
		return;
	locks_release_file(f);
	if (f->ops && f->ops->release)
		f->ops->release(f->inode, f);
	inode_put(f->inode);
	if (f->dir)
		inode_put(f->dir);
	if (f->mnt)
		mount_put(f->mnt);
	kfree(f);
}

ssize_t vfs_read(struct file *f, void *buf, size_t len, loff_t *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->ops || !f->ops->read)
		return S_ISDIR(f->inode->mode) ? -EISDIR : -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	return f->ops->read(f, buf, len, pos ? pos : &f->pos);
}

ssize_t vfs_write(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->ops || !f->ops->write)
		return -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (!pos)
		pos = &f->pos;
	if ((f->f_flags & O_APPEND) && S_ISREG(f->inode->mode))
		*pos = f->inode->size;
	return f->ops->write(f, buf, len, pos);
}

loff_t generic_llseek(struct file *f, loff_t off, int whence, loff_t end)
{
	loff_t base;

	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = f->pos; break;
	case SEEK_END: base = end; break;
	default: return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->pos = base + off;
	return f->pos;
}

loff_t vfs_lseek(struct file *f, loff_t off, int whence)
{
	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	if (f->ops && f->ops->llseek)
		return f->ops->llseek(f, off, whence);
	if (!(f->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	return generic_llseek(f, off, whence, f->inode->size);
}

unsigned int vfs_poll(struct file *f, struct poll_table *pt)
{
	if (f->ops && f->ops->poll)
		return f->ops->poll(f, pt);
	return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
}

long vfs_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	int on;

	if (f->f_mode & FMODE_PATH)
		return -EBADF;
	if (cmd == FIONBIO) {
		if (arch_copy_from_user(&on, (uaddr_t)arg, sizeof(on)))
			return -EFAULT;
		if (on)
			f->f_flags |= O_NONBLOCK;
		else
			f->f_flags &= ~(unsigned int)O_NONBLOCK;
		return 0;
	}
	if (!f->ops || !f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, cmd, arg);
}
