/*
 * Flattened device tree (DTB) reader: the format is arch-neutral, so is
 * this. Every read is bounds-checked; a malformed blob is rejected by
 * fdt_init() with a reason, and no accessor reads outside the blob.
 *
 * Nodes are named by their offset in the structure block (>= 0); -1 means
 * "none". Offsets come only from these functions.
 */
#ifndef JANUX_FDT_H
#define JANUX_FDT_H

#include <janux/types.h>

/* Deepest node nesting fdt_init() accepts. */
#define FDT_MAX_DEPTH 32

struct fdt {
	const uint8_t *blob;
	uint32_t size;          /* header totalsize */
	uint32_t struct_off;    /* structure block: offset and size */
	uint32_t struct_size;
	uint32_t strings_off;   /* strings block: offset and size */
	uint32_t strings_size;
	uint32_t rsvmap_off;    /* memory reservation block */
	int root;               /* offset of the root node */
	/* fdt_parent's walk so far: node `walk_node` (-1: none) at depth
	 * `walk_depth`, its ancestors in walk_stack[0..walk_depth-1]. Queries
	 * in document order (a driver scanning devices) resume from it. */
	int walk_node, walk_depth;
	int walk_stack[FDT_MAX_DEPTH + 1];
};

/*
 * Check the blob at `blob` (at most `avail` readable bytes) completely:
 * header, block bounds, every token, name and string offset, and nesting.
 * On success fill *f and return 0. On failure return -EINVAL and point
 * *why (when not NULL) at a static text naming the first problem.
 * Only version 17 blobs (the current format, what QEMU and dtc write).
 */
int fdt_init(struct fdt *f, const void *blob, size_t avail, const char **why);

/*
 * Next node after `node` in document order, or -1 at the end. *depth is
 * adjusted by the nesting change (+1 into a child, -n back out), so a
 * caller can tell children from siblings. Pass node = -1 to get the root.
 */
int fdt_next_node(const struct fdt *f, int node, int *depth);

/* First child / next sibling of a node, or -1. */
int fdt_first_child(const struct fdt *f, int node);
int fdt_next_sibling(const struct fdt *f, int node);

/* Parent of a node (-1 for the root or a bad offset). Walks from the root,
 * or on from the node of the previous call when `node` comes after it. */
int fdt_parent(struct fdt *f, int node);

/* The node's name with unit address ("uart@9000000"; "" for the root). */
const char *fdt_node_name(const struct fdt *f, int node);

/*
 * The node at an absolute path ("/chosen", "/soc/uart@1000"), or -1. A
 * path component without '@' also matches a node name with a unit address.
 */
int fdt_path(const struct fdt *f, const char *path);

/* The value of property `name` of `node` (length in *len), or NULL. */
const void *fdt_getprop(const struct fdt *f, int node, const char *name, int *len);

/* A property holding one NUL-terminated string, or NULL. */
const char *fdt_prop_str(const struct fdt *f, int node, const char *name);

/* A one-cell (32-bit) property into *val; false when absent or not 4 bytes. */
bool fdt_prop_u32(const struct fdt *f, int node, const char *name, uint32_t *val);

/* True when the node's "compatible" string list contains `compat`. */
bool fdt_is_compatible(const struct fdt *f, int node, const char *compat);

/* The next node after `from` (-1: search from the root) compatible with
 * `compat`, or -1. */
int fdt_find_compatible(const struct fdt *f, int from, const char *compat);

/*
 * Entry `idx` of the node's "reg" property, decoded with its parent's
 * #address-cells (default 2) and #size-cells (default 1), each at most 2.
 * Returns 0, -ENOENT when there is no such entry, -EINVAL on bad cells.
 */
int fdt_reg(struct fdt *f, int node, int idx, uint64_t *addr, uint64_t *size);

/* Read a big-endian value of `cells` 32-bit cells (1 or 2) at p. */
uint64_t fdt_read_cells(const void *p, int cells);

/*
 * Entry `idx` of the memory reservation block (/memreserve/). Returns 0,
 * or -ENOENT past the last entry.
 */
int fdt_reserved(const struct fdt *f, int idx, uint64_t *addr, uint64_t *size);

#endif
