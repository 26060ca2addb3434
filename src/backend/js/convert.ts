/** Run-time form of the checker's `convert` nodes: how a value changes representation when promoted. */
import { AvroType, typeEquals } from '../../types/avro.js';
import { branchFor, needsConversion } from '../../types/convert.js';
import { Value, branchIndex } from '../../values.js';

export type Converter = (v: Value) => Value;
const identity: Converter = (v) => v;

export function converter(from: AvroType, to: AvroType): Converter {
  if (!needsConversion(from, to)) return identity;
  if (from.kind === 'union') {
    const u = from;
    const per = u.types.map((b) => converter(b, to.kind === 'union' ? (branchFor(to, b) ?? to) : to));
    return (v) => per[branchIndex(v, u)](v);
  }
  switch (to.kind) {
    case 'long':
      return (v) => BigInt(v as number);
    case 'float':
      return from.kind === 'long' ? (v) => Math.fround(Number(v)) : (v) => Math.fround(v as number);
    case 'double':
      return (v) => Number(v);
    case 'array': {
      if (from.kind !== 'array') return identity;
      const c = converter(from.items, to.items);
      return (v) => (v as Value[]).map(c);
    }
    case 'map': {
      if (from.kind !== 'map') return identity;
      const c = converter(from.values, to.values);
      return (v) => {
        const out = new Map<string, Value>();
        for (const [k, x] of v as Map<string, Value>) out.set(k, c(x));
        return out;
      };
    }
    case 'union': {
      const b = branchFor(to, from);
      return b && !typeEquals(b, from) ? converter(from, b) : identity;
    }
    default:
      return identity;
  }
}
