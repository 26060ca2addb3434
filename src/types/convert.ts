/**
 * Where a value of one type goes where another type is expected (the spec's promotion), the JS
 * representation sometimes changes: an int becomes a bigint long, an int or long becomes a float32.
 * The checker inserts a `convert` node exactly where `needsConversion` says so.
 */
import { AvroType, UnionType, accepts, typeEquals } from './avro.js';

function branchFor(u: UnionType, t: AvroType): AvroType | undefined {
  return u.types.find((b) => typeEquals(b, t)) ?? u.types.find((b) => accepts(b, t));
}

export function needsConversion(from: AvroType, to: AvroType): boolean {
  if (from === to || typeEquals(from, to)) return false;
  if (from.kind === 'union') return from.types.some((b) => needsConversion(b, to));
  switch (to.kind) {
    case 'long':
      return from.kind === 'int';
    case 'float':
      return from.kind === 'int' || from.kind === 'long';
    case 'double':
      return from.kind === 'long';
    case 'array':
      return from.kind === 'array' && needsConversion(from.items, to.items);
    case 'map':
      return from.kind === 'map' && needsConversion(from.values, to.values);
    case 'union': {
      const b = branchFor(to, from);
      return b !== undefined && needsConversion(from, b);
    }
    default:
      return false;
  }
}

export { branchFor };
