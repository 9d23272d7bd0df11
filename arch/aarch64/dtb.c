/* Device tree glue: turn the DTB QEMU passes into struct machine. */
#include <janux/fdt.h>
#include <janux/string.h>
#include "machine.h"

#define GIB (1UL << 30)

/* GIC interrupt specifier `idx` (3 cells: type, number, flags) as an INTID. */
static bool dt_irq(const struct fdt *f, int node, int idx, unsigned int *intid)
{
	int len;
	const uint8_t *p = fdt_getprop(f, node, "interrupts", &len);

	if (!p || idx < 0 || len / 12 <= idx)
		return false;
	p += 12 * idx;
	*intid = (unsigned int)fdt_read_cells(p + 4, 1) + (fdt_read_cells(p, 1) ? 16 : 32);
	return *intid < 1020;
}

/* A 1- or 2-cell address property of /chosen (linux,initrd-start/end). */
static bool dt_chosen_addr(const struct fdt *f, int chosen, const char *name, uint64_t *v)
{
	int len;
	const void *p = fdt_getprop(f, chosen, name, &len);

	if (!p || (len != 4 && len != 8))
		return false;
	*v = fdt_read_cells(p, len / 4);
	return true;
}

static void read_memory(struct fdt *f, struct machine *m)
{
	uint64_t a, s;

	for (int n = fdt_first_child(f, f->root); n >= 0; n = fdt_next_sibling(f, n)) {
		const char *type = fdt_prop_str(f, n, "device_type");

		if (!type || strcmp(type, "memory"))
			continue;
		for (int i = 0; m->nram < MACHINE_MAX_RAM && !fdt_reg(f, n, i, &a, &s); i++)
			if (s)
				m->ram[m->nram++] = (struct mmio_range){a, s};
	}
	for (int i = 0; m->nrsv < MACHINE_MAX_RSV && !fdt_reserved(f, i, &a, &s); i++)
		m->rsv[m->nrsv++] = (struct mmio_range){a, s};
}

static void read_chosen(const struct fdt *f, struct machine *m)
{
	int chosen = fdt_path(f, "/chosen");
	uint64_t start, end;
	const char *args = chosen >= 0 ? fdt_prop_str(f, chosen, "bootargs") : NULL;

	m->bootargs = args ? args : "";
	if (chosen < 0)
		return;
	m->rng_seed = fdt_getprop(f, chosen, "rng-seed", &m->rng_seed_len);
	if (dt_chosen_addr(f, chosen, "linux,initrd-start", &start) &&
	    dt_chosen_addr(f, chosen, "linux,initrd-end", &end) && end > start)
		m->initrd = (struct mmio_range){start, end - start};
}

/* Node `compat`'s reg[idx] into *r; false when absent. */
static bool dt_reg(struct fdt *f, int node, int idx, struct mmio_range *r)
{
	return node >= 0 && !fdt_reg(f, node, idx, &r->pa, &r->size) && r->size;
}

static const char *read_gic(struct fdt *f, struct machine *m)
{
	int n = fdt_find_compatible(f, -1, "arm,gic-v3");

	m->gic_version = 3;
	if (n < 0) {
		m->gic_version = 2;
		n = fdt_find_compatible(f, -1, "arm,cortex-a15-gic");
		if (n < 0)
			n = fdt_find_compatible(f, -1, "arm,gic-400");
	}
	if (!dt_reg(f, n, 0, &m->gicd) || !dt_reg(f, n, 1, &m->gicc))
		return "no GICv2/GICv3 interrupt controller";
	return NULL;
}

static const char *read_devices(struct fdt *f, struct machine *m)
{
	int n = fdt_find_compatible(f, -1, "arm,pl011");
	const char *method;

	if (!dt_reg(f, n, 0, &m->uart) || !dt_irq(f, n, 0, &m->uart_irq))
		return "no PL011 UART";
	n = fdt_find_compatible(f, -1, "arm,armv8-timer");
	if (n < 0 || !dt_irq(f, n, 2, &m->timer_irq)) /* 2: virtual timer */
		return "no generic timer";
	dt_reg(f, fdt_find_compatible(f, -1, "arm,pl031"), 0, &m->rtc);
	n = fdt_path(f, "/psci");
	method = n >= 0 && (fdt_is_compatible(f, n, "arm,psci-0.2") ||
			    fdt_is_compatible(f, n, "arm,psci-1.0"))
		? fdt_prop_str(f, n, "method") : NULL;
	m->psci = !method ? PSCI_NONE : !strcmp(method, "hvc") ? PSCI_HVC
		: !strcmp(method, "smc") ? PSCI_SMC : PSCI_NONE;
	for (n = fdt_find_compatible(f, -1, "virtio,mmio");
	     n >= 0 && m->nvirtio < MACHINE_MAX_VIRTIO;
	     n = fdt_find_compatible(f, n, "virtio,mmio")) {
		struct virtio_slot *s = &m->virtio[m->nvirtio];

		if (dt_reg(f, n, 0, &s->reg) && dt_irq(f, n, 0, &s->irq))
			m->nvirtio++;
	}
	return read_gic(f, m);
}

/* QEMU lists the virtio-mmio slots from the highest address down. */
static void sort_virtio(struct machine *m)
{
	for (int i = 1; i < m->nvirtio; i++)
		for (int j = i; j > 0 && m->virtio[j].reg.pa < m->virtio[j - 1].reg.pa; j--) {
			struct virtio_slot t = m->virtio[j];

			m->virtio[j] = m->virtio[j - 1];
			m->virtio[j - 1] = t;
		}
}

const char *dtb_read(uint64_t dtb_pa, struct machine *m)
{
	static struct fdt f;
	const char *why;
	uint64_t gib_end = (virt_to_phys(_kernel_start) & ~(GIB - 1)) + GIB;

	memset(m, 0, sizeof(*m));
	m->bootargs = "";
	/* QEMU enters an ELF kernel with x0 = 0 and puts the DTB at the start
	 * of RAM (below KERNEL_LOAD_PA), as for -bios firmware; an Image
	 * kernel gets its address in x0. */
	m->dtb_from_x0 = dtb_pa != 0;
	if (!dtb_pa)
		dtb_pa = gib_end - GIB;
	/* Until mmu_init(), only the kernel's GiB of RAM is mapped. */
	if (dtb_pa < gib_end - GIB || dtb_pa >= gib_end)
		return "outside the kernel's first GiB of RAM";
	if (fdt_init(&f, phys_to_virt(dtb_pa), gib_end - dtb_pa, &why))
		return why;
	m->dtb = (struct mmio_range){dtb_pa, f.size};
	read_memory(&f, m);
	if (!m->nram)
		return "no memory node";
	read_chosen(&f, m);
	why = read_devices(&f, m);
	sort_virtio(m);
	return why;
}
