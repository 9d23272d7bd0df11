/*
 * The kernel's names settable at run time: uname(2)'s nodename (the
 * hostname) and domainname. kernel/sys/misc.c holds them; sethostname(2)
 * and /proc/sys/kernel/{hostname,domainname} change them.
 */
#ifndef JANUX_UTS_H
#define JANUX_UTS_H

#include <janux/types.h>

#define UTS_NAME_MAX 64 /* bytes, without the NUL (Linux's __NEW_UTS_LEN) */

enum uts_name { UTS_HOSTNAME, UTS_DOMAINNAME };

/* Copy the current name, NUL-terminated, into buf (UTS_NAME_MAX + 1 bytes). */
void uts_get(enum uts_name which, char *buf);

/* Set the name to the len bytes at name (no NUL needed); -EINVAL when len
 * exceeds UTS_NAME_MAX. No permission check: the caller makes it. */
int uts_set(enum uts_name which, const char *name, size_t len);

#endif
