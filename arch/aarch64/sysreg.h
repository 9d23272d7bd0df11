/* System register access for C. */
#ifndef AARCH64_SYSREG_H
#define AARCH64_SYSREG_H

#define read_sysreg(reg) ({                                         \
	uint64_t v__;                                               \
	__asm__ volatile("mrs %0, " #reg : "=r"(v__));              \
	v__;                                                        \
})

#define write_sysreg(reg, val)                                      \
	__asm__ volatile("msr " #reg ", %0" ::"r"((uint64_t)(val)) : "memory")

#define isb() __asm__ volatile("isb" ::: "memory")

#endif
