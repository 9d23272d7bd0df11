// virtio-9p device model (virtio 1.2, 5.11): one request queue, each chain a
// 9P request (device-readable) and room for its reply (device-writable);
// the mount tag in config space. The 9P protocol itself is our server's
// (devices/p9.js); requests are served one at a time, in order.

import { gather, scatter } from './virtqueue.js';

const F_MOUNT_TAG = 1n;

/** The mount tag of the host share, which init mounts on /mnt/host (docs/9p.md). */
export const SHARE_TAG = 'host';
const QUEUE_MAX = 128;

/**
 * A virtio-9p device model for `server` ({ handle(bytes) -> Promise<reply bytes> },
 * devices/p9.js) under mount tag `tag`.
 */
export function virtio9p(server, tag) {
  const name = new TextEncoder().encode(tag);
  if (name.length === 0 || name.length > 200) throw new Error('9p mount tag must be 1 to 200 bytes');
  const config = new Uint8Array(2 + name.length);
  new DataView(config.buffer).setUint16(0, name.length, true);
  config.set(name, 2);
  return {
    id: 9, queues: 1, queueMax: QUEUE_MAX, config, features: F_MOUNT_TAG,
    async request(chain) {
      const req = gather(chain.out, 0xffffffff);
      const reply = await server.handle(req);
      const room = chain.in.reduce((s, b) => s + b.length, 0);
      // A reply larger than the buffers (msize not honoured) would be cut: refuse instead.
      if (reply.length > room) return 0;
      return scatter(chain.in, reply);
    },
  };
}
