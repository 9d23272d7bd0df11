/* Filesystem test fixture (see fs_fixture.h). */
#include <janux/fdtable.h>
#include <janux/fs_struct.h>
#include <janux/printk.h>
#include <janux/vfs.h>
#include "fs_fixture.h"

static struct cred fixture_cred;
static struct task fixture_task;

struct task *fs_fixture_boot(void)
{
	int err = vfs_init(true);

	if (err)
		panic("fs_fixture: vfs_init failed: %d", err);
	fixture_task.tid = 1;
	fixture_task.cred = &fixture_cred;
	fixture_task.fs = fs_struct_alloc();
	fixture_task.files = files_alloc();
	if (!fixture_task.fs || !fixture_task.files)
		panic("fs_fixture: no memory");
	arch_set_current(&fixture_task);
	return &fixture_task;
}

void fs_fixture_become(uid_t uid, gid_t gid)
{
	fixture_cred.uid = fixture_cred.euid = fixture_cred.suid = fixture_cred.fsuid = uid;
	fixture_cred.gid = fixture_cred.egid = fixture_cred.sgid = fixture_cred.fsgid = gid;
}
