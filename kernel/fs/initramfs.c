/*
 * initramfs: unpack newc cpio archives (plain or gzip, several in a row as
 * Linux accepts) into "/" with modes, owners, mtimes, device nodes and
 * hard links.
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/inflate.h>
#include <janux/initramfs.h>
#include <janux/kmalloc.h>
#include <janux/list.h>
#include <janux/printk.h>
#include <janux/string.h>
#include <janux/vfs.h>

#define GZIP_MAX_OUT (512u << 20) /* refuse images claiming more than 512 MiB */

struct hardlink {
	struct list_head link;
	uint32_t ino, dev;
	char name[];
};

struct unpack {
	struct list_head links; /* first name of each multiply-linked inode */
};

/* Refuse names with a ".." component (they could escape "/"). */
static bool name_escapes(const char *n)
{
	for (const char *p = n; *p;) {
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == 2 && p[0] == '.' && p[1] == '.')
			return true;
		p += len + (end ? 1 : 0);
	}
	return false;
}

/* An earlier name of the same (dev, ino), or NULL; remembers this one. */
static const char *hardlink_seen(struct unpack *u, const struct cpio_entry *e,
				 const char *name)
{
	struct hardlink *h;
	uint32_t dev = e->devmajor << 20 | e->devminor;

	list_for_each_entry(h, &u->links, link)
		if (h->ino == e->ino && h->dev == dev)
			return h->name;
	h = kmalloc(sizeof(*h) + strlen(name) + 1);
	if (h) {
		h->ino = e->ino;
		h->dev = dev;
		memcpy(h->name, name, strlen(name) + 1);
		list_add_tail(&h->link, &u->links);
	}
	return NULL;
}

static int write_regular(const char *name, const struct cpio_entry *e)
{
	struct file *f = vfs_open_at(AT_FDCWD, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	ssize_t n;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	n = e->size ? vfs_write(f, e->data, e->size, NULL) : 0;
	file_put(f);
	return n < 0 ? (int)n : (size_t)n != e->size ? -ENOSPC : 0;
}

static int make_symlink(const char *name, const struct cpio_entry *e)
{
	char *target;
	int err;

	if (e->size == 0 || e->size >= PATH_MAX)
		return -EINVAL;
	target = kmalloc(e->size + 1);
	if (!target)
		return -ENOMEM;
	memcpy(target, e->data, e->size);
	target[e->size] = '\0';
	err = vfs_symlink_at(target, AT_FDCWD, name);
	kfree(target);
	return err;
}

/* An earlier archive left something at `name`: a directory stays when the
 * entry is one too (and a file is truncated by its open), anything else
 * goes so the later entry replaces it. */
static void clean_path(const char *name, mode_t type)
{
	struct kstat st;

	if (vfs_stat_at(AT_FDCWD, name, AT_SYMLINK_NOFOLLOW, &st))
		return;
	if (S_ISDIR(st.mode) && type != S_IFDIR)
		vfs_unlink_at(AT_FDCWD, name, AT_REMOVEDIR);
	else if (!S_ISDIR(st.mode) && !(S_ISREG(st.mode) && type == S_IFREG))
		vfs_unlink_at(AT_FDCWD, name, 0);
}

/* Create the object an entry describes (without owner/mode/time). */
static int make_node(struct unpack *u, const char *name, const struct cpio_entry *e)
{
	mode_t type = e->mode & S_IFMT;
	const char *first;
	int err;

	clean_path(name, type);

	switch (type) {
	case S_IFDIR:
		err = vfs_mkdir_at(AT_FDCWD, name, 0700);
		return err == -EEXIST ? 0 : err;
	case S_IFLNK:
		return make_symlink(name, e);
	case S_IFREG:
		if (e->nlink > 1 && (first = hardlink_seen(u, e, name))) {
			/* gen_init_cpio puts the data on the first name, GNU
			 * cpio on the last: write it wherever it comes. A file
			 * an earlier archive left at `name` makes way. */
			vfs_unlink_at(AT_FDCWD, name, 0);
			err = vfs_link_at(AT_FDCWD, first, AT_FDCWD, name, 0);
			return err || !e->size ? err : write_regular(name, e);
		}
		return write_regular(name, e);
	case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		return vfs_mknod_at(AT_FDCWD, name, type | 0600,
				    MKDEV(e->rdevmajor & 0xfff, e->rdevminor & 0xfffff));
	default:
		return -EINVAL;
	}
}

/* Owner, permissions and mtime, as the archive says. */
static int apply_attrs(const char *name, const struct cpio_entry *e)
{
	struct timespec64 t[2] = { { e->mtime, 0 }, { e->mtime, 0 } };
	bool link = S_ISLNK(e->mode);
	int err = vfs_chown_at(AT_FDCWD, name, e->uid, e->gid, AT_SYMLINK_NOFOLLOW);

	if (!err && !link)
		err = vfs_chmod_at(AT_FDCWD, name, e->mode & 07777, 0);
	if (!err)
		err = vfs_utimens_at(AT_FDCWD, name, t, AT_SYMLINK_NOFOLLOW);
	return err;
}

static int unpack_entry(const struct cpio_entry *e, void *ctx)
{
	const char *name = e->name;
	char *path;
	int err;

	while (name[0] == '/' || (name[0] == '.' && name[1] == '/'))
		name += name[0] == '/' ? 1 : 2;
	if (name_escapes(name)) {
		pr_err("initramfs: refusing \"%s\": it leaves the root\n", e->name);
		return -EINVAL;
	}
	if (!*name || !strcmp(name, "."))
		name = "";
	path = kmalloc(strlen(name) + 2);
	if (!path)
		return -ENOMEM;
	path[0] = '/';
	memcpy(path + 1, name, strlen(name) + 1);
	err = *name ? make_node(ctx, path, e) : 0;
	if (!err)
		err = apply_attrs(path, e);
	if (err)
		pr_err("initramfs: \"%s\": error %d\n", e->name, err);
	kfree(path);
	return err;
}

/* One plain archive at `data`; *used gets its length up to the trailer. */
static int unpack_plain(const void *data, size_t len, size_t *used)
{
	struct unpack u;
	struct hardlink *h, *tmp;
	const char *why = NULL;
	int err;

	list_init(&u.links);
	err = cpio_parse(data, len, unpack_entry, &u, &why, used);
	list_for_each_entry_safe(h, tmp, &u.links, link)
		kfree(h);
	if (err)
		pr_err("initramfs: rejected: %s (%d)\n", why ? why : "?", err);
	return err;
}

static int unpack_all(const uint8_t *p, size_t len, bool gzip_allowed);

/*
 * The gzip member at `data`. Its size is only known from its own trailer,
 * so the output buffer starts at the size the data's last member claims
 * (exact for a lone member) and doubles while it is too small.
 */
static int unpack_gzip(const void *data, size_t len, size_t *used)
{
	long claimed = gzip_claimed_size(data, len), n = -ENOSPC;
	size_t cap;
	void *out = NULL;
	int err;

	if (claimed < 0 || (unsigned long)claimed > GZIP_MAX_OUT) {
		pr_err("initramfs: rejected: bad gzip size\n");
		return -EINVAL;
	}
	for (cap = claimed ? (size_t)claimed : 1; n == -ENOSPC && cap <= GZIP_MAX_OUT; cap *= 2) {
		kfree(out);
		out = kmalloc(cap);
		if (!out)
			return -ENOMEM;
		n = gzip_decompress_member(data, len, out, cap, used);
	}
	if (n < 0) {
		pr_err("initramfs: rejected: gzip data corrupt or truncated (%ld)\n", n);
		kfree(out);
		return n == -ENOSPC ? -EINVAL : (int)n;
	}
	err = unpack_all(out, (size_t)n, false);
	kfree(out);
	return err;
}

/* Archives one after another, NUL padding between them skipped; at least
 * one (an empty image is refused, as a truncated one). */
static int unpack_all(const uint8_t *p, size_t len, bool gzip_allowed)
{
	size_t pos = 0, used = 0;
	int err, archives = 0;

	while (pos < len) {
		if (!p[pos]) {
			pos++;
			continue;
		}
		if (gzip_allowed && gzip_is_gzip(p + pos, len - pos))
			err = unpack_gzip(p + pos, len - pos, &used);
		else
			err = unpack_plain(p + pos, len - pos, &used);
		if (err)
			return err;
		pos += used;
		archives++;
	}
	if (!archives)
		pr_err("initramfs: rejected: no archive\n");
	return archives ? 0 : -EINVAL;
}

int initramfs_unpack(const void *data, size_t len)
{
	return unpack_all(data, len, true);
}
