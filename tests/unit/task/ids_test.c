/* kernel/task/{pgrp,cred,rlimit}.c through their syscalls. */
#include <string.h>

#include <janux/errno.h>
#include <janux/waitflags.h>
#include "ktest.h"
#include "task/fixture.h"

KTEST(pgrp, setsid_and_setpgid_rules)
{
	struct task *a, *b, *c;

	boot_init();
	KT_EQ_INT(SYS0(NR_setsid), -EPERM); /* init leads group 1 */
	a = fork_as(init_task, SIGCHLD, NULL);
	b = fork_as(init_task, SIGCHLD, NULL);
	c = fork_as(a, SIGCHLD, NULL);
	KT_EQ_INT(AS(a, SYS0(NR_setsid)), a->tid);
	KT_EQ_INT(AS(a, SYS1(NR_getsid, 0)), a->tid);
	KT_EQ_INT(AS(a, SYS1(NR_getpgid, 0)), a->tid);
	KT_EQ_INT(AS(a, SYS0(NR_setsid)), -EPERM);
	KT_EQ_INT(AS(a, SYS2(NR_setpgid, 0, 0)), -EPERM); /* session leader */
	/* c (child of a) is still in session 1: a may not move it */
	KT_EQ_INT(AS(a, SYS2(NR_setpgid, c->tid, 0)), -EPERM);
	KT_EQ_INT(AS(b, SYS2(NR_setpgid, c->tid, 0)), -ESRCH); /* not b's child */
	KT_EQ_INT(SYS2(NR_setpgid, b->tid, 0), 0);
	KT_EQ_INT(SYS1(NR_getpgid, b->tid), b->tid);
	KT_EQ_INT(SYS2(NR_setpgid, b->tid, 1), 0); /* back to group 1 */
	KT_EQ_INT(SYS2(NR_setpgid, b->tid, 4242), -EPERM); /* no such group */
	KT_EQ_INT(SYS2(NR_setpgid, b->tid, -1), -EINVAL);
	b->proc->did_exec = true;
	KT_EQ_INT(SYS2(NR_setpgid, b->tid, 0), -EACCES);
	KT_EQ_INT(SYS1(NR_getsid, 999), -ESRCH);
	KT_EQ_INT(SYS1(NR_getpgid, 999), -ESRCH);
}

KTEST(cred, setuid_as_root_and_as_user)
{
	boot_init();
	KT_EQ_INT(SYS1(NR_setuid, 1000), 0);
	KT_EQ_INT(init_task->cred->uid, 1000);
	KT_EQ_INT(init_task->cred->suid, 1000);
	KT_EQ_INT(init_task->cred->fsuid, 1000);
	KT_EQ_INT(SYS1(NR_setuid, 0), -EPERM);
	KT_EQ_INT(SYS1(NR_setuid, 1000), 0);
	KT_EQ_INT(SYS1(NR_setgid, 5), -EPERM);
}

KTEST(cred, saved_uid_allows_switching_back)
{
	uaddr_t r = host_user_alloc(4), e = host_user_alloc(4), s = host_user_alloc(4);

	boot_init();
	KT_EQ_INT(SYS3(NR_setresuid, 1000, 2000, 0), 0);
	KT_EQ_INT(SYS3(NR_getresuid, r, e, s), 0);
	KT_EQ_INT(*(int *)host_user_ptr(e), 2000);
	KT_EQ_INT(SYS1(NR_setuid, 0), 0);       /* saved uid 0: euid only */
	KT_EQ_INT(init_task->cred->uid, 1000);
	KT_EQ_INT(init_task->cred->euid, 0);
	KT_EQ_INT(SYS2(NR_setreuid, -1, 1000), 0);
	KT_EQ_INT(init_task->cred->suid, 0); /* euid == old ruid: saved kept */
	KT_EQ_INT(SYS3(NR_setresuid, -1, 3000, -1), -EPERM);
	KT_EQ_INT(SYS2(NR_setreuid, 3000, -1), -EPERM);
	KT_EQ_INT(SYS3(NR_getresuid, 8, e, s), -EFAULT);
}

KTEST(cred, groups)
{
	uaddr_t l = host_user_alloc(64);
	gid_t *g = host_user_ptr(l);

	boot_init();
	g[0] = 10;
	g[1] = 20;
	KT_EQ_INT(SYS2(NR_setgroups, 2, l), 0);
	KT_EQ_INT(SYS2(NR_getgroups, 0, 0), 2);
	KT_EQ_INT(SYS2(NR_getgroups, 1, l), -EINVAL);
	memset(g, 0, 8);
	KT_EQ_INT(SYS2(NR_getgroups, 4, l), 2);
	KT_EQ_INT(g[1], 20);
	KT_EQ_INT(SYS2(NR_setgroups, -1, l), -EINVAL);
	KT_EQ_INT(SYS2(NR_setgroups, 1000, l), -EINVAL);
	KT_EQ_INT(SYS2(NR_setgroups, 1, 8), -EFAULT);
	init_task->cred->euid = 5;
	KT_EQ_INT(SYS2(NR_setgroups, 1, l), -EPERM);
}

KTEST(rlimit, get_set_and_errors)
{
	uaddr_t u = host_user_alloc(16);
	uint64_t *v = host_user_ptr(u);
	struct task *a;

	boot_init();
	KT_EQ_INT(SYS4(NR_prlimit64, 0, RLIMIT_NOFILE, 0, u), 0);
	KT_EQ_INT(v[0], 1024);
	v[0] = 10;
	v[1] = 5;
	KT_EQ_INT(SYS4(NR_prlimit64, 0, RLIMIT_NOFILE, u, 0), -EINVAL);
	KT_EQ_INT(SYS4(NR_prlimit64, 0, 99, 0, u), -EINVAL);
	KT_EQ_INT(SYS4(NR_prlimit64, 999, RLIMIT_NOFILE, 0, u), -ESRCH);
	a = fork_as(init_task, SIGCHLD, NULL);
	a->cred->uid = a->cred->euid = a->cred->suid = 1000;
	v[0] = 10;
	v[1] = 100000;
	KT_EQ_INT(AS(a, SYS4(NR_prlimit64, 0, RLIMIT_NOFILE, u, 0)), -EPERM);
	v[1] = 20;
	KT_EQ_INT(AS(a, SYS4(NR_prlimit64, 0, RLIMIT_NOFILE, u, 0)), 0);
	KT_EQ_INT(AS(a, SYS4(NR_prlimit64, 1, RLIMIT_NOFILE, 0, u)), -EPERM);
	KT_EQ_INT(AS(a, SYS2(NR_getrlimit, RLIMIT_NOFILE, u)), 0);
	KT_EQ_INT(v[1], 20);
	KT_EQ_INT(AS(a, SYS2(NR_setrlimit, RLIMIT_NOFILE, 8)), -EFAULT);
}

KTEST(rlimit, nproc_after_setuid_like_a_forkbomb)
{
	uaddr_t u = host_user_alloc(16);
	uint64_t *v = host_user_ptr(u);
	struct task *a;
	long err = 0;
	int n = 0;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	v[0] = v[1] = 50;
	KT_EQ_INT(AS(a, SYS4(NR_prlimit64, 0, RLIMIT_NPROC, u, 0)), 0);
	KT_EQ_INT(AS(a, SYS1(NR_setgid, 1000)), 0);
	KT_EQ_INT(AS(a, SYS1(NR_setuid, 1000)), 0);
	while (n < 60 && fork_as(a, SIGCHLD, &err))
		n++;
	KT_EQ_INT(err, -EAGAIN);
	KT_EQ_INT(n, 49);
}

/* Regression: children that exited at once (pause() returning early) did
 * not count, so a fork bomb went past RLIMIT_NPROC; zombies count. */
KTEST(rlimit, nproc_counts_zombies_until_reaped)
{
	struct rlimit64 three = { 3, 3 };
	struct wait_result r;
	struct task *a, *c;
	long err;

	boot_init();
	a = fork_as(init_task, SIGCHLD, NULL);
	a->cred->uid = a->cred->euid = a->cred->suid = 1000;
	a->proc->rlim[RLIMIT_NPROC] = three;
	for (int i = 0; i < 2; i++) {
		c = fork_as(a, SIGCHLD, &err);
		KT_ASSERT(c != NULL);
		run_exit(c, 0); /* zombie child of a */
	}
	KT_EXPECT(!fork_as(a, SIGCHLD, &err));
	KT_EQ_INT(err, -EAGAIN);
	KT_ASSERT(AS(a, task_wait(P_ALL, 0, WEXITED, &r)) > 0);
	KT_EXPECT(fork_as(a, SIGCHLD, &err) != NULL);
}
