import { WasmCall, defineFunction } from '../registry.js';
import { wasmEquals, wasmOrder } from '../util/wasm.js';
import { comparatorFor, valuesEqual } from '../../values.js';

/**
 * Comparison operators. Integers and booleans compare natively; floating-point numbers and other
 * types in Avro's sort order, where NaN sorts above every number (the reference engines compare
 * that way, and the suite expects `x < NaN` to be true).
 */
/** Kinds whose == is structural in the JS form (values.ts valuesEqual) rather than an order. */
const STRUCTURED = new Set(['array', 'map', 'record', 'union']);

/** cmp's answer on Wasm: Avro order as values.ts comparatorFor, structures included. */
const order = (c: WasmCall) => wasmOrder(c, c.site.bindings.A, c.args[0], c.args[1]);

// biome-ignore lint/suspicious/noExplicitAny: `native` is JS's own <, ==... on ints, longs (bigint), booleans or null; TS types no operand of < across those
function comparison(name: string, test: (c: number) => boolean, native: (x: any, y: any) => boolean) {
  const op = name;
  return defineFunction({
    name,
    sigs: ['(x: any A, y: A) -> boolean'],
    wasm: (c) => {
      const t = c.site.bindings.A;
      // As the JS form: == and != on structures are valuesEqual (every field, whatever its order).
      if ((name === '==' || name === '!=') && STRUCTURED.has(t.kind)) {
        const same = wasmEquals(c, t, c.args[0], c.args[1]);
        return name === '==' ? same : `!${same}`;
      }
      return `(${order(c)} ${op} 0)`;
    },
    js: (site) => {
      const k = site.bindings.A.kind;
      if (k === 'int' || k === 'long' || k === 'boolean' || k === 'null') return native;
      if (name === '==') return valuesEqual;
      if (name === '!=') return (x: unknown, y: unknown) => !valuesEqual(x, y);
      const cmp = comparatorFor(site.bindings.A);
      return (x: unknown, y: unknown) => test(cmp(x, y));
    },
  });
}

export const eq = comparison(
  '==',
  (c) => c === 0,
  (x, y) => x === y,
);
export const ne = comparison(
  '!=',
  (c) => c !== 0,
  (x, y) => x !== y,
);
export const lt = comparison(
  '<',
  (c) => c < 0,
  (x, y) => x < y,
);
export const le = comparison(
  '<=',
  (c) => c <= 0,
  (x, y) => x <= y,
);
export const gt = comparison(
  '>',
  (c) => c > 0,
  (x, y) => x > y,
);
export const ge = comparison(
  '>=',
  (c) => c >= 0,
  (x, y) => x >= y,
);

export const cmp = defineFunction({
  name: 'cmp',
  sigs: ['(x: any A, y: A) -> int'],
  wasm: order,
  js: (site) => {
    const c = comparatorFor(site.bindings.A);
    return (x: unknown, y: unknown) => c(x, y);
  },
});

/** max and min as the spec words them: "x if x ≥ y, y otherwise" and "x if x < y, y otherwise". */
export const max = defineFunction({
  name: 'max',
  sigs: ['(x: any A, y: A) -> A'],
  wasm: (c) => `(${order(c)} >= 0 ? ${c.args[0]} : ${c.args[1]})`,
  js: (site) => {
    const c = comparatorFor(site.bindings.A);
    return (x: unknown, y: unknown) => (c(x, y) >= 0 ? x : y);
  },
});

export const min = defineFunction({
  name: 'min',
  sigs: ['(x: any A, y: A) -> A'],
  wasm: (c) => `(${order(c)} < 0 ? ${c.args[0]} : ${c.args[1]})`,
  js: (site) => {
    const c = comparatorFor(site.bindings.A);
    return (x: unknown, y: unknown) => (c(x, y) < 0 ? x : y);
  },
});
