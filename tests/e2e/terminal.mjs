// Helpers for tests that drive the page: read what the xterm.js screen
// shows, wait for text on it, type into it, wait for the page's error
// message, boot to a shell prompt, and save a file from the Download menu.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Skip, check } from './harness.mjs';

export const VERSION = readFileSync(new URL('../../VERSION', import.meta.url), 'utf8').trim();
/** The kernel's banner line on the wasm32 machine, with this tree's version. */
export const BANNER = new RegExp(
  `Janux ${VERSION.replace(/\./g, '\\.')} \\([0-9a-f]{7,}(-dirty)?, \\d{4}-\\d\\d-\\d\\d\\) wasm32`);

/** Every line of the terminal's buffer (scrollback included) as one string. */
export function screenText(page) {
  return page.evaluate(() => {
    const buf = globalThis.janux.term.buffer.active;
    const lines = [];
    for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i).translateToString(true));
    return lines.join('\n').trimEnd();
  });
}

/**
 * Wait until the terminal shows text matching `re`; returns the screen.
 * Fails with the screen's last lines after `ms`, or at once when the page
 * shows an error (the machine has stopped).
 */
export async function waitForScreen(page, re, ms = 10000) {
  const until = Date.now() + ms;
  for (;;) {
    const err = await errorText(page); // the machine stopped: no point waiting
    const text = await screenText(page);
    if (re.test(text)) return text;
    if (err || Date.now() > until) {
      throw new Error(`no ${re} on screen${err ? '' : ` after ${ms} ms`}; ` +
        `${err ? `page error: ${err}; ` : ''}last: ${JSON.stringify(text.slice(-160))}`);
    }
    await page.waitForTimeout(50);
  }
}

/** The page's error message, or null while there is none. */
export function errorText(page) {
  return page.evaluate(() => {
    const el = document.getElementById('error');
    return el.hidden ? null : el.textContent;
  });
}

/** Wait for the page's error message (fails after `ms` without one). */
export async function waitForError(page, ms = 10000) {
  await page.waitForSelector('#error:not([hidden])', { timeout: ms });
  return errorText(page);
}

/**
 * Open `url` in a new page of `browser`, the terminal drawn (within `ms`;
 * a cold profile on the shared 2-core machine at load 40 took over 5 s).
 * `init`, when given, runs in the page before its own scripts.
 */
export async function openPage(browser, url, ms = 15000, init = null) {
  const page = await browser.context.newPage();
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.waitForSelector('.xterm-screen', { timeout: ms });
  return page;
}

/** A shell prompt at the end of the screen (ash: "~ # ", "$ "). */
export const PROMPT = /[#$]\s*$/;

/**
 * A page of `base` booted to its shell prompt (`init` as for openPage).
 * Throws Skip when the site in `root` has no wasm32 userland
 * (initramfs-wasm32.cpio).
 */
export async function shellPage(browser, base, root, init = null) {
  const initramfs = join(root, 'initramfs-wasm32.cpio');
  if (!existsSync(initramfs))
    throw new Skip(`no ${initramfs}: the wasm32 userland is not built yet`);
  const page = await openPage(browser, base, 15000, init);
  await waitForScreen(page, PROMPT, 20000);
  return page;
}

/** Pick `name` in the page's Download menu; resolves to the saved file's bytes. */
export async function downloadFromMenu(page, name) {
  await page.click('#download summary');
  const item = page.locator('#download-list button', { hasText: name });
  await item.waitFor({ timeout: 5000 });
  const [saved] = await Promise.all([page.waitForEvent('download'), item.click()]);
  check(saved.suggestedFilename() === name, `saved as ${saved.suggestedFilename()}`);
  return readFile(await saved.path());
}

/**
 * Type `line` and Enter into the terminal, then wait for the output to end
 * with a prompt again; returns what the screen gained after the line.
 */
export async function runCommand(page, line, ms = 10000) {
  const before = (await screenText(page)).length;
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(100);
  const screen = await waitForScreen(page, new RegExp(`${escapeRe(line)}\\n[^]*${PROMPT.source}`), ms);
  const after = screen.slice(before);
  const lines = after.slice(after.indexOf(line) + line.length + 1).split('\n');
  return lines.slice(0, -1).join('\n'); // the last line is the new prompt
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * From now on, record every event the page sends to its machine in
 * globalThis.sent as { name, value } (byte arrays as text), for sentEvents().
 */
export function recordSends(page) {
  return page.evaluate(() => {
    const { machine } = globalThis.janux;
    const send = machine.send.bind(machine);
    globalThis.sent = [];
    machine.send = (name, value) => {
      const v = value instanceof Uint8Array ? new TextDecoder().decode(value) : value;
      globalThis.sent.push({ name, value: v });
      return send(name, value);
    };
  });
}

/** The values of the recorded events called `name` (see recordSends). */
export async function sentEvents(page, name) {
  const all = await page.evaluate(() => globalThis.sent);
  return all.filter((e) => e.name === name).map((e) => e.value);
}
