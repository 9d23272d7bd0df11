/*
 * ext2 revision 1 (and 0), private to kernel/fs/ext2: the on-disk layout,
 * the in-memory superblock and inode data, and the functions the files of
 * this directory share. On-disk fields are little-endian; the structures
 * are read in place, which holds on both machines (aarch64 and wasm32 are
 * little-endian). See docs/ext2.md.
 */
#ifndef FS_EXT2_H
#define FS_EXT2_H

#include <janux/bcache.h>
#include <janux/vfs.h>
#include <janux/wait.h>

#define EXT2_MAGIC 0xEF53
#define EXT2_SB_OFFSET 1024
#define EXT2_ROOT_INO 2
#define EXT2_NDIR 12          /* direct block pointers */
#define EXT2_IND 12           /* i_block slots: single, double, triple */
#define EXT2_DIND 13
#define EXT2_TIND 14
#define EXT2_N_BLOCKS 15
#define EXT2_FAST_LINK_MAX 60 /* targets shorter than this live in i_block */
#define EXT2_STATE_VALID 1

#define EXT2_FEATURE_INCOMPAT_FILETYPE 0x0002
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE 0x0002
#define EXT2_INCOMPAT_SUPP EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_RO_COMPAT_SUPP (EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
			     EXT2_FEATURE_RO_COMPAT_LARGE_FILE)
#define EXT2_INDEX_FL 0x1000  /* hashed directory index (ignored, cleared on change) */

/* The superblock, at byte 1024 of the device (fields we use named). */
struct ext2_super {
	uint32_t inodes_count, blocks_count, r_blocks_count;
	uint32_t free_blocks_count, free_inodes_count;
	uint32_t first_data_block, log_block_size, log_frag_size;
	uint32_t blocks_per_group, frags_per_group, inodes_per_group;
	uint32_t mtime, wtime;
	uint16_t mnt_count;
	int16_t max_mnt_count;
	uint16_t magic, state, errors, minor_rev_level;
	uint32_t lastcheck, checkinterval, creator_os, rev_level;
	uint16_t def_resuid, def_resgid;
	uint32_t first_ino;
	uint16_t inode_size, block_group_nr;
	uint32_t feature_compat, feature_incompat, feature_ro_compat;
	uint8_t rest[1024 - 104];
};

struct ext2_group_desc {
	uint32_t block_bitmap, inode_bitmap, inode_table;
	uint16_t free_blocks_count, free_inodes_count, used_dirs_count, pad;
	uint32_t reserved[3];
};

/* The first 128 bytes of an on-disk inode (larger inodes keep the rest). */
struct ext2_dinode {
	uint16_t mode, uid;
	uint32_t size, atime, ctime, mtime, dtime;
	uint16_t gid, links_count;
	uint32_t blocks, flags, osd1;
	uint32_t block[EXT2_N_BLOCKS];
	uint32_t generation, file_acl, size_high, faddr;
	uint8_t frag, fsize;
	uint16_t pad;
	uint16_t uid_high, gid_high;
	uint32_t reserved;
};

struct ext2_dirent {
	uint32_t inode;
	uint16_t rec_len;
	uint8_t name_len, file_type;
	char name[];
};
#define EXT2_DIRENT_HDR 8
/* Bytes a record with an n-byte name needs (4-byte aligned). */
#define EXT2_REC_LEN(n) ((EXT2_DIRENT_HDR + (n) + 3u) & ~3u)

/* One mounted ext2 filesystem (super_block->private). */
struct ext2_sb {
	struct blkdev *bd;
	struct super_block *vsb;
	struct buf *sbuf;             /* the block holding the superblock */
	struct ext2_super *s;         /* inside sbuf */
	struct buf **gdbufs;          /* group descriptor blocks, referenced */
	uint32_t ngroups, gd_per_block, ngdblocks;
	uint32_t bsize, inode_size, inodes_per_block, addr_per_block;
	uint32_t first_ino;
	bool read_only, filetype;
	struct list_head inodes;      /* struct ext2_inode in memory */
	struct list_head link;        /* in the list of mounted ext2s */
	unsigned int lock_depth;      /* a recursive sleeping lock per fs */
	void *lock_owner;
	struct waitqueue lock_wq;
};

/* The ext2 part of an in-memory inode (inode->private). */
struct ext2_inode {
	struct inode *vfs;
	struct list_head link;        /* in ext2_sb->inodes */
	uint32_t block[EXT2_N_BLOCKS];
	uint32_t flags, dtime, nblocks; /* nblocks: i_blocks, 512-byte units */
	uint32_t file_acl;            /* extended attribute block (kept, unused) */
};

static inline struct ext2_sb *EXT2_SB(struct super_block *sb) { return sb->private; }
static inline struct ext2_inode *EXT2_I(struct inode *i) { return i->private; }
static inline struct ext2_sb *EXT2_ISB(struct inode *i) { return EXT2_SB(i->sb); }

/* super.c */
void ext2_lock(struct ext2_sb *es);
void ext2_unlock(struct ext2_sb *es);
struct ext2_group_desc *ext2_group(struct ext2_sb *es, uint32_t g);
void ext2_group_dirty(struct ext2_sb *es, uint32_t g);
/* Is blk a possible data block (inside the fs, past the superblock)? */
bool ext2_block_ok(struct ext2_sb *es, uint32_t blk);
struct buf *ext2_bread(struct ext2_sb *es, uint32_t blk);
int ext2_sync_fs(struct super_block *sb);

/* alloc.c: bitmaps and free counts. Return a number or -errno. */
long ext2_alloc_block(struct ext2_sb *es, uint32_t goal);
void ext2_free_block(struct ext2_sb *es, uint32_t blk);
long ext2_alloc_inode(struct ext2_sb *es, uint32_t group, bool dir);
void ext2_free_inode(struct ext2_sb *es, uint32_t ino, bool dir);

/* inode.c */
struct inode *ext2_iget(struct ext2_sb *es, uint32_t ino);
/* A new inode of mode in dir's filesystem, linked nowhere yet (nlink 0). */
struct inode *ext2_new_inode(struct inode *dir, mode_t mode, dev_t rdev);
/* Copy the in-memory inode to its on-disk slot (in the block cache). */
int ext2_write_inode(struct inode *i);
void ext2_evict(struct inode *i);
int ext2_setattr(struct inode *i, const struct iattr *ia);
void ext2_getattr(struct inode *i, struct kstat *st);
void ext2_set_ops(struct inode *i);

/* bmap.c */
/* Physical block of logical block lblk (0: a hole); with `create`, fill a
 * hole (*fresh tells a new, zeroed-on-use block). */
int ext2_bmap(struct inode *i, uint64_t lblk, bool create, uint32_t *out, bool *fresh);
/* Logical block lblk of i mapped (allocated if a hole) and returned as a
 * zeroed, dirty, referenced buffer: for blocks about to be written whole. */
struct buf *ext2_new_block_buf(struct inode *i, uint64_t lblk);
/* Free every block at or past logical block `from`. */
int ext2_free_from(struct inode *i, uint64_t from);
uint64_t ext2_max_blocks(struct ext2_sb *es);

/* dir.c */
int ext2_dir_find(struct inode *dir, const char *name, size_t len, uint32_t *ino);
int ext2_dir_add(struct inode *dir, const char *name, size_t len, struct inode *i);
int ext2_dir_remove(struct inode *dir, const char *name, size_t len);
/* Point an existing entry at another inode (rename over a victim). */
int ext2_dir_retarget(struct inode *dir, const char *name, size_t len, struct inode *i);
int ext2_dir_is_empty(struct inode *dir);
int ext2_dir_init(struct inode *dir, struct inode *parent);
int ext2_dir_set_dotdot(struct inode *dir, struct inode *parent);
extern const struct file_operations ext2_dir_fops;

/* Is i a symlink with its target in i_block (no data block)? */
bool ext2_fast_symlink(struct inode *i);

/* file.c */
int ext2_fsync(struct file *f, bool datasync);
extern const struct file_operations ext2_file_fops;
/* Zero the bytes of the block holding `size` past it (before shrinking). */
int ext2_zero_tail(struct inode *i, int64_t size);

/* namei.c */
extern const struct inode_operations ext2_iops;

#endif
