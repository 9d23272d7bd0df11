// Running bin/janux (and the Chromium launcher, tests/wasm/janux-chromium.mjs)
// as a user does, for the wasm tier's tests.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const JANUX = fileURLToPath(new URL('../../bin/janux', import.meta.url));
const JANUX_CHROMIUM = fileURLToPath(new URL('janux-chromium.mjs', import.meta.url));

/**
 * Run bin/janux with `args`; resolves { status, stdout, stderr }, rejects
 * when it is still running after `limitMs`.
 * @param {string[]} args
 * @param {number} [limitMs]
 */
export function janux(args, limitMs = 10000) {
  return launch(JANUX, args, limitMs);
}

/** As janux(), with the headless-Chromium launcher janux-chromium.mjs. */
export function januxChromium(args, limitMs = 60000) {
  return launch(JANUX_CHROMIUM, args, limitMs);
}

function launch(program, args, limitMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${program} ${args.join(' ')} still running after ${limitMs} ms; output ${JSON.stringify(stdout.slice(-400))}`));
    }, limitMs);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

/** Throw with the run's status and output unless `cond`. */
export function expect(cond, what, r) {
  if (!cond) throw new Error(`${what}; status ${r.status}, stdout ${JSON.stringify(r.stdout)}, stderr ${JSON.stringify(r.stderr)}`);
}
