// Shared set-up for browser tests: Debian's Chromium driven by
// playwright-core (never a downloaded browser), with a fresh profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

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
