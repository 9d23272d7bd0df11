/*
 * devfs: /dev as a single tmpfs instance of type "devtmpfs" (every mount
 * shows the same tree, as Linux's devtmpfs), filled from the nodes that
 * drivers register with chrdev_register().
 */
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/list.h>
#include <janux/string.h>
#include "devfs_int.h"
#include "internal.h"
#include "tmpfs.h"

struct devnode {
	struct list_head link;
	mode_t mode;
	dev_t rdev;
	char name[];
};

static struct list_head devnodes = LIST_HEAD_INIT(devnodes);
static struct super_block *devfs_sb;

/* Make one node in the devfs tree (kernel identity: root, no umask). */
static int devfs_make(const struct devnode *n)
{
	struct inode *root = devfs_sb->root, *i;
	int err = root->iops->create(root, n->name, strlen(n->name), n->mode, n->rdev, &i);

	if (err)
		return err;
	i->uid = i->gid = 0;
	inode_put(i);
	return 0;
}

int devfs_add_node(const char *name, mode_t mode, dev_t rdev)
{
	size_t len = strlen(name);
	struct devnode *n;

	if (!len || len > NAME_MAX || strchr(name, '/'))
		return -EINVAL;
	list_for_each_entry(n, &devnodes, link)
		if (!strcmp(n->name, name))
			return -EEXIST;
	n = kzalloc(sizeof(*n) + len + 1);
	if (!n)
		return -ENOMEM;
	n->mode = mode;
	n->rdev = rdev;
	memcpy(n->name, name, len + 1);
	list_add_tail(&n->link, &devnodes);
	return devfs_sb ? devfs_make(n) : 0;
}

static struct super_block *devfs_get_sb(const char *source, unsigned long flags,
					const void *data)
{
	struct devnode *n;

	if (devfs_sb)
		return devfs_sb;
	devfs_sb = tmpfs_new_sb(&devtmpfs_type, 0755);
	if (IS_ERR(devfs_sb)) {
		struct super_block *err = devfs_sb;

		devfs_sb = NULL;
		return err;
	}
	devfs_sb->mounts = 1; /* the instance lives for good */
	list_for_each_entry(n, &devnodes, link)
		devfs_make(n);
	return devfs_sb;
}

struct fs_type devtmpfs_type = { .name = "devtmpfs", .nodev = true, .get_sb = devfs_get_sb };
