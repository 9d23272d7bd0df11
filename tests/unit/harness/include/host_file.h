/*
 * Host files and commands for tests that need real images (the ext2 tests
 * and the file-backed block device). Declared without the C library's
 * headers, whose dev_t differs from the kernel's.
 */
#ifndef HOST_FILE_H
#define HOST_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Open a host file for reading (and writing unless ro); fd or -1. */
int host_file_open(const char *path, bool ro);
void host_file_close(int fd);
/* Its size in bytes, or -1. */
int64_t host_file_size(int fd);
/* Transfer exactly len bytes at off; 0 or -1. */
int host_file_pio(int fd, bool write, uint64_t off, void *buf, size_t len);
/* Make the file's writes durable (fsync); 0 or -1. */
int host_file_sync(int fd);
/* Run a shell command; its exit status (-1 when it could not run). Output
 * goes to the test's log. */
int host_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Run a shell command and capture up to len-1 bytes of its stdout into
 * buf (NUL-terminated); exit status or -1. */
int host_run_out(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A fresh private directory under $TMPDIR (or /tmp) into buf, removed
 * with its contents when the process exits (each test runs in its own
 * child); 0 or -1 (at most 8 per process). */
int host_tmpdir(char *buf, size_t len);

#endif
