/*
 * newc cpio ("070701"/"070702") parser: validates each header, name and
 * data extent against the archive's bounds and hands out entries. No
 * filesystem access here (see initramfs.c).
 */
#include <janux/errno.h>
#include <janux/initramfs.h>
#include <janux/string.h>
#include <janux/vfs.h>

#define CPIO_HDR 110

/* Eight hex digits at p into *v; false on a non-hex digit. */
static bool hex8(const char *p, uint32_t *v)
{
	uint32_t x = 0;

	for (int k = 0; k < 8; k++) {
		char c = p[k];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			return false;
		x = x << 4 | d;
	}
	*v = x;
	return true;
}

/* Decode the 13 header fields after the magic; false on bad hex. */
static bool parse_header(const char *h, struct cpio_entry *e, uint32_t *namesize)
{
	uint32_t f[13];

	for (int k = 0; k < 13; k++)
		if (!hex8(h + 6 + 8 * k, &f[k]))
			return false;
	e->ino = f[0];
	e->mode = f[1];
	e->uid = f[2];
	e->gid = f[3];
	e->nlink = f[4];
	e->mtime = f[5];
	e->size = f[6];
	e->devmajor = f[7];
	e->devminor = f[8];
	e->rdevmajor = f[9];
	e->rdevminor = f[10];
	*namesize = f[11];
	return true;
}

/* One entry at *pos; advances *pos past its data. 1 at the trailer. */
static int cpio_next(const char *a, size_t len, size_t *pos, struct cpio_entry *e,
		     const char **why)
{
	uint32_t namesize;
	size_t at = *pos, name_end, data_end;

	if (len - at < CPIO_HDR)
		return *why = "truncated header", -EINVAL;
	if (memcmp(a + at, "07070", 5) || (a[at + 5] != '1' && a[at + 5] != '2'))
		return *why = "bad magic (not newc)", -EINVAL;
	if (!parse_header(a + at, e, &namesize))
		return *why = "bad hex digit in header", -EINVAL;
	if (namesize == 0 || namesize > PATH_MAX)
		return *why = "bad name size", -EINVAL;
	if (len - at - CPIO_HDR < namesize)
		return *why = "name past the end", -EINVAL;
	e->name = a + at + CPIO_HDR;
	if (e->name[namesize - 1] != '\0' || strlen(e->name) != namesize - 1)
		return *why = "name not NUL-terminated", -EINVAL;
	name_end = ALIGN_UP(at + CPIO_HDR + namesize, (size_t)4);
	if (name_end > len || len - name_end < e->size)
		return *why = "data past the end", -EINVAL;
	e->data = a + name_end;
	data_end = name_end + e->size;
	*pos = MIN(ALIGN_UP(data_end, (size_t)4), len);
	return strcmp(e->name, "TRAILER!!!") ? 0 : 1;
}

int cpio_parse(const void *data, size_t len,
	       int (*fn)(const struct cpio_entry *e, void *ctx), void *ctx,
	       const char **why, size_t *end)
{
	const char *dummy;
	size_t pos = 0;

	if (!why)
		why = &dummy;
	for (;;) {
		struct cpio_entry e;
		int r = cpio_next(data, len, &pos, &e, why);

		if (r < 0)
			return r;
		if (r == 1) {
			if (end)
				*end = pos;
			return 0;
		}
		r = fn(&e, ctx);
		if (r) {
			*why = "entry rejected";
			return r;
		}
	}
}
