/**
 * The `impute` namespace: replacing or rejecting missing values (null) and non-numbers (NaN,
 * infinities). Union values are bare at run time, so a null branch is just `null`.
 */
import { WasmCall, defineFunction, defineNamespace } from './registry.js';
import { typeEquals } from '../types/avro.js';
import { eachNonNull } from './util/wasm.js';

/**
 * Wasm: x (the union argument as it arrives, in its own branch order) as an A when it is not null,
 * kept in `out`; returns the test that x is null. A two-branch union's other branch is A itself; a
 * union of null and several types has A the union of those, and each moves into A's branch of its
 * type, as the JS form passes the bare value on.
 */
function nonNull(c: WasmCall, out: string): string {
  const u = c.argTypes?.[0];
  const A = c.site.bindings.A;
  if (u?.kind !== 'union') return c.unsupported('internal: impute takes a union with null');
  const nullAt = u.types.findIndex((t) => t.kind === 'null');
  if (nullAt < 0) return c.unsupported('internal: impute takes a union with null');
  eachNonNull(c, u, A, c.args[0], (b) => c.emit(`${out} = ${b};`));
  return `${c.tag(u, c.args[0])} == ${nullAt}`;
}

const errorOnNull = defineFunction({
  name: 'impute.errorOnNull',
  sigs: ['(x: union<any A, null>) -> A'],
  errors: { encounteredNull: 21000 },
  js: (site) => (x: unknown) => (x === null ? site.fail('encounteredNull') : x),
  wasm: (c) => {
    const A = c.site.bindings.A;
    const out = c.temp(c.type(A), c.zero(A));
    c.emit(`if (${nonNull(c, out)}) ${c.fail('encounteredNull')}`);
    return out;
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
    if (!c.argTypes?.[1] || !typeEquals(c.argTypes[1], c.site.bindings.A))
      return c.unsupported('a default of another type than A is not lowered');
    const out = c.temp(c.type(c.site.ret), dflt);
    nonNull(c, out);
    return out;
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
