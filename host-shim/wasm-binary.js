// Reading what the host needs from a module's bytes before instantiating
// it: the limits of its imported memory (env.memory) and, for programs, the
// initial values of the globals it exports (__stack_pointer, __heap_base).
// Malformed input throws an Error whose message says what is wrong.

const WASM_MAGIC = 0x6d736100; // "\0asm"
const SECTION_IMPORT = 2, SECTION_GLOBAL = 6, SECTION_EXPORT = 7;
const KIND_GLOBAL = 3, KIND_MEMORY = 2;
const OP_I32_CONST = 0x41, OP_END = 0x0b;

function reader(bytes) {
  let pos = 0;
  const need = (n) => {
    if (pos + n > bytes.length) throw new Error('truncated module');
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
      throw new Error('bad LEB128');
    },
    s32() {
      let v = 0, shift = 0, b;
      do { b = this.byte(); v |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80 && shift < 35);
      return shift < 32 && (b & 0x40) ? v | (-1 << shift) : v;
    },
    name() { const n = this.u32(); need(n); pos += n; return new TextDecoder().decode(bytes.subarray(pos - n, pos)); },
  };
}

function readLimits(r) {
  const flags = r.byte();
  const initial = r.u32();
  const maximum = flags & 1 ? r.u32() : undefined;
  return { initial, maximum, shared: !!(flags & 2) };
}

// Every section as { id, start, end } after checking the header.
function sections(bytes) {
  const r = reader(bytes);
  if (bytes.length < 8 || new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true) !== WASM_MAGIC)
    throw new Error('not a WebAssembly module');
  r.skip(8);
  const out = [];
  while (r.pos < bytes.length) {
    const id = r.byte(), size = r.u32(), start = r.pos;
    r.skip(size);
    out.push({ id, start, end: start + size });
  }
  return out;
}

function at(bytes, section) {
  const r = reader(bytes.subarray(0, section.end));
  r.skip(section.start);
  return r;
}

// Imports: the memory import and how many globals are imported.
function readImports(bytes, section) {
  const r = at(bytes, section);
  let memory = null, globals = 0;
  for (let n = r.u32(); n > 0; n--) {
    const module = r.name(), name = r.name(), kind = r.byte();
    if (kind === 0) r.u32();
    else if (kind === 1) { r.byte(); readLimits(r); }
    else if (kind === KIND_MEMORY) memory = { module, name, ...readLimits(r) };
    else if (kind === KIND_GLOBAL) { r.byte(); r.byte(); globals++; }
    else throw new Error(`unknown import kind ${kind}`);
  }
  return { memory, globals };
}

// Defined globals' initial values (i32.const only; others are null).
function readGlobals(bytes, section) {
  const r = at(bytes, section), values = [];
  for (let n = r.u32(); n > 0; n--) {
    r.byte(); r.byte(); // type, mutability
    const op = r.byte();
    let value = null;
    if (op === OP_I32_CONST) value = r.s32() >>> 0;
    else while (r.byte() !== OP_END); // skip other constant expressions
    if (op === OP_I32_CONST && r.byte() !== OP_END) throw new Error('bad global initialiser');
    values.push(value);
  }
  return values;
}

function readExports(bytes, section) {
  const r = at(bytes, section), out = new Map();
  for (let n = r.u32(); n > 0; n--) {
    const name = r.name(), kind = r.byte(), index = r.u32();
    out.set(name, { kind, index });
  }
  return out;
}

/**
 * The limits of the module's memory import, in 64 KiB pages:
 * { module, name, initial, maximum, shared }. Throws when the bytes are not
 * a wasm module or import no memory.
 * @param {Uint8Array} bytes
 */
export function memoryImport(bytes) {
  const imp = sections(bytes).find((s) => s.id === SECTION_IMPORT);
  const memory = imp ? readImports(bytes, imp).memory : null;
  if (!memory) throw new Error('the module imports no memory');
  return memory;
}

/**
 * The layout facts of a program module (docs/wasm32-abi.md): its memory
 * limits and the initial values of the exported globals `names` (null for
 * one that is missing, imported or not an i32 constant).
 * @param {Uint8Array} bytes
 * @param {string[]} names
 * @returns {{memory: object|null, globals: Object<string, number|null>}}
 */
export function programLayout(bytes, names) {
  const all = sections(bytes);
  const find = (id) => all.find((s) => s.id === id);
  const imports = find(SECTION_IMPORT) ? readImports(bytes, find(SECTION_IMPORT)) : { memory: null, globals: 0 };
  const values = find(SECTION_GLOBAL) ? readGlobals(bytes, find(SECTION_GLOBAL)) : [];
  const exports = find(SECTION_EXPORT) ? readExports(bytes, find(SECTION_EXPORT)) : new Map();
  const globals = {};
  for (const name of names) {
    const e = exports.get(name);
    const i = e && e.kind === KIND_GLOBAL ? e.index - imports.globals : -1;
    globals[name] = i >= 0 && i < values.length ? values[i] : null;
  }
  return { memory: imports.memory, globals };
}
