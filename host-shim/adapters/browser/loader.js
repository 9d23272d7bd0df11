// Fetching what the page boots: every file requested at once, byte counts
// reported as they arrive (for the progress line), and kernel.wasm compiled
// while it streams in. A failed download is a readable Error naming the file.

/** `promise`, with a rejection turned into an Error naming the file at `url`. */
async function named(url, promise) {
  try {
    return await promise;
  } catch (e) {
    throw new Error(`could not download ${url.pathname}: ${e.message}`);
  }
}

/**
 * Read the body of `resp` to the end, calling onBytes(received, total) as
 * chunks arrive (total is 0 when the length is unknown: no Content-Length,
 * or a Content-Encoding, whose length is the compressed one).
 * Resolves to the whole body.
 * @param {Response} resp
 * @param {(received: number, total: number) => void} onBytes
 */
async function readBody(resp, onBytes) {
  // A compressed transfer's length is not the body's: then unknown.
  const total = resp.headers.get('content-encoding') ? 0 : Number(resp.headers.get('content-length')) || 0;
  const chunks = [];
  let received = 0;
  onBytes(0, total);
  for (const reader = resp.body.getReader(); ;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onBytes(received, total);
  }
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

const httpError = (url, resp) =>
  new Error(`could not download ${url.pathname}: HTTP ${resp.status} ${resp.statusText}`.trim());

/**
 * Download and compile the kernel module at `url`. Compilation streams
 * (WebAssembly.compileStreaming, which also lets the browser cache the
 * compiled code with the HTTP cache entry) on a copy of the response while
 * the body is read for progress and for the machine, which reads its memory
 * limits from the bytes. A server that sends the wrong MIME type still
 * works: the bytes are then compiled in one piece.
 * @param {URL} url
 * @param {(received: number, total: number) => void} onBytes
 * @returns {Promise<{bytes: Uint8Array, module: WebAssembly.Module}>}
 */
export async function loadKernel(url, onBytes) {
  const resp = await named(url, fetch(url));
  if (!resp.ok) throw httpError(url, resp);
  const streamed = WebAssembly.compileStreaming(resp.clone()).catch(() => null);
  const bytes = await named(url, readBody(resp, onBytes));
  const module = (await streamed) ?? await WebAssembly.compile(bytes);
  return { bytes, module };
}

/**
 * Download an optional file: its bytes, or null when the server has none
 * (404). Other failures reject with a readable Error.
 * @param {URL} url
 * @param {(received: number, total: number) => void} onBytes
 * @returns {Promise<Uint8Array|null>}
 */
export async function loadOptional(url, onBytes) {
  const resp = await named(url, fetch(url));
  if (resp.status === 404) return null;
  if (!resp.ok) throw httpError(url, resp);
  return named(url, readBody(resp, onBytes));
}

