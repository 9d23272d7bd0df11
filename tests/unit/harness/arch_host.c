/*
 * arch_* hooks for the host unit-test build: a fake machine inside the test
 * process (see host_machine.h). Compiled with the host C library. Tasks,
 * the kernel lock and signal/exec hooks are in arch_host_task.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arch.h>
#include <janux/errno.h>
#include <host_machine.h>

static uint64_t clock_ns;
static uint64_t timer_deadline = UINT64_MAX;
static char console[1 << 16];
static size_t console_len;
static unsigned char user_mem[HOST_USER_SIZE];
static size_t user_brk;
static size_t pages_in_use;

void host_clock_set_ns(uint64_t ns) { clock_ns = ns; }
uint64_t host_timer_deadline(void) { return timer_deadline; }
const char *host_console_text(void) { return console; }
size_t host_pages_in_use(void) { return pages_in_use; }

void host_console_reset(void)
{
	console_len = 0;
	console[0] = '\0';
}

void arch_console_write(const char *buf, size_t len)
{
	size_t room = sizeof(console) - 1 - console_len;
	size_t n = len < room ? len : room;

	memcpy(console + console_len, buf, n);
	console_len += n;
	console[console_len] = '\0';
	if (getenv("KTEST_CONSOLE"))
		fwrite(buf, 1, len, stderr);
}

void *arch_alloc_pages(size_t npages)
{
	void *p = aligned_alloc(PAGE_SIZE, npages * PAGE_SIZE);

	if (p) {
		memset(p, 0, npages * PAGE_SIZE);
		pages_in_use += npages;
	}
	return p;
}

void arch_free_pages(void *p, size_t npages)
{
	free(p);
	pages_in_use -= npages;
}

/* The fake machine has 64 MiB. */
size_t arch_mem_total_pages(void) { return (64u << 20) / PAGE_SIZE; }
size_t arch_mem_free_pages(void) { return arch_mem_total_pages() - pages_in_use; }

static unsigned long irq_depth;

unsigned long arch_irq_save(void) { return irq_depth++; }
void arch_irq_restore(unsigned long flags) { irq_depth = flags; }

uint64_t arch_clock_monotonic_ns(void) { return clock_ns; }
int64_t arch_clock_boot_realtime_ns(void) { return 1700000000LL * 1000000000LL; }
void arch_timer_arm(uint64_t deadline_ns) { timer_deadline = deadline_ns; }

__noreturn void arch_poweroff(void) { exit(0); }
__noreturn void arch_reboot(void) { exit(0); }

/* A panic ends the test process with status 99, which fails the test. */
__noreturn void arch_halt(void)
{
	fprintf(stdout, "  kernel halted: %s", console);
	fflush(stdout);
	_exit(99);
}

uaddr_t host_user_alloc(size_t size)
{
	size_t at = (user_brk + 15) & ~(size_t)15;

	if (at + size > HOST_USER_SIZE)
		abort();
	user_brk = at + size;
	memset(user_mem + at, 0, size);
	return HOST_USER_BASE + at;
}

void *host_user_ptr(uaddr_t addr)
{
	return user_mem + (addr - HOST_USER_BASE);
}

static bool user_range_ok(uaddr_t addr, size_t len)
{
	return addr >= HOST_USER_BASE && len <= HOST_USER_SIZE &&
	       addr - HOST_USER_BASE <= HOST_USER_SIZE - len;
}

long arch_copy_from_user(void *dst, uaddr_t src, size_t len)
{
	if (!user_range_ok(src, len))
		return -EFAULT;
	memcpy(dst, host_user_ptr(src), len);
	return 0;
}

long arch_copy_to_user(uaddr_t dst, const void *src, size_t len)
{
	if (!user_range_ok(dst, len))
		return -EFAULT;
	memcpy(host_user_ptr(dst), src, len);
	return 0;
}

long arch_strncpy_from_user(char *dst, uaddr_t src, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		if (!user_range_ok(src + i, 1))
			return -EFAULT;
		dst[i] = *(char *)host_user_ptr(src + i);
		if (!dst[i])
			return (long)i;
	}
	return -ENAMETOOLONG;
}

void arch_get_entropy(void *buf, size_t len)
{
	unsigned char *p = buf;

	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)rand();
}
const char arch_uname_machine[] = "x86_64-host-test";
