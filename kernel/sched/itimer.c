/* ITIMER_REAL (and alarm): SIGALRM to the process, periodic if asked. */
#include <janux/signal.h>
#include <janux/task.h>

void itimer_real_fire(struct ktimer *kt)
{
	struct process *p = container_of(kt, struct process, itimer_real);

	sig_send_process(p, SIGALRM, NULL);
	if (p->itimer_real_interval_ns)
		ktimer_add(kt, kt->expires_ns + p->itimer_real_interval_ns);
}
