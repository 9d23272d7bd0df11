/*
 * DEFLATE (RFC 1951) decoder and gzip (RFC 1952) container for compressed
 * initramfs images. Every input read and output write is bounds-checked.
 * Huffman codes are decoded through a table indexed by the next (up to 10)
 * input bits; the rare longer codes canonically from per-length counts.
 * CRC-32 is in crc32.c.
 */
#include <janux/errno.h>
#include <janux/inflate.h>
#include <janux/string.h>

#define MAXBITS 15
#define NLITLEN 288
#define NDIST 30
#define ROOT_BITS 10   /* widest lookup-table index */
#define SYM_BITS 9     /* table entry: symbol | code length << SYM_BITS */
#define SYM_MASK ((1u << SYM_BITS) - 1)
/* The per-symbol steps: inlined, so the decode loop's state stays in registers. */
#define HOT static inline __attribute__((always_inline))

struct inflate_state {
	const uint8_t *in;
	size_t inlen, inpos;
	uint8_t *out;
	size_t outcap, outpos;
	uint64_t bitbuf;     /* input bits not yet used, next one lowest */
	int bitcnt;          /* how many bits bitbuf holds */
};

struct huffman {
	uint16_t count[MAXBITS + 1];      /* codes of each length */
	uint16_t symbol[NLITLEN];         /* symbols in canonical order */
	uint16_t fast[1u << ROOT_BITS];   /* next `root` bits -> entry; 0: none */
	int root;                         /* index width of fast[] */
};

/*
 * The code tables (about 13 KB: too much for a kernel stack) live here, so
 * one inflate_raw() runs at a time; `tables_busy` turns away a second,
 * concurrent caller with -EBUSY. The fixed code's tables are built once.
 */
static struct {
	struct huffman lit, dist, clc;      /* a dynamic block's codes */
	struct huffman fixed_lit, fixed_dist;
	bool fixed_built;
} tables;
static int tables_busy;

/*
 * Top the bit buffer up to at least 56 bits, or to all the input left.
 * With 8 bytes to spare, one little-endian word read takes the whole bytes
 * that fit; the bits of the next byte it also ORs in above bitcnt are that
 * byte's own, so ORing them again later changes nothing.
 */
HOT void refill(struct inflate_state *s)
{
	if (s->inlen - s->inpos >= 8) {
		const uint8_t *p = s->in + s->inpos;
		uint64_t word = p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
			(uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
			(uint64_t)p[6] << 48 | (uint64_t)p[7] << 56; /* one load */

		s->bitbuf |= word << s->bitcnt;
		s->inpos += (size_t)(63 - s->bitcnt) >> 3;
		s->bitcnt |= 56;
		return;
	}
	while (s->bitcnt < 56 && s->inpos < s->inlen) {
		s->bitbuf |= (uint64_t)s->in[s->inpos++] << s->bitcnt;
		s->bitcnt += 8;
	}
}

HOT void dropbits(struct inflate_state *s, int n)
{
	s->bitbuf >>= n;
	s->bitcnt -= n;
}

/* Take `n` (<= 16) bits, least significant first; -ENODATA past the end. */
HOT int getbits(struct inflate_state *s, int n, uint32_t *val)
{
	if (s->bitcnt < n) {
		refill(s);
		if (s->bitcnt < n)
			return -ENODATA;
	}
	*val = (uint32_t)s->bitbuf & ((1u << n) - 1);
	dropbits(s, n);
	return 0;
}

/* Fill h->fast: every index whose low `len` bits are a code of len <= root
 * bits (codes arrive first bit first, so reversed) maps to that code. */
static void huffman_fill_fast(struct huffman *h)
{
	unsigned int code = 0, index = 0, size = 1u << h->root;

	memset(h->fast, 0, size * sizeof(h->fast[0]));
	for (int len = 1; len <= h->root; len++, code <<= 1) {
		for (int k = 0; k < h->count[len]; k++, code++) {
			unsigned int rev = 0;
			uint16_t entry = (uint16_t)(h->symbol[index++] | len << SYM_BITS);

			for (int b = 0; b < len; b++)
				rev |= ((code >> b) & 1) << (len - 1 - b);
			for (unsigned int i = rev; i < size; i += 1u << len)
				h->fast[i] = entry;
		}
	}
}

/*
 * Build a canonical code from code lengths. Returns 0 (complete or
 * incomplete code) or -EINVAL (over-subscribed).
 */
static int huffman_build(struct huffman *h, const uint8_t *lengths, int n)
{
	uint16_t offs[MAXBITS + 2];
	int left = 1, longest = 1;

	memset(h->count, 0, sizeof(h->count));
	for (int i = 0; i < n; i++)
		h->count[lengths[i]]++;
	for (int len = 1; len <= MAXBITS; len++) {
		left = left * 2 - h->count[len];
		if (left < 0)
			return -EINVAL;
		if (h->count[len])
			longest = len;
	}
	offs[1] = 0;
	for (int len = 1; len <= MAXBITS; len++)
		offs[len + 1] = (uint16_t)(offs[len] + h->count[len]);
	for (int i = 0; i < n; i++)
		if (lengths[i])
			h->symbol[offs[lengths[i]]++] = (uint16_t)i;
	h->root = longest < ROOT_BITS ? longest : ROOT_BITS;
	huffman_fill_fast(h);
	return 0;
}

/*
 * A code longer than h->root bits (or none), walked canonically a bit at a
 * time over the `avail` buffered bits: (length << 16 | symbol), -ENODATA
 * when the input ends inside it, -EINVAL when it is no code of h.
 */
static int huffman_decode_slow(const struct huffman *h, uint64_t bits, int avail)
{
	int code = 0, first = 0, index = 0;

	for (int len = 1; len <= MAXBITS; len++) {
		if (len > avail)
			return -ENODATA;
		code |= (int)(bits >> (len - 1)) & 1;
		if (code - first < h->count[len])
			return len << 16 | h->symbol[index + code - first];
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return -EINVAL;
}

/* Next symbol under code h, or -ENODATA (input ends inside it) or -EINVAL. */
HOT int huffman_decode(struct inflate_state *s, const struct huffman *h)
{
	unsigned int entry;
	int len, sym;

	if (s->bitcnt < MAXBITS)
		refill(s);
	entry = h->fast[s->bitbuf & ((1u << h->root) - 1)];
	len = (int)(entry >> SYM_BITS);
	sym = (int)(entry & SYM_MASK);
	if (!len) {
		sym = huffman_decode_slow(h, s->bitbuf, s->bitcnt);
		if (sym < 0)
			return sym;
		len = sym >> 16;
		sym &= 0xffff;
	} else if (len > s->bitcnt) {
		return -ENODATA; /* a code longer than the input left */
	}
	dropbits(s, len);
	return sym;
}

static const uint16_t len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };
static const uint8_t dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

/*
 * Copy `len` bytes from `dist` back in the output. Runs `dist` >= 8 apart
 * go 8 bytes at a time (a chunk only reads bytes already written), up to 7
 * bytes past the end when the output has room for them; shorter distances
 * repeat a byte at a time.
 */
HOT int copy_back(struct inflate_state *s, unsigned int len, unsigned int dist)
{
	uint8_t *to, *end;
	const uint8_t *from;

	if (dist > s->outpos)
		return -EINVAL;
	if (len > s->outcap - s->outpos)
		return -ENOSPC;
	to = s->out + s->outpos;
	from = to - dist;
	end = to + len;
	if (dist >= 8 && s->outcap - s->outpos >= len + 7) {
		for (; to < end; to += 8, from += 8)
			__builtin_memcpy(to, from, 8);
	} else if (dist == 1) {
		memset(to, *from, len);
	} else {
		while (to < end)
			*to++ = *from++;
	}
	s->outpos += len;
	return 0;
}

/* One length/distance pair after length symbol `sym` (257..285): copied. */
HOT int inflate_match(struct inflate_state *s, const struct huffman *dist, int sym)
{
	uint32_t extra, dextra;
	int dsym, err;

	sym -= 257;
	if (sym >= 29)
		return -EINVAL;
	if ((err = getbits(s, len_extra[sym], &extra)))
		return err;
	dsym = huffman_decode(s, dist);
	if (dsym < 0)
		return dsym;
	if (dsym >= 30)
		return -EINVAL;
	if ((err = getbits(s, dist_extra[dsym], &dextra)))
		return err;
	return copy_back(s, len_base[sym] + extra, dist_base[dsym] + dextra);
}

/*
 * Decode literal/length + distance symbols until end-of-block. The state is
 * worked on in a local copy: the compiler then keeps it in registers, as
 * the byte stores to the output cannot alias it.
 */
static int inflate_codes(struct inflate_state *io, const struct huffman *lit,
			 const struct huffman *dist)
{
	struct inflate_state s = *io;
	int err;

	for (;;) {
		int sym = huffman_decode(&s, lit);

		if (sym < 256) {
			if (sym < 0 || s.outpos >= s.outcap) {
				err = sym < 0 ? sym : -ENOSPC;
				break;
			}
			s.out[s.outpos++] = (uint8_t)sym;
		} else if (sym == 256) {
			err = 0;
			break;
		} else if ((err = inflate_match(&s, dist, sym))) {
			break;
		}
	}
	*io = s;
	return err;
}

static int inflate_stored(struct inflate_state *s)
{
	size_t len, nlen;

	/* To a byte boundary: the partial byte's bits go, whole bytes the
	 * bit buffer read ahead go back to the input. */
	s->inpos -= (size_t)(s->bitcnt / 8);
	s->bitbuf = 0;
	s->bitcnt = 0;
	if (s->inlen - s->inpos < 4)
		return -ENODATA;
	len = s->in[s->inpos] | (size_t)s->in[s->inpos + 1] << 8;
	nlen = s->in[s->inpos + 2] | (size_t)s->in[s->inpos + 3] << 8;
	s->inpos += 4;
	if (len != (~nlen & 0xffff))
		return -EINVAL;
	if (s->inlen - s->inpos < len)
		return -ENODATA;
	if (s->outcap - s->outpos < len)
		return -ENOSPC;
	memcpy(s->out + s->outpos, s->in + s->inpos, len);
	s->inpos += len;
	s->outpos += len;
	return 0;
}

static int inflate_fixed(struct inflate_state *s)
{
	uint8_t lengths[NLITLEN];

	if (!tables.fixed_built) {
		int i = 0;

		for (; i < 144; i++) lengths[i] = 8;
		for (; i < 256; i++) lengths[i] = 9;
		for (; i < 280; i++) lengths[i] = 7;
		for (; i < NLITLEN; i++) lengths[i] = 8;
		huffman_build(&tables.fixed_lit, lengths, NLITLEN);
		memset(lengths, 5, NDIST);
		huffman_build(&tables.fixed_dist, lengths, NDIST);
		tables.fixed_built = true;
	}
	return inflate_codes(s, &tables.fixed_lit, &tables.fixed_dist);
}

/* Code lengths of a dynamic block, run-length coded under a code-length code. */
static int read_lengths(struct inflate_state *s, const struct huffman *clc,
			uint8_t *lengths, int n)
{
	for (int i = 0; i < n;) {
		int sym = huffman_decode(s, clc), err;
		uint32_t rep;
		uint8_t val = 0;

		if (sym < 0)
			return sym;
		if (sym < 16) {
			lengths[i++] = (uint8_t)sym;
			continue;
		}
		if (sym == 16) {
			if (i == 0)
				return -EINVAL;
			val = lengths[i - 1];
			err = getbits(s, 2, &rep);
			rep += 3;
		} else if (sym == 17) {
			err = getbits(s, 3, &rep);
			rep += 3;
		} else {
			err = getbits(s, 7, &rep);
			rep += 11;
		}
		if (err)
			return err;
		if (i + (int)rep > n)
			return -EINVAL;
		while (rep--)
			lengths[i++] = val;
	}
	return 0;
}

static int inflate_dynamic(struct inflate_state *s)
{
	static const uint8_t order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
	uint8_t lengths[NLITLEN + NDIST] = { 0 };
	struct huffman *lit = &tables.lit, *dist = &tables.dist, *clc = &tables.clc;
	uint32_t hlit, hdist, hclen, v;
	int err;

	if ((err = getbits(s, 5, &hlit)) || (err = getbits(s, 5, &hdist)) ||
	    (err = getbits(s, 4, &hclen)))
		return err;
	hlit += 257;
	hdist += 1;
	if (hlit > 286 || hdist > NDIST)
		return -EINVAL;
	for (uint32_t i = 0; i < hclen + 4; i++) {
		if ((err = getbits(s, 3, &v)))
			return err;
		lengths[order[i]] = (uint8_t)v;
	}
	if (huffman_build(clc, lengths, 19))
		return -EINVAL;
	memset(lengths, 0, 19);
	if ((err = read_lengths(s, clc, lengths, (int)(hlit + hdist))))
		return err;
	if (!lengths[256])
		return -EINVAL; /* no end-of-block code */
	if (huffman_build(lit, lengths, (int)hlit) ||
	    huffman_build(dist, lengths + hlit, (int)hdist))
		return -EINVAL;
	return inflate_codes(s, lit, dist);
}

/* Blocks up to and including the last one; 0 or -errno. */
static int inflate_blocks(struct inflate_state *s)
{
	uint32_t last, type;
	int err;

	do {
		if ((err = getbits(s, 1, &last)) || (err = getbits(s, 2, &type)))
			return err;
		if (type == 0)
			err = inflate_stored(s);
		else if (type == 1)
			err = inflate_fixed(s);
		else if (type == 2)
			err = inflate_dynamic(s);
		else
			err = -EINVAL;
		if (err)
			return err;
	} while (!last);
	return 0;
}

long inflate_raw(const void *in, size_t inlen, void *out, size_t outcap, size_t *consumed)
{
	struct inflate_state s = { in, inlen, 0, out, outcap, 0, 0, 0 };
	int err;

	if (__atomic_exchange_n(&tables_busy, 1, __ATOMIC_ACQUIRE))
		return -EBUSY;
	err = inflate_blocks(&s);
	__atomic_store_n(&tables_busy, 0, __ATOMIC_RELEASE);
	if (err)
		return err;
	if (consumed) /* whole bytes; a partial final byte counts */
		*consumed = s.inpos - (size_t)(s.bitcnt / 8);
	return (long)s.outpos;
}

bool gzip_is_gzip(const void *data, size_t len)
{
	const uint8_t *p = data;

	return len >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

static uint32_t le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

long gzip_claimed_size(const void *data, size_t len)
{
	if (len < 18 || !gzip_is_gzip(data, len))
		return -EINVAL;
	return (long)le32((const uint8_t *)data + len - 4);
}

/* Skip a NUL-terminated header field; -ENODATA when it runs off the end. */
static int skip_string(const uint8_t *p, size_t len, size_t *pos)
{
	while (*pos < len && p[*pos])
		(*pos)++;
	if (*pos >= len)
		return -ENODATA;
	(*pos)++;
	return 0;
}

/* Parse the gzip header; *pos is set to the first deflate byte. */
static int gzip_header(const uint8_t *p, size_t len, size_t *pos)
{
	uint8_t flg;
	int err = 0;

	if (len < 10)
		return -ENODATA;
	if (!gzip_is_gzip(p, len) || p[2] != 8 || (p[3] & 0xe0))
		return -EINVAL;
	flg = p[3];
	*pos = 10;
	if (flg & 4) { /* FEXTRA */
		if (len - *pos < 2)
			return -ENODATA;
		size_t xlen = p[*pos] | (size_t)p[*pos + 1] << 8;
		if (len - *pos - 2 < xlen)
			return -ENODATA;
		*pos += 2 + xlen;
	}
	if ((flg & 8) && (err = skip_string(p, len, pos)))  /* FNAME */
		return err;
	if ((flg & 16) && (err = skip_string(p, len, pos))) /* FCOMMENT */
		return err;
	if (flg & 2) { /* FHCRC */
		if (len - *pos < 2)
			return -ENODATA;
		if ((crc32_update(0, p, *pos) & 0xffff) != (p[*pos] | (uint32_t)p[*pos + 1] << 8))
			return -EINVAL;
		*pos += 2;
	}
	return 0;
}

long gzip_decompress(const void *in, size_t inlen, void *out, size_t outcap)
{
	return gzip_decompress_member(in, inlen, out, outcap, NULL);
}

long gzip_decompress_member(const void *in, size_t inlen, void *out, size_t outcap,
			    size_t *consumed)
{
	const uint8_t *p = in;
	size_t pos, used;
	long n;
	int err = gzip_header(p, inlen, &pos);

	if (err)
		return err;
	n = inflate_raw(p + pos, inlen - pos, out, outcap, &used);
	if (n < 0)
		return n;
	pos += used;
	if (inlen - pos < 8)
		return -ENODATA;
	if (le32(p + pos) != crc32_update(0, out, (size_t)n) ||
	    le32(p + pos + 4) != (uint32_t)n)
		return -EINVAL;
	if (consumed)
		*consumed = pos + 8;
	return n;
}
