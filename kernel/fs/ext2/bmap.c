/*
 * ext2 block map: logical file blocks to device blocks through the 12
 * direct pointers and the single, double and triple indirect blocks;
 * allocation on write and freeing on truncate. Every pointer read from
 * disk is checked to lie inside the filesystem (-EIO otherwise).
 */
#include <janux/errno.h>
#include "ext2.h"

uint64_t ext2_max_blocks(struct ext2_sb *es)
{
	uint64_t p = es->addr_per_block;
	uint64_t tree = EXT2_NDIR + p + p * p + p * p * p;
	/* i_blocks counts 512-byte units in 32 bits; keep clear of it. */
	uint64_t cap = (es->s->feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE) ?
		       (1ull << 40) / es->bsize : ((1ull << 31) - es->bsize) / es->bsize;

	return tree < cap ? tree : cap;
}

/* The slots leading to lblk: off[0] in i_block, then one per indirect
 * level. Returns the number of levels (1..4) or -EFBIG. */
static int block_path(struct ext2_sb *es, uint64_t lblk, uint32_t off[4])
{
	uint64_t p = es->addr_per_block;

	if (lblk < EXT2_NDIR) {
		off[0] = (uint32_t)lblk;
		return 1;
	}
	lblk -= EXT2_NDIR;
	if (lblk < p) {
		off[0] = EXT2_IND, off[1] = (uint32_t)lblk;
		return 2;
	}
	lblk -= p;
	if (lblk < p * p) {
		off[0] = EXT2_DIND, off[1] = (uint32_t)(lblk / p), off[2] = (uint32_t)(lblk % p);
		return 3;
	}
	lblk -= p * p;
	if (lblk < p * p * p) {
		off[0] = EXT2_TIND, off[1] = (uint32_t)(lblk / (p * p));
		off[2] = (uint32_t)(lblk / p % p), off[3] = (uint32_t)(lblk % p);
		return 4;
	}
	return -EFBIG;
}

/* Allocate a block for *slot near goal and count it in i_blocks. */
static int alloc_into(struct inode *i, uint32_t *slot, uint32_t goal)
{
	struct ext2_sb *es = EXT2_ISB(i);
	long blk = ext2_alloc_block(es, goal);

	if (blk < 0)
		return (int)blk;
	*slot = (uint32_t)blk;
	EXT2_I(i)->nblocks += es->bsize / 512;
	return 0;
}

/* Where a file's first block should go: the start of its inode's group. */
static uint32_t inode_goal(struct inode *i)
{
	struct ext2_sb *es = EXT2_ISB(i);
	uint32_t g = (uint32_t)(i->ino - 1) / es->s->inodes_per_group;

	return es->s->first_data_block + g * es->s->blocks_per_group;
}

/* One step down: entry off of indirect block blk (fresh: zero it first). */
static int walk_ind(struct inode *i, uint32_t *blk, uint32_t off, bool create, bool *fresh)
{
	struct ext2_sb *es = EXT2_ISB(i);
	struct buf *b = *fresh ? bzero_get(es->bd, *blk, es->bsize) : ext2_bread(es, *blk);
	uint32_t *e;
	int err = 0;

	if (IS_ERR(b))
		return (int)PTR_ERR(b);
	e = (uint32_t *)b->data;
	*fresh = false;
	if (!e[off] && create) {
		err = alloc_into(i, &e[off], off && e[off - 1] ? e[off - 1] + 1 : *blk + 1);
		*fresh = !err;
		bdirty(b);
	} else if (e[off] && !ext2_block_ok(es, e[off])) {
		err = -EIO;
	}
	*blk = e[off];
	brelse(b);
	return err;
}

int ext2_bmap(struct inode *i, uint64_t lblk, bool create, uint32_t *out, bool *fresh)
{
	struct ext2_sb *es = EXT2_ISB(i);
	struct ext2_inode *ei = EXT2_I(i);
	uint32_t off[4], blk;
	int n = block_path(es, lblk, off), err = 0;
	bool isnew = false, changed;

	if (n < 0)
		return n;
	blk = ei->block[off[0]];
	if (!blk && create) {
		uint32_t goal = off[0] && off[0] < EXT2_NDIR && ei->block[off[0] - 1] ?
				ei->block[off[0] - 1] + 1 : inode_goal(i);

		err = alloc_into(i, &ei->block[off[0]], goal);
		blk = ei->block[off[0]];
		isnew = !err;
	} else if (blk && !ext2_block_ok(es, blk)) {
		err = -EIO;
	}
	changed = isnew;
	for (int lvl = 1; !err && blk && lvl < n; lvl++) {
		err = walk_ind(i, &blk, off[lvl], create, &isnew);
		changed |= isnew;
	}
	if (changed)
		ext2_write_inode(i);
	*out = err ? 0 : blk;
	if (fresh)
		*fresh = isnew;
	return err;
}

/* Free the subtree in *slot (depth 0: a data block) from relative leaf
 * `from` on; the block itself goes when nothing in it is left. */
static void free_tree(struct inode *i, uint32_t *slot, int depth, uint64_t from)
{
	struct ext2_sb *es = EXT2_ISB(i);
	uint64_t span = 1;
	bool empty = true;
	struct buf *b;
	uint32_t *e;

	if (!*slot)
		return;
	if (depth > 0 && ext2_block_ok(es, *slot)) {
		for (int k = 1; k < depth; k++)
			span *= es->addr_per_block;
		b = ext2_bread(es, *slot);
		if (IS_ERR(b))
			return; /* unreadable: keep it rather than guess */
		e = (uint32_t *)b->data;
		for (uint32_t k = 0; k < es->addr_per_block; k++) {
			if ((k + 1) * span > from) {
				free_tree(i, &e[k], depth - 1, from > k * span ? from - k * span : 0);
				bdirty(b);
			}
			empty &= !e[k];
		}
		brelse(b);
	}
	if (empty && from == 0) {
		ext2_free_block(es, *slot);
		*slot = 0;
		EXT2_I(i)->nblocks -= es->bsize / 512;
	} else if (empty && depth > 0) {
		free_tree(i, slot, depth, 0); /* only holes were left before `from` */
	}
}

int ext2_free_from(struct inode *i, uint64_t from)
{
	struct ext2_inode *ei = EXT2_I(i);
	uint64_t p = EXT2_ISB(i)->addr_per_block, base = EXT2_NDIR, span = p;

	for (uint64_t k = from; k < EXT2_NDIR; k++)
		free_tree(i, &ei->block[k], 0, 0);
	for (int lvl = 1; lvl <= 3; lvl++) {
		if (from < base + span)
			free_tree(i, &ei->block[EXT2_NDIR + lvl - 1], lvl,
				  from > base ? from - base : 0);
		base += span;
		span *= p;
	}
	return ext2_write_inode(i);
}

struct buf *ext2_new_block_buf(struct inode *i, uint64_t lblk)
{
	uint32_t pb;
	int err = ext2_bmap(i, lblk, true, &pb, NULL);

	return err ? ERR_PTR(err) : bzero_get(EXT2_ISB(i)->bd, pb, EXT2_ISB(i)->bsize);
}
