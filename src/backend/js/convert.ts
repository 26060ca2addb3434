/** Run-time form of the checker's `convert` nodes: how a value changes representation when promoted. */
import { AvroType, typeEquals } from '../../types/avro.js';
import { branchFor, needsConversion } from '../../types/convert.js';
import { Tagged, Value, branchIndex, branchName, branchValue, heldAlike } from '../../values.js';

export type Converter = (v: Value) => Value;
const identity: Converter = (v) => v;

export function converter(from: AvroType, to: AvroType): Converter {
  if (!needsConversion(from, to)) return identity;
  if (from.kind === 'union') {
    // Per branch: unbox, convert to the branch it goes to, box again if that branch is boxed.
    const u = from;
    const per = u.types.map((b): Converter => {
      const target = to.kind === 'union' ? branchFor(to, b) : to;
      if (!target) return identity;
      const c = converter(b, target);
      if (to.kind !== 'union' || !heldAlike(to)[to.types.indexOf(target)]) return (v) => c(branchValue(v));
      const name = branchName(target);
      return (v) => new Tagged(name, c(branchValue(v)));
    });
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
      if (!b) return identity;
      const c = typeEquals(b, from) ? identity : converter(from, b);
      if (!heldAlike(to)[to.types.indexOf(b)]) return c;
      const name = branchName(b);
      return (v) => new Tagged(name, c(v));
    }
    default:
      return identity;
  }
}
