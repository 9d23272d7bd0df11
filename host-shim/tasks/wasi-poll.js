// WASI preview1 poll_oneoff onto ppoll_time64: fd_read/fd_write
// subscriptions become pollfds, the nearest clock subscription the
// timeout; the clock subscriptions due at that timeout fire when no fd is
// ready first.

import { NR, LX, W } from './wasi-abi.js';
import { WASI } from './wasi-errno.js';
import { WasiError } from './wasi-memory.js';

const SUB_SIZE = 48, EVENT_SIZE = 32, POLLFD_SIZE = 8;

/**
 * The current time of clock `id` in ns (a BigInt).
 * @param {object} k  the WASI call context (wasi.js)
 */
export function clockNow(k, id) {
  const ts = k.scratch.alloc(16);
  k.sys(NR.clock_gettime64, id, ts);
  const v = k.scratch.view(ts, 16);
  return v.getBigInt64(0, true) * 1000000000n + v.getBigInt64(8, true);
}

// The subscriptions at `in` with relative clock timeouts (ns, BigInt).
function readSubs(k, inPtr, n) {
  const subs = [];
  for (let i = 0; i < n; i++) {
    const v = k.mem.view(inPtr + i * SUB_SIZE, SUB_SIZE);
    const s = { userdata: v.getBigUint64(0, true), type: v.getUint8(8), fd: v.getUint32(16, true) };
    if (s.type === W.EVENT.clock) {
      let t = v.getBigUint64(24, true);
      if (v.getUint16(40, true) & W.SUBCLOCK_ABSTIME) t -= clockNow(k, s.fd);
      s.timeout = t < 0n ? 0n : t;
    } else if (s.type !== W.EVENT.fdRead && s.type !== W.EVENT.fdWrite) {
      throw new WasiError(WASI.INVAL);
    }
    subs.push(s);
  }
  return subs;
}

// ppoll over the fd subscriptions with timeout `t` (null: none); returns
// the revents of each fd subscription (0 for clocks).
function ppoll(k, subs, t) {
  const fds = subs.filter((s) => s.type !== W.EVENT.clock);
  const at = k.scratch.alloc(Math.max(fds.length, 1) * POLLFD_SIZE);
  const v = k.scratch.view(at, Math.max(fds.length, 1) * POLLFD_SIZE);
  fds.forEach((s, i) => {
    v.setInt32(i * POLLFD_SIZE, s.fd, true);
    v.setInt16(i * POLLFD_SIZE + 4, s.type === W.EVENT.fdRead ? LX.POLLIN : LX.POLLOUT, true);
    v.setInt16(i * POLLFD_SIZE + 6, 0, true);
  });
  let ts = 0;
  if (t !== null) {
    ts = k.scratch.alloc(16);
    k.scratch.view(ts, 16).setBigInt64(0, t / 1000000000n, true);
    k.scratch.view(ts, 16).setBigInt64(8, t % 1000000000n, true);
  }
  k.sys(NR.ppoll_time64, at, fds.length, ts, 0, 8);
  return subs.map((s) => (s.type === W.EVENT.clock ? 0 : v.getInt16(fds.indexOf(s) * POLLFD_SIZE + 6, true)));
}

function writeEvent(k, out, s, error, flags) {
  const v = k.mem.view(out, EVENT_SIZE);
  new Uint8Array(v.buffer, v.byteOffset, EVENT_SIZE).fill(0);
  v.setBigUint64(0, s.userdata, true);
  v.setUint16(8, error, true);
  v.setUint8(10, s.type);
  v.setUint16(24, flags, true);
}

/** poll_oneoff(in, out, nsubscriptions, nevents_ptr). */
export function pollOneoff(k, inPtr, out, n, neventsPtr) {
  if (n === 0) throw new WasiError(WASI.INVAL);
  const subs = readSubs(k, inPtr, n);
  k.mem.bytes(out, n * EVENT_SIZE);
  const clocks = subs.filter((s) => s.type === W.EVENT.clock);
  const t = clocks.length ? clocks.reduce((m, s) => (s.timeout < m ? s.timeout : m), clocks[0].timeout) : null;
  const revents = ppoll(k, subs, t);
  const fired = subs.map((s, i) => ({ s, r: revents[i] })).filter((e) => e.r !== 0);
  const events = fired.length ? fired : clocks.filter((s) => s.timeout === t).map((s) => ({ s, r: 0 }));
  events.forEach(({ s, r }, i) => writeEvent(k, out + i * EVENT_SIZE, s,
    r & LX.POLLNVAL ? WASI.BADF : 0, r & LX.POLLHUP ? W.EVENTRW_HANGUP : 0));
  k.mem.setU32(neventsPtr, events.length);
}
