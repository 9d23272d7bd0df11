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
 * Take the Web Workers running the script at `url` that the page started
 * before any of its scripts ran (web/index.html) as workers started ahead:
 * spawnWorker(url) hands them out first. Each has `stopEarly()`, which
 * ends its recording and returns the [kind, value] events ('message' data,
 * 'error' errors) it had until then; they reach the port's first handlers.
 * @param {URL} url
 * @param {Worker[]} workers
 */
export function adoptWorkers(url, workers) {
  const list = spares.get(url.href) ?? [];
  for (const w of workers) list.push(Promise.resolve(webPort(w, w.stopEarly())));
  spares.set(url.href, list);
}

/** End every worker started ahead and not handed out (the machine will
 * not need them: it stopped, or it never started). */
export async function endSpareWorkers() {
  const list = [...spares.values()].flat();
  spares.clear();
  for (const w of await Promise.all(list)) w.terminate();
}

/**
 * A module worker running the script at `url` (one started ahead by
 * prestartWorkers, or a new one), as a small port over it: post(msg),
 * onMessage(fn), onError(fn), terminate(). The first handler added with
 * onMessage or onError also gets what the worker sent or raised before it
 * was added (a spare's first mark, a script that failed to load).
 * @param {URL} url
 */
export async function spawnWorker(url) {
  return spares.get(url.href)?.shift() ?? startWorker(url);
}

// Calls the handlers added with the returned function with every value
// `subscribe` reports; values from before the first handler wait for it.
function relay(subscribe) {
  const early = [];
  const fns = [];
  subscribe((v) => {
    if (!fns.length) early.push(v);
    for (const fn of fns) fn(v);
  });
  return (fn) => {
    fns.push(fn);
    for (const v of early.splice(0)) fn(v);
  };
}

async function startWorker(url) {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(url);
    return {
      post: (msg) => w.postMessage(msg),
      onMessage: relay((fn) => w.on('message', fn)),
      onError: relay((fn) => w.on('error', fn)),
      terminate: () => w.terminate(),
    };
  }
  return webPort(new Worker(url, { type: 'module' }));
}

// The port over Web Worker `w`; `early` lists the [kind, value] events it
// had before (adoptWorkers), given to the first handlers first.
function webPort(w, early = []) {
  const events = (kind, fn, value) => {
    for (const [k, v] of early) if (k === kind) fn(v);
    w.addEventListener(kind, (e) => fn(value(e)));
  };
  return {
    post: (msg) => w.postMessage(msg),
    onMessage: relay((fn) => events('message', fn, (e) => e.data)),
    onError: relay((fn) => events('error', fn, (e) => e.error ?? new Error(e.message))),
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
