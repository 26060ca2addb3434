/**
 * The `m` namespace (spec sec. "Math library"): constants, elementary functions and rounding.
 * Out-of-domain real inputs give NaN or infinities as IEEE 754 says, never errors; only integer
 * overflow and m.log's base are errors.
 */
import { CallSite, defineFunction, defineNamespace } from './registry.js';
import { INT_MAX, INT_MIN, intInRange, numKind } from './util/numeric.js';
import * as fdlibm from './util/fdlibm/index.js';

const LONG_MIN = -(2n ** 63n);
const TWO_63 = 2 ** 63;

/** A `(x: double) -> double` function that is just an exact JS Math routine or one of the fdlibm port. */
function unary(name: string, f: (x: number) => number) {
  // In Wasm, the kernel's Math member of the same name (asconfig.json: Math=FdlibmMath, the same
  // port, whose exact members are AS's own): the same bits. Found by identity, not f.name, which
  // a bundler may rename.
  const member =
    Object.entries(fdlibm).find(([, g]) => g === f)?.[0] ??
    Object.getOwnPropertyNames(Math).find((k) => (Math as unknown as Record<string, unknown>)[k] === f);
  return defineFunction({
    name,
    sigs: ['(x: double) -> double'],
    js: () => f,
    wasm: member ? (c) => `Math.${member}(${c.args[0]})` : undefined,
  });
}

const pi = defineFunction({
  name: 'm.pi',
  sigs: ['() -> double'],
  js: () => () => Math.PI,
  wasm: (c) => c.f64(Math.PI),
});
const e = defineFunction({ name: 'm.e', sigs: ['() -> double'], js: () => () => Math.E, wasm: (c) => c.f64(Math.E) });

const abs = defineFunction({
  name: 'm.abs',
  sigs: ['(x: any A of {int, long, float, double}) -> A'],
  errors: { intOverflow: 27020, longOverflow: 27021 },
  js: (site) => {
    switch (numKind(site.bindings.A)) {
      case 'int':
        return (x: number) => (x === INT_MIN ? site.fail('intOverflow') : Math.abs(x));
      case 'long':
        return (x: bigint) => (x === LONG_MIN ? site.fail('longOverflow') : x < 0n ? -x : x);
      default:
        return Math.abs; // exact for float as well
    }
  },
  wasm: (c) => {
    const x = c.args[0];
    switch (numKind(c.site.bindings.A)) {
      case 'int':
        c.emit(`if (${x} == i32.MIN_VALUE) ${c.fail('intOverflow')}`);
        return `(${x} < 0 ? -${x} : ${x})`;
      case 'long':
        c.emit(`if (${x} == i64.MIN_VALUE) ${c.fail('longOverflow')}`);
        return `(${x} < 0 ? -${x} : ${x})`;
      case 'float':
        return `Mathf.abs(${x})`;
      case 'double':
        return `Math.abs(${x})`;
    }
  },
});

const acos = unary('m.acos', fdlibm.acos);
const asin = unary('m.asin', fdlibm.asin);
const atan = unary('m.atan', fdlibm.atan);
const atan2 = defineFunction({
  name: 'm.atan2',
  sigs: ['(y: double, x: double) -> double'],
  js: () => fdlibm.atan2,
  wasm: (c) => `Math.atan2(${c.args[0]}, ${c.args[1]})`,
});
const ceil = unary('m.ceil', Math.ceil);

/** Is the sign bit of x set? (-0 is negative; NaN counts as positive, as the decoder makes it.) */
function negative(x: number): boolean {
  return x < 0 || (x === 0 && 1 / x < 0);
}

const copysign = defineFunction({
  name: 'm.copysign',
  sigs: ['(mag: any A of {int, long, float, double}, sign: A) -> A'],
  js: (site) => {
    switch (numKind(site.bindings.A)) {
      // Negating -2^31 (or -2^63) wraps around as in two's complement, like Java's int arithmetic;
      // the spec defines no error for it.
      case 'int':
        return (mag: number, sign: number) => (mag < 0 === sign < 0 ? mag : -mag | 0);
      case 'long':
        return (mag: bigint, sign: bigint) => (mag < 0n === sign < 0n ? mag : BigInt.asIntN(64, -mag));
      default:
        return (mag: number, sign: number) => (negative(sign) ? -Math.abs(mag) : Math.abs(mag));
    }
  },
  // i32/i64 negation wraps like `-mag | 0` and BigInt.asIntN; abs of a float is exact in f32.
  wasm: (c) => {
    const [mag, sign] = c.args;
    switch (numKind(c.site.bindings.A)) {
      case 'int':
      case 'long':
        return `((${mag} < 0) == (${sign} < 0) ? ${mag} : -(${mag}))`;
      case 'float':
        return `((${sign} < 0 || (${sign} == 0 && <f32>1.0 / ${sign} < 0)) ? -Mathf.abs(${mag}) : Mathf.abs(${mag}))`;
      case 'double':
        return `((${sign} < 0 || (${sign} == 0 && 1.0 / ${sign} < 0)) ? -Math.abs(${mag}) : Math.abs(${mag}))`;
    }
  },
});

const cos = unary('m.cos', fdlibm.cos);
const cosh = unary('m.cosh', fdlibm.cosh);
const exp = unary('m.exp', fdlibm.exp);
const expm1 = unary('m.expm1', fdlibm.expm1);
const floor = unary('m.floor', Math.floor);
const hypot = defineFunction({
  name: 'm.hypot',
  sigs: ['(x: double, y: double) -> double'],
  js: () => (x: number, y: number) => fdlibm.hypot(x, y),
  wasm: (c) => `Math.hypot(${c.args[0]}, ${c.args[1]})`,
});
const ln = unary('m.ln', fdlibm.log);
const log10 = unary('m.log10', fdlibm.log10);

const log = defineFunction({
  name: 'm.log',
  sigs: ['(x: double, base: int) -> double'],
  errors: { baseMustBePositive: 27170 },
  js: (site) => (x: number, base: number) =>
    base <= 0 ? site.fail('baseMustBePositive') : fdlibm.log(x) / fdlibm.log(base),
  wasm: (c) => {
    c.emit(`if (${c.args[1]} <= 0) ${c.fail('baseMustBePositive')}`);
    return `(Math.log(${c.args[0]}) / Math.log(<f64>${c.args[1]}))`;
  },
});

// The spec's description says ln(x^2 + 1), but its domain text (-1 to infinity, -inf at -1)
// and every implementation make this ln(1 + x).
const ln1p = unary('m.ln1p', fdlibm.log1p);

type RoundErrors = { intOverflow: number; longOverflow: number };

/** "Equal to m.floor of (x + 0.5)", with the result range-checked (NaN and infinities overflow). */
const round = defineFunction({
  name: 'm.round',
  sigs: ['(x: float) -> int', '(x: double) -> long'],
  errors: { intOverflow: 27190, longOverflow: 27191 },
  js: (site: CallSite<RoundErrors>) =>
    site.sig === 0
      ? (x: number) => {
          const r = Math.floor(x + 0.5);
          return intInRange(r) ? r + 0 : site.fail('intOverflow');
        }
      : (x: number) => {
          const r = Math.floor(x + 0.5);
          // The long range is [-2^63, 2^63); a double result in it converts to bigint exactly.
          return r >= -TWO_63 && r < TWO_63 ? BigInt(r) : site.fail('longOverflow');
        },
  wasm: (c) => {
    // A float argument is widened first: JS adds 0.5 to the float's value as a double.
    const r = c.temp('f64', `Math.floor(<f64>${c.args[0]} + 0.5)`);
    if (c.site.sig === 0) {
      c.emit(`if (!(${r} >= ${c.f64(INT_MIN)} && ${r} <= ${c.f64(INT_MAX)})) ${c.fail('intOverflow')}`);
      return `<i32>${r}`;
    }
    c.emit(`if (!(${r} >= ${c.f64(-TWO_63)} && ${r} < ${c.f64(TWO_63)})) ${c.fail('longOverflow')}`);
    return `<i64>${r}`;
  },
});

/** Round half to even. Doubles of magnitude 2^52 and above are already whole. */
function rintDouble(x: number): number {
  if (!(Math.abs(x) < 2 ** 52)) return x;
  const f = Math.floor(x);
  const d = x - f; // exact
  let r: number;
  if (d < 0.5) r = f;
  else if (d > 0.5) r = f + 1;
  else r = f % 2 === 0 ? f : f + 1;
  return r + 0; // no negative zero
}

const rint = defineFunction({
  name: 'm.rint',
  sigs: ['(x: double) -> double'],
  js: () => rintDouble,
  // rintDouble step by step (fmod for %: exact, as JS's).
  wasm: (c) => {
    const x = c.args[0];
    const r = c.temp('f64', x);
    c.if_(`Math.abs(${x}) < ${c.f64(2 ** 52)}`, () => {
      const f = c.temp('f64', `Math.floor(${x})`);
      const d = c.temp('f64', `${x} - ${f}`);
      c.emit(
        `if (${d} < 0.5) ${r} = ${f}; else if (${d} > 0.5) ${r} = ${f} + 1.0; else ${r} = NativeMath.mod(${f}, 2.0) == 0 ? ${f} : ${f} + 1.0;`,
      );
      c.emit(`${r} = ${r} + 0.0;`);
    });
    return r;
  },
});

const signum = defineFunction({
  name: 'm.signum',
  sigs: ['(x: double) -> int'],
  js: () => (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  wasm: (c) => `(${c.args[0]} > 0 ? 1 : ${c.args[0]} < 0 ? -1 : 0)`,
});

const sin = unary('m.sin', fdlibm.sin);
const sinh = unary('m.sinh', fdlibm.sinh);
const sqrt = unary('m.sqrt', Math.sqrt);
const tan = unary('m.tan', fdlibm.tan);
const tanh = unary('m.tanh', fdlibm.tanh);

export default defineNamespace('m', [
  pi,
  e,
  abs,
  acos,
  asin,
  atan,
  atan2,
  ceil,
  copysign,
  cos,
  cosh,
  exp,
  expm1,
  floor,
  hypot,
  ln,
  log10,
  log,
  ln1p,
  round,
  rint,
  signum,
  sin,
  sinh,
  sqrt,
  tan,
  tanh,
]);
