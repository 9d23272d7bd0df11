/*
 * virtio: the core every virtio driver (blk, 9p, ...) sits on, and the
 * transport interface below it (virtio-mmio on QEMU, the host shim's
 * shared-memory transport on wasm32). Modern devices only (VIRTIO 1.x,
 * VIRTIO_F_VERSION_1, little-endian); see docs/virtio.md.
 *
 *   transport --virtio_device_add()--> core --match device id--> driver
 *   driver --virtq_transfer()--> split virtqueue --notify--> device
 *   device --interrupt--> transport --virtio_interrupt()--> used ring
 *
 * Everything runs with the big kernel lock held.
 */
#ifndef JANUX_VIRTIO_H
#define JANUX_VIRTIO_H

#include <janux/types.h>
#include <janux/wait.h>

/* Device status bits (virtio 1.2, 2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_NEEDS_RESET 64
#define VIRTIO_STATUS_FAILED 128

/* Device-independent feature bits. */
#define VIRTIO_F_VERSION_1 32

/* Device ids (virtio 1.2, 5). */
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_9P 9

/* Interrupt causes a transport reports (the virtio-mmio bits). */
#define VIRTIO_INT_USED 1
#define VIRTIO_INT_CONFIG 2

#define VIRTIO_MAX_QUEUES 4

struct virtio_device;
struct virtq;

/*
 * What a transport does for the core. All calls: kernel lock held, never
 * sleep. Offsets into the device-specific configuration space are bytes.
 */
struct virtio_transport_ops {
	/* Copy `len` bytes of device configuration at `off` into buf (a
	 * consistent snapshot: retried across a config generation change). */
	void (*read_config)(struct virtio_device *vdev, unsigned int off,
			    void *buf, unsigned int len);
	void (*write_config)(struct virtio_device *vdev, unsigned int off,
			     const void *buf, unsigned int len);
	uint8_t (*get_status)(struct virtio_device *vdev);
	/* Write the status byte; 0 resets the device and waits (boundedly)
	 * for the reset to complete. */
	void (*set_status)(struct virtio_device *vdev, uint8_t status);
	uint64_t (*get_features)(struct virtio_device *vdev);
	void (*set_features)(struct virtio_device *vdev, uint64_t features);
	/* Largest size of queue `index` (0: the queue does not exist). */
	unsigned int (*queue_max)(struct virtio_device *vdev, unsigned int index);
	/* Give queue `index` its size and the DMA addresses of its three
	 * parts, and enable it. Returns 0 or -errno. */
	int (*queue_enable)(struct virtio_device *vdev, unsigned int index,
			    unsigned int num, uint64_t desc, uint64_t avail,
			    uint64_t used);
	/* Tell the device queue `index` has new available buffers. */
	void (*notify)(struct virtio_device *vdev, unsigned int index);
	/* Read and acknowledge the pending interrupt causes (VIRTIO_INT_*). */
	uint32_t (*ack_interrupt)(struct virtio_device *vdev);
};

/* One device, owned by its transport (which fills the first block). */
struct virtio_device {
	uint32_t device_id;
	const struct virtio_transport_ops *ops;
	void *transport;            /* the transport's */
	char where[32];             /* for messages: "mmio@0x0a003e00" */

	uint64_t features;          /* negotiated (set by the core) */
	const struct virtio_driver *driver;
	struct virtq *vqs[VIRTIO_MAX_QUEUES];
	void *priv;                 /* the driver's */
};

struct virtio_driver {
	const char *name;
	uint32_t device_id;
	uint64_t features;          /* device-specific bits it understands */
	/*
	 * Bind to `vdev` (features negotiated, status FEATURES_OK): set up
	 * queues with virtq_create(), register with the kernel. The core sets
	 * DRIVER_OK after a 0 return, FAILED after -errno.
	 */
	int (*probe)(struct virtio_device *vdev);
};

/*
 * Transports: a new device found. Resets it, finds the driver for its
 * device id, negotiates features (VIRTIO_F_VERSION_1 is required) and
 * runs the driver's probe. Returns 0, -ENODEV (no driver), -EIO (the
 * reset does not complete), -EINVAL (device not modern), or the probe's
 * error; the device is left reset or FAILED then. `vdev` must live for
 * good. Kernel lock held.
 */
int virtio_device_add(struct virtio_device *vdev);

/*
 * Transports: the device raised its interrupt. Acknowledges it and
 * completes every finished request on its queues, waking their
 * submitters. Kernel lock held (interrupt context).
 */
void virtio_interrupt(struct virtio_device *vdev);

/* True when feature `bit` was negotiated. */
static inline bool virtio_has_feature(const struct virtio_device *vdev,
				      unsigned int bit)
{
	return (vdev->features >> bit) & 1;
}

/* Read device configuration (little-endian fields, as in the spec). */
static inline void virtio_read_config(struct virtio_device *vdev,
				      unsigned int off, void *buf,
				      unsigned int len)
{
	vdev->ops->read_config(vdev, off, buf, len);
}

/* ---- Split virtqueues (virtqueue.c) ----------------------------------- */

/* One element of a descriptor chain: kernel memory the device reads, or
 * (device_writes) fills. */
struct virtq_buf {
	void *addr;
	uint32_t len;
	bool device_writes;
};

/*
 * Create queue `index` of `vdev` with up to `max_num` descriptors (fewer
 * if the device allows fewer; rounded down to a power of two) and enable
 * it. Returns the queue or ERR_PTR(-ENOENT / -ENOMEM / the transport's
 * error). Driver probe only.
 */
struct virtq *virtq_create(struct virtio_device *vdev, unsigned int index,
			   unsigned int max_num);

/* Number of descriptors of `vq` (the longest chain it can take). */
unsigned int virtq_size(const struct virtq *vq);

/*
 * Submit the chain `bufs[0..n)` (device-readable parts first, then the
 * device-writable ones) and sleep (uninterruptibly) until the device has
 * used it. Waits for free descriptors first when the queue is full. The
 * buffers must stay valid until it returns. *used_len (may be NULL) gets
 * the byte count the device wrote. Until the scheduler runs
 * (boot_tasks_can_sleep()) it polls instead of sleeping. Returns 0, or
 * -EINVAL (n is 0 or larger than the queue). Kernel lock held; may sleep.
 */
int virtq_transfer(struct virtq *vq, const struct virtq_buf *bufs,
		   unsigned int n, uint32_t *used_len);

/* Interrupt path: complete what the device has used on `vq`. */
void virtq_complete(struct virtq *vq);

/* ---- virtio-mmio (mmio.c) --------------------------------------------- */

/*
 * The arch found a virtio-mmio register block at `base` (mapped, device
 * memory) raising interrupt `irq` (a number for arch_irq_attach()).
 * Records it; virtio_init() probes it. Call in naming order (the first
 * disk becomes vda; Linux's order is lowest address first), before
 * kernel_main. Up to 32 slots.
 */
void virtio_mmio_declare(void *base, unsigned long phys, unsigned int irq);

/* Probe every declared virtio-mmio slot (from virtio_init()). */
void virtio_mmio_probe_all(void);

/*
 * Boot: find and bind every virtio device the transports know about
 * (disks become /dev/vdX). Called once from boot_subsystems().
 */
void virtio_init(void);

/* The drivers, for the core's match table (one line each in core.c). */
extern const struct virtio_driver virtio_blk_driver, virtio_9p_driver;

#endif
