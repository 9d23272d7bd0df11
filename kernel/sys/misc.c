/*
 * System-wide syscalls: uname, sethostname/setdomainname, getrandom,
 * sysinfo, getrusage, prctl (names), syslog(2) and reboot(2).
 */
#include <arch.h>
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/string.h>
#include <janux/syscall.h>
#include <janux/task.h>
#include <janux/timer.h>
#include <janux/uts.h>
#include <janux/version.h>

#define UTS_LEN (UTS_NAME_MAX + 1)

static char uts_names[2][UTS_LEN] = { [UTS_HOSTNAME] = "(none)", [UTS_DOMAINNAME] = "(none)" };

void uts_get(enum uts_name which, char *buf)
{
	memcpy(buf, uts_names[which], UTS_LEN);
}

int uts_set(enum uts_name which, const char *name, size_t len)
{
	if (len > UTS_NAME_MAX)
		return -EINVAL;
	memcpy(uts_names[which], name, len);
	memset(uts_names[which] + len, 0, UTS_LEN - len);
	return 0;
}

SYSCALL_DEFINE1(uname, uaddr_t, buf)
{
	char u[6][UTS_LEN];

	memset(u, 0, sizeof(u));
	strlcpy(u[0], "Linux", UTS_LEN);
	uts_get(UTS_HOSTNAME, u[1]);
	strlcpy(u[2], "6.1.0-janux", UTS_LEN);
	snprintf(u[3], UTS_LEN, "#1 Janux %s %s %s", janux_version,
		 janux_git_hash, janux_build_date);
	strlcpy(u[4], arch_uname_machine, UTS_LEN);
	uts_get(UTS_DOMAINNAME, u[5]);
	return arch_copy_to_user(buf, u, sizeof(u)) ? -EFAULT : 0;
}

/* sethostname/setdomainname: root only, at most 64 bytes. */
static long set_uts(enum uts_name which, uaddr_t name, int len)
{
	char tmp[UTS_LEN];

	if (current->cred->euid != 0)
		return -EPERM;
	if (len < 0 || len >= UTS_LEN)
		return -EINVAL;
	if (arch_copy_from_user(tmp, name, (size_t)len))
		return -EFAULT;
	return uts_set(which, tmp, (size_t)len);
}

SYSCALL_DEFINE2(sethostname, uaddr_t, name, int, len) { return set_uts(UTS_HOSTNAME, name, len); }
SYSCALL_DEFINE2(setdomainname, uaddr_t, name, int, len) { return set_uts(UTS_DOMAINNAME, name, len); }

#define GRND_NONBLOCK 1u
#define GRND_RANDOM 2u
#define GRND_INSECURE 4u
#define GETRANDOM_MAX 33554431ul /* Linux caps one call at INT_MAX >> 6 */

SYSCALL_DEFINE3(getrandom, uaddr_t, buf, size_t, len, unsigned int, flags)
{
	unsigned char chunk[256];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
	    (flags & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	len = MIN(len, GETRANDOM_MAX);
	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));

		arch_get_entropy(chunk, n);
		if (arch_copy_to_user(buf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}

/* struct sysinfo, as words: uptime, loads[3], ram and swap (6), procs
 * (low 16 bits of word 10), totalhigh, freehigh, mem_unit (u32 at word
 * 13). 112 bytes on LP64, 64 on ILP32. */
SYSCALL_DEFINE1(sysinfo, uaddr_t, info)
{
	unsigned long v[16] = { 0 };
	uint32_t unit = 1;
	struct process *p;

	v[0] = (unsigned long)(clock_monotonic_ns() / NSEC_PER_SEC);
	v[4] = arch_mem_total_pages() * PAGE_SIZE;
	v[5] = arch_mem_free_pages() * PAGE_SIZE;
	list_for_each_entry(p, &process_list, all_link)
		v[10]++;
	memcpy(&v[13], &unit, sizeof(unit));
	return arch_copy_to_user(info, v, BITS_PER_LONG == 64 ? 112 : 64) ? -EFAULT : 0;
}

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

/*
 * struct rusage: ru_utime and ru_stime as timevals of two longs (also on
 * the ILP32 time64 ports: getrusage/wait4 kept the old layout), then 14
 * longs of counters, which Janux leaves zero.
 */
long rusage_to_user(uaddr_t ru, uint64_t utime_ns, uint64_t stime_ns)
{
	long v[18] = { (long)(utime_ns / NSEC_PER_SEC),
		       (long)(utime_ns % NSEC_PER_SEC / 1000),
		       (long)(stime_ns / NSEC_PER_SEC),
		       (long)(stime_ns % NSEC_PER_SEC / 1000) };

	if (!ru)
		return 0;
	return arch_copy_to_user(ru, v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(getrusage, int, who, uaddr_t, ru)
{
	struct task *t = current;
	struct process *p = t->proc;

	if (who == RUSAGE_SELF)
		return rusage_to_user(ru, p->utime_ns + t->utime_ns,
				      p->stime_ns + t->stime_ns);
	if (who == RUSAGE_CHILDREN)
		return rusage_to_user(ru, p->cutime_ns, p->cstime_ns);
	if (who == RUSAGE_THREAD)
		return rusage_to_user(ru, t->utime_ns, t->stime_ns);
	return -EINVAL;
}

#define PR_SET_NAME 15
#define PR_GET_NAME 16

SYSCALL_DEFINE5(prctl, int, option, unsigned long, a2, unsigned long, a3,
		unsigned long, a4, unsigned long, a5)
{
	char name[TASK_COMM_LEN];
	long n;

	switch (option) {
	case PR_SET_NAME:
		n = arch_strncpy_from_user(name, a2, sizeof(name));
		if (n == -EFAULT)
			return n;
		name[sizeof(name) - 1] = '\0'; /* longer names are cut */
		task_set_comm(current, name);
		return 0;
	case PR_GET_NAME:
		return arch_copy_to_user(a2, current->comm, sizeof(current->comm))
			       ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

#define LOG_BUF_LEN 65536

/* syslog(2): actions 0..10 as Linux; reading the whole log is allowed to
 * everyone (dmesg_restrict = 0), the rest needs root. */
SYSCALL_DEFINE3(syslog, int, type, uaddr_t, buf, int, len)
{
	char *tmp;
	size_t n;

	if (type != 3 && type != 10 && current->cred->euid != 0)
		return -EPERM;
	switch (type) {
	case 0: case 1: case 6: case 7:
		if (type == 6)
			printk_set_console_level(1);
		if (type == 7)
			printk_set_console_level(CONSOLE_LOGLEVEL_DEFAULT);
		return 0;
	case 2: case 3: case 4:
		if (len < 0)
			return -EINVAL;
		if (!buf && len)
			return -EINVAL;
		tmp = kmalloc(LOG_BUF_LEN);
		if (!tmp)
			return -ENOMEM;
		n = printk_read_all(tmp, MIN((size_t)len, (size_t)LOG_BUF_LEN));
		if (n && arch_copy_to_user(buf, tmp, n)) {
			kfree(tmp);
			return -EFAULT;
		}
		kfree(tmp);
		if (type != 3)
			printk_clear();
		return (long)n;
	case 5:
		printk_clear();
		return 0;
	case 8:
		if (len < 1 || len > 8)
			return -EINVAL;
		printk_set_console_level(len);
		return 0;
	case 9:
		return (long)printk_log_size();
	case 10:
		return LOG_BUF_LEN;
	default:
		return -EINVAL;
	}
}

#define REBOOT_MAGIC1 0xfee1deadu
#define CMD_RESTART 0x01234567u
#define CMD_HALT 0xCDEF0123u
#define CMD_POWER_OFF 0x4321FEDCu
#define CMD_CAD_ON 0x89ABCDEFu
#define CMD_CAD_OFF 0x00000000u

SYSCALL_DEFINE4(reboot, unsigned int, magic1, unsigned int, magic2,
		unsigned int, cmd, uaddr_t, arg)
{
	if (current->cred->euid != 0)
		return -EPERM;
	if (magic1 != REBOOT_MAGIC1 ||
	    (magic2 != 672274793u && magic2 != 85072278u &&
	     magic2 != 369367448u && magic2 != 537993216u))
		return -EINVAL;
	switch (cmd) {
	case CMD_RESTART:
		pr_notice("reboot: Restarting system\n");
		arch_reboot();
	case CMD_HALT:
		pr_notice("reboot: System halted\n");
		arch_halt();
	case CMD_POWER_OFF:
		pr_notice("reboot: Power down\n");
		arch_poweroff();
	case CMD_CAD_ON:
	case CMD_CAD_OFF:
		return 0;
	default:
		return -EINVAL;
	}
}
