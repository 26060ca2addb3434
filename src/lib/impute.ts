/**
 * The `impute` namespace: replacing or rejecting missing values (null) and non-numbers (NaN,
 * infinities). Union values are bare at run time, so a null branch is just `null`.
 */
import { WasmCall, defineFunction, defineNamespace } from './registry.js';
import { UnionType, typeEquals } from '../types/avro.js';

/**
 * Wasm: the union argument of errorOnNull/defaultOnNull as it arrives (its own branch order), with
 * the branch indices of null and A. Only a two-branch union whose other branch is A is lowered.
 */
function nullable(c: WasmCall): { u: UnionType; nullAt: number; valueAt: number } {
  const u = c.argTypes?.[0];
  if (u?.kind !== 'union' || u.types.length !== 2)
    return c.unsupported('a union of more than A and null is not lowered');
  const nullAt = u.types.findIndex((t) => t.kind === 'null');
  if (nullAt < 0 || !typeEquals(u.types[1 - nullAt], c.site.bindings.A))
    return c.unsupported('a union of more than A and null is not lowered');
  return { u, nullAt, valueAt: 1 - nullAt };
}

const errorOnNull = defineFunction({
  name: 'impute.errorOnNull',
  sigs: ['(x: union<any A, null>) -> A'],
  errors: { encounteredNull: 21000 },
  js: (site) => (x: unknown) => (x === null ? site.fail('encounteredNull') : x),
  wasm: (c) => {
    const { u, nullAt, valueAt } = nullable(c);
    const x = c.args[0];
    c.emit(`if (${c.tag(u, x)} == ${nullAt}) ${c.fail('encounteredNull')}`);
    return c.temp(c.type(c.site.ret), c.branch(u, x, valueAt));
  },
});

const defaultOnNull = defineFunction({
  name: 'impute.defaultOnNull',
  sigs: ['(x: union<any A, null>, default: A) -> A'],
  js: () => (x: unknown, dflt: unknown) => (x === null ? dflt : x),
  wasm: (c) => {
    const [x, dflt] = c.args;
    const t = c.argTypes?.[0];
    // A itself a union with null (x and default of one nullable type): x whole, or the default.
    if (t?.kind === 'union' && typeEquals(t, c.site.bindings.A)) {
      const nullAt = t.types.findIndex((b) => b.kind === 'null');
      return c.temp(c.type(c.site.ret), `(${c.tag(t, x)} == ${nullAt} ? ${dflt} : ${x})`);
    }
    const { u, nullAt, valueAt } = nullable(c);
    if (!c.argTypes?.[1] || !typeEquals(c.argTypes[1], c.site.bindings.A))
      return c.unsupported('a default of another type than A is not lowered');
    return c.temp(c.type(c.site.ret), `(${c.tag(u, x)} == ${nullAt} ? ${dflt} : ${c.branch(u, x, valueAt)})`);
  },
});

const FLOATING = ['(x: float) -> boolean', '(x: double) -> boolean'];

const isnan = defineFunction({
  name: 'impute.isnan',
  sigs: FLOATING,
  js: () => (x: number) => Number.isNaN(x),
  wasm: (c) => `isNaN(${c.args[0]})`,
});
const isinf = defineFunction({
  name: 'impute.isinf',
  sigs: FLOATING,
  js: () => (x: number) => x === Infinity || x === -Infinity,
  wasm: (c) => `(${c.args[0]} == Infinity || ${c.args[0]} == -Infinity)`,
});
const isnum = defineFunction({
  name: 'impute.isnum',
  sigs: FLOATING,
  js: () => (x: number) => Number.isFinite(x),
  wasm: (c) => `isFinite(${c.args[0]})`,
});

const errorOnNonNum = defineFunction({
  name: 'impute.errorOnNonNum',
  sigs: ['(x: float) -> float', '(x: double) -> double'],
  errors: { encounteredNan: 21050, encounteredPlusInf: 21051, encounteredMinusInf: 21052 },
  js: (site) => (x: number) => {
    if (Number.isFinite(x)) return x;
    if (Number.isNaN(x)) return site.fail('encounteredNan', 'encountered nan');
    return x > 0
      ? site.fail('encounteredPlusInf', 'encountered +inf')
      : site.fail('encounteredMinusInf', 'encountered -inf');
  },
  wasm: (c) => {
    const x = c.args[0];
    c.emit(`if (isNaN(${x})) ${c.fail('encounteredNan', 'encountered nan')}`);
    c.emit(`if (${x} == Infinity) ${c.fail('encounteredPlusInf', 'encountered +inf')}`);
    c.emit(`if (${x} == -Infinity) ${c.fail('encounteredMinusInf', 'encountered -inf')}`);
    return x;
  },
});

const defaultOnNonNum = defineFunction({
  name: 'impute.defaultOnNonNum',
  sigs: ['(x: float, default: float) -> float', '(x: double, default: double) -> double'],
  js: () => (x: number, dflt: number) => (Number.isFinite(x) ? x : dflt),
  wasm: (c) => `(isFinite(${c.args[0]}) ? ${c.args[0]} : ${c.args[1]})`,
});

export default defineNamespace('impute', [
  errorOnNull,
  defaultOnNull,
  isnan,
  isinf,
  isnum,
  errorOnNonNum,
  defaultOnNonNum,
]);
