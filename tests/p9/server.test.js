// Our 9P2000.L server (host-shim/devices/p9.js + the Node host-directory
// backend): codec errors, every operation, and escape attempts out of the
// share (.., absolute and relative symlinks, chains, renames, a directory
// swapped for a symlink after the walk).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { T, Reader, Writer, parseHeader, P9Malformed } from '../../host-shim/devices/p9codec.js';
import { createP9Server } from '../../host-shim/devices/p9.js';
import { hostDirBackend, errnoOf } from '../../host-shim/adapters/node/p9-hostdir.js';

const EIO = 5, EINVAL = 22, ENOTDIR = 20, ELOOP = 40, EOPNOTSUPP = 95;

function assert(cond, msg) { if (!cond) throw new Error(msg); }

/** A scratch tree: <tmp>/share (served) beside <tmp>/outside/secret. */
function scratch() {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'p9test-'));
  const share = path.join(top, 'share'), outside = path.join(top, 'outside');
  fs.mkdirSync(share); fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret'), 'SECRET');
  fs.chmodSync(path.join(outside, 'secret'), 0o600);
  return { top, share, outside };
}

/** A test client: build requests, get parsed replies. */
function client(share) {
  const server = createP9Server(hostDirBackend(share), { msize: 8192, errnoOf });
  let tag = 1;
  async function rpc(type, body) {
    const w = new Writer(type, tag++); body?.(w);
    const reply = await server.handle(w.finish());
    const h = parseHeader(reply);
    if (h.type === T.LERROR) return { errno: h.body.u32() };
    assert(h.type === type + 1, `reply type ${h.type} to ${type}`);
    return { r: h.body };
  }
  const ok = async (type, body) => {
    const x = await rpc(type, body);
    if (x.errno) throw new Error(`request ${type} failed with errno ${x.errno}`);
    return x.r;
  };
  const errno = async (type, body) => (await rpc(type, body)).errno ?? 0;
  return {
    server, rpc, ok, errno,
    async start() {
      await ok(T.VERSION, (w) => w.u32(8192).str('9P2000.L'));
      return ok(T.ATTACH, (w) => w.u32(0).u32(0xffffffff).str('root').str('').u32(0));
    },
    walk: (fid, nfid, names) => rpc(T.WALK, (w) => { w.u32(fid).u32(nfid).u16(names.length); names.forEach((n) => w.str(n)); }),
  };
}

const qid = (r) => ({ type: r.u8(), version: r.u32(), path: r.u64() });

/**
 * One well-formed request of every type the server serves, on a share with
 * file f (fid 1, opened for writing) and directory d (fid 2, opened), root
 * fid 0; the number of bytes from which a cut still parses (fsync's
 * optional datasync), else the full length.
 */
function everyRequest() {
  const u = (type, fill) => fill(new Writer(type, 9)).finish();
  const set = (w) => w.u32(1).u32(0x1 | 0x8).u32(0o600).u32(0).u32(0).u64(0).u64(0).u64(0).u64(0).u64(0);
  return [
    u(T.VERSION, (w) => w.u32(8192).str('9P2000.L')),
    u(T.ATTACH, (w) => w.u32(7).u32(0xffffffff).str('root').str('').u32(0)),
    u(T.WALK, (w) => w.u32(0).u32(7).u16(2).str('d').str('..')),
    u(T.LOPEN, (w) => w.u32(0).u32(0)),
    u(T.LCREATE, (w) => w.u32(0).str('new').u32(2).u32(0o644).u32(0)),
    u(T.SYMLINK, (w) => w.u32(0).str('sl').str('f').u32(0)),
    u(T.MKNOD, (w) => w.u32(0).str('nod').u32(0o10644).u32(0).u32(0).u32(0)),
    u(T.MKDIR, (w) => w.u32(0).str('nd').u32(0o755).u32(0)),
    u(T.RENAME, (w) => w.u32(1).u32(0).str('moved')),
    u(T.RENAMEAT, (w) => w.u32(0).str('f').u32(0).str('g')),
    u(T.UNLINKAT, (w) => w.u32(0).str('f').u32(0)),
    u(T.LINK, (w) => w.u32(0).u32(1).str('hl')),
    u(T.READLINK, (w) => w.u32(1)),
    u(T.GETATTR, (w) => w.u32(1).u64(0x7ffn)),
    u(T.SETATTR, set),
    u(T.STATFS, (w) => w.u32(0)),
    u(T.READDIR, (w) => w.u32(2).u64(0).u32(4000)),
    u(T.FSYNC, (w) => w.u32(1).u32(0)),
    u(T.READ, (w) => w.u32(1).u64(0).u32(100)),
    u(T.WRITE, (w) => w.u32(1).u64(0).u32(3).bytes(Uint8Array.of(1, 2, 3))),
    u(T.CLUNK, (w) => w.u32(1)),
    u(T.REMOVE, (w) => w.u32(1)),
    u(T.FLUSH, (w) => w.u16(3)),
  ];
}

export const tests = [
  {
    name: 'codec/header-and-field-bounds',
    fn: () => {
      let threw = 0;
      for (const bad of [new Uint8Array(3), Uint8Array.of(9, 0, 0, 0, 100, 1, 0), Uint8Array.of(6, 0, 0, 0, 100, 1, 0)]) {
        try { parseHeader(bad); } catch (e) { if (e instanceof P9Malformed) threw++; }
      }
      assert(threw === 3, `${threw} of 3 bad headers refused`);
      const r = new Reader(Uint8Array.of(5, 0, 65, 66));
      try { r.str(); throw new Error('string past the end was read'); } catch (e) { assert(e instanceof P9Malformed, e.message); }
      const msg = new Writer(T.WALK, 7).u32(1).u32(2).u16(1).str('ab').finish();
      assert(msg.length === 21 && msg[0] === 21 && msg[4] === T.WALK && msg[5] === 7, 'Twalk layout');
    },
  },
  {
    name: 'server/every-truncated-request-is-eio-and-does-nothing',
    fn: async () => {
      const { share } = scratch();
      const c = client(share);
      await c.start();
      const full = new Writer(T.LCREATE, 9).u32(0).str('newfile').u32(2).u32(0o644).u32(0).finish();
      for (let n = 0; n < full.length; n++) {
        const cut = full.slice(0, n);
        if (n >= 4) new DataView(cut.buffer).setUint32(0, n, true); // honest size, short body
        const h = parseHeader(await c.server.handle(cut));
        assert(h.type === T.LERROR && h.body.u32() === EIO, `truncation at ${n} not EIO`);
      }
      assert(!fs.existsSync(path.join(share, 'newfile')), 'a truncated Tlcreate created the file');
      const lying = new Writer(T.WRITE, 9).u32(0).u64(0).u32(1000).bytes(Uint8Array.of(1, 2)).finish();
      const h = parseHeader(await c.server.handle(lying));
      assert(h.type === T.LERROR && h.body.u32() === EIO, 'Twrite count past the data not EIO');
    },
  },
  {
    name: 'codec/every-request-type-cut-anywhere-is-eio-and-does-nothing',
    fn: async () => {
      const { share } = scratch();
      fs.writeFileSync(path.join(share, 'f'), 'data'); fs.mkdirSync(path.join(share, 'd'));
      const c = client(share);
      await c.start();
      assert(!(await c.walk(0, 1, ['f'])).errno && !(await c.walk(0, 2, ['d'])).errno, 'walks');
      await c.ok(T.LOPEN, (w) => w.u32(1).u32(2));
      await c.ok(T.LOPEN, (w) => w.u32(2).u32(0));
      for (const full of everyRequest()) {
        const optional = full[4] === T.FSYNC ? full.length - 4 : -1; // datasync may be absent
        for (let n = 0; n < full.length; n++) {
          if (n === optional) continue;
          const cut = full.slice(0, n);
          if (n >= 4) new DataView(cut.buffer).setUint32(0, n, true); // honest size, short body
          const h = parseHeader(await c.server.handle(cut));
          assert(h.type === T.LERROR && h.body.u32() === EIO, `type ${full[4]} cut at ${n} of ${full.length}: not EIO`);
          assert(h.tag === (n >= 7 ? 9 : 0xffff), `type ${full[4]} cut at ${n}: tag ${h.tag}`);
        }
        const lying = full.slice(); // the size field says one byte more than was sent
        new DataView(lying.buffer).setUint32(0, full.length + 1, true);
        const h = parseHeader(await c.server.handle(lying));
        assert(h.type === T.LERROR && h.body.u32() === EIO && h.tag === 9, `type ${full[4]} with a lying size not EIO`);
      }
      assert(fs.readdirSync(share).sort().join() === 'd,f', `a cut request changed the share: ${fs.readdirSync(share)}`);
      assert(fs.readFileSync(path.join(share, 'f'), 'utf8') === 'data', 'a cut request changed f');
      assert((fs.statSync(path.join(share, 'f')).mode & 0o777) === 0o644, 'a cut Tsetattr changed f');
      assert((await c.ok(T.READ, (w) => w.u32(1).u64(0).u32(10))).u32() === 4, 'a cut Tclunk/Tremove dropped fid 1');
      const unknown = parseHeader(await c.server.handle(new Writer(T.XATTRWALK, 5).u32(0).u32(3).str('user.x').finish()));
      assert(unknown.type === T.LERROR && unknown.body.u32() === EOPNOTSUPP && unknown.tag === 5, 'xattrwalk not EOPNOTSUPP');
    },
  },
  {
    name: 'codec/replies-fit-msize-and-their-size-field',
    fn: async () => {
      const { share } = scratch();
      fs.writeFileSync(path.join(share, 'big'), Buffer.alloc(100000, 7));
      fs.mkdirSync(path.join(share, 'many'));
      for (let i = 0; i < 400; i++) fs.writeFileSync(path.join(share, 'many', `entry-with-a-long-name-${i}`), '');
      fs.symlinkSync('t'.repeat(4000), path.join(share, 'longlink'));
      const c = client(share); // msize 8192
      await c.start();
      const replies = [];
      const send = async (fill, type) => {
        const w = new Writer(type, 4); fill(w);
        const rep = await c.server.handle(w.finish());
        replies.push(rep);
        return parseHeader(rep);
      };
      const v = await send((w) => w.u32(1 << 20).str('9P2000.L'), T.VERSION);
      assert(v.body.u32() === 8192, 'msize above the server\'s was not lowered');
      await c.start();
      assert(!(await c.walk(0, 1, ['big'])).errno && !(await c.walk(0, 2, ['many'])).errno && !(await c.walk(0, 3, ['longlink'])).errno, 'walks');
      await c.ok(T.LOPEN, (w) => w.u32(1).u32(0));
      await c.ok(T.LOPEN, (w) => w.u32(2).u32(0));
      const rd = await send((w) => w.u32(1).u64(0).u32(0xffffffff), T.READ);
      assert(rd.body.u32() > 0, 'huge read returned nothing');
      let entries = 0;
      for (let off = 0n, more = true; more;) {
        const h = await send((w) => w.u32(2).u64(off).u32(0xffffffff), T.READDIR);
        const end = 4 + h.body.u32(); more = end > 4;
        while (h.body.pos < end) { qid(h.body); off = h.body.u64(); h.body.u8(); h.body.str(); entries++; }
      }
      assert(entries === 402, `readdir in huge counts gave ${entries} entries of 402`);
      assert((await send((w) => w.u32(3), T.READLINK)).body.str().length === 4000, 'long readlink');
      for (const rep of replies) {
        assert(rep.length <= 8192, `a reply of ${rep.length} bytes over msize 8192`);
        assert(new DataView(rep.buffer, rep.byteOffset).getUint32(0, true) === rep.length, 'a reply size field is not its length');
      }
    },
  },
  {
    name: 'server/every-operation',
    fn: async () => {
      const { share } = scratch();
      const c = client(share);
      await c.start();
      assert(!(await c.walk(0, 1, [])).errno, 'clone');
      await c.ok(T.LCREATE, (w) => w.u32(1).str('f').u32(2).u32(0o644).u32(0));
      const wr = await c.ok(T.WRITE, (w) => w.u32(1).u64(0).u32(5).bytes(new TextEncoder().encode('hello')));
      assert(wr.u32() === 5, 'wrote 5');
      const rd = await c.ok(T.READ, (w) => w.u32(1).u64(1).u32(100));
      assert(new TextDecoder().decode(rd.bytes(rd.u32())) === 'ello', 'read back');
      await c.ok(T.FSYNC, (w) => w.u32(1).u32(0));
      await c.ok(T.MKDIR, (w) => w.u32(0).str('d').u32(0o755).u32(0));
      await c.ok(T.SYMLINK, (w) => w.u32(0).str('s').str('f').u32(0));
      await c.ok(T.RENAMEAT, (w) => w.u32(0).str('f').u32(0).str('g'));
      assert(!(await c.walk(0, 2, ['g'])).errno, 'walk to renamed');
      await c.ok(T.LINK, (w) => w.u32(0).u32(2).str('h'));
      const ga = await c.ok(T.GETATTR, (w) => w.u32(2).u64(0x7ffn));
      ga.u64(); qid(ga);
      const mode = ga.u32(); ga.u32(); ga.u32();
      assert((mode & 0o170000) === 0o100000 && ga.u64() === 2n && (ga.u64(), ga.u64()) === 5n, 'getattr: file, 2 links, 5 bytes');
      await c.ok(T.SETATTR, (w) => w.u32(2).u32(0x1 | 0x8).u32(0o4640).u32(0).u32(0).u64(2).u64(0).u64(0).u64(0).u64(0));
      const st = fs.statSync(path.join(share, 'g'));
      assert((st.mode & 0o7777) === 0o640 && st.size === 2, `setattr: mode ${st.mode.toString(8)} size ${st.size}`);
      const rl = await c.ok(T.READLINK, (w) => w.u32(0).u32(0)).catch(() => null);
      assert(rl === null, 'readlink of a directory succeeded');
      assert(!(await c.walk(0, 3, ['s'])).errno, 'walk to symlink');
      assert((await c.ok(T.READLINK, (w) => w.u32(3))).str() === 'f', 'readlink');
      assert(!(await c.walk(0, 4, [])).errno, 'clone root');
      await c.ok(T.LOPEN, (w) => w.u32(4).u32(0));
      const rd2 = await c.ok(T.READDIR, (w) => w.u32(4).u64(0).u32(4000));
      const names = []; const end = 4 + rd2.u32();
      while (rd2.pos < end) { qid(rd2); rd2.u64(); rd2.u8(); names.push(rd2.str()); }
      assert(names.sort().join() === '.,..,d,g,h,s', `readdir: ${names}`);
      const sf = await c.ok(T.STATFS, (w) => w.u32(0));
      assert(sf.u32() === 0x01021997 && sf.u32() > 0, 'statfs');
      await c.ok(T.UNLINKAT, (w) => w.u32(0).str('h').u32(0));
      await c.ok(T.UNLINKAT, (w) => w.u32(0).str('d').u32(0x200));
      for (const f of [1, 2, 3, 4]) await c.ok(T.CLUNK, (w) => w.u32(f));
      assert(fs.readdirSync(share).sort().join() === 'g,s', `left: ${fs.readdirSync(share)}`);
      assert(await c.errno(T.CLUNK, (w) => w.u32(4)) === 9, 'clunked fid still known');
    },
  },
  {
    name: 'server/escapes-are-refused',
    fn: async () => {
      const { share, outside } = scratch();
      fs.symlinkSync(path.join(outside, 'secret'), path.join(share, 'abs'));
      fs.symlinkSync('../outside/secret', path.join(share, 'rel'));
      fs.symlinkSync('rel', path.join(share, 'chain'));
      fs.symlinkSync(outside, path.join(share, 'dlink'));
      fs.mkdirSync(path.join(share, 'sub'));
      const c = client(share);
      const root = qid(await c.start());
      // ".." at the root is the root; a name with a slash is not a name.
      const up = await c.walk(0, 1, ['..']);
      assert(!up.errno && up.r.u16() === 1 && qid(up.r).path === root.path, '.. left the root');
      const out = await c.walk(0, 2, ['..', 'outside']); // stops after "..": 1 of 2
      assert(!out.errno && out.r.u16() === 1, 'reached ../outside');
      assert(await c.errno(T.GETATTR, (w) => w.u32(2).u64(0x7ffn)) === 9, 'a partial walk bound newfid');
      assert((await c.walk(0, 2, ['../outside'])).errno === EINVAL, 'slash in a walk name');
      // Through a directory symlink: never followed.
      const via = await c.walk(0, 2, ['dlink', 'secret']); // stops at the link
      assert(!via.errno && via.r.u16() === 1, 'walked through dlink');
      // Symlink files cannot be opened, changed or truncated through.
      for (const [i, name] of ['abs', 'rel', 'chain'].entries()) {
        const fid = 10 + i;
        assert(!(await c.walk(0, fid, [name])).errno, `walk ${name}`);
        assert(await c.errno(T.LOPEN, (w) => w.u32(fid).u32(0)) === ELOOP, `opened ${name}`);
        assert(await c.errno(T.SETATTR, (w) => w.u32(fid).u32(0x1).u32(0o777).u32(0).u32(0).u64(0).u64(0).u64(0).u64(0).u64(0)) === EOPNOTSUPP, `chmod via ${name}`);
        assert(await c.errno(T.SETATTR, (w) => w.u32(fid).u32(0x8).u32(0).u32(0).u32(0).u64(0).u64(0).u64(0).u64(0).u64(0)) === ELOOP, `truncate via ${name}`);
        assert(await c.errno(T.LCREATE, (w) => w.u32(fid).str('x').u32(2).u32(0o644).u32(0)) === ENOTDIR, `create under ${name}`);
      }
      assert(fs.readFileSync(path.join(outside, 'secret'), 'utf8') === 'SECRET', 'secret changed');
      assert((fs.statSync(path.join(outside, 'secret')).mode & 0o777) === 0o600, 'secret mode changed');
      // Renames: names are single components, so nothing can move out.
      assert(await c.errno(T.RENAMEAT, (w) => w.u32(0).str('sub').u32(0).str('../sub')) === EINVAL, 'rename to ../');
      assert(await c.errno(T.RENAMEAT, (w) => w.u32(0).str('../outside').u32(0).str('x')) === EINVAL, 'rename from ../');
      assert(await c.errno(T.MKDIR, (w) => w.u32(0).str('..').u32(0o755).u32(0)) === EINVAL, 'mkdir ..');
      // A walked directory swapped for a symlink to outside: refused later.
      assert(!(await c.walk(0, 20, ['sub'])).errno, 'walk sub');
      fs.rmdirSync(path.join(share, 'sub'));
      fs.symlinkSync(outside, path.join(share, 'sub'));
      assert(await c.errno(T.LCREATE, (w) => w.u32(20).str('planted').u32(2).u32(0o644).u32(0)) === ELOOP, 'created via swapped dir');
      assert(await c.errno(T.RENAMEAT, (w) => w.u32(0).str('abs').u32(20).str('moved')) === ELOOP, 'renamed into swapped dir');
      assert(!fs.existsSync(path.join(outside, 'planted')) && !fs.existsSync(path.join(outside, 'moved')), 'wrote outside');
    },
  },
];
