/*
 * In-OS tests of the wasm32 machine's virtio devices (host shim models):
 * `disk` checks /dev/vda against the pattern tests/wasm/virtio.test.js
 * wrote into the image and writes one the host then checks; `ext2` mounts
 * an mke2fs -d image and changes it; `share` uses the 9P share on
 * /mnt/host, escape attempts included.
 */
#include "rt.h"

#define AT_FDCWD -100
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_DIRECTORY 0200000
#define EPERM 1
#define ENOENT 2
#define EXDEV 18
#define ENOSPC 28
#define NR_mkdirat 34
#define NR_renameat 38
#define NR_mount 40
#define NR_llseek 62
#define NR_readlinkat 78
#define NR_sync 81
#define NR_fsync 82

static char buf[65536];

/* Byte i of the host's pattern in the image (virtio.test.js: pattern()). */
static unsigned char pat(unsigned long i)
{
	return (unsigned char)((i * 7) ^ (i >> 9));
}

static long open_at(const char *path, long flags)
{
	return sys4(NR_openat, AT_FDCWD, path, flags, 0644);
}

static long long seek(long fd, long long off, int whence)
{
	long long where = -1;
	long r = sys5(NR_llseek, fd, (long)(off >> 32), (long)off, &where, whence);

	return r < 0 ? r : where;
}

static long mount(const char *src, const char *dir, const char *type, const char *opts)
{
	sys3(NR_mkdirat, AT_FDCWD, dir, 0755);
	return sys5(NR_mount, src, dir, type, 0, opts);
}

/* `count` writes of the whole of buf to fd, then fsync: 1 if all succeeded. */
static long write_fsync(long fd, int count)
{
	long ok = 1;

	for (int i = 0; i < count; i++)
		ok &= sys3(NR_write, fd, buf, sizeof(buf)) == sizeof(buf);
	return ok & (sys1(NR_fsync, fd) == 0);
}

/* The rate of `kib` KiB moved in `ns` nanoseconds, in KiB/s. */
static long kib_per_s(long long kib, long long ns)
{
	return (long)(kib * 1000000 / (ns / 1000 + 1));
}

static void test_disk(void)
{
	long fd, ok = 1, n;
	long long t0, ns;
	unsigned long at = 0;

	check("devtmpfs", mount("devtmpfs", "/dev", "devtmpfs", 0), 0);
	fd = open_at("/dev/vda", O_RDWR);
	check("open-vda", fd >= 0, 1);
	check("capacity", seek(fd, 0, 2), 4 << 20);
	seek(fd, 0, 0);
	t0 = rt_now_ns();
	while ((n = sys3(NR_read, fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++)
			ok &= buf[i] == (char)pat(at + i);
		at += n;
	}
	ns = rt_now_ns() - t0;
	check("read-whole-disk", at, 4 << 20);
	check("read-pattern", ok, 1);
	say("disk read KiB/s ", num(kib_per_s(4096, ns)), "\n", (char *)0);
	check("read-at-end", sys3(NR_read, fd, buf, 512), 0);
	check("write-at-end", sys3(NR_write, fd, buf, 512), -ENOSPC);
	for (int i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (char)(i * 13 + 5);
	seek(fd, 1 << 20, 0);
	t0 = rt_now_ns();
	ok &= write_fsync(fd, 16);
	ns = rt_now_ns() - t0;
	check("write-1mib-fsync", ok, 1);
	say("disk write+fsync KiB/s ", num(kib_per_s(1024, ns)), "\n", (char *)0);
	seek(fd, 3000, 0);
	check("write-unaligned", sys3(NR_write, fd, "unaligned bytes", 15), 15);
	check("fsync", sys1(NR_fsync, fd), 0);
	check("close", sys1(NR_close, fd), 0);
	fd = open_at("/dev/vdb", O_RDWR);
	check("open-vdb-ro", fd >= 0, 1);
	check("write-ro-disk", sys3(NR_write, fd, buf, 512), -EPERM);
}

/* Write `text` to `path` (created), fsync'ed. */
static long put(const char *path, const char *text)
{
	long fd = open_at(path, O_WRONLY | O_CREAT), r;

	if (fd < 0)
		return fd;
	r = sys3(NR_write, fd, text, slen(text));
	sys1(NR_fsync, fd);
	sys1(NR_close, fd);
	return r;
}

/* The first bytes of `path` into buf (NUL-terminated); the count or -errno. */
static long get(const char *path)
{
	long fd = open_at(path, O_RDONLY), n;

	if (fd < 0)
		return fd;
	n = sys3(NR_read, fd, buf, sizeof(buf) - 1);
	sys1(NR_close, fd);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

static void test_ext2(void)
{
	long fd, ok = 1;

	check("devtmpfs", mount("devtmpfs", "/dev", "devtmpfs", 0), 0);
	check("mount-ext2", mount("/dev/vda", "/mnt", "ext2", 0), 0);
	check("read-hello", get("/mnt/hello.txt") == 14 && seq(buf, "hello, ext2!!\n"), 1);
	check("mkdir", sys3(NR_mkdirat, AT_FDCWD, "/mnt/made", 0755), 0);
	fd = open_at("/mnt/made/big", O_WRONLY | O_CREAT);
	check("create", fd >= 0, 1);
	for (int i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (char)pat(i);
	for (int i = 0; i < 5; i++)
		ok &= sys3(NR_write, fd, buf, sizeof(buf)) == sizeof(buf);
	check("write-320k", ok, 1);
	sys1(NR_close, fd);
	check("small-file", put("/mnt/made/note", "written by janux on wasm32\n"), 27);
	check("sync", sys0(NR_sync), 0);
}

/* 4 MiB through the share in 64 KiB calls: written, fsync'ed, read back. */
static void share_bulk(void)
{
	long fd = open_at("/mnt/big", O_RDWR | O_CREAT), ok = fd >= 0, n;
	long long t0 = rt_now_ns(), ns;
	unsigned long at = 0;

	for (int i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (char)pat(i);
	ok &= write_fsync(fd, 64);
	ns = rt_now_ns() - t0;
	check("share-write-4mib", ok, 1);
	say("share write+fsync KiB/s ", num(kib_per_s(4096, ns)), "\n", (char *)0);
	seek(fd, 0, 0);
	t0 = rt_now_ns();
	while ((n = sys3(NR_read, fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++)
			ok &= buf[i] == (char)pat((at + i) % sizeof(buf));
		at += n;
	}
	ns = rt_now_ns() - t0;
	check("share-read-back", ok && at == 4 << 20, 1);
	say("share read KiB/s ", num(kib_per_s(4096, ns)), "\n", (char *)0);
	sys1(NR_close, fd);
}

static void test_share(void)
{
	check("mount-9p", mount("host", "/mnt", "9p", "trans=virtio,version=9p2000.L,msize=131072"), 0);
	check("read-host-file", get("/mnt/from-host") == 10 && seq(buf, "host data\n"), 1);
	check("create-on-host", put("/mnt/from-guest", "guest data\n"), 11);
	check("mkdir-on-host", sys3(NR_mkdirat, AT_FDCWD, "/mnt/gdir", 0755), 0);
	check("rename-on-host", sys4(NR_renameat, AT_FDCWD, "/mnt/from-guest", AT_FDCWD, "/mnt/gdir/moved"), 0);
	check("readlink-abs", sys4(NR_readlinkat, AT_FDCWD, "/mnt/abs", buf, 100), 11);
	/* links resolve in the guest: /etc/passwd and /outside do not exist here */
	check("escape-abs-symlink", get("/mnt/abs"), -ENOENT);
	check("escape-rel-symlink", get("/mnt/rel"), -ENOENT);
	check("escape-dotdot", get("/mnt/../outside"), -ENOENT);
	check("escape-rename", sys4(NR_renameat, AT_FDCWD, "/mnt/gdir/moved", AT_FDCWD, "/tmp/moved"), -EXDEV);
	share_bulk();
}

/* Run the virtio test `name`; false when it is not one. */
int virtio_test(const char *name)
{
	if (seq(name, "disk"))
		test_disk();
	else if (seq(name, "ext2"))
		test_ext2();
	else if (seq(name, "share"))
		test_share();
	else
		return 0;
	return 1;
}
