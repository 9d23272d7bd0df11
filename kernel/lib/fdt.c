/*
 * Flattened device tree reader (Devicetree Specification, chapter 5).
 * fdt_init() walks the whole structure block once; every later read goes
 * through the same bounds-checked token decoder, so a malformed blob is
 * reported, never followed outside its bytes.
 */
#include <janux/compiler.h>
#include <janux/errno.h>
#include <janux/fdt.h>
#include <janux/string.h>

#define FDT_MAGIC 0xd00dfeedu
#define FDT_HEADER_SIZE 40
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint64_t fdt_read_cells(const void *p, int cells)
{
	const uint8_t *b = p;

	return cells == 2 ? (uint64_t)be32(b) << 32 | be32(b + 4) : be32(b);
}

static const uint8_t *sblock(const struct fdt *f)
{
	return f->blob + f->struct_off;
}

/* The string at `nameoff` in the strings block, or NULL if out of bounds
 * or not terminated inside the block. */
static const char *string_at(const struct fdt *f, uint32_t nameoff)
{
	const char *s = (const char *)f->blob + f->strings_off;

	if (nameoff >= f->strings_size ||
	    !memchr(s + nameoff, '\0', f->strings_size - nameoff))
		return NULL;
	return s + nameoff;
}

/*
 * Decode the token at `off`: store its tag and return the offset of the
 * next token, or -1 when the token or its payload is malformed.
 */
static int next_token(const struct fdt *f, int off, uint32_t *tag)
{
	const uint8_t *s = sblock(f);
	uint32_t end = f->struct_size, o = (uint32_t)off;

	if (off < 0 || o % 4 || end < 4 || o > end - 4)
		return -1;
	*tag = be32(s + o);
	o += 4;
	if (*tag == FDT_BEGIN_NODE) {
		const uint8_t *nul = memchr(s + o, '\0', end - o);

		if (!nul)
			return -1;
		o = (uint32_t)(nul - s) + 1;
	} else if (*tag == FDT_PROP) {
		uint32_t len;

		if (end - o < 8)
			return -1;
		len = be32(s + o);
		if (len > end - o - 8 || !string_at(f, be32(s + o + 4)))
			return -1;
		o += 8 + len;
	} else if (*tag != FDT_END_NODE && *tag != FDT_NOP && *tag != FDT_END) {
		return -1;
	}
	o = ALIGN_UP(o, 4u);
	return o > end ? -1 : (int)o;
}

/* Check the header fields and block bounds; NULL when they are sound. */
static const char *check_header(struct fdt *f, const uint8_t *b, size_t avail)
{
	uint32_t total, ver, comp;

	if (avail < FDT_HEADER_SIZE)
		return "blob shorter than the header";
	if (be32(b) != FDT_MAGIC)
		return "bad magic";
	total = be32(b + 4);
	ver = be32(b + 20);
	comp = be32(b + 24);
	if (total < FDT_HEADER_SIZE || total > avail)
		return "totalsize out of range";
	if (ver < 17 || comp > 17)
		return "unsupported version (need 17)";
	f->blob = b;
	f->size = total;
	f->struct_off = be32(b + 8);
	f->strings_off = be32(b + 12);
	f->rsvmap_off = be32(b + 16);
	f->strings_size = be32(b + 32);
	f->struct_size = be32(b + 36);
	if (f->struct_off > total || f->struct_size > total - f->struct_off ||
	    f->struct_off % 4 || f->struct_size % 4)
		return "structure block out of bounds";
	if (f->strings_off > total || f->strings_size > total - f->strings_off)
		return "strings block out of bounds";
	if (f->rsvmap_off % 8 || f->rsvmap_off > total - 16)
		return "reservation block out of bounds";
	return NULL;
}

/* Walk every token once: balanced nodes, one root, FDT_END last. */
static const char *check_structure(struct fdt *f)
{
	int off = 0, depth = 0, roots = 0;
	uint32_t tag;

	f->root = -1;
	for (;;) {
		int next = next_token(f, off, &tag);

		if (next < 0)
			return "malformed token";
		if (tag == FDT_BEGIN_NODE) {
			if (depth == 0 && roots++)
				return "more than one root node";
			if (depth == 0)
				f->root = off;
			if (++depth > FDT_MAX_DEPTH)
				return "nodes nested too deeply";
		} else if (tag == FDT_END_NODE) {
			if (--depth < 0)
				return "unbalanced end of node";
		} else if (tag == FDT_PROP && depth == 0) {
			return "property outside a node";
		} else if (tag == FDT_END) {
			break;
		}
		off = next;
	}
	if (depth != 0 || f->root < 0)
		return depth ? "unterminated node" : "no root node";
	return NULL;
}

int fdt_init(struct fdt *f, const void *blob, size_t avail, const char **why)
{
	const char *err;

	memset(f, 0, sizeof(*f));
	f->walk_node = -1;
	err = blob ? check_header(f, blob, avail) : "no blob";
	if (!err)
		err = check_structure(f);
	if (why)
		*why = err;
	return err ? -EINVAL : 0;
}

int fdt_next_node(const struct fdt *f, int node, int *depth)
{
	uint32_t tag;
	int off;

	if (node < 0)
		return f->root;
	off = next_token(f, node, &tag);
	if (off < 0 || tag != FDT_BEGIN_NODE)
		return -1;
	++*depth;
	for (;;) {
		int next = next_token(f, off, &tag);

		if (next < 0 || tag == FDT_END)
			return -1;
		if (tag == FDT_BEGIN_NODE)
			return off;
		if (tag == FDT_END_NODE)
			--*depth;
		off = next;
	}
}

int fdt_first_child(const struct fdt *f, int node)
{
	int depth = 0, next;

	if (node < 0)
		return -1;
	next = fdt_next_node(f, node, &depth);
	return next >= 0 && depth == 1 ? next : -1;
}

int fdt_next_sibling(const struct fdt *f, int node)
{
	int depth = 0;

	if (node < 0)
		return -1;
	do
		node = fdt_next_node(f, node, &depth);
	while (node >= 0 && depth > 0);
	return node >= 0 && depth == 0 ? node : -1;
}

int fdt_parent(struct fdt *f, int node)
{
	bool resume = f->walk_node >= 0 && node >= f->walk_node;
	int depth = resume ? f->walk_depth : 0, off = resume ? f->walk_node : -1;

	f->walk_node = -1; /* the stack changes below; valid again on success */
	for (;;) {
		if (off == node) {
			f->walk_node = node;
			f->walk_depth = depth;
			return depth > 0 ? f->walk_stack[depth - 1] : -1;
		}
		off = fdt_next_node(f, off, &depth);
		if (off < 0 || off > node || depth < 0 || depth > FDT_MAX_DEPTH)
			return -1;
		f->walk_stack[depth] = off;
	}
}

const char *fdt_node_name(const struct fdt *f, int node)
{
	uint32_t tag;

	if (next_token(f, node, &tag) < 0 || tag != FDT_BEGIN_NODE)
		return "";
	return (const char *)sblock(f) + node + 4;
}

/* Does node name `name` match path component `comp` (length n)? */
static bool name_matches(const char *name, const char *comp, size_t n)
{
	if (strncmp(name, comp, n))
		return false;
	return name[n] == '\0' || (name[n] == '@' && !memchr(comp, '@', n));
}

int fdt_path(const struct fdt *f, const char *path)
{
	int node = f->root;

	if (path[0] != '/')
		return -1;
	while (node >= 0) {
		const char *comp = path;
		size_t n = 0;

		while (*comp == '/')
			comp++;
		while (comp[n] && comp[n] != '/')
			n++;
		if (!n)
			break;
		for (node = fdt_first_child(f, node); node >= 0;
		     node = fdt_next_sibling(f, node))
			if (name_matches(fdt_node_name(f, node), comp, n))
				break;
		path = comp + n;
	}
	return node;
}

const void *fdt_getprop(const struct fdt *f, int node, const char *name, int *len)
{
	uint32_t tag;
	int off = next_token(f, node, &tag);

	if (off < 0 || tag != FDT_BEGIN_NODE)
		return NULL;
	for (;;) {
		int next = next_token(f, off, &tag);
		const uint8_t *p = sblock(f) + off;

		if (next < 0 || (tag != FDT_PROP && tag != FDT_NOP))
			return NULL;
		if (tag == FDT_PROP && !strcmp(string_at(f, be32(p + 8)), name)) {
			if (len)
				*len = (int)be32(p + 4);
			return p + 12;
		}
		off = next;
	}
}

const char *fdt_prop_str(const struct fdt *f, int node, const char *name)
{
	int len;
	const char *s = fdt_getprop(f, node, name, &len);

	return s && len > 0 && s[len - 1] == '\0' ? s : NULL;
}

bool fdt_prop_u32(const struct fdt *f, int node, const char *name, uint32_t *val)
{
	int len;
	const void *p = fdt_getprop(f, node, name, &len);

	if (!p || len != 4)
		return false;
	*val = be32(p);
	return true;
}

bool fdt_is_compatible(const struct fdt *f, int node, const char *compat)
{
	int len;
	const char *s = fdt_getprop(f, node, "compatible", &len);
	size_t want = strlen(compat);

	while (s && len > 0) {
		const char *nul = memchr(s, '\0', (size_t)len);
		size_t n = nul ? (size_t)(nul - s) : (size_t)len;

		if (n == want && !memcmp(s, compat, n))
			return true;
		s += n + 1;
		len -= (int)n + 1;
	}
	return false;
}

int fdt_find_compatible(const struct fdt *f, int from, const char *compat)
{
	int depth = 0, node = fdt_next_node(f, from, &depth);

	while (node >= 0 && !fdt_is_compatible(f, node, compat))
		node = fdt_next_node(f, node, &depth);
	return node;
}

int fdt_reg(struct fdt *f, int node, int idx, uint64_t *addr, uint64_t *size)
{
	uint32_t ac = 2, sc = 1;
	int parent = fdt_parent(f, node), len;
	const uint8_t *p;
	size_t entry;

	if (parent >= 0) {
		fdt_prop_u32(f, parent, "#address-cells", &ac);
		fdt_prop_u32(f, parent, "#size-cells", &sc);
	}
	if (ac < 1 || ac > 2 || sc > 2)
		return -EINVAL;
	p = fdt_getprop(f, node, "reg", &len);
	entry = 4 * (ac + sc);
	if (!p || idx < 0 || (size_t)len / entry <= (size_t)idx)
		return -ENOENT;
	p += entry * (size_t)idx;
	*addr = fdt_read_cells(p, (int)ac);
	*size = sc ? fdt_read_cells(p + 4 * ac, (int)sc) : 0;
	return 0;
}

int fdt_reserved(const struct fdt *f, int idx, uint64_t *addr, uint64_t *size)
{
	if (idx < 0)
		return -ENOENT;
	for (int i = 0; i <= idx; i++) {
		uint32_t off = f->rsvmap_off + 16 * (uint32_t)i;
		uint64_t a, s;

		if (off > f->size - 16)
			return -ENOENT;
		a = fdt_read_cells(f->blob + off, 2);
		s = fdt_read_cells(f->blob + off + 8, 2);
		if (!a && !s)
			return -ENOENT;
		if (i == idx) {
			*addr = a;
			*size = s;
		}
	}
	return 0;
}
