#!/usr/bin/env node
// Development server for the built page (build/web/): static files on
// 127.0.0.1 with the cross-origin isolation headers SharedArrayBuffer needs
// (COOP same-origin, COEP require-corp) and correct MIME types; ETags, so
// a browser's warm cache revalidates with a 304; a file's precompressed
// sibling FILE.gz sent as FILE with Content-Encoding: gzip to browsers
// that accept it (as nginx's gzip_static does).
//   node web/server.mjs [--root DIR] [--port N]   (PORT env also works; 0 = any)
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Headers every response carries: isolation, no sniffing, no caching of HTML. */
export function isolationHeaders(path) {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': path.endsWith('.html') ? 'no-cache' : 'public, max-age=0, must-revalidate',
  };
}

/**
 * Map a URL path to a file under root, or null when it would leave root.
 * "/" and directory paths serve index.html.
 */
export function resolveUnder(root, urlPath) {
  let p;
  try {
    p = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (p.includes('\0')) return null;
  const full = normalize(join(root, p));
  if (full !== root && !full.startsWith(root + sep)) return null;
  return p.endsWith('/') ? join(full, 'index.html') : full;
}

/** Whether an Accept-Encoding header value takes gzip (codings are case-insensitive). */
export function acceptsGzip(acceptEncoding = '') {
  return acceptEncoding.split(',').some((item) => {
    const [coding, ...params] = item.split(';').map((x) => x.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return coding === 'gzip' && (!q || Number(q.slice(2)) > 0);
  });
}

/** The stat of `file`.gz when a build step made it beside `file`; else null. */
async function gzipSibling(file) {
  try {
    const st = await fs.stat(`${file}.gz`);
    return st.isFile() ? st : null;
  } catch {
    return null;
  }
}

/** Start serving `root` on 127.0.0.1:port; resolves to the http.Server. */
export function serve(root, port) {
  root = resolve(root);
  const server = createServer(async (req, res) => {
    const file = resolveUnder(root, req.url || '/');
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(file ? 405 : 400, { 'Content-Type': 'text/plain' });
      res.end(file ? 'method not allowed\n' : 'bad path\n');
      return;
    }
    let st;
    try {
      st = await fs.stat(file);
    } catch {
      st = null;
    }
    if (!st || !st.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...isolationHeaders(file) });
      res.end('not found\n');
      return;
    }
    const sibling = await gzipSibling(file); // every answer for such a file varies
    const gz = sibling && acceptsGzip(req.headers['accept-encoding']) ? sibling : null;
    const sent = gz ?? st;
    const etag = `W/"${sent.size.toString(16)}-${Math.floor(sent.mtimeMs).toString(16)}${gz ? '-gz' : ''}"`;
    const encoding = { ...(sibling && { Vary: 'Accept-Encoding' }), ...(gz && { 'Content-Encoding': 'gzip' }) };
    if (req.headers['if-none-match'] === etag) { // a warm cache revalidating
      res.writeHead(304, { ETag: etag, ...encoding, ...isolationHeaders(file) });
      res.end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] || 'application/octet-stream',
      'Content-Length': sent.size,
      'Last-Modified': sent.mtime.toUTCString(),
      ETag: etag,
      ...encoding,
      ...isolationHeaders(file),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(gz ? `${file}.gz` : file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

function parseArgs(argv) {
  const opts = { root: 'build/web', port: Number(process.env.PORT ?? 8080) };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') opts.root = argv[++i];
    else if (argv[i] === '--port') opts.port = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (use --root DIR, --port N)`);
  }
  return opts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = parseArgs(process.argv.slice(2));
  const server = await serve(opts.root, opts.port);
  console.log(`Janux is served at http://127.0.0.1:${server.address().port}/ (Ctrl-C stops)`);
}
