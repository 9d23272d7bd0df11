/* Character device numbers -> file operations (see janux/devfs.h). */
#include <janux/devfs.h>
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/list.h>
#include <janux/string.h>
#include "internal.h"
#include "devfs_int.h"

struct chrdev {
	struct list_head link;
	dev_t dev;
	const struct file_operations *fops;
};

static struct list_head chrdevs = LIST_HEAD_INIT(chrdevs);

const struct file_operations *chrdev_lookup(dev_t rdev)
{
	struct chrdev *c;

	list_for_each_entry(c, &chrdevs, link)
		if (c->dev == rdev)
			return c->fops;
	return NULL;
}

int chrdev_register(unsigned int major, unsigned int minor, const char *name,
		    mode_t perm, const struct file_operations *fops)
{
	struct chrdev *c;
	dev_t dev = MKDEV(major, minor);

	if (chrdev_lookup(dev))
		return -EEXIST;
	c = kzalloc(sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->dev = dev;
	c->fops = fops;
	list_add_tail(&c->link, &chrdevs);
	return name ? devfs_add_node(name, S_IFCHR | (perm & 0777), dev) : 0;
}
