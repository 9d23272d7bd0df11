/* Parity: what a fresh system looks like to a process: uname, hostname,
 * sysinfo, the default resource limits, priority, credentials, umask and
 * the root directory as init's children inherit them. Kernel-wide, so the
 * oracle is a booted Linux.
 * parity-oracle: linux */
#include "parity.h"
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

static void limit(const char *name, int res)
{
	struct rlimit rl;
	if (getrlimit(res, &rl) < 0) {
		say("%s: -1 %s\n", name, ename(errno));
		return;
	}
	char cur[32], max[32];
	snprintf(cur, sizeof cur, rl.rlim_cur == RLIM_INFINITY ? "unlimited" : "%llu",
		 (unsigned long long)rl.rlim_cur);
	snprintf(max, sizeof max, rl.rlim_max == RLIM_INFINITY ? "unlimited" : "%llu",
		 (unsigned long long)rl.rlim_max);
	say("%s: %s / %s\n", name, cur, max);
}

int main(void)
{
	struct utsname u;
	CHECK(uname(&u));
	say("sysname %s machine %s nodename %s\n", u.sysname, u.machine, u.nodename);
	YESNO(u.release[0] >= '1' && u.release[0] <= '9');
	CHECK(sethostname("parity", 6));
	CHECK(uname(&u));
	say("nodename %s\n", u.nodename);
	char name[80];
	CHECK(getdomainname(name, sizeof name));
	say("domainname %s\n", name);
	struct sysinfo si;
	CHECK(sysinfo(&si));
	YESNO(si.uptime >= 0 && si.totalram > 0 && si.freeram <= si.totalram && si.procs >= 1);
	YESNO(si.mem_unit >= 1);
	limit("RLIMIT_CPU", RLIMIT_CPU);
	limit("RLIMIT_FSIZE", RLIMIT_FSIZE);
	limit("RLIMIT_DATA", RLIMIT_DATA);
	limit("RLIMIT_STACK", RLIMIT_STACK);
	limit("RLIMIT_CORE", RLIMIT_CORE);
	limit("RLIMIT_NOFILE", RLIMIT_NOFILE);
	limit("RLIMIT_AS", RLIMIT_AS);
	limit("RLIMIT_MEMLOCK", RLIMIT_MEMLOCK);
	struct rlimit rl;
	CHECK(getrlimit(RLIMIT_SIGPENDING, &rl));
	YESNO(rl.rlim_cur > 0 && rl.rlim_cur == rl.rlim_max); /* scales with RAM on Linux */
	errno = 0;
	VALUE(getpriority(PRIO_PROCESS, 0));
	say("ids %d %d %d %d\n", getuid(), geteuid(), getgid(), getegid());
	VALUE(getgroups(0, NULL));
	mode_t m = umask(0);
	say("umask %03o\n", (unsigned)m);
	struct stat st;
	CHECK(stat("/", &st));
	say("/ mode %o uid %d\n", (unsigned)st.st_mode, (int)st.st_uid);
	CHECK(stat("/tmp", &st));
	say("/tmp mode %o\n", (unsigned)st.st_mode);
	say("HOME=%s TERM=%s\n", getenv("HOME") ? getenv("HOME") : "-",
	    getenv("TERM") ? getenv("TERM") : "-");
	return 0;
}
