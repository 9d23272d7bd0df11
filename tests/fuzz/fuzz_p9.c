/*
 * libFuzzer harness for the 9p client: the input is the server's side of
 * a conversation. A fake channel answers version, attach and the root's
 * getattr correctly (so runs get past the mount), then every further reply
 * is the next input chunk: flags[1] len[2] bytes[len], where flag bits
 * patch in an honest size (1), the expected type (2) and tag (4) so the
 * fuzzer also reaches the bodies. Each run mounts, walks the tree (ext2's
 * generic VFS walker), changes it and unmounts: whatever the replies, no
 * crash and no out-of-bounds access (ASan/UBSan).
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/p9.h>
#include <janux/p9_trans.h>
#include <janux/string.h>
#include <janux/vfs.h>
#include "../unit/fs/ext2_fixture.h"
#include "../unit/harness/include/fs_fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *in;
static size_t left;
static int served;

/* The correct reply to the mount's first three requests. */
static ssize_t canned(uint8_t type, uint16_t tag, void *reply, size_t cap)
{
	struct p9_msg m;

	p9_msg_begin(&m, reply, cap, type + 1, tag);
	if (type == P9_TVERSION) {
		p9_put32(&m, 8192);
		p9_put_str(&m, P9_VERSION, strlen(P9_VERSION));
	} else {
		if (type == P9_TGETATTR)
			p9_put64(&m, P9_GETATTR_BASIC);
		p9_put8(&m, P9_QTDIR);
		p9_put32(&m, 0);
		p9_put64(&m, 1);
		if (type == P9_TGETATTR) {
			p9_put32(&m, 040755);
			p9_put32(&m, 0);
			p9_put32(&m, 0);
			for (int k = 0; k < 18; k++) /* nlink .. data_version */
				p9_put64(&m, k == 0 ? 2 : 0);
		}
	}
	return p9_msg_end(&m);
}

static ssize_t fuzz_rpc(struct p9_chan *ch, const void *req, size_t len, void *reply, size_t cap)
{
	const uint8_t *q = req;
	uint8_t *r = reply, flags;
	size_t n;

	if (served++ < 3)
		return canned(q[4], (uint16_t)(q[5] | q[6] << 8), reply, cap);
	if (left < 3)
		return -EIO;
	flags = in[0];
	n = (size_t)(in[1] | in[2] << 8);
	in += 3;
	left -= 3;
	n = MIN(MIN(n, left), cap);
	memcpy(reply, in, n);
	in += n;
	left -= n;
	if ((flags & 1) && n >= 4)
		memcpy(r, &(uint32_t){ (uint32_t)n }, 4);
	if ((flags & 2) && n >= 5)
		r[4] = q[4] + 1;
	if ((flags & 4) && n >= 7)
		memcpy(r + 5, q + 5, 2);
	return (ssize_t)n;
}

static const struct p9_chan_ops fuzz_ops = { .rpc = fuzz_rpc };
static struct p9_chan fuzz_chan = { .trans = "fuzz", .tag = "fz", .max_msize = 8192, .ops = &fuzz_ops };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool booted;
	long errors = 0;

	if (!booted) {
		booted = true;
		fs_fixture_boot();
		vfs_mkdir_at(AT_FDCWD, "/mnt", 0755);
		p9_chan_register(&fuzz_chan);
	}
	in = data;
	left = size;
	served = 0;
	if (vfs_mount("fz", "/mnt", "9p", MS_SILENT, "trans=fuzz"))
		return 0;
	ext2_walk("/mnt", 4, &errors);
	ext2_scribble("/mnt");
	vfs_umount("/mnt", MNT_DETACH);
	return 0;
}
