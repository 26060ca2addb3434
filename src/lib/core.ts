/**
 * The core library (spec sec. 6): arithmetic, comparison, logic and bitwise operators. These
 * have no namespace prefix. Each overflow is a runtime error with the spec's code; float results
 * are rounded to float32.
 */
import type { UnionType } from '../types/avro.js';
import { CallSite, WasmCall, defineFunction, defineNamespace } from './registry.js';
import { wasmEquals, wasmOrder } from './util/wasm.js';
import { comparatorFor, valuesEqual } from '../values.js';
import { INT_MIN, intInRange, longInRange, modBig, modNumber, numKind } from './util/numeric.js';
import { RT } from '../backend/wasm/emit/names.js';
import * as fdlibm from './util/fdlibm/index.js';

type Overflow = { intOverflow: number; longOverflow: number };
const NUMERIC = '(x: any A of {int, long, float, double}, y: A) -> A';

/** A binary arithmetic operator with the spec's int/long overflow checks. */
function arithmetic(
  name: string,
  errors: Overflow,
  int: (x: number, y: number) => number,
  long: (x: bigint, y: bigint) => bigint,
  real: (x: number, y: number) => number,
  op: '+' | '-' | '*',
  check: string,
) {
  return defineFunction({
    name,
    sigs: [NUMERIC],
    errors,
    // f32 + - * round once, like Math.fround of the double result (double rounding is exact for these).
    wasm: (c) => {
      const [x, y] = c.args;
      switch (numKind(c.site.bindings.A)) {
        case 'int':
          c.emit(`if (${check}OverflowsI32(${x}, ${y})) ${c.fail('intOverflow')}`);
          break;
        case 'long':
          c.emit(`if (${check}OverflowsI64(${x}, ${y})) ${c.fail('longOverflow')}`);
          break;
      }
      return `(${x} ${op} ${y})`;
    },
    js: (site: CallSite<Overflow>) => {
      switch (numKind(site.bindings.A)) {
        case 'int':
          return (x: number, y: number) => {
            const r = int(x, y);
            return intInRange(r) ? r : site.fail('intOverflow');
          };
        case 'long':
          return (x: bigint, y: bigint) => {
            const r = long(x, y);
            return longInRange(r) ? r : site.fail('longOverflow');
          };
        case 'float':
          return (x: number, y: number) => Math.fround(real(x, y));
        case 'double':
          return real;
      }
    },
  });
}

const add = arithmetic(
  '+',
  { intOverflow: 18000, longOverflow: 18001 },
  (x, y) => x + y,
  (x, y) => x + y,
  (x, y) => x + y,
  '+',
  'add',
);
const subtract = arithmetic(
  '-',
  { intOverflow: 18010, longOverflow: 18011 },
  (x, y) => x - y,
  (x, y) => x - y,
  (x, y) => x - y,
  '-',
  'sub',
);
// Math.imul would wrap; the product of two int32s is exact in a double up to 2^62 only when small,
// but any product that rounds is far outside the int range, so the range check stays right.
const multiply = arithmetic(
  '*',
  { intOverflow: 18020, longOverflow: 18021 },
  (x, y) => x * y,
  (x, y) => x * y,
  (x, y) => x * y,
  '*',
  'mul',
);

const divide = defineFunction({
  name: '/',
  sigs: ['(x: double, y: double) -> double'],
  js: () => (x: number, y: number) => x / y,
  wasm: (c) => `(${c.args[0]} / ${c.args[1]})`,
});

const floorDivide = defineFunction({
  name: '//',
  sigs: ['(x: any A of {int, long}, y: A) -> A'],
  errors: { integerDivisionByZero: 18040 },
  // The spec's text says floor, but both reference engines (Hadrian's JVM division, titus) truncate
  // toward zero, and the conformance suite expects 1 // -2 = 0: we follow the engines.
  js: (site) =>
    numKind(site.bindings.A) === 'int'
      ? (x: number, y: number) => {
          if (y === 0) return site.fail('integerDivisionByZero', 'integer division by zero');
          return Math.trunc(x / y) | 0;
        }
      : (x: bigint, y: bigint) =>
          y === 0n ? site.fail('integerDivisionByZero', 'integer division by zero') : BigInt.asIntN(64, x / y),
  // x / -1 is a negation (wrapping at the minimum, as the JS form does): Wasm's div_s would trap.
  wasm: (c) => {
    const [x, y] = c.args;
    c.emit(`if (${y} == 0) ${c.fail('integerDivisionByZero', 'integer division by zero')}`);
    return `(${y} == -1 ? -${x} : ${x} / ${y})`;
  },
});

const negate = defineFunction({
  name: 'u-',
  sigs: ['(x: any A of {int, long, float, double}) -> A'],
  errors: { intOverflow: 18050, longOverflow: 18051 },
  js: (site) => {
    switch (numKind(site.bindings.A)) {
      case 'int':
        return (x: number) => (x === INT_MIN ? site.fail('intOverflow') : -x);
      case 'long':
        return (x: bigint) => {
          const r = -x;
          return longInRange(r) ? r : site.fail('longOverflow');
        };
      default:
        return (x: number) => -x;
    }
  },
  wasm: (c) => {
    const x = c.args[0];
    const k = numKind(c.site.bindings.A);
    if (k === 'int') c.emit(`if (${x} == i32.MIN_VALUE) ${c.fail('intOverflow')}`);
    if (k === 'long') c.emit(`if (${x} == i64.MIN_VALUE) ${c.fail('longOverflow')}`);
    return `(-${x})`;
  },
});

function modulo(name: string, code: number, python: boolean) {
  return defineFunction({
    name,
    sigs: ['(k: any A of {int, long, float, double}, n: A) -> A'],
    errors: { integerDivisionByZero: code },
    js: (site) => {
      switch (numKind(site.bindings.A)) {
        case 'int':
          return (k: number, n: number) => {
            if (n === 0) return site.fail('integerDivisionByZero', 'integer division by zero');
            const r = python ? modNumber(k, n) : k % n;
            return r === 0 ? 0 : r; // never -0 for integers
          };
        case 'long':
          return (k: bigint, n: bigint) =>
            n === 0n ? site.fail('integerDivisionByZero', 'integer division by zero') : python ? modBig(k, n) : k % n;
        case 'float':
          return (k: number, n: number) => Math.fround(python ? modNumber(k, n) : k % n);
        case 'double':
          return python ? modNumber : (k: number, n: number) => k % n;
      }
    },
    wasm: (c) => {
      const [k, n] = c.args;
      const kind = numKind(c.site.bindings.A);
      if (kind === 'int' || kind === 'long') {
        c.emit(`if (${n} == 0) ${c.fail('integerDivisionByZero', 'integer division by zero')}`);
        return python ? `mod${kind === 'int' ? 'I32' : 'I64'}(${k}, ${n})` : `(${k} % ${n})`;
      }
      const r = python ? `${RT.modF64}(<f64>${k}, <f64>${n})` : `NativeMath.mod(<f64>${k}, <f64>${n})`;
      return kind === 'float' ? `(<f32>${r})` : r;
    },
  });
}

const mod = modulo('%', 18060, true);
const rem = modulo('%%', 18070, false);

function bigPow(x: bigint, n: bigint): bigint | undefined {
  // Exponentiation by squaring, stopping as soon as the value leaves the long range.
  let result = 1n,
    base = x,
    e = n;
  while (e > 0n) {
    if (e & 1n) {
      result *= base;
      if (!longInRange(result)) return undefined;
    }
    e >>= 1n;
    if (e > 0n) {
      base *= base;
      if (base > 2n ** 64n || base < -(2n ** 64n)) base = base > 0n ? 2n ** 64n : -(2n ** 64n);
    }
  }
  return result;
}

const power = defineFunction({
  name: '**',
  sigs: [NUMERIC],
  errors: { intOverflow: 18080, longOverflow: 18081 },
  js: (site) => {
    switch (numKind(site.bindings.A)) {
      case 'int':
        return (x: number, y: number) => {
          // A negative power truncates toward zero; 0 to a negative power is infinite, an overflow.
          if (y < 0) return x === 1 ? 1 : x === -1 ? (y % 2 === 0 ? 1 : -1) : x === 0 ? site.fail('intOverflow') : 0;
          const r = bigPow(BigInt(x), BigInt(y));
          return r !== undefined && intInRange(Number(r)) ? Number(r) : site.fail('intOverflow');
        };
      case 'long':
        return (x: bigint, y: bigint) => {
          if (y < 0n)
            return x === 1n ? 1n : x === -1n ? (y % 2n === 0n ? 1n : -1n) : x === 0n ? site.fail('longOverflow') : 0n;
          const r = bigPow(x, y);
          return r !== undefined ? r : site.fail('longOverflow');
        };
      case 'float':
        return (x: number, y: number) => Math.fround(fdlibm.pow(x, y));
      case 'double':
        return fdlibm.pow;
    }
  },
  wasm: (c) => {
    const [x, y] = c.args;
    switch (numKind(c.site.bindings.A)) {
      case 'int': {
        const r = c.temp('i64', `${RT.powI64}(<i64>${x}, <i64>${y}, <i64>i32.MIN_VALUE, <i64>i32.MAX_VALUE)`);
        c.emit(`if (${RT.powOverflow}) ${c.fail('intOverflow')}`);
        return `(<i32>${r})`;
      }
      case 'long': {
        const r = c.temp('i64', `${RT.powI64}(${x}, ${y}, i64.MIN_VALUE, i64.MAX_VALUE)`);
        c.emit(`if (${RT.powOverflow}) ${c.fail('longOverflow')}`);
        return r;
      }
      case 'float':
        return `(<f32>Math.pow(<f64>${x}, <f64>${y}))`;
      case 'double':
        return `Math.pow(${x}, ${y})`;
    }
  },
});

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

const eq = comparison(
  '==',
  (c) => c === 0,
  (x, y) => x === y,
);
const ne = comparison(
  '!=',
  (c) => c !== 0,
  (x, y) => x !== y,
);
const lt = comparison(
  '<',
  (c) => c < 0,
  (x, y) => x < y,
);
const le = comparison(
  '<=',
  (c) => c <= 0,
  (x, y) => x <= y,
);
const gt = comparison(
  '>',
  (c) => c > 0,
  (x, y) => x > y,
);
const ge = comparison(
  '>=',
  (c) => c >= 0,
  (x, y) => x >= y,
);

const cmp = defineFunction({
  name: 'cmp',
  sigs: ['(x: any A, y: A) -> int'],
  wasm: order,
  js: (site) => {
    const c = comparatorFor(site.bindings.A);
    return (x: unknown, y: unknown) => c(x, y);
  },
});

/** max and min as the spec words them: "x if x ≥ y, y otherwise" and "x if x < y, y otherwise". */
const max = defineFunction({
  name: 'max',
  sigs: ['(x: any A, y: A) -> A'],
  wasm: (c) => `(${order(c)} >= 0 ? ${c.args[0]} : ${c.args[1]})`,
  js: (site) => {
    const c = comparatorFor(site.bindings.A);
    return (x: unknown, y: unknown) => (c(x, y) >= 0 ? x : y);
  },
});

const min = defineFunction({
  name: 'min',
  sigs: ['(x: any A, y: A) -> A'],
  wasm: (c) => `(${order(c)} < 0 ? ${c.args[0]} : ${c.args[1]})`,
  js: (site) => {
    const c = comparatorFor(site.bindings.A);
    return (x: unknown, y: unknown) => (c(x, y) < 0 ? x : y);
  },
});

type Thunk<T> = () => T;
const BOOL2 = '(x: boolean, y: boolean) -> boolean';
const KLEENE2 = '(x: union<boolean, null>, y: union<boolean, null>) -> union<boolean, null>';

const and = defineFunction({
  name: '&&',
  sigs: [BOOL2],
  lazy: true,
  js: () => (x: Thunk<boolean>, y: Thunk<boolean>) => x() && y(),
});
const or = defineFunction({
  name: '||',
  sigs: [BOOL2],
  lazy: true,
  js: () => (x: Thunk<boolean>, y: Thunk<boolean>) => x() || y(),
});
const xor = defineFunction({
  name: '^^',
  sigs: [BOOL2],
  js: () => (x: boolean, y: boolean) => x !== y,
  wasm: (c) => `(${c.args[0]} != ${c.args[1]})`,
});
const not = defineFunction({
  name: '!',
  sigs: ['(x: boolean) -> boolean'],
  js: () => (x: boolean) => !x,
  wasm: (c) => `(!${c.args[0]})`,
});

const kleeneAnd = defineFunction({
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

const kleeneOr = defineFunction({
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

const kleeneNot = defineFunction({
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

function bitwise(name: string, int: (x: number, y: number) => number, long: (x: bigint, y: bigint) => bigint) {
  return defineFunction({
    name,
    sigs: ['(x: int, y: int) -> int', '(x: long, y: long) -> long'],
    wasm: (c) => `(${c.args[0]} ${name} ${c.args[1]})`,
    js: (site) => (site.sig === 0 ? int : long),
  });
}

const bitAnd = bitwise(
  '&',
  (x, y) => x & y,
  (x, y) => x & y,
);
const bitOr = bitwise(
  '|',
  (x, y) => x | y,
  (x, y) => x | y,
);
const bitXor = bitwise(
  '^',
  (x, y) => x ^ y,
  (x, y) => x ^ y,
);
const bitNot = defineFunction({
  name: '~',
  sigs: ['(x: int) -> int', '(x: long) -> long'],
  js: (site) => (site.sig === 0 ? (x: number) => ~x : (x: bigint) => ~x),
  wasm: (c) => `(~${c.args[0]})`,
});

export default defineNamespace('', [
  add,
  subtract,
  multiply,
  divide,
  floorDivide,
  negate,
  mod,
  rem,
  power,
  cmp,
  eq,
  ge,
  gt,
  ne,
  lt,
  le,
  max,
  min,
  and,
  or,
  xor,
  not,
  kleeneAnd,
  kleeneOr,
  kleeneNot,
  bitAnd,
  bitOr,
  bitXor,
  bitNot,
]);
