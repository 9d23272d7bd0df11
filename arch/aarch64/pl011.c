/*
 * PL011 UART: the boot console (polled transmit, arch_console_write) and
 * an interrupt-driven receive path that hands each byte to a hook (the tty
 * layer will install itself there).
 */
#include <arch.h>
#include "machine.h"
#include "mmio.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_LCRH 0x2c
#define UART_CR 0x30
#define UART_IMSC 0x38
#define UART_ICR 0x44

#define FR_RXFE (1 << 4)
#define FR_TXFF (1 << 5)
#define LCRH_FEN (1 << 4)
#define LCRH_WLEN8 (3 << 5)
#define CR_UARTEN (1 << 0)
#define CR_TXE (1 << 8)
#define CR_RXE (1 << 9)
#define INT_RX (1 << 4)
#define INT_RT (1 << 6)

static uintptr_t uart;
static void (*rx_handler)(char c);
static unsigned long rx_dropped;

/* Set 8N1 with FIFOs and enable the UART. The baud rate is left as the
 * firmware set it (QEMU ignores it). */
void pl011_init(uint64_t pa)
{
	uart = (uintptr_t)phys_to_virt(pa);
	mmio_write32(uart + UART_CR, 0);
	mmio_write32(uart + UART_LCRH, LCRH_WLEN8 | LCRH_FEN);
	mmio_write32(uart + UART_CR, CR_UARTEN | CR_TXE | CR_RXE);
}

static void putc_polled(char c)
{
	while (mmio_read32(uart + UART_FR) & FR_TXFF)
		;
	mmio_write32(uart + UART_DR, (unsigned char)c);
}

void arch_console_write(const char *buf, size_t len)
{
	if (!uart)
		return; /* before pl011_init: the printk ring keeps the text */
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			putc_polled('\r');
		putc_polled(buf[i]);
	}
}

/* Drain the receive FIFO into the hook (bytes are counted and dropped
 * while nobody listens). */
static void pl011_irq(void *unused)
{
	while (!(mmio_read32(uart + UART_FR) & FR_RXFE)) {
		char c = (char)mmio_read32(uart + UART_DR);

		if (rx_handler)
			rx_handler(c);
		else
			rx_dropped++;
	}
	mmio_write32(uart + UART_ICR, INT_RX | INT_RT);
}

void pl011_rx_init(unsigned int intid)
{
	irq_register(intid, pl011_irq, NULL);
	mmio_write32(uart + UART_IMSC, INT_RX | INT_RT);
}

void pl011_set_rx_handler(void (*fn)(char c))
{
	rx_handler = fn;
}
