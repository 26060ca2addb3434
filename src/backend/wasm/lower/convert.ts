/**
 * Promotions in AssemblyScript, matching backend/js/convert.ts value for value: int → long/float/
 * double, long → float (through double, as JS rounds it) and double, containers element-wise,
 * and any value into a union branch.
 */
import { AvroType, typeEquals } from '../../../types/avro.js';
import { branchFor, needsConversion } from '../../../types/convert.js';
import { Fn } from './fn.js';
import { NotLowerable } from '../types.js';

/** A union, or an array or map that holds unions (records are one class whatever their use). */
export function holdsUnion(t: AvroType): boolean {
  return (
    t.kind === 'union' || (t.kind === 'array' && holdsUnion(t.items)) || (t.kind === 'map' && holdsUnion(t.values))
  );
}

/**
 * A value of type `from` is a value of `to` as the kernel holds it, with nothing to convert: the
 * same type, and no union in it whose tags `to` could number in another branch order.
 */
export function heldAs(from: AvroType, to: AvroType): boolean {
  return typeEquals(from, to) && !holdsUnion(from);
}

/**
 * convert for a value of a union with null that a check before it has shown not to be null: `to`
 * need not accept null. Each other branch goes to `to` keeping its value (into `to`'s matching
 * branch when `to` is a union): metric items passed to the similarity function, a nullable tree
 * field once missingTest has answered null.
 */
export function convertPresent(fn: Fn, expr: string, from: AvroType, to: AvroType): string {
  const nulls = from.kind === 'union' ? from.types.findIndex((b) => b.kind === 'null') : -1;
  if (from.kind !== 'union' || nulls < 0) return convert(fn, expr, from, to);
  const types = fn.types;
  const rest = from.types.flatMap((b, i) => (b.kind === 'null' ? [] : [i]));
  if (rest.length === 1) return convert(fn, types.branchOf(from, rest[0], expr), from.types[rest[0]], to);
  const out = fn.temp(types.as(to), types.zero(to));
  const tag = fn.temp('i32', types.tagOf(from, expr));
  for (const i of rest)
    fn.block(`if (${tag} == ${i})`, () =>
      fn.emit(`${out} = ${convert(fn, types.branchOf(from, i, expr), from.types[i], to)};`),
    );
  return out;
}

export function convert(fn: Fn, expr: string, from: AvroType, to: AvroType): string {
  const types = fn.types;
  // typeEquals ignores the order of union branches; the AS types do not (a tag is a position), also
  // inside arrays and maps.
  if (typeEquals(from, to) && types.as(from) === types.as(to)) return expr;
  if (to.kind === 'union') {
    const uc = types.union(to);
    if (from.kind === 'union') {
      const out = fn.local(uc.name);
      const cases = from.types.map((b, i) => {
        const target = branchFor(to, b)!;
        const j = to.types.indexOf(target);
        const v = b.kind === 'null' ? undefined : convertInline(types.branchOf(from, i, expr), b, target);
        return `case ${i}: ${out} = ${types.makeUnion(to, j, v)}; break;`;
      });
      fn.emit(
        `switch (${types.tagOf(from, expr)}) { ${cases.join(' ')} default: ${out} = ${types.makeUnion(to, 0, to.types[0].kind === 'null' ? undefined : types.zero(to.types[0]))}; }`,
      );
      return out;
    }
    const target = branchFor(to, from)!;
    const j = to.types.indexOf(target);
    if (from.kind === 'null') return types.makeUnion(to, j);
    return types.makeUnion(to, j, convert(fn, expr, from, target));
  }
  if (from.kind === 'union') {
    // The checker lets a union go where every branch is accepted (a one-branch union such as Avro's
    // `["double"]`, or union<int, double> where a double is expected): the tagged branch's value.
    if (from.types.length === 1) return convert(fn, types.branchOf(from, 0, expr), from.types[0], to);
    const out = fn.local(types.as(to));
    const cases = from.types.map(
      (b, i) => `case ${i}: ${out} = ${convertInline(types.branchOf(from, i, expr), b, to)}; break;`,
    );
    fn.emit(`switch (${types.tagOf(from, expr)}) { ${cases.join(' ')} }`);
    return out;
  }
  // JS holds union values bare, so array<double> needs no conversion into array<union<null, double>>
  // there; in AS the items become union values.
  if (!needsConversion(from, to) && types.as(from) === types.as(to)) return expr;
  switch (to.kind) {
    case 'long':
      return `(<i64>${expr})`;
    case 'float':
      return from.kind === 'long' ? `(<f32><f64>${expr})` : `(<f32>${expr})`;
    case 'double':
      return `(<f64>${expr})`;
    case 'array': {
      if (from.kind !== 'array') break;
      const out = fn.temp(types.as(to), `new ${types.as(to)}(0)`);
      const i = fn.local('i32');
      fn.block(`for (${i} = 0; ${i} < ${expr}.length; ${i}++)`, () =>
        fn.emit(`${out}.push(${convert(fn, `unchecked(${expr}[${i}])`, from.items, to.items)});`),
      );
      return out;
    }
    case 'map': {
      if (from.kind !== 'map') break;
      const out = fn.temp(types.as(to), `new ${types.as(to)}()`);
      const ks = fn.temp('Array<i32>', `${expr}.keys()`);
      const i = fn.local('i32');
      fn.block(`for (${i} = 0; ${i} < ${ks}.length; ${i}++)`, () =>
        fn.emit(
          `${out}.set(unchecked(${ks}[${i}]), ${convert(fn, `${expr}.get(unchecked(${ks}[${i}]))`, from.values, to.values)});`,
        ),
      );
      return out;
    }
  }
  return expr;
}

/** Scalar conversions only (used inside switch arms, where no statements may be emitted). */
function convertInline(expr: string, from: AvroType, to: AvroType): string {
  if (typeEquals(from, to) || !needsConversion(from, to)) return expr;
  switch (to.kind) {
    case 'long':
      return `(<i64>${expr})`;
    case 'float':
      return from.kind === 'long' ? `(<f32><f64>${expr})` : `(<f32>${expr})`;
    case 'double':
      return `(<f64>${expr})`;
    default:
      throw new NotLowerable('a union of containers that need converting is not lowered', '');
  }
}
