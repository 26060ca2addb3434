/**
 * "pack" and "unpack" (spec sec. 5.11) in the kernel, answering as the JS forms
 * (backend/js/pack.ts) do: the same bytes, the same errors in the same order, the same test of
 * whether bytes fit. Formats are the checker's canonical codes (check/pack.ts parseFormat); the
 * byte work is assembly/lib/util/pack.ts, driven through a cursor no document code runs inside.
 */
import type { Node } from '../../../ir/tree.js';
import { runtimeMessages as R } from '../../../errors/runtime.js';
import { RT } from '../emit/names.js';
import type { Fn } from './fn.js';
import type { Module } from './module.js';
import { lowerBranches, lowerExpr } from './expr.js';
import { WIDTH, numberCode } from '../../js/pack.js';

const I32_MAX = 0x7fffffff;

/**
 * The N of "raw N", at most 2^31 - 1: a kernel's bytes are never that long (its memory is at most
 * 512 MiB), so a larger N fails alike, and it stays an i32 literal.
 */
function rawSize(format: string): number {
  return Math.min(Number(format.slice(3)), I32_MAX);
}

/** A number format's value as the i64 of the bits rt.packInt writes. */
function bitsOf(code: string, v: string): string {
  switch (code) {
    case 'u4':
      return `${RT.packU4}(${v})`;
    case 'u8':
      return `${RT.packU8}(${v})`;
    case 'f4':
      return `<i64>reinterpret<i32>(${v})`;
    case 'f8':
      return `reinterpret<i64>(${v})`;
    default:
      return `<i64>${v}`; // (an int for i1..i4 and u1, u2, whose low bytes DataView keeps; a long for i8)
  }
}

/**
 * `pack`: every value first, in order (as the JS form's items.map), then the checks in item order
 * (raw N of another size, length prefixed past 255 bytes, unsigned long of NaN or an infinity),
 * then the bytes, written into one array of the total size.
 */
export function lowerPack(m: Module, fn: Fn, n: Extract<Node, { k: 'pack' }>): string {
  const vs = n.items.map((item) => lowerExpr(m, fn, item.value));
  const site = (message: { text(): string; code?: number }) =>
    m.site({ kind: 'runtime', code: message.code, message: message.text(), path: n.path });
  let fixed = 0;
  const sizes: string[] = [];
  n.items.forEach(({ format }, i) => {
    const v = vs[i];
    if (format === 'pad' || format === 'bool') fixed += 1;
    else if (format === 'raw') sizes.push(`${v}.length`);
    else if (format.startsWith('raw')) {
      const size = rawSize(format);
      fn.emit(`if (${v}.length != ${size}) ${fn.fail(site(R.packRawSize))}`);
      fixed += size;
    } else if (format === 'nul' || format === 'len') {
      if (format === 'len') fn.emit(`if (${v}.length > 255) ${fn.fail(site(R.packLengthPrefixed))}`);
      sizes.push(`${v}.length`);
      fixed += 1;
    } else {
      if (numberCode(format) === 'u8') fn.emit(`if (!isFinite<f64>(${v})) ${fn.fail(site(R.packNotFinite))}`);
      fixed += WIDTH[numberCode(format)];
    }
  });
  // (past an i32 only if some raw N is, and then its check above has failed already)
  const total = [String(Math.min(fixed, I32_MAX)), ...sizes].join(' + ');
  const out = fn.temp('Uint8Array', `${RT.packBegin}(${total})`);
  n.items.forEach(({ format }, i) => {
    const v = vs[i];
    if (format === 'pad') fn.emit(`${RT.packSkip}(1);`);
    else if (format === 'bool') fn.emit(`${RT.packInt}(${v} ? 1 : 0, 1, false);`);
    else if (format.startsWith('raw')) fn.emit(`${RT.packBytes}(${v});`);
    else if (format === 'nul') fn.emit(`${RT.packBytes}(${v}); ${RT.packSkip}(1);`);
    else if (format === 'len') fn.emit(`${RT.packInt}(<i64>${v}.length, 1, false); ${RT.packBytes}(${v});`);
    else {
      const code = numberCode(format);
      fn.emit(`${RT.packInt}(${bitsOf(code, v)}, ${WIDTH[code]}, ${format[0] === '<'});`);
    }
  });
  return out;
}

/** What unpack binds for one format: an expression reading it (the cursor moves on). */
function reader(format: string): string {
  if (format === 'pad') return `0`;
  if (format === 'bool') return `${RT.unpackInt}(1, false, false) != 0`;
  if (format === 'nul') return `${RT.unpackNul}()`;
  if (format === 'len') return `${RT.unpackLen}()`;
  if (format.startsWith('raw')) return `${RT.unpackRaw}(${rawSize(format)})`;
  const code = numberCode(format);
  const little = format[0] === '<';
  const read = (signed: boolean) => `${RT.unpackInt}(${WIDTH[code]}, ${little}, ${signed})`;
  switch (code) {
    case 'u4':
      return read(false); // (a long: the 32 bits zero-extended, as BigInt(getUint32))
    case 'i8':
      return read(true);
    case 'u8':
      return `<f64>(<u64>${read(false)})`; // (Number(getBigUint64): nearest, ties to even)
    case 'f4':
      return `reinterpret<f32>(<i32>${read(false)})`;
    case 'f8':
      return `reinterpret<f64>(${read(false)})`;
    default:
      return `<i32>${read(code[0] === 'i')}`;
  }
}

/**
 * `unpack`: the bytes are read format by format into the slots, and `then` runs when all of
 * them fit and nothing is left over; otherwise `else`, or nothing. Binding before the test is
 * safe: the slots are seen only in `then`.
 */
export function lowerUnpack(m: Module, fn: Fn, n: Extract<Node, { k: 'unpack' }>): string {
  const bytes = lowerExpr(m, fn, n.bytes);
  fn.emit(`${RT.unpackBegin}(${bytes});`);
  n.formats.forEach((format, i) => {
    const slot = fn.slot(n.slots[i], n.slotTypes[i]);
    if (format === 'pad') fn.emit(`${RT.unpackSkip}();`);
    fn.emit(`${slot} = ${reader(format)};`);
  });
  const fits = fn.temp('bool', `${RT.unpackEnd}()`);
  return lowerBranches(m, fn, fits, n.then, n.else, n.type);
}
