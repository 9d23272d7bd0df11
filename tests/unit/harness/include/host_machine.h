/*
 * The fake machine behind the host unit-test build: the arch_* hooks of
 * kernel/include/arch.h implemented over the host process, plus knobs that
 * tests use to drive it (clock, console capture, user memory).
 */
#ifndef HOST_MACHINE_H
#define HOST_MACHINE_H

#include <janux/types.h>

/* Set the monotonic clock the kernel reads (starts at 0). */
void host_clock_set_ns(uint64_t ns);

/* The deadline last given to arch_timer_arm() (UINT64_MAX: none). */
uint64_t host_timer_deadline(void);

/* Everything the kernel wrote to its console since the last reset. */
const char *host_console_text(void);
void host_console_reset(void);

/*
 * Fake user memory: one region [HOST_USER_BASE, HOST_USER_BASE + size).
 * arch_copy_*_user() succeed inside it and return -EFAULT outside.
 * host_user_alloc() hands out zeroed space in it; host_user_ptr() gives the
 * host pointer behind a user address so tests can inspect or fill it.
 */
#define HOST_USER_BASE 0x10000ul
#define HOST_USER_SIZE (1ul << 20)
uaddr_t host_user_alloc(size_t size);
void *host_user_ptr(uaddr_t addr);

/* Pages currently held through arch_alloc_pages(). */
size_t host_pages_in_use(void);

#endif
