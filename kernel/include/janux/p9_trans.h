/*
 * 9P transports: how the 9P client reaches a server. A transport driver
 * (virtio-9p, or a test's pipe) registers one channel per server it can
 * reach, named by (transport, tag); `mount -t 9p -o trans=T TAG DIR`
 * picks the channel. A channel carries one request/reply exchange at a
 * time: the client serializes its requests.
 */
#ifndef JANUX_P9_TRANS_H
#define JANUX_P9_TRANS_H

#include <janux/list.h>
#include <janux/types.h>

#define P9_CHAN_TAG_MAX 64

struct p9_chan;

struct p9_chan_ops {
	/*
	 * Send the request (req, len bytes, a whole message) and sleep until
	 * the server's reply is in `reply` (room for cap bytes, cap >= the
	 * negotiated msize). Returns the reply's length (the transport may
	 * not trust or check its contents: the client's codec does) or
	 * -errno (-EIO when the device fails). Kernel lock held; may sleep.
	 */
	ssize_t (*rpc)(struct p9_chan *ch, const void *req, size_t len, void *reply, size_t cap);
};

struct p9_chan {
	const char *trans;            /* transport name: "virtio" */
	char tag[P9_CHAN_TAG_MAX];    /* mount tag, NUL-terminated */
	size_t max_msize;             /* largest message the transport carries */
	const struct p9_chan_ops *ops;
	void *priv;                   /* the transport's */
	bool in_use;                  /* mounted (one client per channel) */
	struct list_head link;
};

/* Make ch (filled in, owned by the transport, never freed) mountable. */
void p9_chan_register(struct p9_chan *ch);

/* The channel of transport `trans` with mount tag `tag`, or NULL. */
struct p9_chan *p9_chan_find(const char *trans, const char *tag);

#endif
