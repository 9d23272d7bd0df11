/*
 * ktest: the unit-test framework for core code built for the host target.
 *
 *   KTEST(vfs, lookup_missing) { KT_EQ_INT(vfs_lookup(...), -ENOENT); }
 *
 * Every test runs in its own child process (a crash or sanitizer report
 * fails that test only) with a time limit. A test fails when a check fails,
 * when it crashes or times out, and when it checked nothing at all.
 * Output: one line per test, "PASS suite/name" or "FAIL suite/name: why".
 */
#ifndef KTEST_H
#define KTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ktest_case {
	const char *suite;
	const char *name;
	void (*fn)(void);
	struct ktest_case *next;
};

/* Add a case to the run list (called from KTEST's constructor). */
void ktest_register(struct ktest_case *c);

/*
 * Record the outcome of one check. On failure the message (file:line and
 * the expression) is printed and the test will fail; `fatal` ends the test
 * at once. Returns `ok`.
 */
bool ktest_check(bool ok, bool fatal, const char *file, int line,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#define KTEST(suite, name)                                                  \
	static void kt_fn_##suite##_##name(void);                           \
	static struct ktest_case kt_case_##suite##_##name = {               \
		#suite, #name, kt_fn_##suite##_##name, NULL};               \
	__attribute__((constructor)) static void kt_reg_##suite##_##name(void) \
	{                                                                   \
		ktest_register(&kt_case_##suite##_##name);                  \
	}                                                                   \
	static void kt_fn_##suite##_##name(void)

#define KT_CHECK_(fatal, cond, ...) \
	ktest_check(!!(cond), fatal, __FILE__, __LINE__, __VA_ARGS__)

/* Non-fatal: record and go on. */
#define KT_EXPECT(cond) KT_CHECK_(false, cond, "expected %s", #cond)
/* Fatal: end the test when false. */
#define KT_ASSERT(cond) KT_CHECK_(true, cond, "assertion %s", #cond)

#define KT_EQ_INT(a, b)                                                     \
	do {                                                                \
		long long kt_a = (long long)(a), kt_b = (long long)(b);     \
		KT_CHECK_(false, kt_a == kt_b, "%s == %s: got %lld, want %lld", \
			  #a, #b, kt_a, kt_b);                              \
	} while (0)

#define KT_EQ_STR(a, b)                                                     \
	do {                                                                \
		const char *kt_a = (a), *kt_b = (b);                        \
		KT_CHECK_(false, kt_a && kt_b && strcmp(kt_a, kt_b) == 0,   \
			  "%s == %s: got \"%s\", want \"%s\"", #a, #b,      \
			  kt_a ? kt_a : "(null)", kt_b ? kt_b : "(null)");  \
	} while (0)

#define KT_EQ_MEM(a, b, n)                                                  \
	KT_CHECK_(false, memcmp((a), (b), (n)) == 0, "%s == %s (%zu bytes)", \
		  #a, #b, (size_t)(n))

#endif
