/**
 * The `impute` namespace: replacing or rejecting missing values (null) and non-numbers (NaN,
 * infinities). Union values are bare at run time, so a null branch is just `null`.
 */
import { defineFunction, defineNamespace } from './registry.js';

const errorOnNull = defineFunction({
  name: 'impute.errorOnNull',
  sigs: ['(x: union<any A, null>) -> A'],
  errors: { encounteredNull: 21000 },
  js: (site) => (x: unknown) => (x === null ? site.fail('encounteredNull') : x),
});

const defaultOnNull = defineFunction({
  name: 'impute.defaultOnNull',
  sigs: ['(x: union<any A, null>, default: A) -> A'],
  js: () => (x: unknown, dflt: unknown) => (x === null ? dflt : x),
});

const FLOATING = ['(x: float) -> boolean', '(x: double) -> boolean'];

const isnan = defineFunction({ name: 'impute.isnan', sigs: FLOATING, js: () => (x: number) => Number.isNaN(x) });
const isinf = defineFunction({ name: 'impute.isinf', sigs: FLOATING, js: () => (x: number) => x === Infinity || x === -Infinity });
const isnum = defineFunction({ name: 'impute.isnum', sigs: FLOATING, js: () => (x: number) => Number.isFinite(x) });

const errorOnNonNum = defineFunction({
  name: 'impute.errorOnNonNum',
  sigs: ['(x: float) -> float', '(x: double) -> double'],
  errors: { encounteredNan: 21050, encounteredPlusInf: 21051, encounteredMinusInf: 21052 },
  js: (site) => (x: number) => {
    if (Number.isFinite(x)) return x;
    if (Number.isNaN(x)) return site.fail('encounteredNan', 'encountered nan');
    return x > 0 ? site.fail('encounteredPlusInf', 'encountered +inf') : site.fail('encounteredMinusInf', 'encountered -inf');
  },
});

const defaultOnNonNum = defineFunction({
  name: 'impute.defaultOnNonNum',
  sigs: ['(x: float, default: float) -> float', '(x: double, default: double) -> double'],
  js: () => (x: number, dflt: number) => (Number.isFinite(x) ? x : dflt),
});

export default defineNamespace('impute', [errorOnNull, defaultOnNull, isnan, isinf, isnum, errorOnNonNum, defaultOnNonNum]);
