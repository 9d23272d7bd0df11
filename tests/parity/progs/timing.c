/* Parity: time: clocks (monotonic, realtime, boot, coarse, CPU), sleeps,
 * interval timers and alarm, with only relations and bounds printed.
 * parity-oracle: user */
#include "parity.h"
#include <signal.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static long long ns(clockid_t c)
{
	struct timespec ts;
	if (clock_gettime(c, &ts) < 0)
		return -1;
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void clocks(void)
{
	long long a = ns(CLOCK_MONOTONIC), b = ns(CLOCK_MONOTONIC);
	YESNO(a > 0 && b >= a);
	YESNO(ns(CLOCK_REALTIME) > 1600000000LL * 1000000000LL);
	YESNO(ns(CLOCK_BOOTTIME) >= a);
	YESNO(ns(CLOCK_MONOTONIC_COARSE) > 0);
	YESNO(ns(CLOCK_PROCESS_CPUTIME_ID) >= 0);
	YESNO(ns(CLOCK_THREAD_CPUTIME_ID) >= 0);
	struct timespec res;
	CHECK(clock_getres(CLOCK_MONOTONIC, &res));
	say("monotonic resolution %ld ns\n", (long)res.tv_nsec);
	CHECK(clock_gettime(12345, &res));
	struct timeval tv;
	CHECK(gettimeofday(&tv, NULL));
	long long rt = ns(CLOCK_REALTIME) / 1000000000LL;
	YESNO(tv.tv_sec >= rt - 1 && tv.tv_sec <= rt + 1);
	YESNO(time(NULL) >= rt - 1);
	struct tms t;
	CHECK(times(&t));
}

static void sleeps(void)
{
	long long a = ns(CLOCK_MONOTONIC);
	struct timespec req = {0, 30000000}, rem;
	CHECK(nanosleep(&req, &rem));
	long long d = ns(CLOCK_MONOTONIC) - a;
	YESNO(d >= 30000000 && d < 2000000000);
	req.tv_nsec = -1;
	CHECK(nanosleep(&req, &rem));
	req.tv_nsec = 1000000000;
	CHECK(nanosleep(&req, &rem));
	struct timespec abs;
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_nsec += 20000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	VALUE(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL));
	YESNO(ns(CLOCK_MONOTONIC) >= abs.tv_sec * 1000000000LL + abs.tv_nsec);
}

static void timers(void)
{
	signal(SIGALRM, on_alarm);
	struct itimerval it = {{0, 20000}, {0, 20000}}, cur;
	CHECK(setitimer(ITIMER_REAL, &it, NULL));
	while (alarms < 3)
		pause();
	CHECK(getitimer(ITIMER_REAL, &cur));
	YESNO(cur.it_interval.tv_usec == 20000 && cur.it_value.tv_usec <= 20000);
	struct itimerval off = {{0, 0}, {0, 0}};
	CHECK(setitimer(ITIMER_REAL, &off, &cur));
	say("alarms %d\n", alarms);
	VALUE(alarm(5));
	VALUE(alarm(0) >= 4);
	VALUE(alarm(0));
	alarms = 0;
	alarm(1);
	pause();
	say("alarm fired %d\n", alarms);
	CHECK(setitimer(7, &off, NULL));
}

int main(void)
{
	clocks();
	sleeps();
	timers();
	return 0;
}
