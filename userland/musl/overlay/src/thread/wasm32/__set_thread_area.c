/* wasm32: the thread pointer is the instance's __tls_base global
   (arch/wasm32/pthread_arch.h); setting it needs no syscall. */
#include "pthread_impl.h"

int __set_thread_area(void *p)
{
	__asm__ __volatile__ (
		".globaltype __tls_base, i32\n\t"
		"local.get %0\n\t"
		"global.set __tls_base"
		: : "r"(p));
	return 0;
}
