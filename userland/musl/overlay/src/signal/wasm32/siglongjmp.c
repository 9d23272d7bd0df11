/* wasm32 siglongjmp: put back the mask sigsetjmp saved, then longjmp
   (nothing of the program runs in between, so the order is invisible). */
#include <setjmp.h>
#include <signal.h>
#include "syscall.h"

_Noreturn void siglongjmp(sigjmp_buf buf, int ret)
{
	if (buf->__fl)
		__syscall(SYS_rt_sigprocmask, SIG_SETMASK, buf->__ss, 0, _NSIG/8);
	longjmp(buf, ret);
}
