/**
 * The AssemblyScript half of the wire format (see wire.ts): one generated reader and one writer
 * per type that crosses the boundary.
 */
import { AvroType, isScalarUnion, typeToString } from '../../types/avro.js';
import { AsTypes } from './types.js';
import { Names, RT } from './emit/names.js';

export const WIRE_PRELUDE = `
let inPos: usize = 0;
function rdF64(): f64 { const v = load<f64>(inPos); inPos += 8; return v; }
function rdI64(): i64 { const v = load<i64>(inPos); inPos += 8; return v; }
function rdI32(): i32 { const v = load<i32>(inPos); inPos += 8; return v; }
`;

/**
 * Arrays of at most this many doubles are read from the wire by a loop, longer ones by
 * memory.copy (alone, a loop costs about 0.6 ns more per item than the copy and the copy's call
 * about 10 ns in a kernel: they meet near here).
 */
const INLINE_COPY_ITEMS = 16;

const SCALAR = new Set(['double', 'float', 'long', 'int', 'string', 'enum', 'boolean']);

/**
 * How many slots a value of type t always takes on the wire (a scalar one, null none, a record of
 * such fields their sum), or null when its size varies. A writer reserves room for such a part at
 * once and stores its slots at constant offsets, instead of checking for room at every slot.
 */
function fixedSlots(t: AvroType): number | null {
  if (t.kind === 'null') return 0;
  if (SCALAR.has(t.kind)) return 1;
  if (t.kind !== 'record') return null;
  let n = 0;
  for (const f of t.fields) {
    const k = fixedSlots(f.type);
    if (k === null) return null;
    n += k;
  }
  return n;
}

export class WireAs {
  private readonly readers = new Map<string, string>();
  private readonly writers = new Map<string, string>();
  private readonly code: string[] = [];

  constructor(
    private readonly types: AsTypes,
    private readonly names: Names,
  ) {}

  /** An expression that reads one value of type t from the input wire. */
  read(t: AvroType): string {
    switch (t.kind) {
      case 'double':
        return 'rdF64()';
      case 'float':
        return '<f32>rdF64()';
      case 'long':
        return 'rdI64()';
      case 'int':
      case 'string':
      case 'enum':
        return 'rdI32()';
      case 'boolean':
        return '(rdI32() != 0)';
      case 'null':
        return '0';
      default:
        return `${this.reader(t)}()`;
    }
  }

  /**
   * For a record of scalars: a statement list that reads one value into the fields of `target` (an
   * existing instance) instead of allocating; null for any other type.
   */
  readInto(t: AvroType, target: string): string | null {
    if (t.kind !== 'record' || !t.fields.every((f) => SCALAR.has(f.type.kind))) return null;
    const c = this.types.record(t);
    // Each scalar takes one slot: field i is at byte 8i from where the record starts, so the fields
    // are loads at constant offsets from one local, and inPos (a global: binaryen keeps every
    // read and write of it) moves once.
    const load = (k: AvroType['kind'], at: number) => {
      switch (k) {
        case 'double':
          return `load<f64>(p, ${at})`;
        case 'float':
          return `<f32>load<f64>(p, ${at})`;
        case 'long':
          return `load<i64>(p, ${at})`;
        case 'boolean':
          return `(load<i32>(p, ${at}) != 0)`;
        default:
          return `load<i32>(p, ${at})`;
      }
    };
    const fields = t.fields.map((f, i) => `${target}.${c.fields[i]} = ${load(f.type.kind, 8 * i)};`);
    return `const p = inPos; ${fields.join(' ')} inPos = p + ${8 * t.fields.length};`;
  }

  private reader(t: AvroType): string {
    const key = typeToString(t);
    const known = this.readers.get(key);
    if (known) return known;
    const name = this.names.mint('rd');
    this.readers.set(key, name);
    const T = this.types.as(t);
    let body: string;
    switch (t.kind) {
      case 'array':
        // Every item is written before it is read, so the array needs no clearing (rt.rawArray);
        // doubles lie on the wire as the array holds them, so they are copied whole. V8 runs
        // memory.copy as a call out to C: for a few items (a feature vector) a loop of loads and
        // stores is cheaper (5 doubles: about 10 ns less per record, measured in a kernel).
        body =
          t.items.kind === 'double'
            ? `const n = rdI32(); const a = ${RT.rawArray}<f64>(n); const d = a.dataStart; const b = <usize>n << 3; if (n <= ${INLINE_COPY_ITEMS}) { for (let o: usize = 0; o < b; o += 8) store<f64>(d + o, load<f64>(inPos + o)); } else memory.copy(d, inPos, b); inPos += b; return a;`
            : `const n = rdI32(); const a = ${RT.rawArray}<${this.types.as(t.items)}>(n); for (let i = 0; i < n; i++) ${RT.setAt}(a, i, ${this.read(t.items)}); return a;`;
        break;
      case 'map':
        // A map of scalar unions: keys and value images copied whole (wire.ts, unionMapEncoder).
        if (isScalarUnion(t.values)) {
          body = `const n = rdI32(); const keys = (<usize>(n + 1) >> 1) << 3; const m = new CodeMap<${this.types.as(t.values)}>(n).withKeys(inPos, n).withValues(inPos + keys); inPos += keys + (<usize>n << 4); return m;`;
          break;
        }
        body = `const n = rdI32(); const m = new CodeMap<${this.types.as(t.values)}>(n); for (let i = 0; i < n; i++) { const k = rdI32(); m.add(k, ${this.read(t.values)}); } return m;`; // (keys on the wire are distinct)
        break;
      case 'bytes':
      case 'fixed':
        // (wire.ts bytesEncoder: the length, then the bytes in whole slots)
        body =
          'const n = rdI32(); const b = new Uint8Array(n); memory.copy(b.dataStart, inPos, <usize>n); inPos += (<usize>n + 7) & ~<usize>7; return b;';
        break;
      case 'record': {
        const c = this.types.record(t);
        body = `return new ${c.name}(${t.fields.map((f) => this.read(f.type)).join(', ')});`;
        break;
      }
      case 'union': {
        const ts = this.types;
        const cases = t.types
          .map((b, i) => `case ${i}: return ${ts.makeUnion(t, i, b.kind === 'null' ? undefined : this.read(b))};`)
          .join(' ');
        body = `const tag = rdI32(); switch (tag) { ${cases} } return ${ts.makeUnion(t, 0, t.types[0].kind === 'null' ? undefined : ts.zero(t.types[0]))};`;
        break;
      }
      default:
        throw new Error(`internal: no reader for ${key}`);
    }
    this.code.push(`function ${name}(): ${T} { ${body} }`);
    return name;
  }

  /** A statement that writes `v` (a pure expression) of type t to the output wire. */
  write(t: AvroType, v: string): string {
    switch (t.kind) {
      case 'double':
        return `${RT.outF64}(${v});`;
      case 'float':
        return `${RT.outF64}(<f64>${v});`;
      case 'long':
        return `${RT.outI64}(${v});`;
      case 'int':
      case 'string':
      case 'enum':
        return `${RT.outI32}(${v});`;
      case 'boolean':
        return `${RT.outI32}(${v} ? 1 : 0);`;
      case 'null':
        return '';
      default:
        return `${this.writer(t)}(${v});`;
    }
  }

  private writer(t: AvroType): string {
    const key = typeToString(t);
    const known = this.writers.get(key);
    if (known) return known;
    const name = this.names.mint('wr');
    this.writers.set(key, name);
    const T = this.types.as(t);
    let body: string;
    switch (t.kind) {
      case 'array': {
        const s = fixedSlots(t.items);
        // (items of a fixed size: room for all of them at once, then stores)
        body =
          s === null
            ? `const n = v.length; ${RT.outI32}(n); for (let i = 0; i < n; i++) { const x = unchecked(v[i]); ${this.write(t.items, 'x')} }`
            : `const n = v.length; let p = ${RT.outTake}(8 + <usize>n * ${8 * s}); store<i64>(p, <i64>n); p += 8;${s === 0 ? '' : ` for (let i = 0; i < n; i++) { const x = unchecked(v[i]); ${this.stores(t.items, 'x', 0).join(' ')} p += ${8 * s}; }`}`;
        break;
      }
      case 'map':
        if (isScalarUnion(t.values)) {
          body = `const n = v.size; ${RT.outI32}(n); ${RT.outBytes}(changetype<usize>(v.keyStore()), <usize>n << 2); ${RT.outBytes}(changetype<usize>(v.valueStore()), <usize>n << 4);`;
          break;
        }
        // (entries by position: a CodeMap is dense and in insertion order, so no key copy or lookup;
        // values of a fixed size: room for every entry at once, then stores)
        {
          const s = fixedSlots(t.values);
          body =
            s === null
              ? `const n = v.size; ${RT.outI32}(n); for (let i = 0; i < n; i++) { ${RT.outI32}(v.keyAt(i)); const x = v.valueAt(i); ${this.write(t.values, 'x')} }`
              : `const n = v.size; let p = ${RT.outTake}(8 + <usize>n * ${8 + 8 * s}); store<i64>(p, <i64>n); p += 8; for (let i = 0; i < n; i++) { store<i64>(p, <i64>v.keyAt(i));${s === 0 ? '' : ` const x = v.valueAt(i); ${this.stores(t.values, 'x', 8).join(' ')}`} p += ${8 + 8 * s}; }`;
        }
        break;
      case 'bytes':
      case 'fixed':
        body = `const n = v.length; ${RT.outI32}(n); ${RT.outBytes}(v.dataStart, <usize>n);`;
        break;
      case 'record': {
        // Runs of fields of a fixed size are one part each: one room check, stores at constant
        // offsets; a field of varying size is written by its own writer between them.
        const c = this.types.record(t);
        const parts: string[] = [];
        let run: string[] = [];
        let slots = 0;
        const flush = () => {
          if (slots > 0) parts.push(`{ const p = ${RT.outTake}(${8 * slots}); ${run.join(' ')} }`);
          run = [];
          slots = 0;
        };
        t.fields.forEach((f, i) => {
          const x = `v.${c.fields[i]}`;
          const s = fixedSlots(f.type);
          if (s === null) {
            flush();
            parts.push(`{ const x = ${x}; ${this.write(f.type, 'x')} }`);
          } else {
            run.push(...this.stores(f.type, x, 8 * slots));
            slots += s;
          }
        });
        flush();
        body = parts.join(' ');
        break;
      }
      case 'union': {
        const ts = this.types;
        const cases = t.types
          .map((b, i) =>
            b.kind !== 'null'
              ? `case ${i}: { const x = ${ts.branchOf(t, i, 'v')}; ${this.write(b, 'x')} break; }`
              : `case ${i}: break;`,
          )
          .join(' ');
        body = `const tag = ${ts.tagOf(t, 'v')}; ${RT.outI32}(tag); switch (tag) { ${cases} }`;
        break;
      }
      default:
        throw new Error(`internal: no writer for ${key}`);
    }
    this.code.push(`function ${name}(v: ${T}): void { ${body} }`);
    return name;
  }

  /**
   * Statements storing `v` (a pure expression), of a type of fixed size (fixedSlots), at byte `at`
   * from `p`, where room was reserved: the slots `write` gives it, in its order.
   */
  private stores(t: AvroType, v: string, at: number): string[] {
    switch (t.kind) {
      case 'double':
        return [`store<f64>(p, ${v}, ${at});`];
      case 'float':
        return [`store<f64>(p, <f64>${v}, ${at});`];
      case 'long':
        return [`store<i64>(p, ${v}, ${at});`];
      case 'int':
      case 'string':
      case 'enum':
        return [`store<i64>(p, <i64>${v}, ${at});`];
      case 'boolean':
        return [`store<i64>(p, ${v} ? 1 : 0, ${at});`];
      case 'null':
        return [];
      case 'record': {
        const c = this.types.record(t);
        const out: string[] = [];
        let off = at;
        t.fields.forEach((f, i) => {
          out.push(...this.stores(f.type, `${v}.${c.fields[i]}`, off));
          off += 8 * fixedSlots(f.type)!;
        });
        return out;
      }
      default:
        throw new Error(`internal: ${typeToString(t)} has no fixed size`);
    }
  }

  source(): string {
    return this.code.join('\n');
  }
}
