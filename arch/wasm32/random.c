/* Entropy from the host (crypto.getRandomValues). */
#include <arch.h>
#include <host_imports.h>

void arch_get_entropy(void *buf, size_t len)
{
	host_random_fill(buf, len);
}
