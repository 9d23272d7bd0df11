/* wasm32 thread-local storage. wasm-ld lays out the TLS block and
   addresses it from __tls_base (local-exec), which is also the thread
   pointer (arch/wasm32/pthread_arch.h); there are no program headers, the
   block's size and alignment come from the linker and its initial contents
   are written by the linker-made __wasm_init_tls(). Memory per thread:
   [struct pthread][TLS block] ... [dtv], as on other TLS_ABOVE_TP arches. */
#define SYSCALL_NO_TLS 1
#include <sys/mman.h>
#include <stddef.h>
#include "pthread_impl.h"
#include "libc.h"
#include "atomic.h"
#include "syscall.h"

void __wasm_init_tls(void *block);

volatile int __thread_list_lock;

int __init_tp(void *p)
{
	pthread_t td = p;
	td->self = td;
	__set_thread_area(TP_ADJ(p));
	libc.can_do_threads = 1;
	td->detach_state = DT_JOINABLE;
	td->tid = __syscall(SYS_set_tid_address, &__thread_list_lock);
	td->locale = &libc.global_locale;
	td->robust_list.head = &td->robust_list.head;
	td->sysinfo = __sysinfo;
	td->next = td->prev = td;
	return 0;
}

static struct builtin_tls {
	char c;
	struct pthread pt;
	void *space[16];
} builtin_tls[1];
#define MIN_TLS_ALIGN offsetof(struct builtin_tls, pt)

static struct tls_module main_tls;

/* Lays out a new thread's area in `mem` (libc.tls_size bytes) with a fresh
   TLS block; returns its struct pthread. The caller's own thread pointer is
   left as it was (__wasm_init_tls also sets __tls_base). */
void *__copy_tls(unsigned char *mem)
{
	uintptr_t *dtv = (uintptr_t *)(mem + libc.tls_size) - 2;
	void *self = (void *)__get_tp();
	pthread_t td;

	mem += -((uintptr_t)mem + sizeof(struct pthread)) & (libc.tls_align-1);
	td = (pthread_t)mem;
	mem += sizeof(struct pthread);
	__wasm_init_tls(mem);
	__set_thread_area(self);
	dtv[0] = 1;
	dtv[1] = (uintptr_t)mem + DTP_OFFSET;
	td->dtv = dtv;
	return td;
}

static void static_init_tls(size_t *aux)
{
	void *mem;

	main_tls.size = __builtin_wasm_tls_size();
	main_tls.align = __builtin_wasm_tls_align();
	if (main_tls.align < MIN_TLS_ALIGN) main_tls.align = MIN_TLS_ALIGN;
	main_tls.size += -main_tls.size & (main_tls.align-1);
	libc.tls_cnt = 1;
	libc.tls_head = &main_tls;
	libc.tls_align = main_tls.align;
	libc.tls_size = 2*sizeof(void *) + sizeof(struct pthread)
		+ main_tls.size + main_tls.align
		+ MIN_TLS_ALIGN-1 & -MIN_TLS_ALIGN;

	if (libc.tls_size > sizeof builtin_tls)
		mem = (void *)__syscall(SYS_mmap2, 0, libc.tls_size,
			PROT_READ|PROT_WRITE, MAP_ANONYMOUS|MAP_PRIVATE, -1, 0);
	else
		mem = builtin_tls;
	__init_tp(__copy_tls(mem));
}

weak_alias(static_init_tls, __init_tls);
