/*
 * Split virtqueues (virtio 1.2, 2.7): descriptor table, available and used
 * rings in pages the device reaches by DMA; submitters sleep on the queue
 * until the interrupt path finds their chain in the used ring.
 */
#include <arch.h>
#include <janux/boot.h>
#include <janux/errno.h>
#include <janux/kmalloc.h>
#include <janux/printk.h>
#include <janux/virtio.h>

#define VIRTQ_DESC_F_NEXT 1
#define VIRTQ_DESC_F_WRITE 2

struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct virtq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];            /* num entries, then used_event */
};

struct virtq_used_elem {
	uint32_t id;
	uint32_t len;
};

struct virtq_used {
	uint16_t flags;
	uint16_t idx;
	struct virtq_used_elem ring[]; /* num entries, then avail_event */
};

/* A submitted chain, on its submitter's stack until completion. */
struct virtq_req {
	bool done;
	uint32_t len;
};

struct virtq {
	struct virtio_device *vdev;
	unsigned int index, num;
	void *mem;                  /* the three parts, in `npages` pages */
	size_t npages;
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	volatile struct virtq_used *used;
	uint16_t free_head, num_free;
	uint16_t avail_idx;         /* next avail->idx we publish */
	uint16_t last_used;         /* used->idx we have consumed up to */
	struct waitqueue wq;        /* submitters: free descriptors, completion */
	struct virtq_req *reqs[];   /* by head descriptor */
};

/* Lay out the parts in fresh zeroed pages (desc 16-, avail 2-, used 4-aligned). */
static int virtq_alloc_rings(struct virtq *vq)
{
	size_t avail_off = 16 * (size_t)vq->num;
	size_t used_off = ALIGN_UP(avail_off + 6 + 2 * (size_t)vq->num, 4);
	size_t total = used_off + 6 + 8 * (size_t)vq->num;

	vq->npages = ALIGN_UP(total, PAGE_SIZE) / PAGE_SIZE;
	vq->mem = arch_alloc_pages(vq->npages);
	if (!vq->mem)
		return -ENOMEM;
	vq->desc = vq->mem;
	vq->avail = (struct virtq_avail *)((char *)vq->mem + avail_off);
	vq->used = (struct virtq_used *)((char *)vq->mem + used_off);
	for (unsigned int i = 0; i < vq->num; i++)
		vq->desc[i].next = (uint16_t)(i + 1);
	vq->num_free = (uint16_t)vq->num;
	return 0;
}

struct virtq *virtq_create(struct virtio_device *vdev, unsigned int index,
			   unsigned int max_num)
{
	unsigned int num = index < VIRTIO_MAX_QUEUES ?
		vdev->ops->queue_max(vdev, index) : 0;
	struct virtq *vq;
	int err;

	if (!num)
		return ERR_PTR(-ENOENT);
	if (num > max_num)
		num = max_num;
	while (num & (num - 1))
		num &= num - 1;                /* a power of two */
	vq = kzalloc(sizeof(*vq) + num * sizeof(vq->reqs[0]));
	if (!vq)
		return ERR_PTR(-ENOMEM);
	vq->vdev = vdev;
	vq->index = index;
	vq->num = num;
	waitqueue_init(&vq->wq);
	err = virtq_alloc_rings(vq);
	if (!err)
		err = vdev->ops->queue_enable(vdev, index, num, arch_dma_addr(vq->desc),
					      arch_dma_addr(vq->avail),
					      arch_dma_addr((const void *)vq->used));
	if (err) {
		if (vq->mem)
			arch_free_pages(vq->mem, vq->npages);
		kfree(vq);
		return ERR_PTR(err);
	}
	vdev->vqs[index] = vq;
	return vq;
}

unsigned int virtq_size(const struct virtq *vq)
{
	return vq->num;
}

/* Take n free descriptors, fill them from bufs, return the head. */
static uint16_t virtq_add_chain(struct virtq *vq, const struct virtq_buf *bufs,
				unsigned int n)
{
	uint16_t head = vq->free_head, i = head;

	for (unsigned int k = 0; k < n; k++) {
		struct virtq_desc *d = &vq->desc[i];

		d->addr = arch_dma_addr(bufs[k].addr);
		d->len = bufs[k].len;
		d->flags = (uint16_t)((bufs[k].device_writes ? VIRTQ_DESC_F_WRITE : 0) |
				      (k + 1 < n ? VIRTQ_DESC_F_NEXT : 0));
		if (k + 1 < n)
			i = d->next;
	}
	vq->free_head = vq->desc[i].next;
	vq->num_free = (uint16_t)(vq->num_free - n);
	return head;
}

/* Put the chain starting at `head` back on the free list. */
static void virtq_free_chain(struct virtq *vq, uint16_t head)
{
	uint16_t i = head, n = 1;

	while ((vq->desc[i].flags & VIRTQ_DESC_F_NEXT) && n < vq->num) {
		i = vq->desc[i].next;
		n++;
	}
	vq->desc[i].next = vq->free_head;
	vq->free_head = head;
	vq->num_free = (uint16_t)(vq->num_free + n);
}

/* Make the chain at `head` available and tell the device. */
static void virtq_publish(struct virtq *vq, uint16_t head)
{
	vq->avail->ring[vq->avail_idx % vq->num] = head;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);  /* ring entry before idx */
	vq->avail_idx++;
	__atomic_store_n(&vq->avail->idx, vq->avail_idx, __ATOMIC_SEQ_CST);
	vq->vdev->ops->notify(vq->vdev, vq->index);
}

void virtq_complete(struct virtq *vq)
{
	bool woke = false;

	while (vq->last_used != __atomic_load_n(&vq->used->idx, __ATOMIC_ACQUIRE)) {
		struct virtq_used_elem e = vq->used->ring[vq->last_used % vq->num];
		struct virtq_req *req = e.id < vq->num ? vq->reqs[e.id] : NULL;

		vq->last_used++;
		if (!req) {
			pr_err("virtio: %s: queue %u: device used unknown id %u\n",
			       vq->vdev->where, vq->index, e.id);
			continue;
		}
		vq->reqs[e.id] = NULL;
		req->len = e.len;
		req->done = true;
		virtq_free_chain(vq, (uint16_t)e.id);
		woke = true;
	}
	if (woke)
		wake_up_all(&vq->wq);
}

/* Sleep until `cond`, or poll the used ring when no task can sleep yet. */
#define virtq_wait(vq, cond)                                                \
	do {                                                                \
		if (boot_tasks_can_sleep())                                 \
			wait_event(&(vq)->wq, (cond), 0, WAIT_FOREVER);     \
		else                                                        \
			while (!(cond))                                     \
				virtq_complete(vq);                         \
	} while (0)

int virtq_transfer(struct virtq *vq, const struct virtq_buf *bufs,
		   unsigned int n, uint32_t *used_len)
{
	struct virtq_req req = { .done = false };
	uint16_t head;

	if (n == 0 || n > vq->num)
		return -EINVAL;
	virtq_wait(vq, vq->num_free >= n);
	head = virtq_add_chain(vq, bufs, n);
	vq->reqs[head] = &req;
	virtq_publish(vq, head);
	virtq_wait(vq, req.done);
	if (used_len)
		*used_len = req.len;
	return 0;
}
