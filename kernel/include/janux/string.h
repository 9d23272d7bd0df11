/*
 * Memory and string helpers with the C library's names and contracts.
 * kernel/lib/string.c provides them on the freestanding targets; the host
 * test target uses the host C library's, which keep the same contracts.
 */
#ifndef JANUX_STRING_H
#define JANUX_STRING_H

#include <janux/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);

/*
 * Copy at most size-1 bytes of src into dst and NUL-terminate (size > 0).
 * Returns strlen(src), so truncation happened when the result >= size.
 */
size_t strlcpy(char *dst, const char *src, size_t size);

#endif
