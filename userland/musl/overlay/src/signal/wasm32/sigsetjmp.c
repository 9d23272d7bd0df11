/* wasm32 sigsetjmp: <setjmp.h> makes sigsetjmp(b, s) a macro calling this,
   then setjmp(b) in the caller's own frame (the compiler's setjmp lowering
   only works there). The mask is restored by siglongjmp before the jump. */
#include <setjmp.h>
#include <signal.h>
#include "syscall.h"

void __janux_sigsetjmp_save(sigjmp_buf buf, int savemask)
{
	buf->__fl = savemask != 0;
	if (savemask)
		__syscall(SYS_rt_sigprocmask, SIG_SETMASK, 0, buf->__ss, _NSIG/8);
}
