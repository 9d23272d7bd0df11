// The loading line: what is being fetched and how many bytes of it have
// arrived, for several files at once, summarised as one line of text.

const kb = (n) => `${Math.round(n / 1024)} KB`;

/** Byte counts of several downloads, reported as one status line. */
export class Progress {
  #files = new Map();
  #show;

  /** @param {(line: string) => void} show  called with the new line on every change */
  constructor(show) {
    this.#show = show;
  }

  /**
   * A callback for one file's (received, total) byte counts.
   * @param {string} name  what to call the file on the line
   */
  track(name) {
    return (received, total) => {
      this.#files.set(name, { received, total });
      this.#show(this.line());
    };
  }

  /** The current line, e.g. "loading kernel.wasm 40 KB / 64 KB, initramfs 12 KB". */
  line() {
    const parts = [...this.#files].map(([name, { received, total }]) =>
      `${name} ${kb(received)}${total ? ` / ${kb(total)}` : ''}`);
    return `loading ${parts.join(', ')}`;
  }
}
