// "pack" and "unpack" (spec sec. 5.11) in kernels: the byte layouts of src/backend/js/pack.ts,
// whose DataView writes and reads these mirror byte for byte (src/backend/wasm/lower/pack.ts
// emits the calls). Numbers are written from and read into an i64 of their bits, so one routine
// serves every width and byte order; floats go through reinterpret, which keeps a NaN's payload
// as DataView's setFloat32/setFloat64 do (V8 writes the value's bits, quieting nothing more).
//
// One pack or unpack runs at a time and no document code runs between its first call and its
// last (the lowering computes every value before packBegin and runs `then` after unpackEnd), so
// the cursor is module state, not an object: nothing is allocated for it. It holds addresses,
// never references, so the collector has nothing to trace and an arena reset leaves nothing
// dangling that is read again.

/** Where the next byte is written or read. */
let at: usize = 0;
/** Just past the last byte unpack may read. */
let end: usize = 0;
/** Whether the bytes unpacked so far fit their formats (false from the first that does not). */
let fits: bool = true;

/** The bytes of a pack, `size` of them, zeroed (so pad and a null terminator need no write). */
export function packBegin(size: i32): Uint8Array {
  const out = new Uint8Array(size);
  at = out.dataStart;
  return out;
}

/** The low `width` bytes of `x`, least significant first when `little`. */
export function packInt(x: i64, width: i32, little: bool): void {
  for (let k = 0; k < width; k++) store<u8>(at + <usize>(little ? k : width - 1 - k), <u8>(x >> (k << 3)));
  at += <usize>width;
}

/** `b` as it is (raw, raw N, the text of null terminated and length prefixed). */
export function packBytes(b: Uint8Array): void {
  memory.copy(at, b.dataStart, <usize>b.length);
  at += <usize>b.length;
}

/** `n` zero bytes (pad, the end of null terminated): packBegin zeroed them. */
export function packSkip(n: i32): void {
  at += <usize>n;
}

/**
 * "unsigned int" of a long as the JS form writes it: Number(value), rounded to nearest, ties to
 * even (f64.convert_i64_s rounds alike), then setUint32's ToUint32, the low 32 bits of that
 * integer. Only 2^63 (from longs near the top) is past i64, and its low 32 bits are zero.
 */
export function packU4(x: i64): i64 {
  const d = <f64>x;
  return d >= 9223372036854775808.0 ? 0 : <i64>d;
}

/**
 * "unsigned long" of a finite double as the JS form writes it: BigInt(Math.trunc(value)), then
 * setBigUint64's ToBigUint64, the integer modulo 2^64. For |t| at 2^64 or more the remainder is
 * exact in f64 (its bits lie between t's unit in the last place, at least 2^12, and 2^63), and a
 * negative t is the two's complement of |t|'s. (The lowering refuses NaN and infinities first.)
 */
export function packU8(x: f64): i64 {
  const t = trunc<f64>(abs<f64>(x));
  const r = t - floor<f64>(t / 18446744073709551616.0) * 18446744073709551616.0;
  const bits = <i64>(<u64>r);
  return x < 0 ? -bits : bits;
}

/** Starts reading `b`. */
export function unpackBegin(b: Uint8Array): void {
  at = b.dataStart;
  end = at + <usize>b.length;
  fits = true;
}

/** Whether `n` more bytes are there to read; when not, the bytes do not fit, for good. */
function room(n: usize): bool {
  if (fits && end - at >= n) return true;
  fits = false;
  return false;
}

/** The next `width` bytes as an integer, sign-extended when `signed`; 0 when they are not there. */
export function unpackInt(width: i32, little: bool, signed: bool): i64 {
  if (!room(<usize>width)) return 0;
  let x: u64 = 0;
  for (let k = 0; k < width; k++) x |= <u64>load<u8>(at + <usize>(little ? k : width - 1 - k)) << (<u64>k << 3);
  at += <usize>width;
  if (!signed || width == 8) return <i64>x;
  const shift = <i64>(64 - (width << 3));
  return (<i64>x << shift) >> shift;
}

/** pad: one byte, whatever it holds. */
export function unpackSkip(): void {
  if (room(1)) at += 1;
}

/** A copy of the next `n` bytes (raw N); empty when they are not there. */
export function unpackRaw(n: i32): Uint8Array {
  if (!room(<usize>n)) return new Uint8Array(0);
  return take(<usize>n, <usize>n);
}

/** null terminated: the bytes before the next zero byte, which is skipped; empty when there is none. */
export function unpackNul(): Uint8Array {
  if (!fits) return new Uint8Array(0);
  for (let p = at; p < end; p++) if (load<u8>(p) == 0) return take(p - at, p - at + 1);
  fits = false;
  return new Uint8Array(0);
}

/** length prefixed: one byte of length, then that many bytes; empty when they are not there. */
export function unpackLen(): Uint8Array {
  if (!room(1)) return new Uint8Array(0);
  const n = <usize>load<u8>(at);
  if (end - at - 1 < n) {
    fits = false;
    return new Uint8Array(0);
  }
  at += 1;
  return take(n, n);
}

/** Whether every format fit and the bytes ran out exactly with the last (the JS form's test). */
export function unpackEnd(): bool {
  return fits && at == end;
}

/** A copy of the `n` bytes at the cursor, which then moves on `skip`. */
function take(n: usize, skip: usize): Uint8Array {
  const out = new Uint8Array(<i32>n);
  memory.copy(out.dataStart, at, n);
  at += skip;
  return out;
}
