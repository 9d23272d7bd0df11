/*
 * ext2 superblock: mounting a block device (every field checked before it
 * is trusted), group descriptors, statfs, sync and unmount.
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/string.h>
#include <janux/task.h>
#include "../internal.h"
#include "ext2.h"

_Static_assert(sizeof(struct ext2_super) == 1024, "ext2 superblock layout");
_Static_assert(sizeof(struct ext2_dinode) == 128, "ext2 inode layout");
_Static_assert(sizeof(struct ext2_group_desc) == 32, "ext2 group descriptor layout");

static struct list_head mounted = LIST_HEAD_INIT(mounted);

void ext2_lock(struct ext2_sb *es)
{
	void *me = current;

	while (es->lock_depth && es->lock_owner != me)
		wait_sleep(&es->lock_wq, 0, WAIT_FOREVER);
	es->lock_owner = me;
	es->lock_depth++;
}

void ext2_unlock(struct ext2_sb *es)
{
	if (--es->lock_depth == 0) {
		es->lock_owner = NULL;
		wake_up_one(&es->lock_wq);
	}
}

struct ext2_group_desc *ext2_group(struct ext2_sb *es, uint32_t g)
{
	struct buf *b = es->gdbufs[g / es->gd_per_block];

	return (struct ext2_group_desc *)b->data + g % es->gd_per_block;
}

void ext2_group_dirty(struct ext2_sb *es, uint32_t g)
{
	bdirty(es->gdbufs[g / es->gd_per_block]);
	bdirty(es->sbuf); /* the free counts in the superblock moved too */
}

bool ext2_block_ok(struct ext2_sb *es, uint32_t blk)
{
	return blk > es->s->first_data_block && blk < es->s->blocks_count;
}

struct buf *ext2_bread(struct ext2_sb *es, uint32_t blk)
{
	if (blk >= es->s->blocks_count)
		return ERR_PTR(-EIO);
	return bread(es->bd, blk, es->bsize);
}

/* Geometry checks on a raw superblock; 0 or -EINVAL. */
static int check_super(const struct ext2_super *s, struct blkdev *bd, bool *ro)
{
	uint64_t bsize, groups, dev_blocks;

	if (s->magic != EXT2_MAGIC || s->log_block_size > 6 || s->rev_level > 1)
		return -EINVAL;
	bsize = 1024u << s->log_block_size;
	dev_blocks = bd->nr_sectors * BLKDEV_SECTOR_SIZE / bsize;
	if (s->blocks_count == 0 || s->blocks_count > dev_blocks ||
	    s->first_data_block != (bsize == 1024) || s->first_data_block >= s->blocks_count ||
	    s->blocks_per_group == 0 || s->blocks_per_group > 8 * bsize ||
	    s->inodes_per_group == 0 || s->inodes_per_group > 8 * bsize ||
	    s->inodes_count == 0 || s->free_blocks_count > s->blocks_count ||
	    s->free_inodes_count > s->inodes_count)
		return -EINVAL;
	groups = (s->blocks_count - s->first_data_block + s->blocks_per_group - 1) /
		 s->blocks_per_group;
	if ((uint64_t)s->inodes_per_group * groups != s->inodes_count)
		return -EINVAL;
	if (s->rev_level == 1) {
		if (s->inode_size < 128 || s->inode_size > bsize ||
		    (s->inode_size & (s->inode_size - 1)) ||
		    s->first_ino < 11 || s->first_ino > s->inodes_count)
			return -EINVAL;
		if (s->feature_incompat & ~EXT2_INCOMPAT_SUPP)
			return -EINVAL;
		*ro = (s->feature_ro_compat & ~EXT2_RO_COMPAT_SUPP) != 0;
	}
	return 0;
}

/* Read and check the group descriptors (after es->s is set up). */
static int load_groups(struct ext2_sb *es)
{
	uint32_t first = es->s->first_data_block + 1, itblocks;

	es->gdbufs = kzalloc(es->ngdblocks * sizeof(*es->gdbufs));
	if (!es->gdbufs)
		return -ENOMEM;
	for (uint32_t k = 0; k < es->ngdblocks; k++) {
		es->gdbufs[k] = ext2_bread(es, first + k);
		if (IS_ERR(es->gdbufs[k])) {
			int err = (int)PTR_ERR(es->gdbufs[k]);

			es->gdbufs[k] = NULL;
			return err;
		}
	}
	itblocks = (es->s->inodes_per_group + es->inodes_per_block - 1) / es->inodes_per_block;
	for (uint32_t g = 0; g < es->ngroups; g++) {
		struct ext2_group_desc *gd = ext2_group(es, g);

		if (!ext2_block_ok(es, gd->block_bitmap) || !ext2_block_ok(es, gd->inode_bitmap) ||
		    !ext2_block_ok(es, gd->inode_table) ||
		    gd->inode_table + (uint64_t)itblocks > es->s->blocks_count ||
		    gd->free_blocks_count > es->s->blocks_per_group ||
		    gd->free_inodes_count > es->s->inodes_per_group)
			return -EINVAL;
	}
	return 0;
}

/* Derived geometry of a checked superblock. */
static void set_geometry(struct ext2_sb *es)
{
	struct ext2_super *s = es->s;

	es->bsize = 1024u << s->log_block_size;
	es->inode_size = s->rev_level ? s->inode_size : 128;
	es->first_ino = s->rev_level ? s->first_ino : 11;
	es->inodes_per_block = es->bsize / es->inode_size;
	es->addr_per_block = es->bsize / 4;
	es->ngroups = (s->blocks_count - s->first_data_block + s->blocks_per_group - 1) /
		      s->blocks_per_group;
	es->gd_per_block = es->bsize / sizeof(struct ext2_group_desc);
	es->ngdblocks = (es->ngroups + es->gd_per_block - 1) / es->gd_per_block;
	es->filetype = s->rev_level && (s->feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE);
}

static void release_sb(struct ext2_sb *es)
{
	for (uint32_t k = 0; es->gdbufs && k < es->ngdblocks; k++)
		brelse(es->gdbufs[k]);
	kfree(es->gdbufs);
	brelse(es->sbuf);
	bcache_forget(es->bd, true);
	kfree(es);
}

/* Read the superblock and group descriptors of bd into a new ext2_sb. */
static int load_super(struct blkdev *bd, bool want_rw, struct ext2_sb **out)
{
	struct ext2_super raw;
	struct ext2_sb *es;
	bool ro = false;
	int err;

	if (bd->nr_sectors < 4)
		return -EINVAL;
	err = bd->ops->rw(bd, false, EXT2_SB_OFFSET / BLKDEV_SECTOR_SIZE, &raw,
			  sizeof(raw) / BLKDEV_SECTOR_SIZE);
	if (err)
		return -EIO;
	err = check_super(&raw, bd, &ro);
	if (err)
		return err;
	if (want_rw && (ro || bd->read_only))
		return -EROFS;
	es = kzalloc(sizeof(*es));
	if (!es)
		return -ENOMEM;
	es->bd = bd;
	es->read_only = !want_rw;
	list_init(&es->inodes);
	waitqueue_init(&es->lock_wq);
	es->sbuf = bread(bd, EXT2_SB_OFFSET >> (10 + raw.log_block_size), 1024u << raw.log_block_size);
	if (IS_ERR(es->sbuf)) {
		err = (int)PTR_ERR(es->sbuf);
		es->sbuf = NULL;
		release_sb(es);
		return err;
	}
	es->s = (struct ext2_super *)(es->sbuf->data + EXT2_SB_OFFSET % es->sbuf->size);
	if (memcmp(es->s, &raw, sizeof(raw)))
		err = -EIO; /* the device changed under us */
	set_geometry(es);
	if (!err)
		err = load_groups(es);
	if (err) {
		release_sb(es);
		return err;
	}
	*out = es;
	return 0;
}

static int ext2_statfs(struct super_block *sb, struct kstatfs *st)
{
	struct ext2_sb *es = EXT2_SB(sb);
	struct ext2_super *s = es->s;

	st->type = EXT2_MAGIC;
	st->bsize = st->frsize = (long)es->bsize;
	st->blocks = s->blocks_count;
	st->bfree = s->free_blocks_count;
	st->bavail = s->free_blocks_count > s->r_blocks_count ?
		     s->free_blocks_count - s->r_blocks_count : 0;
	st->files = s->inodes_count;
	st->ffree = s->free_inodes_count;
	st->namelen = NAME_MAX;
	return 0;
}

int ext2_sync_fs(struct super_block *sb)
{
	struct ext2_sb *es = EXT2_SB(sb);
	int err;

	if (es->read_only)
		return 0;
	ext2_lock(es);
	es->s->wtime = (uint32_t)vfs_now().tv_sec;
	bdirty(es->sbuf);
	err = bcache_sync(es->bd);
	ext2_unlock(es);
	return err;
}

/* The filesystem becomes writable: not clean until unmounted. */
static void mark_mounted_rw(struct ext2_sb *es)
{
	es->read_only = false;
	es->s->state &= (uint16_t)~EXT2_STATE_VALID;
	es->s->mnt_count++;
	es->s->mtime = (uint32_t)vfs_now().tv_sec;
	bdirty(es->sbuf);
}

static int ext2_remount_rw(struct super_block *sb)
{
	struct ext2_sb *es = EXT2_SB(sb);

	if (!es->read_only)
		return 0;
	if (es->bd->read_only || (es->s->rev_level &&
				  (es->s->feature_ro_compat & ~EXT2_RO_COMPAT_SUPP)))
		return -EROFS;
	ext2_lock(es);
	mark_mounted_rw(es);
	ext2_unlock(es);
	return 0;
}

static void ext2_put_super(struct super_block *sb)
{
	struct ext2_sb *es = EXT2_SB(sb);

	if (!es->read_only) {
		es->s->state |= EXT2_STATE_VALID;
		ext2_sync_fs(sb);
	}
	list_del(&es->link);
	release_sb(es);
	kfree(sb);
}

static const struct super_operations ext2_sops = {
	.evict = ext2_evict,
	.statfs = ext2_statfs,
	.put_super = ext2_put_super,
	.sync_fs = ext2_sync_fs,
	.remount_rw = ext2_remount_rw,
};

/* The block device a mount source names ("/dev/vda"). */
static struct blkdev *source_device(const char *source)
{
	struct path p;
	struct blkdev *bd = NULL;

	if (!source || vfs_lookup_at(AT_FDCWD, source, LOOKUP_FOLLOW, &p))
		return ERR_PTR(-ENOENT);
	if (!S_ISBLK(p.inode->mode))
		bd = ERR_PTR(-ENOTBLK);
	else if (p.mnt && (p.mnt->flags & MS_NODEV))
		bd = ERR_PTR(-EACCES);
	else if (!(bd = blkdev_get(p.inode->rdev)))
		bd = ERR_PTR(-ENXIO);
	path_put(&p);
	return bd;
}

/* The VFS superblock around es, with its root directory. */
static struct super_block *attach_vfs(struct ext2_sb *es, bool rw)
{
	struct super_block *sb = kzalloc(sizeof(*sb));
	struct inode *root;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->type = &ext2_type;
	sb->dev = es->bd->devt;
	sb->ops = &ext2_sops;
	sb->magic = EXT2_MAGIC;
	sb->private = es;
	es->vsb = sb;
	root = ext2_iget(es, EXT2_ROOT_INO);
	if (IS_ERR(root) || !S_ISDIR(root->mode)) {
		if (!IS_ERR(root))
			inode_put(root);
		kfree(sb);
		return ERR_PTR(IS_ERR(root) ? PTR_ERR(root) : -EINVAL);
	}
	sb->root = root;
	if (rw)
		mark_mounted_rw(es);
	return sb;
}

static struct super_block *ext2_get_sb(const char *source, unsigned long flags,
				       const void *data)
{
	struct blkdev *bd = source_device(source);
	struct super_block *sb;
	struct ext2_sb *es;
	int err;

	if (IS_ERR(bd))
		return (struct super_block *)bd;
	list_for_each_entry(es, &mounted, link)
		if (es->bd == bd)
			return es->read_only == !!(flags & MS_RDONLY) ? es->vsb : ERR_PTR(-EBUSY);
	err = load_super(bd, !(flags & MS_RDONLY), &es);
	if (err) {
		if (err == -EINVAL && !(flags & MS_SILENT))
			pr_warn("ext2: %s: not a valid ext2 filesystem\n", source);
		return ERR_PTR(err);
	}
	sb = attach_vfs(es, !(flags & MS_RDONLY));
	if (IS_ERR(sb)) {
		release_sb(es);
		return sb;
	}
	list_add_tail(&es->link, &mounted);
	return sb;
}

struct fs_type ext2_type = { .name = "ext2", .get_sb = ext2_get_sb };
