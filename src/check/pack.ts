/**
 * "pack" and "unpack" (spec sec. 5.11): values to and from bytes by format specifiers such as
 * "<int32", "unsigned short", "raw 5", "null terminated". The specifier is parsed here into a
 * canonical form ("<i4", "raw5", ...) that the backends interpret.
 */
import { AvroType, T, typeToString } from '../types/avro.js';
import { Node } from '../ir/tree.js';
import { Scope } from './scope.js';
import { JsonValue } from '../document/json.js';
import { pointer } from '../errors/PfaError.js';
import { checkMessages as M } from '../errors/checkMessages.js';
import { CheckContext, expect, isObject, joinTypes, keysOf, coerce } from './context.js';
import { checkBlock, checkExpr } from './expr.js';

const E = '(<|>|!|little|big|network)?';

/** Canonical format: endianness ('<' or '>') + code, and the PFA type it reads or writes. */
export function parseFormat(spec: string, pack: boolean): { format: string; type: AvroType } | undefined {
  const s = spec.trim();
  let m: RegExpMatchArray | null;
  if (/^pad$/.test(s)) return { format: 'pad', type: T.null };
  if (/^boolean$/.test(s)) return { format: 'bool', type: T.boolean };
  if (/^(byte|int8)$/.test(s)) return { format: 'i1', type: T.int };
  if (/^unsigned\s*(byte|int8)$/.test(s)) return { format: 'u1', type: T.int };
  if ((m = s.match(/^raw\s*(\d+)$/))) return { format: `raw${m[1]}`, type: T.bytes };
  if (/^null\s*terminated$/.test(s)) return { format: 'nul', type: T.bytes };
  if (/^length\s*prefixed$/.test(s)) return { format: 'len', type: T.bytes };
  if (pack && /^raw$/.test(s)) return { format: 'raw', type: T.bytes };
  m = s.match(new RegExp(`^${E}\\s*(.*)$`));
  const endian = m && (m[1] === '<' || m[1] === 'little') ? '<' : '>';
  const rest = (m ? m[2] : s).trim();
  const table: [RegExp, string, AvroType][] = [
    [/^(short|int16)$/, 'i2', T.int],
    [/^unsigned\s*(short|int16)$/, 'u2', T.int],
    [/^(int|int32)$/, 'i4', T.int],
    [/^unsigned\s*(int|int32)$/, 'u4', T.long],
    [/^(long|long\s+long|int64)$/, 'i8', T.long],
    [/^unsigned\s*(long|long\s+long|int64)$/, 'u8', T.double],
    [/^(float|float32)$/, 'f4', T.float],
    [/^(double|float64)$/, 'f8', T.double],
  ];
  for (const [re, code, type] of table) if (re.test(rest)) return { format: endian + code, type };
  return undefined;
}

export function checkPack(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const at = pointer(path, 'pack');
  if (!Array.isArray(o.pack)) throw M.packShape.at(at);
  const sealed = scope.child({ sealedAbove: true, sealedWithin: true });
  const items = o.pack.map((item, i) => {
    const ip = pointer(at, i);
    if (!isObject(item) || keysOf(item).length !== 1) throw M.packItemShape.at(ip);
    const spec = keysOf(item)[0];
    const f = parseFormat(spec, true);
    if (!f) throw M.unknownPackFormat.at(ip, spec);
    const value = checkExpr(item[spec], pointer(ip, spec), sealed, ctx);
    const want = f.format === 'pad' ? T.null : f.type;
    return { format: f.format, value: expect(value, want, `pack "${spec}"`) };
  });
  return { k: 'pack', type: T.bytes, path, items };
}

export function checkUnpack(o: { [k: string]: JsonValue }, path: string, scope: Scope, ctx: CheckContext): Node {
  const bytes = checkExpr(
    o.unpack,
    pointer(path, 'unpack'),
    scope.child({ sealedAbove: true, sealedWithin: true }),
    ctx,
  );
  if (bytes.type.kind !== 'bytes') throw M.unpackNeedsBytes.at(pointer(path, 'unpack'), typeToString(bytes.type));
  const at = pointer(path, 'format');
  if (!Array.isArray(o.format) || o.format.length === 0) throw M.formatShape.at(at);
  const inner = scope.child();
  const formats: string[] = [];
  const slotTypes: AvroType[] = [];
  const slots = o.format.map((item, i) => {
    const ip = pointer(at, i);
    if (!isObject(item) || keysOf(item).length !== 1) throw M.formatItemShape.at(ip);
    const name = keysOf(item)[0];
    const spec = item[name];
    const f = typeof spec === 'string' ? parseFormat(spec, false) : undefined;
    if (!f) throw M.unknownUnpackFormat.at(pointer(ip, name), JSON.stringify(spec));
    formats.push(f.format);
    slotTypes.push(f.type);
    return inner.declare(name, f.type, ip);
  });
  if (!('then' in o)) throw M.needsThen.at(path, 'unpack');
  const then = checkBlock(o.then, pointer(path, 'then'), inner, ctx);
  if (!('else' in o)) return { k: 'unpack', type: T.null, path, bytes, slots, formats, slotTypes, then, else: null };
  const els = checkBlock(o.else, pointer(path, 'else'), scope.child(), ctx);
  const type = joinTypes([then, els], path);
  return {
    k: 'unpack',
    type,
    path,
    bytes,
    slots,
    formats,
    slotTypes,
    then: coerce(then, type),
    else: coerce(els, type),
  };
}
