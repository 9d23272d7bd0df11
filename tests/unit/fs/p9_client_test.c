/*
 * The 9p client filesystem against our own server (tests/p9/serve-stdio.js,
 * the host shim's p9.js over a real scratch directory) through a pipe
 * transport: every operation via the VFS, checked on the host side too;
 * symlinks resolved in the guest, not on the host; malformed replies give
 * -EIO, never a crash: every reply type the VFS's operations get, cut at
 * every length, through the whole client.
 */
#include <string.h>

#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/p9.h>
#include <janux/p9_trans.h>
#include <janux/printk.h>
#include <janux/vfs.h>
#include "fs_fixture.h"
#include "ktest.h"
#include "p9_host.h"

/* The transport: one frame out, one frame back. */
static ssize_t pipe_rpc(struct p9_chan *ch, const void *req, size_t len, void *reply, size_t cap)
{
	long n = p9h_rpc(req, len, reply, cap);

	return n < 0 ? -EIO : n;
}

static const struct p9_chan_ops pipe_ops = { .rpc = pipe_rpc };
static struct p9_chan pipe_chan = { .trans = "test", .tag = "host", .max_msize = 1 << 20, .ops = &pipe_ops };

/* Scratch dirs, the server process, the VFS, and the share at /mnt. */
static void start(const char *opts)
{
	KT_ASSERT(p9h_start() == 0);
	fs_fixture_boot();
	p9_chan_register(&pipe_chan);
	KT_ASSERT(vfs_mkdir_at(AT_FDCWD, "/mnt", 0755) == 0);
	KT_EQ_INT(vfs_mount("host", "/mnt", "9p", 0, opts), 0);
}

/* Open name with flags, then one vfs_write (write access) or vfs_read. */
static long xfer(const char *name, int flags, void *buf, size_t len)
{
	struct file *f = vfs_open_at(AT_FDCWD, name, flags, 0644);
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = (flags & O_ACCMODE) ? vfs_write(f, buf, len, NULL) : vfs_read(f, buf, len, NULL);
	file_put(f);
	return n;
}

static long put(const char *name, const void *data, size_t len, int flags)
{
	return xfer(name, O_WRONLY | O_CREAT | flags, (void *)data, len);
}

static long get(const char *name, void *buf, size_t len)
{
	return xfer(name, O_RDONLY, buf, len);
}

KTEST(p9_client, files_read_write_in_chunks)
{
	static char data[20000], back[20001];
	struct kstat st;

	for (size_t k = 0; k < sizeof(data); k++)
		data[k] = (char)(k * 7);
	start("trans=test,msize=8192"); /* several requests per transfer */
	KT_EQ_INT(put("/mnt/f", data, sizeof(data), 0), sizeof(data));
	KT_EQ_INT(p9h_size(p9h_share("f")), sizeof(data));
	KT_EQ_INT(get("/mnt/f", back, sizeof(back)), sizeof(data));
	KT_EXPECT(!memcmp(data, back, sizeof(data)));
	KT_EQ_INT(put("/mnt/f", "tail", 4, (O_APPEND)), 4);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/f", 0, &st), 0);
	KT_EQ_INT(st.size, sizeof(data) + 4);
	KT_EQ_INT(st.ino, p9h_ino(p9h_share("f")));
	KT_EQ_INT(vfs_truncate_at(AT_FDCWD, "/mnt/f", 10), 0);
	KT_EQ_INT(p9h_size(p9h_share("f")), 10);
	KT_EQ_INT(put("/mnt/f", "x", 1, (O_EXCL)), -EEXIST);
	KT_EQ_INT(get("/mnt/missing", back, 1), -ENOENT);
}

/* Names from getdents64 into one "a,b," string (sorted by the caller). */
static int list(const char *dir, char *names, size_t len)
{
	struct file *f = vfs_open_at(AT_FDCWD, dir, (O_DIRECTORY), 0);
	char buf[4096];
	long n;
	int count = 0;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	names[0] = '\0';
	while ((n = vfs_getdents64(f, buf, 64)) > 0) /* small: resume by cookie */
		for (long at = 0; at < n; count++) {
			uint16_t reclen;

			memcpy(&reclen, buf + at + 16, 2);
			strncat(names, buf + at + 19, len - strlen(names) - 2);
			strcat(names, ",");
			at += reclen;
		}
	file_put(f);
	return n < 0 ? (int)n : count;
}

KTEST(p9_client, directories_links_renames)
{
	char names[512], target[64], cwd[256];
	struct kstat st;

	start("trans=test");
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/mnt/d", 0750), 0);
	KT_EQ_INT(put("/mnt/d/a", "A", 1, 0), 1);
	KT_EQ_INT(vfs_link_at(AT_FDCWD, "/mnt/d/a", AT_FDCWD, "/mnt/d/b", 0), 0);
	KT_EQ_INT(vfs_stat_at(AT_FDCWD, "/mnt/d/a", 0, &st), 0);
	KT_EQ_INT(st.nlink, 2);
	KT_EQ_INT(vfs_symlink_at("d/a", AT_FDCWD, "/mnt/s"), 0);
	KT_EQ_INT(vfs_readlink_at(AT_FDCWD, "/mnt/s", target, sizeof(target)), 3);
	KT_EQ_INT(get("/mnt/s", target, sizeof(target)), 1); /* followed in the guest */
	KT_EQ_INT(list("/mnt/d", names, sizeof(names)), 4);
	KT_EXPECT(strstr(names, "a,") && strstr(names, "b,") && strstr(names, "..,"));
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/mnt/d", AT_FDCWD, "/mnt/e", 0), 0);
	KT_EXPECT(p9h_size(p9h_share("e/b")) == 1);
	KT_EQ_INT(vfs_chdir_at(AT_FDCWD, "/mnt/e", 0), 0);
	KT_EXPECT(vfs_getcwd(cwd, sizeof(cwd)) > 0 && !strcmp(cwd, "/mnt/e"));
	KT_EQ_INT(vfs_chdir_at(AT_FDCWD, "/", 0), 0);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/e", (AT_REMOVEDIR)), -ENOTEMPTY);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/e/a", 0), 0);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/e/b", 0), 0);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/e", (AT_REMOVEDIR)), 0);
	KT_EQ_INT(p9h_mode(p9h_share("e")), -1);
	KT_EQ_INT(vfs_unlink_at(AT_FDCWD, "/mnt/s", 0), 0);
	KT_EQ_INT(list("/mnt", names, sizeof(names)), 2); /* . and .. */
}

KTEST(p9_client, attributes_statfs_fsync_umount)
{
	struct timespec64 times[2] = { { 1000000000, 5 }, { 1200000000, 0 } };
	struct kstatfs sfs;
	struct file *f;
	char two[2];

	start("trans=test");
	KT_EQ_INT(put("/mnt/m", "hi", 2, 0), 2);
	KT_EQ_INT(vfs_chmod_at(AT_FDCWD, "/mnt/m", 0600, 0), 0);
	KT_EQ_INT(vfs_utimens_at(AT_FDCWD, "/mnt/m", times, 0), 0);
	KT_EQ_INT(p9h_mode(p9h_share("m")) & 07777, 0600);
	KT_EQ_INT(p9h_mtime(p9h_share("m")), 1200000000);
	KT_EQ_INT(p9h_atime(p9h_share("m")), 1000000000);
	KT_EQ_INT(vfs_statfs_at(AT_FDCWD, "/mnt", 0, &sfs), 0);
	KT_EQ_INT(sfs.type, 0x01021997);
	KT_EXPECT(sfs.blocks > 0 && sfs.bsize > 0);
	f = vfs_open_at(AT_FDCWD, "/mnt/m", (O_RDWR), 0);
	KT_ASSERT(!IS_ERR(f));
	KT_EQ_INT(f->ops->fsync(f, false), 0);
	KT_EQ_INT(vfs_umount("/mnt", 0), -EBUSY);
	file_put(f);
	KT_EQ_INT(vfs_umount("/mnt", 0), 0);
	/* Every fid was clunked: the channel is free and mounts again. */
	KT_EQ_INT(vfs_mount("host", "/mnt", "9p", 0, "trans=test"), 0);
	KT_EQ_INT(get("/mnt/m", two, 2), 2);
	KT_EQ_INT(vfs_mount("host", "/dev", "9p", 0, "trans=test"), -EBUSY);
	KT_EQ_INT(vfs_mount("nosuch", "/dev", "9p", 0, "trans=test"), -ENOENT);
}

/* Symlinks on the share are resolved in the guest's namespace. */
KTEST(p9_client, symlinks_cannot_reach_host_files)
{
	char buf[64];

	start("trans=test");
	KT_ASSERT(p9h_write(p9h_outside("secret"), "SECRET") == 0);
	KT_ASSERT(p9h_symlink(p9h_outside("secret"), p9h_share("abs")) == 0);
	KT_ASSERT(p9h_symlink("../outside/secret", p9h_share("rel")) == 0);
	KT_ASSERT(p9h_symlink("rel", p9h_share("chain")) == 0);
	KT_ASSERT(p9h_symlink(p9h_outside(""), p9h_share("dlink")) == 0);
	KT_EQ_INT(get("/mnt/abs", buf, sizeof(buf)), -ENOENT);
	KT_EQ_INT(get("/mnt/rel", buf, sizeof(buf)), -ENOENT);
	KT_EQ_INT(get("/mnt/chain", buf, sizeof(buf)), -ENOENT);
	KT_EQ_INT(get("/mnt/dlink/secret", buf, sizeof(buf)), -ENOENT);
	KT_EQ_INT(get("/mnt/../outside/secret", buf, sizeof(buf)), -ENOENT);
	KT_EQ_INT(put("/mnt/f", "x", 1, 0), 1);
	KT_EQ_INT(vfs_rename_at(AT_FDCWD, "/mnt/f", AT_FDCWD, "/f", 0), -EXDEV);
	KT_EQ_INT(vfs_chmod_at(AT_FDCWD, "/mnt/abs", 0777, 0), -ENOENT);
}

/* A server whose replies are cut short: mount fails with -EIO. */
static int liar_cut;
static ssize_t liar_rpc(struct p9_chan *ch, const void *req, size_t len, void *reply, size_t cap)
{
	static const uint8_t rversion[] = { 19, 0, 0, 0, P9_TVERSION + 1, 0xff, 0xff,
					    0, 0x20, 0, 0, 8, 0, '9', 'P', '2', '0', '0', '0', '.', 'L' };
	static const uint8_t rattach[] = { 20, 0, 0, 0, P9_TATTACH + 1, 1, 0,
					   0x80, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 };
	const uint8_t *r = ((const uint8_t *)req)[4] == P9_TVERSION ? rversion : rattach;
	size_t n = r == rversion ? sizeof(rversion) - 0 : sizeof(rattach) - (size_t)liar_cut;

	memcpy(reply, r, n);
	return (ssize_t)n;
}

KTEST(p9_client, malformed_replies_fail_the_mount)
{
	static const struct p9_chan_ops liar_ops = { .rpc = liar_rpc };
	static struct p9_chan liar = { .trans = "test", .tag = "liar", .max_msize = 1 << 20, .ops = &liar_ops };

	fs_fixture_boot();
	p9_chan_register(&liar);
	KT_ASSERT(vfs_mkdir_at(AT_FDCWD, "/mnt", 0755) == 0);
	for (liar_cut = 1; liar_cut <= 20; liar_cut++)
		KT_EQ_INT(vfs_mount("liar", "/mnt", "9p", 0, "trans=test"), -EIO);
	KT_EXPECT(!liar.in_use);
}

/*
 * A transport in front of our server that cuts the first reply of type
 * cut.type to cut.len bytes, once, with its size field made to agree (so
 * only the fields' own bounds can catch it).
 */
static struct {
	uint8_t type;
	long len;
	bool done;
} cut;

static ssize_t cutting_rpc(struct p9_chan *ch, const void *req, size_t len, void *reply, size_t cap)
{
	long n = p9h_rpc(req, len, reply, cap);
	uint8_t *r = reply;

	if (n < 0)
		return -EIO;
	if (!cut.done && n > 4 && r[4] == cut.type && cut.len < n) {
		n = cut.len;
		for (int i = 0; i < 4 && i < n; i++)
			r[i] = (uint8_t)((unsigned long)n >> (8 * i));
		cut.done = true;
	}
	return n;
}

/* Mount the cutting channel, run every kind of request once, unmount.
 * Returns how many steps failed with -EIO; any other failure is a check. */
static int cut_round(int round)
{
	struct kstat st;
	struct kstatfs sfs;
	char buf[256], name[32];
	long r[7];
	int eio = 0;

	r[0] = vfs_mount("cut", "/mnt", "9p", 0, "trans=test");
	if (r[0] < 0)
		return r[0] == -EIO;
	snprintf(name, sizeof(name), "/mnt/new-%d", round);
	r[1] = vfs_stat_at(AT_FDCWD, "/mnt/d/f", 0, &st);
	r[2] = get("/mnt/d/f", buf, sizeof(buf));
	r[3] = list("/mnt/d", buf, sizeof(buf));
	r[4] = vfs_readlink_at(AT_FDCWD, "/mnt/s", buf, sizeof(buf));
	r[5] = vfs_statfs_at(AT_FDCWD, "/mnt", 0, &sfs);
	r[6] = put(name, "data", 4, O_EXCL);
	for (int i = 1; i < 7; i++) {
		eio += r[i] == -EIO;
		KT_EXPECT(r[i] >= 0 || r[i] == -EIO || r[i] == -ENOENT || r[i] == -EEXIST);
	}
	KT_EQ_INT(vfs_umount("/mnt", 0), 0);
	return eio;
}

KTEST(p9_client, every_reply_type_cut_anywhere_is_eio)
{
	static const struct p9_chan_ops cut_ops = { .rpc = cutting_rpc };
	static struct p9_chan chan = { .trans = "test", .tag = "cut", .max_msize = 1 << 20, .ops = &cut_ops };
	static const uint8_t types[] = { P9_TVERSION, P9_TATTACH, P9_TWALK, P9_TGETATTR, P9_TLOPEN,
					 P9_TREAD, P9_TREADDIR, P9_TREADLINK, P9_TSTATFS, P9_TLCREATE,
					 P9_TWRITE };
	int round = 0;

	KT_ASSERT(p9h_start() == 0);
	fs_fixture_boot();
	p9_chan_register(&chan);
	KT_ASSERT(vfs_mkdir_at(AT_FDCWD, "/mnt", 0755) == 0);
	KT_EQ_INT(vfs_mount("cut", "/mnt", "9p", 0, "trans=test"), 0);
	KT_EQ_INT(vfs_mkdir_at(AT_FDCWD, "/mnt/d", 0755), 0);
	KT_EQ_INT(put("/mnt/d/f", "file data", 9, 0), 9);
	KT_EQ_INT(vfs_symlink_at("f", AT_FDCWD, "/mnt/s"), 0);
	KT_EQ_INT(vfs_umount("/mnt", 0), 0);
	for (size_t t = 0; t < sizeof(types); t++) {
		int cuts = 0;

		for (long len = 0;; len++, cuts++) {
			cut.type = types[t] + 1;
			cut.len = len;
			cut.done = false;
			int eio = cut_round(round++);

			if (!cut.done)
				break; /* len reached the whole reply */
			KT_CHECK_(false, eio > 0, "reply type %d cut to %ld bytes: no step failed with EIO",
				  cut.type, len);
		}
		KT_EXPECT(cuts >= 7); /* the type's reply was seen, at least its header cut */
	}
	KT_EXPECT(!chan.in_use);
}
