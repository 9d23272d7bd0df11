/*
 * The few C library calls the fs tests use, declared without <stdlib.h>:
 * glibc's <stdlib.h> defines dev_t, which the kernel's <janux/stat.h>
 * defines differently (a 32-bit kernel dev_t).
 */
#ifndef FS_TEST_HOSTLIB_H
#define FS_TEST_HOSTLIB_H

#include <stddef.h>

void *malloc(size_t n);
void free(void *p);
int rand(void);
void srand(unsigned int seed);

#endif
