/* The running task on the single CPU (arch_current / arch_set_current). */
#include <janux/task.h>

static struct task *current_task;

struct task *arch_current(void)
{
	return current_task;
}

void arch_set_current(struct task *t)
{
	current_task = t;
}
