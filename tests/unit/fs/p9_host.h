/*
 * Host side of the 9p client tests, kept apart because glibc's headers
 * clash with the kernel's (dev_t, S_IF*): the scratch directories, our
 * 9P server as a child process, and plain host file queries.
 */
#ifndef FS_TEST_P9_HOST_H
#define FS_TEST_P9_HOST_H

#include <stddef.h>

/* Make <tmp>/share and <tmp>/outside, start the server on share; 0 or -1. */
int p9h_start(void);
/* One request to the server and its reply (size or -1). */
long p9h_rpc(const void *req, size_t len, void *reply, size_t cap);
/* Host path of `name` in the share / beside it (a static buffer each). */
const char *p9h_share(const char *name);
const char *p9h_outside(const char *name);
/* lstat fields of a host path, -1 when it does not exist. */
long long p9h_size(const char *path);
long long p9h_mode(const char *path);
long long p9h_ino(const char *path);
long long p9h_mtime(const char *path);
long long p9h_atime(const char *path);
/* Make a host file with data / a host symlink: 0 or -1. */
int p9h_write(const char *path, const char *data);
int p9h_symlink(const char *target, const char *path);

#endif
