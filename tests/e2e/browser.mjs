// Shared set-up for browser tests: Debian's Chromium driven by
// playwright-core (never a downloaded browser), with a fresh profile.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../web/server.mjs';
import { runAll } from './harness.mjs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/**
 * Launch headless Chromium with the project's flags and a throw-away
 * --user-data-dir. Returns { context, close }; close() removes the profile.
 */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'janux-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Serve `root` with web/server.mjs in a Node process of its own (as a real
 * host would: not sharing an event loop with this driver), on any free
 * port. Resolves to { url, close }.
 * @param {string} root
 */
export function serveInChild(root) {
  const server = new URL('../../web/server.mjs', import.meta.url).pathname;
  const child = spawn(process.execPath, [server, '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`web/server.mjs exited (${code}) before serving`)));
    child.stdout.on('data', (d) => {
      out += d;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      if (url) resolve({ url, close: () => child.kill() });
    });
  });
}

/**
 * Serve `root` with web/server.mjs, launch the browser, run every
 * registered case (harness.mjs) with { browser, base } under `prefix`,
 * clean up, and exit the process: 0 when none failed, 1 otherwise.
 */
export async function runPageTests(prefix, root) {
  const server = await serve(root, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchBrowser();
  let failed;
  try {
    failed = await runAll(prefix, { browser, base });
  } finally {
    await browser.close();
    server.close();
  }
  process.exit(failed ? 1 : 0);
}
