/*
 * Defining syscall handlers.
 *
 * Every handler has the uniform type syscall_fn: six register-sized
 * arguments, a long result that is the value or -errno. (A uniform type is
 * required: on wasm32 an indirect call through a mismatched type traps.)
 * SYSCALL_DEFINEn(name, type1, arg1, ...) writes the uniform entry point
 * sys_<name> and a typed body:
 *
 *   SYSCALL_DEFINE3(read, int, fd, uaddr_t, buf, size_t, count)
 *   {
 *           ...
 *   }
 *
 * 64-bit arguments (offsets, lengths) take two registers on 32-bit arches,
 * low word first (asm-generic convention, no alignment padding); such
 * handlers read them with SYSCALL_ARG64(). The dispatcher and the table are
 * generated from kernel/sys/syscalls.def.
 */
#ifndef JANUX_SYSCALL_H
#define JANUX_SYSCALL_H

#include <janux/types.h>

typedef long (*syscall_fn)(unsigned long, unsigned long, unsigned long,
			   unsigned long, unsigned long, unsigned long);

#define SYSCALL_PARAMS                                                       \
	unsigned long a0, unsigned long a1, unsigned long a2,                \
	unsigned long a3, unsigned long a4, unsigned long a5

#define SYSCALL_DEFINE0(name)                                                \
	static long do_sys_##name(void);                                     \
	long sys_##name(SYSCALL_PARAMS) { return do_sys_##name(); }          \
	static long do_sys_##name(void)

#define SYSCALL_DEFINE1(name, t0, n0)                                        \
	static long do_sys_##name(t0 n0);                                    \
	long sys_##name(SYSCALL_PARAMS) { return do_sys_##name((t0)a0); }    \
	static long do_sys_##name(t0 n0)

#define SYSCALL_DEFINE2(name, t0, n0, t1, n1)                                \
	static long do_sys_##name(t0 n0, t1 n1);                             \
	long sys_##name(SYSCALL_PARAMS)                                      \
	{ return do_sys_##name((t0)a0, (t1)a1); }                            \
	static long do_sys_##name(t0 n0, t1 n1)

#define SYSCALL_DEFINE3(name, t0, n0, t1, n1, t2, n2)                        \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2);                      \
	long sys_##name(SYSCALL_PARAMS)                                      \
	{ return do_sys_##name((t0)a0, (t1)a1, (t2)a2); }                    \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2)

#define SYSCALL_DEFINE4(name, t0, n0, t1, n1, t2, n2, t3, n3)                \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2, t3 n3);               \
	long sys_##name(SYSCALL_PARAMS)                                      \
	{ return do_sys_##name((t0)a0, (t1)a1, (t2)a2, (t3)a3); }            \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2, t3 n3)

#define SYSCALL_DEFINE5(name, t0, n0, t1, n1, t2, n2, t3, n3, t4, n4)        \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2, t3 n3, t4 n4);        \
	long sys_##name(SYSCALL_PARAMS)                                      \
	{ return do_sys_##name((t0)a0, (t1)a1, (t2)a2, (t3)a3, (t4)a4); }    \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2, t3 n3, t4 n4)

#define SYSCALL_DEFINE6(name, t0, n0, t1, n1, t2, n2, t3, n3, t4, n4, t5, n5) \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2, t3 n3, t4 n4, t5 n5); \
	long sys_##name(SYSCALL_PARAMS)                                      \
	{ return do_sys_##name((t0)a0, (t1)a1, (t2)a2, (t3)a3, (t4)a4, (t5)a5); } \
	static long do_sys_##name(t0 n0, t1 n1, t2 n2, t3 n3, t4 n4, t5 n5)

/*
 * A handler that reads its registers itself (for 64-bit arguments): the
 * body sees a0..a5.
 */
#define SYSCALL_DEFINE_RAW(name) long sys_##name(SYSCALL_PARAMS)

/*
 * The 64-bit argument starting at register `lo`: one register on 64-bit
 * arches, the pair (lo, hi) on 32-bit ones.
 */
#define SYSCALL_ARG64(lo, hi)                                                \
	(BITS_PER_LONG == 64 ? (uint64_t)(lo)                                \
			     : ((uint64_t)(hi) << 32) | (uint32_t)(lo))

/* Every handler named in syscalls.def. */
#define SYSCALL(nr, name, handler, abi) long sys_##handler(SYSCALL_PARAMS);
#define NOSYS(nr, name, abi)
#include "../../sys/syscalls.def"
#undef SYSCALL
#undef NOSYS

/*
 * Run syscall `nr` for the current task with the given register
 * arguments; returns the value for the user's return register (-ENOSYS
 * for a number with no handler on this word size, logged once by name at
 * KERN_DEBUG). Kernel lock held.
 */
long syscall_dispatch(unsigned long nr, unsigned long a0, unsigned long a1,
		      unsigned long a2, unsigned long a3, unsigned long a4,
		      unsigned long a5);

/* The asm-generic name of syscall `nr` ("?" when it has none). */
const char *syscall_name(unsigned long nr);

#endif
