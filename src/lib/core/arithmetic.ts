import { CallSite, defineFunction } from '../registry.js';
import { INT_MIN, intInRange, longInRange, modBig, modNumber, numKind } from '../util/numeric.js';
import { RT } from '../../backend/wasm/emit/names.js';
import * as fdlibm from '../util/fdlibm/index.js';

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

export const add = arithmetic(
  '+',
  { intOverflow: 18000, longOverflow: 18001 },
  (x, y) => x + y,
  (x, y) => x + y,
  (x, y) => x + y,
  '+',
  'add',
);
export const subtract = arithmetic(
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
export const multiply = arithmetic(
  '*',
  { intOverflow: 18020, longOverflow: 18021 },
  (x, y) => x * y,
  (x, y) => x * y,
  (x, y) => x * y,
  '*',
  'mul',
);

export const divide = defineFunction({
  name: '/',
  sigs: ['(x: double, y: double) -> double'],
  js: () => (x: number, y: number) => x / y,
  wasm: (c) => `(${c.args[0]} / ${c.args[1]})`,
});

export const floorDivide = defineFunction({
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

export const negate = defineFunction({
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

export const mod = modulo('%', 18060, true);
export const rem = modulo('%%', 18070, false);

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

export const power = defineFunction({
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
