/* Pipes and FIFOs: a 64 KiB ring between a read end and a write end
 * (kernel/ipc/pipe.c). */
#ifndef JANUX_PIPE_H
#define JANUX_PIPE_H

#include <janux/types.h>

#define PIPE_BUF 4096           /* writes up to this size are atomic */
#define PIPE_CAPACITY 65536     /* Linux's default pipe size */

struct file;

/*
 * Create a pipe: *rd and *wr receive the two ends (one reference each),
 * opened with O_NONBLOCK when `flags` has it. Returns 0 or -ENOMEM.
 *
 * Semantics (Linux): read blocks while empty and a writer exists, returns
 * 0 at EOF; write with no reader sends SIGPIPE to the writer and fails
 * with -EPIPE; writes of at most PIPE_BUF bytes are never interleaved;
 * O_NONBLOCK turns waits into -EAGAIN (or a short count).
 */
int pipe_create(unsigned int flags, struct file **rd, struct file **wr);

/*
 * The file operations of a named FIFO (S_IFIFO inode), installed by open:
 * the inode's pipe (inode->pipe) is made at the first open and freed at
 * the last close. A reader waits for a writer and a writer for a reader,
 * as Linux (O_NONBLOCK: a reader does not wait, a lone writer gets
 * -ENXIO; O_RDWR never waits); then the pipe semantics above.
 */
extern const struct file_operations fifo_fops;

#endif
