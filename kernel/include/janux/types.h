/* Basic kernel types shared by every target (host test, aarch64, wasm32). */
#ifndef JANUX_TYPES_H
#define JANUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t loff_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef long ssize_t;

/*
 * A user-space address. It is register-sized (32-bit on wasm32, 64-bit on
 * aarch64) and is never dereferenced by the core: only arch_copy_*_user()
 * may touch the memory it names.
 */
typedef unsigned long uaddr_t;

#define BITS_PER_LONG (sizeof(long) * 8)

#endif
