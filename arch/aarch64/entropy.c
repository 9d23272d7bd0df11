/*
 * arch_get_entropy: the RNDR instruction when the CPU has FEAT_RNG (-cpu
 * max), else a fallback generator. The fallback is NOT cryptographic: a
 * xoshiro256** state seeded from /chosen/rng-seed (QEMU fills it from the
 * host's RNG each boot) and the counter at boot, with the counter's low
 * bits mixed in again on every call.
 */
#include <arch.h>
#include <janux/string.h>
#include "machine.h"
#include "sysreg.h"

static bool have_rndr;
static uint64_t state[4];

/* One RNDR read; false when the hardware could not deliver (NZCV.Z). */
static bool rndr(uint64_t *v)
{
	uint64_t ok;

	__asm__ volatile("mrs %0, s3_3_c2_c4_0\n\tcset %1, ne" : "=r"(*v), "=r"(ok) :: "cc");
	return ok;
}

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t xoshiro_next(void)
{
	uint64_t r = rotl(state[1] * 5, 7) * 9, t = state[1] << 17;

	state[2] ^= state[0];
	state[3] ^= state[1];
	state[1] ^= state[2];
	state[0] ^= state[3];
	state[2] ^= t;
	state[3] = rotl(state[3], 45);
	return r;
}

void entropy_init(const struct machine *m)
{
	uint64_t seed = read_sysreg(cntvct_el0);

	have_rndr = ((read_sysreg(id_aa64isar0_el1) >> 60) & 0xf) != 0;
	for (int i = 0; i < m->rng_seed_len; i++)
		seed = (seed ^ m->rng_seed[i]) * 0x100000001b3ULL;
	for (int i = 0; i < 4; i++)
		state[i] = splitmix(&seed);
}

static uint64_t next_word(void)
{
	uint64_t v;
	unsigned long flags;

	for (int tries = 0; have_rndr && tries < 16; tries++)
		if (rndr(&v))
			return v;
	flags = arch_irq_save(); /* the state is shared with interrupt context */
	state[0] ^= read_sysreg(cntvct_el0); /* timing jitter */
	v = xoshiro_next();
	arch_irq_restore(flags);
	return v;
}

void arch_get_entropy(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len) {
		uint64_t v = next_word();
		size_t n = len < sizeof(v) ? len : sizeof(v);

		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
}
