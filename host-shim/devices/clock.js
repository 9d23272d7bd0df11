// Clock device: one time base for every worker of a machine. The machine
// records its start as a wall-clock instant (ms since the epoch, with
// sub-millisecond precision); workers measure against the same instant.

/** Wall-clock milliseconds since the epoch, with high resolution. */
export function wallClockMs() {
  return performance.timeOrigin + performance.now();
}

/**
 * Worker half: the `time` import namespace.
 * @param {{startMs: number}} env  the machine's start (wallClockMs())
 */
export function clockImports(env) {
  return {
    now_ns: () => BigInt(Math.max(0, Math.round((wallClockMs() - env.startMs) * 1e6))),
    realtime_ns: () => BigInt(Math.round(env.startMs * 1e6)),
  };
}
