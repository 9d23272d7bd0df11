/* The memory character devices: /dev/null, zero, full, random, urandom. */
#include <arch.h>
#include <janux/devfs.h>
#include <janux/errno.h>
#include <janux/string.h>
#include "internal.h"

static ssize_t null_read(struct file *f, void *buf, size_t len, loff_t *pos)
{
	return 0;
}

static ssize_t null_write(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	return (ssize_t)len;
}

static ssize_t zero_read(struct file *f, void *buf, size_t len, loff_t *pos)
{
	memset(buf, 0, len);
	return (ssize_t)len;
}

static ssize_t full_write(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	return -ENOSPC;
}

static ssize_t random_read(struct file *f, void *buf, size_t len, loff_t *pos)
{
	arch_get_entropy(buf, len);
	return (ssize_t)len;
}

/* Seeking these devices always succeeds and leaves position 0, as Linux. */
static loff_t mem_llseek(struct file *f, loff_t off, int whence)
{
	f->pos = 0;
	return 0;
}

static const struct file_operations null_ops = {
	.read = null_read, .write = null_write, .llseek = mem_llseek,
};
static const struct file_operations zero_ops = {
	.read = zero_read, .write = null_write, .llseek = mem_llseek,
	.read_fill = MAX_RW_COUNT,
};
static const struct file_operations full_ops = {
	.read = zero_read, .write = full_write, .llseek = mem_llseek,
	.read_fill = MAX_RW_COUNT,
};
/* random(4): a read returns at most 32 MiB - 1 (Linux 3.16-5.17; 6.1
 * dropped the cap, the man page still documents it). */
static const struct file_operations random_ops = {
	.read = random_read, .write = null_write, .llseek = mem_llseek,
	.read_fill = 33554431,
};

int devmem_init(void)
{
	int err = chrdev_register(MEM_MAJOR, 3, "null", 0666, &null_ops);

	if (!err)
		err = chrdev_register(MEM_MAJOR, 5, "zero", 0666, &zero_ops);
	if (!err)
		err = chrdev_register(MEM_MAJOR, 7, "full", 0666, &full_ops);
	if (!err)
		err = chrdev_register(MEM_MAJOR, 8, "random", 0666, &random_ops);
	if (!err)
		err = chrdev_register(MEM_MAJOR, 9, "urandom", 0666, &random_ops);
	return err;
}
