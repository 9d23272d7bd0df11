// Reading the one fact the machine needs from kernel.wasm before it can be
// instantiated: the limits of its imported memory (env.memory).

const WASM_MAGIC = 0x6d736100; // "\0asm"
const SECTION_IMPORT = 2;
const KIND_MEMORY = 2;

function reader(bytes) {
  let pos = 0;
  const need = (n) => {
    if (pos + n > bytes.length) throw new Error('kernel.wasm: truncated module');
  };
  return {
    get pos() { return pos; },
    skip(n) { need(n); pos += n; },
    byte() { need(1); return bytes[pos++]; },
    u32() {
      let v = 0;
      for (let shift = 0; shift < 35; shift += 7) {
        const b = this.byte();
        v += (b & 0x7f) * 2 ** shift;
        if (!(b & 0x80)) return v;
      }
      throw new Error('kernel.wasm: bad LEB128');
    },
    name() { const n = this.u32(); need(n); pos += n; return new TextDecoder().decode(bytes.subarray(pos - n, pos)); },
  };
}

function skipImportDesc(r, kind) {
  if (kind === 0) r.u32();                         // function type index
  else if (kind === 1) { r.byte(); readLimits(r); } // table
  else if (kind === 3) { r.byte(); r.byte(); }      // global
  else throw new Error(`kernel.wasm: unknown import kind ${kind}`);
}

function readLimits(r) {
  const flags = r.byte();
  const initial = r.u32();
  const maximum = flags & 1 ? r.u32() : undefined;
  return { initial, maximum, shared: !!(flags & 2) };
}

/**
 * The limits of the module's memory import, in 64 KiB pages:
 * { module, name, initial, maximum, shared }. Throws when the bytes are not
 * a wasm module or import no memory.
 * @param {Uint8Array} bytes
 */
export function memoryImport(bytes) {
  const r = reader(bytes);
  if (new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true) !== WASM_MAGIC)
    throw new Error('kernel.wasm: not a WebAssembly module');
  r.skip(8);
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    if (id !== SECTION_IMPORT) { r.skip(size); continue; }
    for (let n = r.u32(); n > 0; n--) {
      const module = r.name(), name = r.name(), kind = r.byte();
      if (kind === KIND_MEMORY) return { module, name, ...readLimits(r) };
      skipImportDesc(r, kind);
    }
  }
  throw new Error('kernel.wasm: imports no memory');
}
