/*
 * Path walking: components, ".", ".." across mount points and chroot,
 * symlinks (at most MAXSYMLINKS per lookup), search permission, the dfd
 * of the *at() calls, and naming a path back (getcwd, /proc/mounts).
 */
#include <janux/errno.h>
#include <janux/fcntl.h>
#include <janux/fdtable.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/string.h>
#include "internal.h"

int vfs_lookup_one(const struct path *dir, const char *name, size_t len, struct path *out)
{
	struct inode *i;
	struct mount *m, *mnt = dir->mnt;
	int err;

	if (!S_ISDIR(dir->inode->mode))
		return -ENOTDIR;
	err = inode_permission(dir->inode, X_OK);
	if (err)
		return err;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (!dir->inode->iops || !dir->inode->iops->lookup)
		return -ENOENT;
	i = dir->inode->iops->lookup(dir->inode, name, len);
	if (IS_ERR(i))
		return (int)PTR_ERR(i);
	while ((m = vfs_mount_on(mnt, i))) { /* step onto what is mounted here */
		inode_put(i);
		i = inode_get(m->root);
		mnt = m;
	}
	out->inode = i;
	out->mnt = mnt ? mount_get(mnt) : NULL;
	return 0;
}

/* Replace *cur by its parent directory, staying inside `root`. */
static int walk_dotdot(struct path *cur, const struct path *root)
{
	struct inode *up;

	for (;;) {
		if (cur->inode == root->inode && cur->mnt == root->mnt)
			return 0;
		if (!cur->mnt || cur->inode != cur->mnt->root || !cur->mnt->parent)
			break;
		struct path next = { cur->mnt->parent, cur->mnt->mountpoint };
		path_get(&next);
		path_put(cur);
		*cur = next;
	}
	if (cur->mnt && cur->inode == cur->mnt->root)
		return 0; /* the global root: ".." is itself */
	up = cur->inode->parent;
	if (!up)
		return -ENOENT; /* a removed directory */
	inode_get(up);
	inode_put(cur->inode);
	cur->inode = up;
	return 0;
}

/* One lookup's state: symlinks followed so far, and the directory the
 * last non-directory was found in (referenced; NULL until one is). */
struct walk_state {
	int nlinks;
	struct inode *dir;
};

static int walk(struct path *cur, const char *name, unsigned int flags,
		struct walk_state *ws, const struct path *root);

/* Follow the symlink `link` found in directory *cur; *cur becomes its target. */
static int walk_link(struct path *cur, struct path *link, unsigned int flags,
		     struct walk_state *ws, const struct path *root)
{
	char *target;
	ssize_t n;
	int err;

	if (++ws->nlinks > MAXSYMLINKS)
		return -ELOOP;
	if (!link->inode->iops || !link->inode->iops->readlink)
		return -EINVAL;
	target = kmalloc(PATH_MAX);
	if (!target)
		return -ENOMEM;
	n = link->inode->iops->readlink(link->inode, target, PATH_MAX - 1);
	if (n < 0) {
		kfree(target);
		return (int)n;
	}
	target[n] = '\0';
	err = n ? walk(cur, target, flags | LOOKUP_FOLLOW, ws, root) : -ENOENT;
	kfree(target);
	return err;
}

/* One component (name, len) from *cur; `last` tells whether more follow. */
static int walk_component(struct path *cur, const char *name, size_t len,
			  bool follow, struct walk_state *ws, const struct path *root)
{
	struct path next;
	int err;

	if (!S_ISDIR(cur->inode->mode))
		return -ENOTDIR;
	if (len == 1 && name[0] == '.')
		return inode_permission(cur->inode, X_OK);
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		err = inode_permission(cur->inode, X_OK);
		return err ? err : walk_dotdot(cur, root);
	}
	err = vfs_lookup_one(cur, name, len, &next);
	if (err)
		return err;
	if (S_ISLNK(next.inode->mode) && follow) {
		err = walk_link(cur, &next, LOOKUP_FOLLOW, ws, root);
		path_put(&next);
		return err;
	}
	if (!S_ISDIR(next.inode->mode)) { /* can only be the last component */
		if (ws->dir)
			inode_put(ws->dir);
		ws->dir = inode_get(cur->inode);
	}
	path_put(cur);
	*cur = next;
	return 0;
}

/* Resolve name from *cur (replaced by the result; on error left referenced). */
static int walk(struct path *cur, const char *name, unsigned int flags,
		struct walk_state *ws, const struct path *root)
{
	bool dir_needed = false;
	int err;

	if (*name == '/') {
		path_put(cur);
		*cur = *root;
		path_get(cur);
	}
	while (*name) {
		const char *end;
		bool last;

		while (*name == '/')
			name++;
		if (!*name)
			break;
		for (end = name; *end && *end != '/'; end++)
			;
		if (end - name > NAME_MAX)
			return -ENAMETOOLONG;
		last = true;
		for (const char *q = end; *q; q++)
			if (*q != '/')
				last = false;
		if (last && *end)
			dir_needed = true; /* "name/" */
		err = walk_component(cur, name, (size_t)(end - name),
				     !last || dir_needed || (flags & LOOKUP_FOLLOW),
				     ws, root);
		if (err)
			return err;
		name = end;
	}
	if ((dir_needed || (flags & LOOKUP_DIRECTORY)) && !S_ISDIR(cur->inode->mode))
		return -ENOTDIR;
	return 0;
}

/* Where a relative name starts: the cwd or the directory open at dfd. */
static int start_path(int dfd, const char *name, unsigned int flags, struct path *out)
{
	struct file *f;

	if (*name == '/' || dfd == AT_FDCWD)
		return vfs_get_cwd(out);
	f = fget(dfd);
	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	out->mnt = f->mnt;
	out->inode = f->inode;
	path_get(out);
	file_put(f);
	if (*name && !S_ISDIR(out->inode->mode)) {
		path_put(out);
		return -ENOTDIR;
	}
	return 0;
}

int vfs_lookup_dir_at(int dfd, const char *name, unsigned int flags, struct path *out,
		      struct inode **dir)
{
	struct walk_state ws = { 0, NULL };
	struct path root;
	int err;

	if (strnlen(name, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = start_path(dfd, name, flags, out);
	if (err)
		return err;
	err = vfs_get_root(&root);
	if (!err) {
		err = walk(out, name, flags, &ws, &root);
		path_put(&root);
	}
	if (err)
		path_put(out);
	if (!err && dir && !S_ISDIR(out->inode->mode))
		*dir = ws.dir;
	else if (ws.dir)
		inode_put(ws.dir);
	return err;
}

int vfs_lookup_at(int dfd, const char *name, unsigned int flags, struct path *out)
{
	return vfs_lookup_dir_at(dfd, name, flags, out, NULL);
}

int vfs_walk_parent(int dfd, const char *name, struct path *parent,
		    const char **last, size_t *len, bool *trailing_slash)
{
	size_t n = strnlen(name, PATH_MAX), end, start;
	char *prefix;
	int err;

	if (n >= PATH_MAX)
		return -ENAMETOOLONG;
	if (!n)
		return -ENOENT;
	for (end = n; end > 0 && name[end - 1] == '/'; end--)
		;
	*trailing_slash = end < n;
	for (start = end; start > 0 && name[start - 1] != '/'; start--)
		;
	*last = end ? name + start : NULL;
	*len = end - start;
	if (*len > NAME_MAX)
		return -ENAMETOOLONG;
	if (*last && name_is_dot(*last, *len))
		*last = NULL;
	prefix = kmalloc(start + 2);
	if (!prefix)
		return -ENOMEM;
	memcpy(prefix, name, start);
	prefix[start] = '\0';
	if (!start) { /* no directory part: dfd itself */
		prefix[0] = '.';
		prefix[1] = '\0';
	}
	err = vfs_lookup_at(dfd, prefix, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, parent);
	kfree(prefix);
	if (!err && !*last) { /* "/", ".", "x/..": the whole name is the dir */
		path_put(parent);
		err = vfs_lookup_at(dfd, name, LOOKUP_FOLLOW, parent);
	}
	return err;
}

struct name_search {
	struct dir_context ctx;
	uint64_t ino;
	char *name;     /* NAME_MAX + 1 bytes */
	bool found;
};

static bool name_search_emit(struct dir_context *ctx, const char *name, size_t len,
			     uint64_t ino, unsigned int dtype, loff_t next)
{
	struct name_search *s = container_of(ctx, struct name_search, ctx);

	ctx->pos = next;
	if (ino != s->ino || name_is_dot(name, len))
		return true;
	memcpy(s->name, name, len);
	s->name[len] = '\0';
	s->found = true;
	return false;
}

/* The name under which inode number `ino` appears in directory `dir`. */
static int name_in_dir(struct inode *dir, uint64_t ino, char *name)
{
	struct name_search s = { { name_search_emit, 0 }, ino, name, false };
	struct file f = { .refs = 1, .ops = dir->fops, .inode = dir };
	int err;

	if (!dir->fops || !dir->fops->iterate)
		return -ENOENT;
	err = dir->fops->iterate(&f, &s.ctx);
	return err ? err : s.found ? 0 : -ENOENT;
}

/* Prepend "/name" to the string ending at buf+*at. */
static int prepend(char *buf, size_t *at, const char *name)
{
	size_t n = strlen(name);

	if (*at < n + 1)
		return -ENAMETOOLONG;
	*at -= n + 1;
	buf[*at] = '/';
	memcpy(buf + *at + 1, name, n);
	return 0;
}

/* Climb from p to root (or the global root), prepending names. */
static int path_name_climb(struct path *p, const struct path *root, char *buf,
			   size_t *at, char *name)
{
	int err;

	for (;;) {
		if (root && p->inode == root->inode && p->mnt == root->mnt)
			return 0;
		if (p->mnt && p->inode == p->mnt->root) {
			if (!p->mnt->parent)
				return 0;
			p->inode = p->mnt->mountpoint;
			p->mnt = p->mnt->parent;
			continue;
		}
		if (!p->inode->parent)
			return -ENOENT; /* removed: getcwd(2) says ENOENT */
		err = name_in_dir(p->inode->parent, p->inode->ino, name);
		if (!err)
			err = prepend(buf, at, name);
		if (err)
			return err;
		p->inode = p->inode->parent;
	}
}

long vfs_path_name(const struct path *p, const struct path *root, char *buf, size_t len)
{
	struct path cur = *p; /* borrowed: the walk keeps no references */
	char *name = kmalloc(NAME_MAX + 1);
	size_t at = len;
	int err;

	if (!name)
		return -ENOMEM;
	if (!S_ISDIR(p->inode->mode))
		err = -ENOTDIR;
	else
		err = path_name_climb(&cur, root, buf, &at, name);
	kfree(name);
	if (err < 0)
		return err;
	if (at == len && prepend(buf, &at, ""))
		return -ENAMETOOLONG;
	if (at == 0) /* no room for the NUL */
		return -ENAMETOOLONG;
	memmove(buf, buf + at, len - at);
	buf[len - at] = '\0';
	return (long)(len - at);
}

/* "/dir/name" of a non-directory open from `dir` on mount `mnt`. */
static long file_name_in(struct mount *mnt, struct inode *dir, struct inode *i,
			 char *buf, size_t len)
{
	struct path root, p = { mnt, dir };
	char *name = kmalloc(NAME_MAX + 1);
	long n = -ENOMEM;

	if (name && !(n = name_in_dir(dir, i->ino, name)) && !(n = vfs_get_root(&root))) {
		n = vfs_path_name(&p, &root, buf, len);
		path_put(&root);
	}
	if (n >= 0) {
		size_t at = (size_t)n == 1 ? 0 : (size_t)n; /* "/" + name: no "//" */
		size_t nl = strlen(name);

		if (at + 1 + nl + 1 > len) {
			n = -ENAMETOOLONG;
		} else {
			buf[at] = '/';
			memcpy(buf + at + 1, name, nl + 1);
			n = (long)(at + 1 + nl);
		}
	}
	kfree(name);
	return n;
}

long vfs_file_name(struct file *f, char *buf, size_t len)
{
	struct inode *i = f->inode;
	struct path root, p = { f->mnt, i };
	const char *kind = S_ISFIFO(i->mode) ? "pipe" : S_ISSOCK(i->mode) ? "socket" : NULL;
	long n = -ENOENT;

	if (S_ISDIR(i->mode) && f->mnt && !(n = vfs_get_root(&root))) {
		n = vfs_path_name(&p, &root, buf, len);
		path_put(&root);
	} else if (f->mnt && f->dir) {
		n = file_name_in(f->mnt, f->dir, i, buf, len);
	}
	if (n >= 0 || n == -ENAMETOOLONG)
		return n;
	/* anonymous (pipes), unlinked or unnamed: Linux's "type:[ino]" form */
	n = snprintf(buf, len, "%s:[%llu]", kind ? kind : "anon_inode",
		     (unsigned long long)i->ino);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : n;
}
