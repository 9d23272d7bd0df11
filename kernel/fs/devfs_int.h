/* devfs internals: the node list that /dev is made from. */
#ifndef FS_DEVFS_INT_H
#define FS_DEVFS_INT_H

#include <janux/stat.h>

/*
 * Record /dev/<name> (mode with type, rdev) and create it in the devfs
 * instance now if there is one. 0, -EEXIST, -ENOMEM.
 */
int devfs_add_node(const char *name, mode_t mode, dev_t rdev);

#endif
