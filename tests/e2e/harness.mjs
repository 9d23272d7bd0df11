// A tiny test runner for the browser and Node tiers: named async cases,
// each with a time limit, reported as "PASS name" / "FAIL name: why", or
// "SKIP name: why" when a case throws Skip (something it needs is not built).

const cases = [];

/** Register a case; `fn` may throw (or reject) to fail. */
export function test(name, fn, { timeoutMs = 30000 } = {}) {
  cases.push({ name, fn, timeoutMs });
}

/** Thrown by a case that cannot run here; its message says why. */
export class Skip extends Error {}

/** Throw with `message` unless `cond` holds. */
export function check(cond, message) {
  if (!cond) throw new Error(message);
}

/** `promise`, or a rejection once `ms` milliseconds have passed. */
export function withTimeout(promise, ms) {
  let timer;
  const limit = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * Run every registered case in order with `ctx`; print one line each.
 * Returns the number of failures.
 */
export async function runAll(prefix, ctx) {
  let failed = 0;
  for (const c of cases) {
    try {
      await withTimeout(Promise.resolve().then(() => c.fn(ctx)), c.timeoutMs);
      console.log(`PASS ${prefix}/${c.name}`);
    } catch (e) {
      if (e instanceof Skip) {
        console.log(`SKIP ${prefix}/${c.name}: ${e.message}`);
        continue;
      }
      failed++;
      console.log(`FAIL ${prefix}/${c.name}: ${String(e.message || e).split('\n')[0]}`);
    }
  }
  return failed;
}
