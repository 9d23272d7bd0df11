/* wasm32 thread pointer: the module's __tls_base global. The TLS block
   (wasm-ld local-exec TLS, addressed from __tls_base) starts at the thread
   pointer and struct pthread sits just below it (TLS_ABOVE_TP, no gap);
   __set_thread_area writes the global. Each instance (worker) has its own
   globals, so each thread has its own pointer. */
static inline uintptr_t __get_tp()
{
	return (uintptr_t)__builtin_wasm_tls_base();
}

#define TLS_ABOVE_TP
#define GAP_ABOVE_TP 0

#define MC_PC __regs[0]
