/*
 * Syscall dispatch: the table generated from syscalls.def, selected for
 * this word size, and the -ENOSYS path that names what was missing.
 */
#include <janux/errno.h>
#include <janux/printk.h>
#include <janux/syscall.h>

#define NR_SYSCALLS 451
#define ABI_COMMON true
#define ABI_LP64 (BITS_PER_LONG == 64)
#define ABI_ILP32 (BITS_PER_LONG == 32)

struct syscall_entry {
	unsigned short nr;
	bool here; /* this entry's abi is this word size's */
	const char *name;
	syscall_fn fn;
};

static const struct syscall_entry entries[] = {
#define SYSCALL(nr, name, handler, abi) { nr, ABI_##abi, #name, sys_##handler },
#define NOSYS(nr, name, abi) { nr, ABI_##abi, #name, NULL },
#include "syscalls.def"
#undef SYSCALL
#undef NOSYS
};

static const struct syscall_entry *table[NR_SYSCALLS];
static bool table_ready;
static unsigned char logged[(NR_SYSCALLS + 7) / 8];

static void table_build(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(entries); i++)
		if (entries[i].here && entries[i].nr < NR_SYSCALLS)
			table[entries[i].nr] = &entries[i];
	table_ready = true;
}

const char *syscall_name(unsigned long nr)
{
	if (!table_ready)
		table_build();
	return nr < NR_SYSCALLS && table[nr] ? table[nr]->name : "?";
}

long syscall_dispatch(unsigned long nr, unsigned long a0, unsigned long a1,
		      unsigned long a2, unsigned long a3, unsigned long a4,
		      unsigned long a5)
{
	const struct syscall_entry *e;

	if (!table_ready)
		table_build();
	e = nr < NR_SYSCALLS ? table[nr] : NULL;
	if (e && e->fn)
		return e->fn(a0, a1, a2, a3, a4, a5);
	if (nr < NR_SYSCALLS && !(logged[nr / 8] & (1u << (nr % 8)))) {
		logged[nr / 8] |= (unsigned char)(1u << (nr % 8));
		pr_debug("syscall %lu (%s) not implemented: -ENOSYS\n", nr,
			 syscall_name(nr));
	}
	return -ENOSYS;
}
