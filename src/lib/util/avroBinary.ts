/**
 * Avro binary encoding of runtime values (Avro 1.x specification, "Binary Encoding"). The `map`
 * namespace represents a set as a map from base64-encoded Avro binary to the object itself
 * (spec, map.toset), so the keys must be byte-for-byte what any Avro writer produces: zig-zag
 * varints for int/long, little-endian IEEE floats, length-prefixed UTF-8, one block per
 * non-empty array or map followed by a zero count, and the branch index before a union value.
 */
import { AvroType } from '../../types/avro.js';
import { PfaRecord, branchIndex, branchValue } from '../../values.js';
import { base64Encode } from '../../codec/base64.js';

class ByteSink {
  private buf = new Uint8Array(64);
  private len = 0;
  private readonly scratch = new DataView(new ArrayBuffer(8));

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Zig-zag then base-128 varint, least significant group first. */
  long(x: bigint): void {
    let z = BigInt.asUintN(64, (x << 1n) ^ (x >> 63n));
    while (z >= 0x80n) {
      this.byte(Number(z & 0x7fn) | 0x80);
      z >>= 7n;
    }
    this.byte(Number(z));
  }

  int(x: number): void {
    let z = ((x << 1) ^ (x >> 31)) >>> 0;
    while (z >= 0x80) {
      this.byte((z & 0x7f) | 0x80);
      z >>>= 7;
    }
    this.byte(z);
  }

  float(x: number): void {
    this.scratch.setFloat32(0, x, true);
    for (let i = 0; i < 4; i++) this.byte(this.scratch.getUint8(i));
  }

  double(x: number): void {
    this.scratch.setFloat64(0, x, true);
    for (let i = 0; i < 8; i++) this.byte(this.scratch.getUint8(i));
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

const utf8 = new TextEncoder();

function write(sink: ByteSink, t: AvroType, v: unknown): void {
  switch (t.kind) {
    case 'null':
      return;
    case 'boolean':
      sink.byte(v ? 1 : 0);
      return;
    case 'int':
      sink.int(v as number);
      return;
    case 'long':
      sink.long(v as bigint);
      return;
    case 'float':
      sink.float(v as number);
      return;
    case 'double':
      sink.double(v as number);
      return;
    case 'string': {
      const b = utf8.encode(v as string);
      sink.int(b.length);
      sink.bytes(b);
      return;
    }
    case 'bytes':
      sink.int((v as Uint8Array).length);
      sink.bytes(v as Uint8Array);
      return;
    case 'fixed':
      sink.bytes(v as Uint8Array);
      return;
    case 'enum':
      sink.int(t.symbols.indexOf(v as string));
      return;
    case 'array': {
      const a = v as unknown[];
      if (a.length > 0) {
        sink.int(a.length);
        for (const x of a) write(sink, t.items, x);
      }
      sink.byte(0);
      return;
    }
    case 'map': {
      const m = v as Map<string, unknown>;
      if (m.size > 0) {
        sink.int(m.size);
        for (const [k, x] of m) {
          write(sink, { kind: 'string' }, k);
          write(sink, t.values, x);
        }
      }
      sink.byte(0);
      return;
    }
    case 'record': {
      const r = v as PfaRecord;
      for (const f of t.fields) write(sink, f.type, r[f.name]);
      return;
    }
    case 'union': {
      const i = branchIndex(v, t);
      if (i < 0) throw new Error('internal: value matches no branch of its union');
      sink.int(i);
      write(sink, t.types[i], branchValue(v));
      return;
    }
  }
}

/** The Avro binary encoding of `v`, a value of type `t`. */
export function avroBinary(t: AvroType, v: unknown): Uint8Array {
  const sink = new ByteSink();
  write(sink, t, v);
  return sink.result();
}

/** The set key of `v` used by the `map` namespace: base64 of its Avro binary encoding. */
export function setKey(t: AvroType, v: unknown): string {
  return base64Encode(avroBinary(t, v));
}
