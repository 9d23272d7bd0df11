/*
 * ARM generic timer: the monotonic clock (CNTVCT_EL0 since boot, at the
 * rate CNTFRQ_EL0 reports) and a one-shot deadline on the EL1 virtual
 * timer for arch_timer_arm(), whose interrupt runs the core's
 * timer_interrupt(). timer_selfcheck() proves the path at boot.
 */
#include <arch.h>
#include <janux/printk.h>
#include <janux/timer.h>
#include "machine.h"
#include "sysreg.h"

#define NSEC 1000000000ULL
#define CTL_ENABLE 1

static uint64_t boot_count;   /* CNTVCT_EL0 at boot = monotonic 0 */
static uint64_t freq;         /* CNTFRQ_EL0, Hz */
static unsigned int timer_intid;

void timer_early_init(void)
{
	freq = read_sysreg(cntfrq_el0);
	isb();
	boot_count = read_sysreg(cntvct_el0);
}

uint32_t timer_frequency(void)
{
	return (uint32_t)freq;
}

/* Counter ticks <-> ns, split so neither product overflows 64 bits. */
static uint64_t ticks_to_ns(uint64_t t)
{
	return t / freq * NSEC + t % freq * NSEC / freq;
}

static uint64_t ns_to_ticks(uint64_t ns)
{
	return ns / NSEC * freq + ns % NSEC * freq / NSEC;
}

uint64_t arch_clock_monotonic_ns(void)
{
	if (!freq)
		return 0; /* before timer_early_init() */
	isb();
	return ticks_to_ns(read_sysreg(cntvct_el0) - boot_count);
}

void arch_timer_arm(uint64_t deadline_ns)
{
	if (deadline_ns == UINT64_MAX) {
		write_sysreg(cntv_ctl_el0, 0);
		return;
	}
	write_sysreg(cntv_cval_el0, boot_count + ns_to_ticks(deadline_ns));
	write_sysreg(cntv_ctl_el0, CTL_ENABLE);
	isb();
}

/* The deadline passed: disable the timer (drops the level-triggered
 * line) and run the core's timers under the kernel lock; timer_interrupt()
 * re-arms for the next one. Kernel code runs with IRQs masked, so the
 * lock is free whenever this runs. */
static void timer_irq(void *unused)
{
	write_sysreg(cntv_ctl_el0, 0);
	isb();
	arch_kernel_lock();
	timer_interrupt();
	arch_kernel_unlock();
}

void timer_init(const struct machine *m)
{
	timer_intid = m->timer_irq;
	write_sysreg(cntv_ctl_el0, 0);
	irq_register(timer_intid, timer_irq, NULL);
}

#define SELFCHECK_TICKS 2
#define SELFCHECK_PERIOD_NS 100000ULL    /* 100 us: boot waits for two */
#define SELFCHECK_LIMIT_NS 200000000ULL  /* give up after 200 ms */

static struct ktimer selfcheck_timer;
static volatile int selfcheck_ticks;
static volatile bool selfcheck_early;

/* Count a tick, check it did not come early, re-arm once. */
static void selfcheck_tick(struct ktimer *t)
{
	uint64_t now = arch_clock_monotonic_ns();

	if (now < t->expires_ns)
		selfcheck_early = true;
	if (++selfcheck_ticks < SELFCHECK_TICKS)
		ktimer_add(t, now + SELFCHECK_PERIOD_NS);
}

/* Two real ticks through the whole path: ktimer_add -> arch_timer_arm ->
 * GIC -> vectors -> timer_irq -> timer_interrupt -> callback. */
void timer_selfcheck(void)
{
	uint64_t start = arch_clock_monotonic_ns();

	ktimer_init(&selfcheck_timer, selfcheck_tick);
	arch_kernel_lock();
	ktimer_add(&selfcheck_timer, start + SELFCHECK_PERIOD_NS);
	arch_kernel_unlock();
	irq_enable();
	while (selfcheck_ticks < SELFCHECK_TICKS &&
	       arch_clock_monotonic_ns() - start < SELFCHECK_LIMIT_NS)
		;
	irq_disable();
	arch_kernel_lock();
	ktimer_del(&selfcheck_timer);
	arch_kernel_unlock();
	if (selfcheck_ticks == SELFCHECK_TICKS && !selfcheck_early)
		pr_debug("timer: tick self-check passed: %d ticks on INTID %u in %lu us (CNTFRQ %lu Hz)\n",
			 SELFCHECK_TICKS, timer_intid,
			 (unsigned long)((arch_clock_monotonic_ns() - start) / 1000),
			 (unsigned long)freq);
	else
		pr_err("timer: tick self-check FAILED: %d of %d ticks on INTID %u%s\n",
		       selfcheck_ticks, SELFCHECK_TICKS, timer_intid,
		       selfcheck_early ? ", one came early" : "");
}
