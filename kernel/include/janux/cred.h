/*
 * Credentials of a task: real, effective, saved and filesystem ids and the
 * supplementary groups. Permission checks use fsuid/fsgid and the groups.
 */
#ifndef JANUX_CRED_H
#define JANUX_CRED_H

#include <janux/types.h>

#define NGROUPS_MAX 65536 /* what getgroups(2) may report, as Linux */
#define CRED_NGROUPS 32   /* supplementary groups a task can hold here */

struct cred {
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	unsigned int ngroups;
	gid_t groups[CRED_NGROUPS];
};

/* True when `gid` is the credential's fsgid or one of its groups. */
static inline bool cred_in_group(const struct cred *c, gid_t gid)
{
	if (c->fsgid == gid)
		return true;
	for (unsigned int i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

/* True for the superuser's filesystem identity (root bypasses DAC). */
static inline bool cred_is_root(const struct cred *c)
{
	return c->fsuid == 0;
}

#endif
