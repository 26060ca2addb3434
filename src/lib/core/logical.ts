/**
 * Logical operators (spec sec. "Logical operators"): &&, ||, ^^, ! and the Kleene forms &&&, ||| and !!!.
 */
import type { UnionType } from '../../types/avro.js';
import { defineFunction } from '../registry.js';

/** Arguments that are evaluated only when the operator needs them (short-circuit). */
type Thunk<T> = () => T;

const BOOL2 = '(x: boolean, y: boolean) -> boolean';
const KLEENE2 = '(x: union<boolean, null>, y: union<boolean, null>) -> union<boolean, null>';

export const and = defineFunction({
  name: '&&',
  sigs: [BOOL2],
  lazy: true,
  js: () => (x: Thunk<boolean>, y: Thunk<boolean>) => x() && y(),
});
export const or = defineFunction({
  name: '||',
  sigs: [BOOL2],
  lazy: true,
  js: () => (x: Thunk<boolean>, y: Thunk<boolean>) => x() || y(),
});
export const xor = defineFunction({
  name: '^^',
  sigs: [BOOL2],
  js: () => (x: boolean, y: boolean) => x !== y,
  wasm: (c) => `(${c.args[0]} != ${c.args[1]})`,
});
export const not = defineFunction({
  name: '!',
  sigs: ['(x: boolean) -> boolean'],
  js: () => (x: boolean) => !x,
  wasm: (c) => `(!${c.args[0]})`,
});

export const kleeneAnd = defineFunction({
  name: '&&&',
  sigs: [KLEENE2],
  lazy: true,
  js: () => (x: Thunk<boolean | null>, y: Thunk<boolean | null>) => {
    const a = x();
    if (a === false) return false;
    const b = y();
    if (b === false) return false;
    return a === true && b === true ? true : null;
  },
});

export const kleeneOr = defineFunction({
  name: '|||',
  sigs: [KLEENE2],
  lazy: true,
  js: () => (x: Thunk<boolean | null>, y: Thunk<boolean | null>) => {
    const a = x();
    if (a === true) return true;
    const b = y();
    if (b === true) return true;
    return a === false && b === false ? false : null;
  },
});

export const kleeneNot = defineFunction({
  name: '!!!',
  sigs: ['(x: union<boolean, null>) -> union<boolean, null>'],
  js: () => (x: boolean | null) => (x === null ? null : !x),
  wasm: (c) => {
    // The argument arrives in its own type: a boolean, a null, or a union of either branch order.
    const from = c.argTypes?.[0] ?? c.site.params[0];
    const ret = c.site.ret as UnionType;
    const none = c.makeUnion(
      ret,
      ret.types.findIndex((t) => t.kind === 'null'),
    );
    const negated = (b: string) =>
      c.makeUnion(
        ret,
        ret.types.findIndex((t) => t.kind === 'boolean'),
        `!${b}`,
      );
    const x = c.args[0];
    if (from.kind === 'boolean') return negated(x);
    if (from.kind !== 'union') return none;
    const b = from.types.findIndex((t) => t.kind === 'boolean');
    if (!from.types.some((t) => t.kind === 'null')) return negated(c.branch(from, x, b));
    return `(${c.tag(from, x)} == ${b} ? ${negated(c.branch(from, x, b))} : ${none})`;
  },
});
