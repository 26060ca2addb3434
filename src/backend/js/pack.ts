/** Byte layouts for "pack" and "unpack"; formats are the canonical codes from check/pack.ts. */
import { runtimeMessages as R } from '../../errors/runtime.js';
import { Value } from '../../values.js';

/** Bytes each number format takes, by code. */
export const WIDTH: Readonly<Record<string, number>> = {
  i1: 1,
  u1: 1,
  i2: 2,
  u2: 2,
  i4: 4,
  u4: 4,
  i8: 8,
  u8: 8,
  f4: 4,
  f8: 8,
};

/** A number format's code without its byte order ("<i4" -> "i4"); 8-bit formats have none ("i1"). */
export function numberCode(format: string): string {
  return format[0] === '<' || format[0] === '>' ? format.slice(1) : format;
}

export function packValues(items: { format: string; value: Value }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const { format, value } of items) {
    if (format === 'pad') {
      parts.push(new Uint8Array(1));
      continue;
    }
    if (format === 'bool') {
      parts.push(Uint8Array.of(value ? 1 : 0));
      continue;
    }
    if (format === 'raw') {
      parts.push(value as Uint8Array);
      continue;
    }
    if (format.startsWith('raw')) {
      const size = Number(format.slice(3));
      const b = value as Uint8Array;
      if (b.length !== size) throw R.packRawSize.error();
      parts.push(b);
      continue;
    }
    if (format === 'nul') {
      const b = value as Uint8Array;
      const out = new Uint8Array(b.length + 1);
      out.set(b);
      parts.push(out);
      continue;
    }
    if (format === 'len') {
      const b = value as Uint8Array;
      if (b.length > 255) throw R.packLengthPrefixed.error();
      const out = new Uint8Array(b.length + 1);
      out[0] = b.length;
      out.set(b, 1);
      parts.push(out);
      continue;
    }
    const little = format[0] === '<';
    const code = numberCode(format);
    const out = new Uint8Array(WIDTH[code]);
    const dv = new DataView(out.buffer);
    switch (code) {
      case 'i1':
        dv.setInt8(0, value as number);
        break;
      case 'u1':
        dv.setUint8(0, value as number);
        break;
      case 'i2':
        dv.setInt16(0, value as number, little);
        break;
      case 'u2':
        dv.setUint16(0, value as number, little);
        break;
      case 'i4':
        dv.setInt32(0, value as number, little);
        break;
      case 'u4':
        dv.setUint32(0, Number(value as bigint), little);
        break;
      case 'i8':
        dv.setBigInt64(0, value as bigint, little);
        break;
      case 'u8':
        if (!Number.isFinite(value as number)) throw R.packNotFinite.error();
        dv.setBigUint64(0, BigInt(Math.trunc(value as number)), little);
        break;
      case 'f4':
        dv.setFloat32(0, value as number, little);
        break;
      case 'f8':
        dv.setFloat64(0, value as number, little);
        break;
    }
    parts.push(out);
  }
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The unpacked values, or undefined when the bytes do not fit the formats exactly. */
export function unpackBytes(bytes: Uint8Array, formats: readonly string[]): Value[] | undefined {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Value[] = [];
  let o = 0;
  for (const format of formats) {
    if (format === 'pad') {
      if (o + 1 > bytes.length) return undefined;
      out.push(null);
      o += 1;
      continue;
    }
    if (format === 'bool') {
      if (o + 1 > bytes.length) return undefined;
      out.push(bytes[o] !== 0);
      o += 1;
      continue;
    }
    if (format.startsWith('raw')) {
      const size = Number(format.slice(3));
      if (o + size > bytes.length) return undefined;
      out.push(bytes.slice(o, o + size));
      o += size;
      continue;
    }
    if (format === 'nul') {
      const end = bytes.indexOf(0, o);
      if (end < 0) return undefined;
      out.push(bytes.slice(o, end));
      o = end + 1;
      continue;
    }
    if (format === 'len') {
      if (o + 1 > bytes.length) return undefined;
      const size = bytes[o];
      if (o + 1 + size > bytes.length) return undefined;
      out.push(bytes.slice(o + 1, o + 1 + size));
      o += 1 + size;
      continue;
    }
    const little = format[0] === '<';
    const code = numberCode(format);
    const w = WIDTH[code];
    if (o + w > bytes.length) return undefined;
    switch (code) {
      case 'i1':
        out.push(dv.getInt8(o));
        break;
      case 'u1':
        out.push(dv.getUint8(o));
        break;
      case 'i2':
        out.push(dv.getInt16(o, little));
        break;
      case 'u2':
        out.push(dv.getUint16(o, little));
        break;
      case 'i4':
        out.push(dv.getInt32(o, little));
        break;
      case 'u4':
        out.push(BigInt(dv.getUint32(o, little)));
        break;
      case 'i8':
        out.push(dv.getBigInt64(o, little));
        break;
      case 'u8':
        out.push(Number(dv.getBigUint64(o, little)));
        break;
      case 'f4':
        out.push(dv.getFloat32(o, little));
        break;
      case 'f8':
        out.push(dv.getFloat64(o, little));
        break;
    }
    o += w;
  }
  return o === bytes.length ? out : undefined;
}
