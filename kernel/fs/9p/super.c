/*
 * The 9p filesystem type: mount options, the superblock (client + root
 * fid), the inode cache, statfs and eviction (which clunks the fid).
 */
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/string.h>
#include "../internal.h"
#include "v9fs.h"

/* Anonymous device numbers (major 0) of 9p superblocks start here, clear of
 * the nodev filesystems that keep 0. */
#define V9FS_DEV_MINOR 0x900

struct v9fs_opts {
	char trans[16];
	uint32_t msize;
};

/* Parse "trans=virtio,msize=N,version=9p2000.L,..." (unknown options are
 * ignored; a version other than 9p2000.L is -EINVAL). */
static int parse_opts(const char *data, struct v9fs_opts *o)
{
	memcpy(o->trans, "virtio", sizeof("virtio"));
	o->msize = P9_MSIZE_DEFAULT;
	while (data && *data) {
		const char *end = strchr(data, ',');
		size_t len = end ? (size_t)(end - data) : strlen(data);

		if (len > 6 && !strncmp(data, "trans=", 6)) {
			if (len - 6 >= sizeof(o->trans))
				return -EINVAL;
			memcpy(o->trans, data + 6, len - 6);
			o->trans[len - 6] = '\0';
		} else if (len > 6 && !strncmp(data, "msize=", 6)) {
			uint32_t v = 0;

			for (size_t k = 6; k < len; k++) {
				if (data[k] < '0' || data[k] > '9' || v > 100000000)
					return -EINVAL;
				v = v * 10 + (uint32_t)(data[k] - '0');
			}
			o->msize = v;
		} else if (len > 8 && !strncmp(data, "version=", 8)) {
			if (len != 16 || strncmp(data + 8, "9p2000.L", 8))
				return -EINVAL;
		}
		data += len + (end ? 1 : 0);
	}
	return 0;
}

struct inode *v9fs_cached(struct super_block *sb, uint64_t qpath)
{
	struct v9fs_sb *s = sb->private;
	struct v9fs_inode *vi;

	list_for_each_entry(vi, &s->inodes, link)
		if (vi->qpath == qpath)
			return vi->inode;
	return NULL;
}

void v9fs_apply_attr(struct inode *i, const struct p9_attr *a)
{
	i->ino = a->qid.path;
	i->mode = a->mode;
	i->uid = a->uid;
	i->gid = a->gid;
	i->nlink = (unsigned int)a->nlink;
	i->size = (int64_t)a->size;
	i->rdev = S_ISCHR(a->mode) || S_ISBLK(a->mode) ? dev_decode(a->rdev) : 0;
	i->atime = (struct timespec64){ (int64_t)a->atime_sec, (long)a->atime_nsec };
	i->mtime = (struct timespec64){ (int64_t)a->mtime_sec, (long)a->mtime_nsec };
	i->ctime = (struct timespec64){ (int64_t)a->ctime_sec, (long)a->ctime_nsec };
	i->fops = S_ISREG(a->mode) ? &v9fs_file_ops : S_ISDIR(a->mode) ? &v9fs_dir_ops : NULL;
}

int v9fs_refresh(struct inode *i)
{
	struct p9_attr a;
	int err = p9_getattr(v9fs_client(i), v9fs_fid(i), &a);

	if (!err)
		v9fs_apply_attr(i, &a);
	return err;
}

void v9fs_set_parent(struct inode *i, struct inode *parent)
{
	struct inode *old = i->parent;

	if (old == parent)
		return;
	i->parent = parent ? inode_get(parent) : NULL;
	inode_put(old);
}

void v9fs_drop_name(struct inode *i)
{
	struct v9fs_inode *vi = i->private;

	if (i->nlink)
		i->nlink--;
	if (S_ISDIR(i->mode)) {
		i->nlink = 0;
		v9fs_set_parent(i, NULL);
	}
	if (i->nlink == 0)
		list_del(&vi->link); /* a new file may reuse the host inode */
}

struct inode *v9fs_iget(struct super_block *sb, uint32_t fid, const struct p9_attr *a,
			struct inode *parent)
{
	struct inode *i = v9fs_cached(sb, a->qid.path);
	struct v9fs_inode *vi;

	if (i && (i->mode & S_IFMT) == (a->mode & S_IFMT)) {
		p9_clunk(v9fs_client(i), fid);
		inode_get(i);
	} else {
		if (i) /* the host reused the inode number: forget the old file */
			list_del(&((struct v9fs_inode *)i->private)->link);
		i = inode_alloc(sb, a->mode);
		vi = kzalloc(sizeof(*vi));
		if (!i || !vi) {
			kfree(i);
			kfree(vi);
			p9_clunk(((struct v9fs_sb *)sb->private)->client, fid);
			return ERR_PTR(-ENOMEM);
		}
		vi->inode = i;
		vi->fid = fid;
		vi->qpath = a->qid.path;
		list_add_tail(&vi->link, &((struct v9fs_sb *)sb->private)->inodes);
		i->private = vi;
		i->iops = &v9fs_iops;
	}
	v9fs_apply_attr(i, a);
	if (S_ISDIR(i->mode) && parent)
		v9fs_set_parent(i, parent);
	return i;
}

static void v9fs_evict(struct inode *i)
{
	struct v9fs_inode *vi = i->private;

	list_del(&vi->link);
	p9_clunk(v9fs_client(i), vi->fid);
	kfree(vi);
	v9fs_set_parent(i, NULL);
	kfree(i);
}

static int v9fs_statfs(struct super_block *sb, struct kstatfs *st)
{
	struct p9_statfs s;
	int err = p9_statfs(((struct v9fs_sb *)sb->private)->client, v9fs_fid(sb->root), &s);

	if (err)
		return err;
	st->type = sb->magic;
	st->bsize = st->frsize = s.bsize;
	st->blocks = s.blocks;
	st->bfree = s.bfree;
	st->bavail = s.bavail;
	st->files = s.files;
	st->ffree = s.ffree;
	st->namelen = s.namelen;
	return 0;
}

static void v9fs_put_super(struct super_block *sb)
{
	struct v9fs_sb *s = sb->private;

	p9_client_close(s->client);
	kfree(s);
	kfree(sb);
}

static const struct super_operations v9fs_sops = {
	.evict = v9fs_evict,
	.statfs = v9fs_statfs,
	.put_super = v9fs_put_super,
};

/* Attach as root and make the root inode. */
static int v9fs_attach_root(struct super_block *sb)
{
	struct p9_client *c = ((struct v9fs_sb *)sb->private)->client;
	uint32_t fid = p9_fid_new(c);
	struct p9_qid q;
	struct p9_attr a;
	int err = p9_attach(c, fid, 0, &q);

	if (err)
		return err;
	err = p9_getattr(c, fid, &a);
	if (!err && !S_ISDIR(a.mode))
		err = -ENOTDIR;
	if (err) {
		p9_clunk(c, fid);
		return err;
	}
	sb->root = v9fs_iget(sb, fid, &a, NULL);
	return IS_ERR(sb->root) ? (int)PTR_ERR(sb->root) : 0;
}

static struct super_block *v9fs_get_sb(const char *source, unsigned long flags,
				       const void *data)
{
	static unsigned int mounts;
	struct v9fs_opts o;
	struct p9_chan *ch;
	struct super_block *sb;
	struct v9fs_sb *s;
	int err = parse_opts(data, &o);

	if (err)
		return ERR_PTR(err);
	ch = source ? p9_chan_find(o.trans, source) : NULL;
	if (!ch)
		return ERR_PTR(-ENOENT); /* as Linux for an unknown tag */
	sb = kzalloc(sizeof(*sb));
	s = kzalloc(sizeof(*s));
	err = sb && s ? p9_client_open(ch, o.msize, &s->client) : -ENOMEM;
	if (!err) {
		list_init(&s->inodes);
		sb->type = &v9fs_type;
		sb->ops = &v9fs_sops;
		sb->magic = V9FS_MAGIC;
		sb->dev = MKDEV(0, V9FS_DEV_MINOR + mounts++); /* st_dev tells shares apart */
		sb->private = s;
		err = v9fs_attach_root(sb);
		if (err)
			p9_client_close(s->client);
	}
	if (err) {
		pr_err("9p: cannot mount %s over %s: %d\n", source, o.trans, err);
		kfree(s);
		kfree(sb);
		return ERR_PTR(err);
	}
	return sb;
}

struct fs_type v9fs_type = { .name = "9p", .nodev = true, .get_sb = v9fs_get_sb };
