/* aarch64_boot: the machine bring-up sequence between boot.S and kernel_main. */
#include <arch.h>
#include <janux/init.h>
#include <janux/printk.h>
#include <janux/boot.h>
#include <janux/tty.h>
#include <janux/virtio.h>
#include "machine.h"
#include "sysreg.h"

/* QEMU virt's PL011, used only to report a device tree we cannot use
 * (without one there is no other way to learn where the console is). */
#define VIRT_FALLBACK_UART 0x09000000

struct machine machine;

const char arch_uname_machine[] = "aarch64";

/*
 * `quiet` / `loglevel=N` must hold for the arch's own boot messages too,
 * which come before kernel_main() applies them (Linux parses both as early
 * parameters). Same rule as kernel_main; see docs/aarch64.md.
 */
static void early_console_level(const char *bootargs)
{
	char v[8];

	cmdline_set(bootargs);
	if (cmdline_get("quiet", v, sizeof(v)))
		printk_set_console_level(CONSOLE_LOGLEVEL_QUIET);
	if (cmdline_get("loglevel", v, sizeof(v)) && v[0] >= '0' && v[0] <= '8')
		printk_set_console_level(v[0] - '0');
}

/* Summarise the devices found, for the boot log. */
static void log_machine(const struct machine *m)
{
	pr_info("Memory: %lu MiB RAM in %d range(s) from %#lx, %lu KiB free\n",
		(unsigned long)(arch_mem_total_pages() >> (20 - PAGE_SHIFT)), m->nram,
		(unsigned long)m->ram[0].pa,
		(unsigned long)(arch_mem_free_pages() * (PAGE_SIZE / 1024)));
	pr_info("GICv%d: distributor %#lx, %s %#lx\n", m->gic_version,
		(unsigned long)m->gicd.pa,
		m->gic_version == 3 ? "redistributors" : "cpu interface",
		(unsigned long)m->gicc.pa);
	pr_info("pl011: %#lx irq %u; pl031 rtc: %#lx\n", (unsigned long)m->uart.pa,
		m->uart_irq, (unsigned long)m->rtc.pa);
	if (m->nvirtio)
		pr_info("virtio-mmio: %d slots from %#lx (irq %u..%u)\n", m->nvirtio,
			(unsigned long)m->virtio[0].reg.pa, m->virtio[0].irq,
			m->virtio[m->nvirtio - 1].irq);
	if (m->initrd.size)
		pr_info("initrd: %#lx, %lu bytes\n", (unsigned long)m->initrd.pa,
			(unsigned long)m->initrd.size);
}

/* Hand the virtio-mmio slots to the core, lowest address first, the order
 * in which Linux names them (vda is the lowest slot, which QEMU gives to
 * the last -device; bin/janux-qemu orders its -device options to match). */
static void declare_virtio(const struct machine *m)
{
	for (int i = 0; i < m->nvirtio; i++)
		virtio_mmio_declare(phys_to_virt(m->virtio[i].reg.pa),
				    (unsigned long)m->virtio[i].reg.pa, m->virtio[i].irq);
}

/* A byte from the serial port (receive interrupt, lock not held): into
 * the console tty's line discipline. */
static void console_rx(char c)
{
	arch_kernel_lock();
	tty_console_input(&c, 1);
	arch_kernel_unlock();
}

/* Called once by boot.S on the boot stack, MMU on, IRQs masked, at EL1;
 * entry_el is the exception level QEMU started us at (1 or 2). */
__noreturn void aarch64_boot(uint64_t dtb_pa, unsigned long entry_el);
__noreturn void aarch64_boot(uint64_t dtb_pa, unsigned long entry_el)
{
	const char *err;

	timer_early_init();                    /* clock for printk timestamps */
	err = dtb_read(dtb_pa, &machine);      /* everything else comes from it */
	pl011_init(err ? VIRT_FALLBACK_UART : machine.uart.pa);
	if (err)
		panic("unusable device tree at %#lx: %s", (unsigned long)dtb_pa, err);
	early_console_level(machine.bootargs);
	pr_info("CPU: entered at EL%lu, running at EL1; device tree at %#lx (%s)\n",
		entry_el, (unsigned long)machine.dtb.pa,
		machine.dtb_from_x0 ? "from x0" : "start of RAM, ELF boot");
	psci_init(&machine);                   /* panics power off from here */
	mmu_init(&machine);                    /* final tables, W^X */
	write_sysreg(cpacr_el1, 3UL << 20);    /* FP/SIMD for EL0 (and switch.S) */
	isb();
	pmem_init(&machine);                   /* physical page allocator */
	irq_init(&machine);                    /* GICv2 or GICv3 */
	timer_init(&machine);                  /* generic timer interrupt */
	pl011_rx_init(machine.uart_irq);       /* console receive interrupt */
	rtc_init(&machine);                    /* wall clock at boot */
	entropy_init(&machine);                /* RNDR or seeded fallback */
	log_machine(&machine);
	timer_selfcheck();                     /* one real tick, logged */
	if (machine.initrd.size)               /* the initramfs, for the core */
		initrd_set(phys_to_virt(machine.initrd.pa), machine.initrd.size);
	declare_virtio(&machine);              /* probed by the core's virtio_init */
	pl011_set_rx_handler(console_rx);      /* serial input -> console tty */
	arch_kernel_lock();
	kernel_main(machine.bootargs);
}
