/* wasm32 cancellation points. Other arches bracket the syscall instruction
   with __cp_begin/__cp_end so a cancel signal can tell it interrupted one;
   wasm has no program counter to compare, so a cancel request is acted on
   when it is pending on entry. The markers exist for pthread_cancel.c and
   never match. */
#include "pthread_impl.h"
#include "syscall.h"

hidden const char __cp_begin[1], __cp_end[1], __cp_cancel[1];
hidden long __cancel(void);

hidden long __syscall_cp_asm(volatile int *cancel, syscall_arg_t nr,
			     syscall_arg_t u, syscall_arg_t v, syscall_arg_t w,
			     syscall_arg_t x, syscall_arg_t y, syscall_arg_t z)
{
	if (*cancel) return __cancel();
	return __syscall(nr, u, v, w, x, y, z);
}
