// What differs between Node (worker_threads) and browsers (Web Workers):
// starting a worker and talking to the parent. Everything else in the host
// shim is the same code on both.

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

const spares = new Map(); // url.href -> ports of workers started ahead

/**
 * Start `count` workers running the script at `url` now, before anyone
 * needs them, so their scripts load while the caller does other work;
 * spawnWorker(url) hands them out before it starts new ones.
 * @param {URL} url
 * @param {number} count
 */
export function prestartWorkers(url, count) {
  const list = spares.get(url.href) ?? [];
  for (let i = 0; i < count; i++) list.push(startWorker(url));
  spares.set(url.href, list);
}

/**
 * A module worker running the script at `url` (one started ahead by
 * prestartWorkers, or a new one), as a small port over it: post(msg),
 * onMessage(fn), onError(fn), terminate(). onError(fn) also hears an
 * error the worker raised before fn was added (a script that failed to
 * load while it waited as a spare).
 * @param {URL} url
 */
export async function spawnWorker(url) {
  return spares.get(url.href)?.shift() ?? startWorker(url);
}

// Calls every handler added with the returned function with each error
// that `subscribe` reports, replaying the first one to late handlers.
function errorRelay(subscribe) {
  let first = null;
  const fns = [];
  subscribe((e) => {
    first ??= e;
    for (const fn of fns) fn(e);
  });
  return (fn) => {
    fns.push(fn);
    if (first) fn(first);
  };
}

async function startWorker(url) {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(url);
    return {
      post: (msg) => w.postMessage(msg),
      onMessage: (fn) => w.on('message', fn),
      onError: errorRelay((fn) => w.on('error', fn)),
      terminate: () => w.terminate(),
    };
  }
  const w = new Worker(url, { type: 'module' });
  return {
    post: (msg) => w.postMessage(msg),
    onMessage: (fn) => w.addEventListener('message', (e) => fn(e.data)),
    onError: errorRelay((fn) => w.addEventListener('error', (e) => fn(e.error ?? new Error(e.message)))),
    terminate: () => w.terminate(),
  };
}

/**
 * Inside a worker: the port to the thread that started it, with
 * post(msg) and onMessage(fn).
 */
export async function parentPort() {
  if (isNode) {
    const { parentPort: p } = await import('node:worker_threads');
    return { post: (msg) => p.postMessage(msg), onMessage: (fn) => p.on('message', fn) };
  }
  return {
    post: (msg) => self.postMessage(msg),
    onMessage: (fn) => self.addEventListener('message', (e) => fn(e.data)),
  };
}
