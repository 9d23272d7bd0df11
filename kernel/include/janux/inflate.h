/*
 * DEFLATE (RFC 1951) decompression and the gzip container (RFC 1952), for
 * compressed initramfs images. Bounds-checked: corrupt or truncated input
 * gives an error, never a read or write outside the given buffers.
 */
#ifndef JANUX_INFLATE_H
#define JANUX_INFLATE_H

#include <janux/types.h>

/*
 * Decompress the raw DEFLATE stream in [in, in+inlen) into out (capacity
 * outcap). On success return the bytes written and set *consumed (when
 * not NULL) to the input bytes used. Bytes of out past those written may
 * be overwritten too (copies run 8 bytes at a time where out has room). Errors: -EINVAL (corrupt stream),
 * -ENODATA (input ended early), -ENOSPC (output does not fit), -EBUSY
 * (another inflate is running: the decoder's tables are static, one user
 * at a time; the kernel only inflates its initramfs, at boot).
 */
long inflate_raw(const void *in, size_t inlen, void *out, size_t outcap, size_t *consumed);

/* True when data starts with the gzip magic 1f 8b. */
bool gzip_is_gzip(const void *data, size_t len);

/*
 * The uncompressed size a gzip member claims (its ISIZE trailer, modulo
 * 2^32), or -EINVAL when len is too short to hold a member.
 */
long gzip_claimed_size(const void *data, size_t len);

/*
 * Decompress one gzip member (header fields FTEXT/FHCRC/FEXTRA/FNAME/
 * FCOMMENT accepted, method 8 only), checking CRC32 and ISIZE. Returns the
 * bytes written to out or -EINVAL (bad header, corrupt stream, CRC or
 * ISIZE mismatch), -ENODATA (truncated), -ENOSPC (out too small), -EBUSY.
 */
long gzip_decompress(const void *in, size_t inlen, void *out, size_t outcap);

/* gzip_decompress of the member at the start of `in`, which may be followed
 * by more data: *consumed (when not NULL) gets the member's length. */
long gzip_decompress_member(const void *in, size_t inlen, void *out, size_t outcap,
			    size_t *consumed);

/* CRC-32 (IEEE 802.3, as gzip) of buf, continuing from crc (start at 0). */
uint32_t crc32_update(uint32_t crc, const void *buf, size_t len);

#endif
