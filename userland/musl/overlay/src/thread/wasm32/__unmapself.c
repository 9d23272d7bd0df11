/* wasm32: a thread's locals live in wasm locals, not on the memory stack
   being unmapped, so it can unmap its stack and exit from plain C. */
#include "pthread_impl.h"
#include "syscall.h"

void __unmapself(void *base, size_t size)
{
	__syscall(SYS_munmap, base, size);
	for (;;) __syscall(SYS_exit, 0);
}
