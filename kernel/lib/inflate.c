/*
 * DEFLATE (RFC 1951) decoder and gzip (RFC 1952) container for compressed
 * initramfs images. Every input read and output write is bounds-checked;
 * Huffman codes are decoded canonically, one bit at a time, from per-length
 * counts (small tables, no allocation).
 */
#include <janux/errno.h>
#include <janux/inflate.h>
#include <janux/string.h>

#define MAXBITS 15
#define NLITLEN 288
#define NDIST 30

struct inflate_state {
	const uint8_t *in;
	size_t inlen, inpos;
	uint8_t *out;
	size_t outcap, outpos;
	uint32_t bitbuf;
	int bitcnt;
};

struct huffman {
	uint16_t count[MAXBITS + 1];  /* codes of each length */
	uint16_t symbol[NLITLEN];     /* symbols in canonical order */
};

/* Take `n` (<= 16) bits, least significant first; -ENODATA past the end. */
static int getbits(struct inflate_state *s, int n, uint32_t *val)
{
	while (s->bitcnt < n) {
		if (s->inpos >= s->inlen)
			return -ENODATA;
		s->bitbuf |= (uint32_t)s->in[s->inpos++] << s->bitcnt;
		s->bitcnt += 8;
	}
	*val = s->bitbuf & ((1u << n) - 1);
	s->bitbuf >>= n;
	s->bitcnt -= n;
	return 0;
}

/*
 * Build a canonical code from code lengths. Returns 0 (complete or
 * incomplete code) or -EINVAL (over-subscribed).
 */
static int huffman_build(struct huffman *h, const uint8_t *lengths, int n)
{
	uint16_t offs[MAXBITS + 2];
	int left = 1;

	memset(h->count, 0, sizeof(h->count));
	for (int i = 0; i < n; i++)
		h->count[lengths[i]]++;
	for (int len = 1; len <= MAXBITS; len++) {
		left = left * 2 - h->count[len];
		if (left < 0)
			return -EINVAL;
	}
	offs[1] = 0;
	for (int len = 1; len <= MAXBITS; len++)
		offs[len + 1] = (uint16_t)(offs[len] + h->count[len]);
	for (int i = 0; i < n; i++)
		if (lengths[i])
			h->symbol[offs[lengths[i]]++] = (uint16_t)i;
	return 0;
}

/* Next symbol under code h, or -errno. */
static int huffman_decode(struct inflate_state *s, const struct huffman *h)
{
	int code = 0, first = 0, index = 0;
	uint32_t bit;

	for (int len = 1; len <= MAXBITS; len++) {
		if (getbits(s, 1, &bit))
			return -ENODATA;
		code |= (int)bit;
		if (code - first < h->count[len])
			return h->symbol[index + code - first];
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return -EINVAL; /* a code the table does not contain */
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

/* Copy `len` bytes from `dist` back in the output (may overlap). */
static int copy_back(struct inflate_state *s, unsigned int len, unsigned int dist)
{
	if (dist > s->outpos)
		return -EINVAL;
	if (len > s->outcap - s->outpos)
		return -ENOSPC;
	for (unsigned int k = 0; k < len; k++, s->outpos++)
		s->out[s->outpos] = s->out[s->outpos - dist];
	return 0;
}

/* Decode literal/length + distance symbols until end-of-block. */
static int inflate_codes(struct inflate_state *s, const struct huffman *lit,
			 const struct huffman *dist)
{
	for (;;) {
		int sym = huffman_decode(s, lit), err;
		uint32_t extra, dextra;
		int dsym;

		if (sym < 0)
			return sym;
		if (sym < 256) {
			if (s->outpos >= s->outcap)
				return -ENOSPC;
			s->out[s->outpos++] = (uint8_t)sym;
			continue;
		}
		if (sym == 256)
			return 0;
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
		err = copy_back(s, len_base[sym] + extra, dist_base[dsym] + dextra);
		if (err)
			return err;
	}
}

static int inflate_stored(struct inflate_state *s)
{
	size_t len, nlen;

	s->bitbuf = 0; /* drop to a byte boundary */
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
	static struct huffman lit, dist;
	static bool built;
	uint8_t lengths[NLITLEN];

	if (!built) {
		int i = 0;

		for (; i < 144; i++) lengths[i] = 8;
		for (; i < 256; i++) lengths[i] = 9;
		for (; i < 280; i++) lengths[i] = 7;
		for (; i < NLITLEN; i++) lengths[i] = 8;
		huffman_build(&lit, lengths, NLITLEN);
		memset(lengths, 5, NDIST);
		huffman_build(&dist, lengths, NDIST);
		built = true;
	}
	return inflate_codes(s, &lit, &dist);
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
	struct huffman lit, dist, clc;
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
	if (huffman_build(&clc, lengths, 19))
		return -EINVAL;
	memset(lengths, 0, 19);
	if ((err = read_lengths(s, &clc, lengths, (int)(hlit + hdist))))
		return err;
	if (!lengths[256])
		return -EINVAL; /* no end-of-block code */
	if (huffman_build(&lit, lengths, (int)hlit) ||
	    huffman_build(&dist, lengths + hlit, (int)hdist))
		return -EINVAL;
	return inflate_codes(s, &lit, &dist);
}

long inflate_raw(const void *in, size_t inlen, void *out, size_t outcap, size_t *consumed)
{
	struct inflate_state s = { in, inlen, 0, out, outcap, 0, 0, 0 };
	uint32_t last, type;
	int err;

	do {
		if ((err = getbits(&s, 1, &last)) || (err = getbits(&s, 2, &type)))
			return err;
		if (type == 0)
			err = inflate_stored(&s);
		else if (type == 1)
			err = inflate_fixed(&s);
		else if (type == 2)
			err = inflate_dynamic(&s);
		else
			err = -EINVAL;
		if (err)
			return err;
	} while (!last);
	if (consumed)
		*consumed = s.inpos; /* whole bytes; a partial final byte counts */
	return (long)s.outpos;
}

uint32_t crc32_update(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
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
