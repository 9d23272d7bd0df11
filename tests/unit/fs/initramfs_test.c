/* initramfs: newc unpacking into tmpfs, gzip, and malformed archives. */
#include <stdio.h>
#include "hostlib.h"
#include <string.h>

#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/inflate.h>
#include <janux/initramfs.h>
#include <janux/vfs.h>
#include <host_machine.h>
#include "fs_fixture.h"
#include "ktest.h"

struct arc {
	char buf[8192];
	size_t len;
};

static void pad4(struct arc *a)
{
	while (a->len % 4)
		a->buf[a->len++] = 0;
}

/* Append one newc entry. */
static void add(struct arc *a, const char *name, unsigned int mode, unsigned int ino,
		unsigned int nlink, const char *data, unsigned int rmaj, unsigned int rmin)
{
	size_t dlen = data ? strlen(data) : 0;

	a->len += (size_t)sprintf(a->buf + a->len,
		"070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		ino, mode, 1000, 100, nlink, 1234567, dlen, 0, 0, rmaj, rmin,
		strlen(name) + 1, 0);
	memcpy(a->buf + a->len, name, strlen(name) + 1);
	a->len += strlen(name) + 1;
	pad4(a);
	memcpy(a->buf + a->len, data ? data : "", dlen);
	a->len += dlen;
	pad4(a);
}

static void sample(struct arc *a)
{
	a->len = 0;
	add(a, ".", S_IFDIR | 0755, 1, 2, NULL, 0, 0);
	add(a, "bin", S_IFDIR | 0755, 2, 2, NULL, 0, 0);
	add(a, "bin/sh", S_IFREG | 0755, 3, 1, "#!shell\n", 0, 0);
	add(a, "bin/ash", S_IFLNK | 0777, 4, 1, "sh", 0, 0);
	add(a, "dev", S_IFDIR | 0755, 5, 2, NULL, 0, 0);
	add(a, "dev/console", S_IFCHR | 0600, 6, 1, NULL, 5, 1);
	add(a, "a", S_IFREG | 0644, 7, 2, NULL, 0, 0);
	add(a, "b", S_IFREG | 0644, 7, 2, "shared", 0, 0);
	add(a, "TRAILER!!!", 0, 0, 1, NULL, 0, 0);
}

static void check_sample(void)
{
	struct kstat st, st2;
	char buf[16];

	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/bin/sh", 0, &st), 0);
	KT_EQ_INT(st.mode, S_IFREG | 0755);
	KT_EQ_INT(st.uid, 1000);
	KT_EQ_INT(st.gid, 100);
	KT_EQ_INT(st.size, 8);
	KT_EQ_INT(st.mtime.tv_sec, 1234567);
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/bin/ash", buf, sizeof(buf)), 2);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/bin/ash", 0, &st2), 0);
	KT_EQ_INT(st2.ino, st.ino);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/dev/console", 0, &st), 0);
	KT_EQ_INT(st.mode, S_IFCHR | 0600);
	KT_EQ_INT(st.rdev, MKDEV(5, 1));
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/a", 0, &st), 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/b", 0, &st2), 0);
	KT_EQ_INT(st.ino, st2.ino);
	KT_EQ_INT(st.nlink, 2);
	KT_EQ_INT(st.size, 6);
}

KTEST(initramfs, plain_archive)
{
	struct arc a;

	fs_fixture_boot();
	vfs_umount("/dev", MNT_DETACH); /* let the archive's own /dev land in tmpfs */
	sample(&a);
	KT_EQ_INT(initramfs_unpack(a.buf, a.len), 0);
	check_sample();
}

/* Wrap data in a gzip member made of stored blocks. */
static size_t gzip_stored(const void *data, size_t n, unsigned char *out)
{
	static const unsigned char hdr[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
	size_t o = 10;
	uint32_t crc = crc32_update(0, data, n);

	memcpy(out, hdr, 10);
	for (size_t at = 0; at < n;) {
		size_t len = n - at < 60000 ? n - at : 60000;

		out[o++] = at + len >= n;
		out[o++] = len & 0xff;
		out[o++] = len >> 8;
		out[o++] = ~len & 0xff;
		out[o++] = (~len >> 8) & 0xff;
		memcpy(out + o, (const char *)data + at, len);
		o += len;
		at += len;
	}
	for (int k = 0; k < 4; k++)
		out[o++] = (unsigned char)(crc >> (8 * k));
	for (int k = 0; k < 4; k++)
		out[o++] = (unsigned char)(n >> (8 * k));
	return o;
}

KTEST(initramfs, gzip_archive)
{
	static unsigned char gz[9000];
	struct arc a;
	size_t n;

	fs_fixture_boot();
	vfs_umount("/dev", MNT_DETACH);
	sample(&a);
	n = gzip_stored(a.buf, a.len, gz);
	gz[n - 8] ^= 0xff; /* bad CRC first */
	KT_EQ_INT(initramfs_unpack(gz, n), -EINVAL);
	KT_EXPECT(strstr(host_console_text(), "initramfs: rejected") != NULL);
	gz[n - 8] ^= 0xff;
	KT_EQ_INT(initramfs_unpack(gz, n), 0);
	check_sample();
}

KTEST(initramfs, malformed_rejected)
{
	struct arc a;

	fs_fixture_boot();
	sample(&a);
	memcpy(a.buf, "070707", 6);
	KT_EQ_INT(initramfs_unpack(a.buf, a.len), -EINVAL);
	sample(&a);
	a.buf[10] = 'g'; /* hex */
	KT_EQ_INT(initramfs_unpack(a.buf, a.len), -EINVAL);
	sample(&a);
	memcpy(a.buf + 6 + 8 * 11, "FFFFFFFF", 8); /* namesize */
	KT_EQ_INT(initramfs_unpack(a.buf, a.len), -EINVAL);
	sample(&a);
	memcpy(a.buf + 6 + 8 * 11, "00000001", 8); /* name "" but "." is there */
	KT_EQ_INT(initramfs_unpack(a.buf, a.len), -EINVAL);
	sample(&a);
	memcpy(a.buf + 6 + 8 * 6, "7FFFFFFF", 8); /* data past the end */
	KT_EQ_INT(initramfs_unpack(a.buf, a.len), -EINVAL);
	a.len = 0;
	add(&a, "../../etc/passwd", S_IFREG | 0644, 1, 1, "x", 0, 0);
	add(&a, "TRAILER!!!", 0, 0, 1, NULL, 0, 0);
	KT_EQ_INT(initramfs_unpack(a.buf, a.len), -EINVAL);
	a.len = 0;
	add(&a, "x", 0170000, 1, 1, NULL, 0, 0); /* no such file type */
	KT_EQ_INT(initramfs_unpack(a.buf, a.len), -EINVAL);
	KT_EQ_INT(initramfs_unpack("", 0), -EINVAL);
}

KTEST(initramfs, every_truncation_and_corruption_survives)
{
	struct arc a, b;
	int bad_success = 0;

	fs_fixture_boot();
	sample(&a);
	for (size_t len = 0; len < a.len; len++) {
		char *cut = malloc(len ? len : 1);

		memcpy(cut, a.buf, len);
		if (initramfs_unpack(cut, len) == 0)
			bad_success++; /* without the trailer it must not succeed */
		free(cut);
	}
	KT_EQ_INT(bad_success, 0);
	srand(7);
	for (int round = 0; round < 2000; round++) {
		b = a;
		b.buf[rand() % a.len] = (char)rand();
		initramfs_unpack(b.buf, b.len); /* any result, but no crash */
	}
	KT_EXPECT(true);
}

/* Read a whole small file into buf (NUL-terminated); its length or -errno. */
static long read_small(const char *path, char *buf, size_t len)
{
	struct file *f = vfs_open_at(AT_FDCWD, path, O_RDONLY, 0);
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = vfs_read(f, buf, len - 1, NULL);
	file_put(f);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

KTEST(initramfs, concatenated_plain_and_gzip_archives)
{
	static unsigned char img[30000];
	struct arc a, b, c;
	char buf[64];
	size_t n = 0;

	fs_fixture_boot();
	vfs_umount("/dev", MNT_DETACH);
	sample(&a);                               /* archive 1: plain */
	memcpy(img, a.buf, a.len);
	n = a.len + 512;                          /* NUL padding, as tools write */
	b.len = 0;                                /* archive 2: gzip, two archives inside */
	add(&b, "bin/sh", S_IFREG | 0755, 3, 1, "#!newer\n", 0, 0);
	add(&b, "TRAILER!!!", 0, 0, 1, NULL, 0, 0);
	add(&b, "etc", S_IFDIR | 0755, 1, 2, NULL, 0, 0);
	add(&b, "etc/motd", S_IFREG | 0644, 2, 1, "hello", 0, 0);
	add(&b, "TRAILER!!!", 0, 0, 1, NULL, 0, 0);
	n += gzip_stored(b.buf, b.len, img + n);
	c.len = 0;                                /* archive 3: plain, replaces a link */
	add(&c, "bin/ash", S_IFREG | 0644, 3, 1, "file now", 0, 0);
	add(&c, "TRAILER!!!", 0, 0, 1, NULL, 0, 0);
	memcpy(img + n, c.buf, c.len);
	n += c.len;
	KT_EQ_INT(initramfs_unpack(img, n), 0);
	KT_EQ_INT(read_small("/bin/sh", buf, sizeof(buf)), 8);
	KT_EQ_STR(buf, "#!newer\n");
	KT_EQ_INT(read_small("/etc/motd", buf, sizeof(buf)), 5);
	KT_EQ_INT(read_small("/bin/ash", buf, sizeof(buf)), 8);
	KT_EQ_STR(buf, "file now");
	KT_EQ_INT(read_small("/b", buf, sizeof(buf)), 6); /* archive 1 stays */
	img[n++] = 'x'; /* junk after the last archive */
	KT_EQ_INT(initramfs_unpack(img, n), -EINVAL);
	memset(img, 0, 600);
	KT_EQ_INT(initramfs_unpack(img, 600), -EINVAL); /* only padding */
}
