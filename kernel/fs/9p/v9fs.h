/*
 * The 9p filesystem's internals shared by its files: superblock and inode
 * private data, the inode cache, and the operation tables.
 *
 * Fids. Every inode owns one walked (unopened) fid, clunked when the inode
 * is evicted; every open file owns one more, walked from the inode's and
 * lopen'ed, clunked at release. Inodes live in a per-superblock list keyed
 * by qid.path while referenced, so a file reached by two names or two walks
 * is one inode; a directory holds a reference on its parent (i->parent).
 */
#ifndef FS_9P_V9FS_H
#define FS_9P_V9FS_H

#include <janux/list.h>
#include <janux/vfs.h>
#include "client.h"

#define V9FS_MAGIC 0x01021997

struct v9fs_sb {
	struct p9_client *client;
	struct list_head inodes;   /* struct v9fs_inode, while referenced */
};

struct v9fs_inode {
	struct list_head link;     /* in v9fs_sb.inodes; empty once gone */
	struct inode *inode;
	uint32_t fid;
	uint64_t qpath;
};

/* An open file's fid. */
struct v9fs_file {
	uint32_t fid;
};

static inline struct p9_client *v9fs_client(const struct inode *i)
{
	return ((struct v9fs_sb *)i->sb->private)->client;
}

static inline uint32_t v9fs_fid(const struct inode *i)
{
	return ((struct v9fs_inode *)i->private)->fid;
}

/*
 * The inode for a fid just walked to (consumed: kept by a new inode or
 * clunked when the file already has one), with attributes a, below
 * directory `parent` (NULL for the root). Referenced, or ERR_PTR.
 */
struct inode *v9fs_iget(struct super_block *sb, uint32_t fid, const struct p9_attr *a,
			struct inode *parent);
/* The cached inode of qid path `qpath`, not referenced, or NULL. */
struct inode *v9fs_cached(struct super_block *sb, uint64_t qpath);
/* Copy server attributes into i. */
void v9fs_apply_attr(struct inode *i, const struct p9_attr *a);
/* Re-read i's attributes from the server. */
int v9fs_refresh(struct inode *i);
/* Make directory i a child of `parent` (NULL: removed). */
void v9fs_set_parent(struct inode *i, struct inode *parent);
/* The entry is gone: one name fewer; forgotten by the cache at zero. */
void v9fs_drop_name(struct inode *i);

extern const struct inode_operations v9fs_iops;
extern const struct file_operations v9fs_file_ops, v9fs_dir_ops;
extern struct fs_type v9fs_type;

#endif
