/* Which signals are pending for a task, and which of them it can take. */
#include <janux/signal.h>
#include <janux/task.h>

bool signal_pending(const struct task *t)
{
	sigset_k p = t->pending;

	if (t->proc)
		p |= t->proc->shared_pending;
	return (p & ~t->blocked) != 0;
}
