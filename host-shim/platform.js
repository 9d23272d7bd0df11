// What differs between Node (worker_threads) and browsers (Web Workers):
// starting a worker and talking to the parent. Everything else in the host
// shim is the same code on both.

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/**
 * Start a module worker running the script at `url` and return a small port
 * over it: post(msg), onMessage(fn), onError(fn), terminate().
 * @param {URL} url
 */
export async function spawnWorker(url) {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(url);
    return {
      post: (msg) => w.postMessage(msg),
      onMessage: (fn) => w.on('message', fn),
      onError: (fn) => w.on('error', fn),
      terminate: () => w.terminate(),
    };
  }
  const w = new Worker(url, { type: 'module' });
  return {
    post: (msg) => w.postMessage(msg),
    onMessage: (fn) => w.addEventListener('message', (e) => fn(e.data)),
    onError: (fn) => w.addEventListener('error', (e) => fn(e.error ?? new Error(e.message))),
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
