/*
 * The setuid family with Linux semantics. "Privileged" is effective uid 0
 * (CAP_SETUID/CAP_SETGID); Janux has no capability sets beyond that.
 * (uid_t)-1 leaves an id unchanged where Linux allows it.
 */
#include <janux/errno.h>
#include <janux/string.h>
#include <janux/task.h>

#define KEEP ((unsigned int)-1)

static bool privileged(void)
{
	return current->cred->euid == 0;
}

/* Is `id` one of the three (real, effective, saved)? */
static bool one_of(unsigned int id, unsigned int r, unsigned int e, unsigned int s)
{
	return id == r || id == e || id == s;
}

long cred_setuid(uid_t uid)
{
	struct cred *c = current->cred;

	if (uid == KEEP)
		return -EINVAL;
	if (privileged()) {
		c->uid = c->suid = uid;
	} else if (uid != c->uid && uid != c->suid) {
		return -EPERM;
	}
	c->euid = c->fsuid = uid;
	return 0;
}

long cred_setgid(gid_t gid)
{
	struct cred *c = current->cred;

	if (gid == KEEP)
		return -EINVAL;
	if (privileged()) {
		c->gid = c->sgid = gid;
	} else if (gid != c->gid && gid != c->sgid) {
		return -EPERM;
	}
	c->egid = c->fsgid = gid;
	return 0;
}

long cred_setreuid(uid_t r, uid_t e)
{
	struct cred *c = current->cred;
	uid_t oldr = c->uid;

	if (!privileged()) {
		if (r != KEEP && r != c->uid && r != c->euid)
			return -EPERM;
		if (e != KEEP && !one_of(e, c->uid, c->euid, c->suid))
			return -EPERM;
	}
	if (r != KEEP)
		c->uid = r;
	if (e != KEEP)
		c->euid = e;
	if (r != KEEP || (e != KEEP && e != oldr))
		c->suid = c->euid;
	c->fsuid = c->euid;
	return 0;
}

long cred_setregid(gid_t r, gid_t e)
{
	struct cred *c = current->cred;
	gid_t oldr = c->gid;

	if (!privileged()) {
		if (r != KEEP && r != c->gid && r != c->egid)
			return -EPERM;
		if (e != KEEP && !one_of(e, c->gid, c->egid, c->sgid))
			return -EPERM;
	}
	if (r != KEEP)
		c->gid = r;
	if (e != KEEP)
		c->egid = e;
	if (r != KEEP || (e != KEEP && e != oldr))
		c->sgid = c->egid;
	c->fsgid = c->egid;
	return 0;
}

long cred_setresuid(uid_t r, uid_t e, uid_t s)
{
	struct cred *c = current->cred;

	if (!privileged() &&
	    ((r != KEEP && !one_of(r, c->uid, c->euid, c->suid)) ||
	     (e != KEEP && !one_of(e, c->uid, c->euid, c->suid)) ||
	     (s != KEEP && !one_of(s, c->uid, c->euid, c->suid))))
		return -EPERM;
	if (r != KEEP)
		c->uid = r;
	if (e != KEEP)
		c->euid = e;
	if (s != KEEP)
		c->suid = s;
	c->fsuid = c->euid;
	return 0;
}

long cred_setresgid(gid_t r, gid_t e, gid_t s)
{
	struct cred *c = current->cred;

	if (!privileged() &&
	    ((r != KEEP && !one_of(r, c->gid, c->egid, c->sgid)) ||
	     (e != KEEP && !one_of(e, c->gid, c->egid, c->sgid)) ||
	     (s != KEEP && !one_of(s, c->gid, c->egid, c->sgid))))
		return -EPERM;
	if (r != KEEP)
		c->gid = r;
	if (e != KEEP)
		c->egid = e;
	if (s != KEEP)
		c->sgid = s;
	c->fsgid = c->egid;
	return 0;
}

long cred_setfsuid(uid_t fsuid)
{
	struct cred *c = current->cred;
	uid_t old = c->fsuid;

	if (privileged() || one_of(fsuid, c->uid, c->euid, c->suid) || fsuid == c->fsuid)
		c->fsuid = fsuid;
	return old;
}

long cred_setfsgid(gid_t fsgid)
{
	struct cred *c = current->cred;
	gid_t old = c->fsgid;

	if (privileged() || one_of(fsgid, c->gid, c->egid, c->sgid) || fsgid == c->fsgid)
		c->fsgid = fsgid;
	return old;
}

long cred_setgroups(unsigned int n, const gid_t *groups)
{
	struct cred *c = current->cred;

	if (!privileged())
		return -EPERM;
	if (n > CRED_NGROUPS)
		return -EINVAL;
	memcpy(c->groups, groups, n * sizeof(gid_t));
	c->ngroups = n;
	return 0;
}
