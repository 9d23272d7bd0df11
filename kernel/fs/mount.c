/*
 * Mounts: filesystem types, the mount table, mount(2)/umount2(2), the
 * root mount, path references, and the text of /proc/mounts and
 * /proc/filesystems.
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/string.h>
#include "internal.h"

static struct list_head fs_types = LIST_HEAD_INIT(fs_types);
static struct list_head mounts = LIST_HEAD_INIT(mounts);
static struct mount *root_mount;

void vfs_register_fs(struct fs_type *t)
{
	list_add_tail(&t->link, &fs_types);
}

static struct fs_type *fs_type_find(const char *name)
{
	struct fs_type *t;

	list_for_each_entry(t, &fs_types, link)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

struct mount *vfs_root_mount(void)
{
	return root_mount;
}

struct mount *mount_get(struct mount *m)
{
	m->refs++;
	return m;
}

/* The last reference of a detached mount frees it and maybe its sb. */
void mount_put(struct mount *m)
{
	struct super_block *sb;

	if (!m || --m->refs)
		return;
	sb = m->sb;
	inode_put(m->root);
	if (m->mountpoint)
		inode_put(m->mountpoint);
	if (m->parent)
		mount_put(m->parent);
	kfree(m->source);
	kfree(m);
	if (--sb->mounts == 0) {
		inode_put(sb->root);
		if (sb->ops && sb->ops->put_super)
			sb->ops->put_super(sb);
	}
}

void path_get(const struct path *p)
{
	inode_get(p->inode);
	if (p->mnt)
		mount_get(p->mnt);
}

void path_put(struct path *p)
{
	if (p->inode)
		inode_put(p->inode);
	if (p->mnt)
		mount_put(p->mnt);
	p->inode = NULL;
	p->mnt = NULL;
}

int vfs_root_path(struct path *out)
{
	if (!root_mount)
		return -ENOENT;
	out->mnt = root_mount;
	out->inode = root_mount->root;
	path_get(out);
	return 0;
}

struct mount *vfs_mount_on(struct mount *mnt, struct inode *inode)
{
	struct mount *m, *found = NULL;

	list_for_each_entry(m, &mounts, link)
		if (m->parent == mnt && m->mountpoint == inode)
			found = m; /* the last one mounted there is on top */
	return found;
}

int vfs_mnt_want_write(struct mount *mnt)
{
	return mnt && (mnt->flags & MS_RDONLY) ? -EROFS : 0;
}

/* A new mount of sb rooted at `root`, attached at `at` (NULL: the root). */
static int mount_attach(struct super_block *sb, struct inode *root,
			const struct path *at, const char *source, unsigned long flags)
{
	struct mount *m = kzalloc(sizeof(*m));

	if (!m || !(m->source = kstrdup(source ? source : "none"))) {
		kfree(m);
		return -ENOMEM;
	}
	m->refs = 1; /* the mount table's */
	m->sb = sb;
	sb->mounts++;
	m->root = inode_get(root);
	m->flags = flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC |
			    MS_NOATIME | MS_NODIRATIME | MS_SYNCHRONOUS);
	if (at) {
		m->parent = mount_get(at->mnt);
		m->mountpoint = inode_get(at->inode);
	} else {
		root_mount = m;
	}
	list_add_tail(&m->link, &mounts);
	return 0;
}

static int mount_new(const char *source, const struct path *at,
		     const char *fstype, unsigned long flags, const void *data)
{
	struct fs_type *t = fs_type_find(fstype);
	struct super_block *sb;
	int err;

	if (!t)
		return -ENODEV;
	sb = t->get_sb(source, flags, data);
	if (IS_ERR(sb))
		return (int)PTR_ERR(sb);
	err = mount_attach(sb, sb->root, at, source, flags);
	if (err && sb->mounts == 0 && sb->ops && sb->ops->put_super) {
		inode_put(sb->root);
		sb->ops->put_super(sb);
	}
	return err;
}

static int mount_bind(const char *source, const struct path *at, unsigned long flags)
{
	struct path src;
	int err = vfs_lookup_at(AT_FDCWD, source, LOOKUP_FOLLOW, &src);

	if (err)
		return err;
	if (S_ISDIR(src.inode->mode) != S_ISDIR(at->inode->mode))
		err = S_ISDIR(src.inode->mode) ? -ENOTDIR : -EISDIR;
	else if (!src.mnt)
		err = -EINVAL;
	else
		err = mount_attach(src.mnt->sb, src.inode, at, src.mnt->source,
				   flags | (src.mnt->flags & ~MS_RDONLY));
	path_put(&src);
	return err;
}

/* Change a mount's flags; going read-only writes its filesystem back
 * first, going read-write asks the filesystem. */
static int mount_remount(const struct path *at, unsigned long flags)
{
	struct super_block *sb;
	bool was_ro;
	int err;

	if (!at->mnt || at->inode != at->mnt->root)
		return -EINVAL;
	sb = at->mnt->sb;
	was_ro = at->mnt->flags & MS_RDONLY;
	if ((flags & MS_RDONLY) && !was_ro && sb->ops && sb->ops->sync_fs)
		sb->ops->sync_fs(sb);
	if (!(flags & MS_RDONLY) && was_ro && sb->ops && sb->ops->remount_rw &&
	    (err = sb->ops->remount_rw(sb)))
		return err;
	at->mnt->flags = flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC |
				  MS_NOATIME | MS_NODIRATIME | MS_SYNCHRONOUS);
	return 0;
}

int vfs_mount(const char *source, const char *target, const char *fstype,
	      unsigned long flags, const void *data)
{
	struct path at;
	int err;

	if (vfs_cred()->euid != 0)
		return -EPERM;
	if (!root_mount) /* the very first mount becomes "/" */
		return mount_new(source, NULL, fstype, flags, data);
	err = vfs_lookup_at(AT_FDCWD, target, LOOKUP_FOLLOW, &at);
	if (err)
		return err;
	if (flags & MS_REMOUNT)
		err = mount_remount(&at, flags);
	else if (flags & MS_MOVE)
		err = -EINVAL; /* not supported: move a mount by umount + mount */
	else if (flags & MS_BIND)
		err = mount_bind(source, &at, flags);
	else if (!S_ISDIR(at.inode->mode))
		err = -ENOTDIR;
	else if (!fstype)
		err = -EINVAL;
	else
		err = mount_new(source, &at, fstype, flags, data);
	path_put(&at);
	return err;
}

static bool mount_has_children(struct mount *m)
{
	struct mount *c;

	list_for_each_entry(c, &mounts, link)
		if (c->parent == m)
			return true;
	return false;
}

int vfs_umount(const char *target, int flags)
{
	struct path at;
	struct mount *m;
	int err;

	if (vfs_cred()->euid != 0)
		return -EPERM;
	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	err = vfs_lookup_at(AT_FDCWD, target,
			    (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &at);
	if (err)
		return err;
	m = at.mnt;
	if (!m || at.inode != m->root)
		err = -EINVAL;
	else if (m == root_mount || mount_has_children(m))
		err = -EBUSY;
	else if (m->refs > 2 && !(flags & MNT_DETACH)) /* table + our lookup */
		err = -EBUSY;
	path_put(&at);
	if (err)
		return err;
	list_del(&m->link);
	mount_put(m); /* the table's reference */
	return 0;
}

/*
 * sync_fs sleeps on the disk, and the mount table may change meanwhile: the
 * mounts with a sync_fs are first collected, each held by a reference.
 */
int vfs_each_sb_sync(void)
{
	struct mount *m, **v;
	size_t n = 0, k = 0;
	int err = 0, e;

	list_for_each_entry(m, &mounts, link)
		n++;
	v = kmalloc((n ? n : 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	list_for_each_entry(m, &mounts, link)
		if (m->sb->ops && m->sb->ops->sync_fs)
			v[k++] = mount_get(m);
	for (size_t i = 0; i < k; i++) {
		if ((e = v[i]->sb->ops->sync_fs(v[i]->sb)) && !err)
			err = e;
		mount_put(v[i]);
	}
	kfree(v);
	return err;
}

/* Mount options as /proc/mounts shows them. */
static void mount_opts(const struct mount *m, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s%s", m->flags & MS_RDONLY ? "ro" : "rw",
		 m->flags & MS_NOSUID ? ",nosuid" : "",
		 m->flags & MS_NODEV ? ",nodev" : "",
		 m->flags & MS_NOEXEC ? ",noexec" : "",
		 m->flags & MS_NOATIME ? ",noatime" : ",relatime");
}

size_t vfs_mounts_text(char *buf, size_t len)
{
	struct mount *m;
	size_t n = 0;
	char *where = kmalloc(PATH_MAX);
	char opts[64];

	if (!where)
		return 0;
	list_for_each_entry(m, &mounts, link) {
		struct path p = { m, m->root };

		if (vfs_path_name(&p, NULL, where, PATH_MAX) < 0)
			continue;
		mount_opts(m, opts, sizeof(opts));
		n += (size_t)snprintf(n < len ? buf + n : NULL, n < len ? len - n : 0,
				      "%s %s %s %s 0 0\n", m->source, where,
				      m->sb->type->name, opts);
	}
	kfree(where);
	return n;
}

size_t vfs_filesystems_text(char *buf, size_t len)
{
	struct fs_type *t;
	size_t n = 0;

	list_for_each_entry(t, &fs_types, link)
		n += (size_t)snprintf(n < len ? buf + n : NULL, n < len ? len - n : 0,
				      "%s\t%s\n", t->nodev ? "nodev" : "", t->name);
	return n;
}
