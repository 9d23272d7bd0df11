/*
 * Test fixture for filesystem tests: boots the VFS (tmpfs root, /dev) and
 * makes a current task with root credentials, an fs context and an empty
 * descriptor table.
 */
#ifndef FS_FIXTURE_H
#define FS_FIXTURE_H

#include <janux/cred.h>
#include <janux/task.h>

/* vfs_init(true) plus a current task; aborts the test on failure. */
struct task *fs_fixture_boot(void);

/* Switch the current task's ids (all of uid/euid/fsuid, gid/...). */
void fs_fixture_become(uid_t uid, gid_t gid);

#endif
