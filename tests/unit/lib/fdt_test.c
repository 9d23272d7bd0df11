/* kernel/lib/fdt.c: lookups on a well-formed tree, rejection of malformed
 * blobs, and no out-of-bounds read on truncated or corrupted input. */
#include <stdlib.h>
#include <string.h>

#include <janux/errno.h>
#include <janux/fdt.h>
#include "ktest.h"

/* A small DTB writer, enough to build test trees by hand. */
struct fdtw {
	uint8_t st[2048];
	size_t slen;
	char str[512];
	size_t strlen;
	uint8_t out[4096];
	size_t outlen;
};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static void tok(struct fdtw *w, uint32_t v)
{
	put32(w->st + w->slen, v);
	w->slen += 4;
}

static void begin(struct fdtw *w, const char *name)
{
	tok(w, 1);
	strcpy((char *)w->st + w->slen, name);
	w->slen = (w->slen + strlen(name) + 1 + 3) & ~(size_t)3;
}

static void prop(struct fdtw *w, const char *name, const void *v, size_t len)
{
	tok(w, 3);
	tok(w, len);
	tok(w, w->strlen);
	strcpy(w->str + w->strlen, name);
	w->strlen += strlen(name) + 1;
	memcpy(w->st + w->slen, v, len);
	w->slen = (w->slen + len + 3) & ~(size_t)3;
}

static void prop_u32s(struct fdtw *w, const char *name, int n, const uint32_t *v)
{
	uint8_t b[64];

	for (int i = 0; i < n; i++)
		put32(b + 4 * i, v[i]);
	prop(w, name, b, 4 * (size_t)n);
}

static void end(struct fdtw *w) { tok(w, 2); }

/* Header (40 bytes), one reservation entry + terminator, structure, strings. */
static void finish(struct fdtw *w)
{
	uint8_t *o = w->out;
	size_t rsv = 40, st = rsv + 32, strs;

	tok(w, 9);
	strs = st + w->slen;
	memset(o, 0, sizeof(w->out));
	put32(o, 0xd00dfeed);
	put32(o + 8, st);
	put32(o + 12, strs);
	put32(o + 16, rsv);
	put32(o + 20, 17);
	put32(o + 24, 16);
	put32(o + 32, w->strlen);
	put32(o + 36, w->slen);
	put32(o + rsv + 4, 0x48000000);   /* reserve 0x48000000 + 0x1000 */
	put32(o + rsv + 12, 0x1000);
	memcpy(o + st, w->st, w->slen);
	memcpy(o + strs, w->str, w->strlen);
	w->outlen = strs + w->strlen;
	put32(o + 4, w->outlen);
}

/* Roughly what QEMU virt hands a kernel. */
static void build_virt(struct fdtw *w)
{
	uint32_t two = 2, one = 1;
	uint32_t mem[] = {0, 0x40000000, 0, 0x8000000};
	uint32_t uart[] = {0, 0x9000000, 0, 0x1000};
	uint32_t small[] = {0x1000, 0x100, 0x2000, 0x100};

	memset(w, 0, sizeof(*w));
	begin(w, "");
	prop_u32s(w, "#address-cells", 1, &two);
	prop_u32s(w, "#size-cells", 1, &two);
	begin(w, "memory@40000000");
	prop(w, "device_type", "memory", 7);
	prop_u32s(w, "reg", 4, mem);
	end(w);
	begin(w, "pl011@9000000");
	prop(w, "compatible", "arm,pl011\0arm,primecell", 23);
	prop_u32s(w, "reg", 4, uart);
	end(w);
	begin(w, "chosen");
	prop(w, "bootargs", "loglevel=8 init=/bin/sh", 24);
	end(w);
	begin(w, "bus");
	prop_u32s(w, "#address-cells", 1, &one);
	prop_u32s(w, "#size-cells", 1, &one);
	begin(w, "dev@1000");
	prop(w, "compatible", "arm,pl011", 10);
	prop_u32s(w, "reg", 4, small);
	end(w);
	end(w);
	end(w);
	finish(w);
}

KTEST(fdt, finds_nodes_props_and_reg_entries)
{
	static struct fdtw w;
	struct fdt f;
	uint64_t a, s;
	int mem, uart, dev, bus;

	build_virt(&w);
	KT_ASSERT(fdt_init(&f, w.out, w.outlen, NULL) == 0);
	mem = fdt_path(&f, "/memory");
	KT_ASSERT(mem >= 0);
	KT_EQ_STR(fdt_node_name(&f, mem), "memory@40000000");
	KT_EQ_INT(fdt_reg(&f, mem, 0, &a, &s), 0);
	KT_EQ_INT(a, 0x40000000);
	KT_EQ_INT(s, 0x8000000);
	KT_EQ_INT(fdt_reg(&f, mem, 1, &a, &s), -ENOENT);
	KT_EQ_STR(fdt_prop_str(&f, fdt_path(&f, "/chosen"), "bootargs"),
		  "loglevel=8 init=/bin/sh");
	uart = fdt_find_compatible(&f, -1, "arm,primecell");
	KT_EQ_INT(uart, fdt_path(&f, "/pl011@9000000"));
	dev = fdt_find_compatible(&f, uart, "arm,pl011");
	bus = fdt_path(&f, "/bus");
	KT_EQ_INT(dev, fdt_path(&f, "/bus/dev"));
	KT_EQ_INT(fdt_parent(&f, dev), bus);
	KT_EQ_INT(fdt_parent(&f, bus), f.root);
	KT_EQ_INT(fdt_parent(&f, f.root), -1);
	/* In document order the walk resumes; backwards it restarts. */
	KT_EQ_INT(fdt_parent(&f, uart), f.root);
	KT_EQ_INT(fdt_parent(&f, bus), f.root);
	KT_EQ_INT(fdt_parent(&f, dev), bus);
	KT_EQ_INT(fdt_parent(&f, dev), bus);
	KT_EQ_INT(fdt_parent(&f, dev + 4), -1); /* not a node's offset */
	KT_EQ_INT(fdt_parent(&f, uart), f.root);
	KT_EQ_INT(fdt_parent(&f, mem), f.root);
	KT_EQ_INT(fdt_reg(&f, dev, 1, &a, &s), 0);   /* 1+1 cells from /bus */
	KT_EQ_INT(a, 0x2000);
	KT_EQ_INT(s, 0x100);
	KT_EQ_INT(fdt_find_compatible(&f, dev, "arm,pl011"), -1);
	KT_EQ_INT(fdt_path(&f, "/nope"), -1);
	KT_EQ_INT(fdt_path(&f, "chosen"), -1);
	KT_EQ_INT(fdt_path(&f, "/"), f.root);
	KT_EXPECT(!fdt_is_compatible(&f, uart, "arm,pl01"));
	KT_EXPECT(fdt_getprop(&f, uart, "missing", NULL) == NULL);
}

KTEST(fdt, children_siblings_and_reservations)
{
	static struct fdtw w;
	struct fdt f;
	uint64_t a, s;
	uint32_t v;
	int n = 0;

	build_virt(&w);
	KT_ASSERT(fdt_init(&f, w.out, w.outlen, NULL) == 0);
	for (int c = fdt_first_child(&f, f.root); c >= 0; c = fdt_next_sibling(&f, c))
		n++;
	KT_EQ_INT(n, 4);
	KT_EQ_INT(fdt_first_child(&f, fdt_path(&f, "/chosen")), -1);
	KT_EXPECT(fdt_prop_u32(&f, f.root, "#size-cells", &v) && v == 2);
	KT_EXPECT(!fdt_prop_u32(&f, fdt_path(&f, "/memory"), "reg", &v));
	KT_EQ_INT(fdt_reserved(&f, 0, &a, &s), 0);
	KT_EQ_INT(a, 0x48000000);
	KT_EQ_INT(s, 0x1000);
	KT_EQ_INT(fdt_reserved(&f, 1, &a, &s), -ENOENT);
	KT_EQ_INT(fdt_reserved(&f, -1, &a, &s), -ENOENT);
}

/* Build, patch one 32-bit word of the output, and expect rejection. */
static void expect_rejected(size_t at, uint32_t val, const char *why_want)
{
	static struct fdtw w;
	struct fdt f;
	const char *why = NULL;

	build_virt(&w);
	put32(w.out + at, val);
	KT_EQ_INT(fdt_init(&f, w.out, w.outlen, &why), -EINVAL);
	KT_EQ_STR(why, why_want);
}

KTEST(fdt, rejects_bad_headers)
{
	expect_rejected(0, 0xd00dfeee, "bad magic");
	expect_rejected(4, 0x10000, "totalsize out of range");
	expect_rejected(20, 16, "unsupported version (need 17)");
	expect_rejected(8, 0xfffffff0, "structure block out of bounds");
	expect_rejected(36, 0x7ffffff0, "structure block out of bounds");
	expect_rejected(32, 0x7ffffff0, "strings block out of bounds");
	expect_rejected(16, 0xffffff00, "reservation block out of bounds");
}

KTEST(fdt, rejects_bad_structure)
{
	size_t st = 72;

	expect_rejected(st, 7, "malformed token");            /* unknown tag */
	expect_rejected(st, 2, "unbalanced end of node");     /* END before BEGIN */
	expect_rejected(st, 3, "property outside a node");
	expect_rejected(st + 8, 0x7fffffff, "malformed token");  /* prop length */
	expect_rejected(st + 12, 0x10000, "malformed token");    /* name offset */
}

KTEST(fdt, rejects_short_blob_and_missing_end)
{
	static struct fdtw w;
	struct fdt f;
	const char *why;

	build_virt(&w);
	KT_EQ_INT(fdt_init(&f, w.out, 39, &why), -EINVAL);
	KT_EQ_STR(why, "blob shorter than the header");
	KT_EQ_INT(fdt_init(&f, w.out, w.outlen - 1, &why), -EINVAL);
	KT_EQ_STR(why, "totalsize out of range");
	KT_EQ_INT(fdt_init(&f, NULL, 100, &why), -EINVAL);
	/* Drop the final END_NODE + END: the root is never closed. */
	memset(&w, 0, sizeof(w));
	begin(&w, "");
	begin(&w, "a");
	end(&w);
	finish(&w);
	KT_EQ_INT(fdt_init(&f, w.out, w.outlen, &why), -EINVAL);
	KT_EQ_STR(why, "unterminated node");
}

KTEST(fdt, rejects_deep_nesting)
{
	static struct fdtw w;
	struct fdt f;
	const char *why;

	memset(&w, 0, sizeof(w));
	for (int i = 0; i <= FDT_MAX_DEPTH; i++)
		begin(&w, "n");
	for (int i = 0; i <= FDT_MAX_DEPTH; i++)
		end(&w);
	finish(&w);
	KT_EQ_INT(fdt_init(&f, w.out, w.outlen, &why), -EINVAL);
	KT_EQ_STR(why, "nodes nested too deeply");
}

/* Run every accessor over whatever fdt_init() accepted (ASan watches). */
static void exercise(struct fdt *f)
{
	uint64_t a, s;
	uint32_t v;
	int depth = 0;

	for (int n = fdt_next_node(f, -1, &depth); n >= 0; n = fdt_next_node(f, n, &depth)) {
		fdt_reg(f, n, 0, &a, &s);
		fdt_prop_u32(f, n, "#size-cells", &v);
		fdt_prop_str(f, n, "bootargs");
		fdt_is_compatible(f, n, "arm,pl011");
		fdt_parent(f, n);
		fdt_next_sibling(f, n);
	}
	fdt_path(f, "/bus/dev@1000");
	fdt_reserved(f, 0, &a, &s);
}

KTEST(fdt, truncated_or_corrupted_blobs_never_read_out_of_bounds)
{
	static struct fdtw w;
	struct fdt f;
	int accepted = 0;

	build_virt(&w);
	for (size_t n = 0; n < w.outlen; n++) {
		/* A copy of exactly n bytes so ASan sees any overread. */
		uint8_t *copy = malloc(n ? n : 1);

		memcpy(copy, w.out, n);
		KT_EXPECT(fdt_init(&f, copy, n, NULL) == -EINVAL);
		free(copy);
	}
	for (size_t i = 0; i < w.outlen; i++) {
		for (int bit = 0; bit < 8; bit += 3) {
			uint8_t *copy = malloc(w.outlen);

			memcpy(copy, w.out, w.outlen);
			copy[i] ^= (uint8_t)(1u << bit);
			if (fdt_init(&f, copy, w.outlen, NULL) == 0) {
				exercise(&f);
				accepted++;
			}
			free(copy);
		}
	}
	KT_EXPECT(accepted > 0);  /* flips in values/strings stay well-formed */
}
