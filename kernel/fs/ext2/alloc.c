/*
 * ext2 allocation: block and inode bitmaps, with the free counts of the
 * group descriptors and the superblock kept equal to them.
 */
#include <janux/errno.h>
#include <janux/printk.h>
#include "../internal.h"
#include "ext2.h"

/* Take the first clear bit of bitmap block bm in [lo, nbits), searching
 * from `start` and wrapping to lo; set it. The bit, or -ENOSPC/-EIO. */
static long bitmap_take(struct ext2_sb *es, uint32_t bm, uint32_t lo, uint32_t nbits,
			uint32_t start)
{
	struct buf *b = ext2_bread(es, bm);
	long found = -ENOSPC;

	if (IS_ERR(b))
		return PTR_ERR(b);
	if (start < lo || start >= nbits)
		start = lo;
	for (uint32_t n = 0, bit = start; n < nbits - lo; n++) {
		if (bit % 8 == 0 && b->data[bit / 8] == 0xff && bit + 8 <= nbits) {
			n += 7; /* a full byte: skip it whole */
			bit += 8;
		} else if (!(b->data[bit / 8] & (1u << (bit % 8)))) {
			b->data[bit / 8] |= (uint8_t)(1u << (bit % 8));
			bdirty(b);
			found = bit;
			break;
		} else {
			bit++;
		}
		if (bit >= nbits)
			bit = lo;
	}
	brelse(b);
	return found;
}

/* Clear bit `bit` of bitmap block bm; 1 if it was set, 0 if not, -errno. */
static int bitmap_clear(struct ext2_sb *es, uint32_t bm, uint32_t bit)
{
	struct buf *b = ext2_bread(es, bm);
	int was;

	if (IS_ERR(b))
		return (int)PTR_ERR(b);
	was = !!(b->data[bit / 8] & (1u << (bit % 8)));
	b->data[bit / 8] &= (uint8_t) ~(1u << (bit % 8));
	bdirty(b);
	brelse(b);
	return was;
}

/* Blocks in group g (the last group may be short). */
static uint32_t group_blocks(struct ext2_sb *es, uint32_t g)
{
	uint32_t bpg = es->s->blocks_per_group;
	uint32_t left = es->s->blocks_count - es->s->first_data_block - g * bpg;

	return left < bpg ? left : bpg;
}

/* The superuser's reserve: others get ENOSPC once only it is left. */
static bool may_use_block(struct ext2_sb *es)
{
	return es->s->free_blocks_count > es->s->r_blocks_count || cred_is_root(vfs_cred());
}

long ext2_alloc_block(struct ext2_sb *es, uint32_t goal)
{
	uint32_t bpg = es->s->blocks_per_group, fdb = es->s->first_data_block;
	uint32_t g0;

	if (!es->s->free_blocks_count || !may_use_block(es))
		return -ENOSPC;
	if (!ext2_block_ok(es, goal))
		goal = fdb;
	g0 = (goal - fdb) / bpg;
	for (uint32_t n = 0; n < es->ngroups; n++) {
		uint32_t g = (g0 + n) % es->ngroups;
		struct ext2_group_desc *gd = ext2_group(es, g);
		long bit;

		if (!gd->free_blocks_count)
			continue;
		bit = bitmap_take(es, gd->block_bitmap, 0, group_blocks(es, g),
				  n ? 0 : (goal - fdb) % bpg);
		if (bit == -ENOSPC)
			continue; /* the count was wrong; the bitmap rules */
		if (bit < 0)
			return bit;
		gd->free_blocks_count--;
		es->s->free_blocks_count--;
		ext2_group_dirty(es, g);
		if (!ext2_block_ok(es, fdb + g * bpg + (uint32_t)bit))
			return -EIO;
		return fdb + g * bpg + bit;
	}
	return -ENOSPC;
}

void ext2_free_block(struct ext2_sb *es, uint32_t blk)
{
	uint32_t bpg = es->s->blocks_per_group, g;
	int was;

	if (!ext2_block_ok(es, blk))
		return;
	g = (blk - es->s->first_data_block) / bpg;
	was = bitmap_clear(es, ext2_group(es, g)->block_bitmap,
			   (blk - es->s->first_data_block) % bpg);
	if (was == 1) {
		ext2_group(es, g)->free_blocks_count++;
		es->s->free_blocks_count++;
		ext2_group_dirty(es, g);
	} else if (was == 0) {
		pr_warn("ext2: freeing free block %u\n", blk);
	}
}

/* Where a new inode goes: a directory in the group with the most free
 * inodes, anything else near its parent. */
static uint32_t inode_goal_group(struct ext2_sb *es, uint32_t group, bool dir)
{
	uint32_t best = group % es->ngroups;

	if (dir)
		for (uint32_t g = 0; g < es->ngroups; g++)
			if (ext2_group(es, g)->free_inodes_count >
			    ext2_group(es, best)->free_inodes_count)
				best = g;
	return best;
}

long ext2_alloc_inode(struct ext2_sb *es, uint32_t group, bool dir)
{
	uint32_t ipg = es->s->inodes_per_group, g0 = inode_goal_group(es, group, dir);

	if (!es->s->free_inodes_count)
		return -ENOSPC;
	for (uint32_t n = 0; n < es->ngroups; n++) {
		uint32_t g = (g0 + n) % es->ngroups, lo = g ? 0 : es->first_ino - 1;
		struct ext2_group_desc *gd = ext2_group(es, g);
		long bit;

		if (!gd->free_inodes_count || lo >= ipg)
			continue;
		bit = bitmap_take(es, gd->inode_bitmap, lo, ipg, lo);
		if (bit == -ENOSPC)
			continue;
		if (bit < 0)
			return bit;
		gd->free_inodes_count--;
		es->s->free_inodes_count--;
		if (dir)
			gd->used_dirs_count++;
		ext2_group_dirty(es, g);
		return (long)g * ipg + bit + 1;
	}
	return -ENOSPC;
}

void ext2_free_inode(struct ext2_sb *es, uint32_t ino, bool dir)
{
	uint32_t ipg = es->s->inodes_per_group, g = (ino - 1) / ipg;
	struct ext2_group_desc *gd;
	int was;

	if (ino < es->first_ino || ino > es->s->inodes_count)
		return;
	gd = ext2_group(es, g);
	was = bitmap_clear(es, gd->inode_bitmap, (ino - 1) % ipg);
	if (was != 1)
		return;
	gd->free_inodes_count++;
	es->s->free_inodes_count++;
	if (dir && gd->used_dirs_count)
		gd->used_dirs_count--;
	ext2_group_dirty(es, g);
}
