// host-shim/platform.js's workers started ahead by the page itself
// (web/index.html): adoptWorkers hands them out before new ones, and what
// such a worker sent before it was adopted reaches the first handlers, in
// order, before anything it sends later, and only once.

import { adoptWorkers, spawnWorker } from '../../host-shim/platform.js';

// A stand-in for a Web Worker that the page's inline script started: it
// recorded `early` events until stopEarly().
function earlyWorker(early) {
  const w = new EventTarget();
  w.posted = [];
  w.postMessage = (msg) => w.posted.push(msg);
  w.terminate = () => { w.terminated = true; };
  w.stopEarly = () => early;
  return w;
}

export const tests = [
  {
    name: 'platform/adopted-worker-replays-what-it-sent-before',
    fn: async () => {
      const url = new URL('file:///adopted-worker-test.js');
      const failed = new Error('script failed');
      const w = earlyWorker([['message', 'loaded'], ['error', failed], ['message', 'second']]);
      adoptWorkers(url, [w]);
      const port = await spawnWorker(url);
      const got = [], errors = [];
      port.onMessage((m) => got.push(m));
      port.onError((e) => errors.push(e));
      w.dispatchEvent(new MessageEvent('message', { data: 'later' }));
      if (got.join() !== 'loaded,second,later') throw new Error(`messages ${got.join()}, want loaded,second,later`);
      if (errors.length !== 1 || errors[0] !== failed) throw new Error(`errors ${errors.map(String)}`);
      port.post('init');
      if (w.posted.join() !== 'init') throw new Error(`posted ${w.posted.join()}`);
      const more = [];
      port.onMessage((m) => more.push(m)); // a second handler: only what comes after it
      w.dispatchEvent(new MessageEvent('message', { data: 'last' }));
      if (more.join() !== 'last' || got.at(-1) !== 'last') throw new Error(`second handler got ${more.join()}`);
      port.terminate();
      if (!w.terminated) throw new Error('terminate did not reach the worker');
    },
  },
];
