// bin/janux -c on the wasm machine, as bin/janux-qemu does it: the
// initramfs gets /janux-init (arch/aarch64/tools/janux-init.sh, machine
// independent), /janux-cmd and a fresh /janux-tag; the guest's shell runs
// the command between "@@TAG:start" and "@@TAG:exit:STATUS" console lines,
// then powers off. This filter shows only what the command printed and
// keeps its status.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../../../', import.meta.url);
const tool = (name) => fileURLToPath(new URL(`arch/aarch64/tools/${name}`, ROOT));

/**
 * `base` (a newc cpio, plain or gzip) plus the -c files for `cmd`.
 * Returns { initrd: Uint8Array, tag }.
 * @param {string} base
 * @param {string} cmd
 */
export function commandInitrd(base, cmd) {
  const dir = mkdtempSync(join(fileURLToPath(new URL('build/', ROOT)), 'janux-c-'));
  try {
    const tag = `janux-${Math.random().toString(36).slice(2)}-${process.pid}`;
    writeFileSync(join(dir, 'cmd'), cmd);
    writeFileSync(join(dir, 'tag'), `${tag}\n`);
    execFileSync(tool('initrd-add.py'), [join(dir, 'initrd.cpio'), '--base', base,
      `janux-init=${tool('janux-init.sh')}`, `janux-cmd=${join(dir, 'cmd')}`,
      `janux-tag=${join(dir, 'tag')}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    return { initrd: readFileSync(join(dir, 'initrd.cpio')), tag };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A console filter for command `tag`: feed(bytes) with the console output;
 * the command's own output goes to `out`, the rest is kept as the boot
 * log. status() is the command's exit status, or null if it never ended.
 * @param {string} tag
 * @param {{write: (s: string) => void}} out
 */
export function commandFilter(tag, out) {
  const start = `@@${tag}:start`, stop = `@@${tag}:exit:`;
  let pending = '', running = false, status = null, log = '';
  const line = (text, complete) => {
    if (status !== null) return;
    if (!running) {
      if (complete && text === start) running = true;
      else log += `${text}\n`;
      return;
    }
    const i = text.indexOf(stop);
    if (i < 0) { out.write(`${text}\n`); return; }
    out.write(text.slice(0, i)); // a last line without its newline
    status = Number.parseInt(text.slice(i + stop.length), 10);
  };
  return {
    feed(bytes) {
      pending += new TextDecoder().decode(bytes).replace(/\r/g, '');
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const l of lines) line(l, true);
    },
    status: () => status,
    bootLog: () => log + pending,
  };
}

/** The kernel command line of a -c boot: janux-init as init, then `extra`. */
export function commandCmdline(extra = '') {
  return `init=/janux-init quiet ${extra}`.trim();
}

export const NO_STATUS = 125; // as bin/janux-qemu: the guest never reported one

/**
 * The exit status of a -c run once the machine stopped with `exit`
 * ({ reason, message }): the command's own, or NO_STATUS after writing the
 * boot log and why to `err` when it never reported one.
 * @param {ReturnType<typeof commandFilter>} filter
 * @param {{reason: string, message?: string}} exit
 * @param {{write: (s: string) => void}} err
 */
export function commandStatus(filter, { reason, message }, err) {
  if (filter.status() !== null) return filter.status();
  err.write(filter.bootLog());
  if (reason === 'panic' || reason === 'fault') err.write(`janux: ${message}\n`);
  err.write('janux: the guest did not report the status of the command\n');
  return NO_STATUS;
}
