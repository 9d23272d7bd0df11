// The page's first script: start two kernel workers (the boot and interrupt
// workers to be) before xterm.js and main.js run, so that the workers load
// their script while the main thread is busy with those (docs/web.md,
// "Where the time goes"). The machine takes these before starting new ones.

import { prestartWorkers } from './host-shim/platform.js';

// The machine's kernel worker script (host-shim/machine.js, WORKER_URL).
prestartWorkers(new URL('host-shim/kernel-worker.js', document.baseURI), 2);
