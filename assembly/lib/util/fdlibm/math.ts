/**
 * The fdlibm port as a `Math` namespace for the kernels: with `--use Math=FdlibmMath` in
 * asconfig.json, `Math.exp(x)` and `x ** y` in AS code call the port (the same bits as the JS
 * backend on every platform) instead of importing V8's Math. Written by hand, not generated:
 * it only forwards. The exact IEEE operations and the constants are AssemblyScript's own
 * NativeMath, whose min, max, round and sign follow ECMAScript. random is left out on purpose:
 * a kernel that needs it should say so at compile time.
 */
import { exp as exp_, expm1 as expm1_, log as log_, log1p as log1p_, log10 as log10_, log2 as log2_, sin as sin_, cos as cos_, tan as tan_, asin as asin_, acos as acos_, atan as atan_, sinh as sinh_, cosh as cosh_, tanh as tanh_, pow as pow_, atan2 as atan2_, hypot as hypot_ } from './index';

// @ts-ignore: decorator
@global export namespace FdlibmMath {
  export const E: f64 = NativeMath.E;
  export const LN10: f64 = NativeMath.LN10;
  export const LN2: f64 = NativeMath.LN2;
  export const LOG10E: f64 = NativeMath.LOG10E;
  export const LOG2E: f64 = NativeMath.LOG2E;
  export const PI: f64 = NativeMath.PI;
  export const SQRT1_2: f64 = NativeMath.SQRT1_2;
  export const SQRT2: f64 = NativeMath.SQRT2;
  // @ts-ignore: decorator
  @inline export function exp(x: f64): f64 { return exp_(x); }
  // @ts-ignore: decorator
  @inline export function expm1(x: f64): f64 { return expm1_(x); }
  // @ts-ignore: decorator
  @inline export function log(x: f64): f64 { return log_(x); }
  // @ts-ignore: decorator
  @inline export function log1p(x: f64): f64 { return log1p_(x); }
  // @ts-ignore: decorator
  @inline export function log10(x: f64): f64 { return log10_(x); }
  // @ts-ignore: decorator
  @inline export function log2(x: f64): f64 { return log2_(x); }
  // @ts-ignore: decorator
  @inline export function sin(x: f64): f64 { return sin_(x); }
  // @ts-ignore: decorator
  @inline export function cos(x: f64): f64 { return cos_(x); }
  // @ts-ignore: decorator
  @inline export function tan(x: f64): f64 { return tan_(x); }
  // @ts-ignore: decorator
  @inline export function asin(x: f64): f64 { return asin_(x); }
  // @ts-ignore: decorator
  @inline export function acos(x: f64): f64 { return acos_(x); }
  // @ts-ignore: decorator
  @inline export function atan(x: f64): f64 { return atan_(x); }
  // @ts-ignore: decorator
  @inline export function sinh(x: f64): f64 { return sinh_(x); }
  // @ts-ignore: decorator
  @inline export function cosh(x: f64): f64 { return cosh_(x); }
  // @ts-ignore: decorator
  @inline export function tanh(x: f64): f64 { return tanh_(x); }
  // @ts-ignore: decorator
  @inline export function pow(x: f64, y: f64): f64 { return pow_(x, y); }
  // @ts-ignore: decorator
  @inline export function atan2(y: f64, x: f64): f64 { return atan2_(y, x); }
  // @ts-ignore: decorator
  @inline export function hypot(x: f64, y: f64): f64 { return hypot_(x, y); }
  // @ts-ignore: decorator
  @inline export function abs(x: f64): f64 { return NativeMath.abs(x); }
  // @ts-ignore: decorator
  @inline export function sqrt(x: f64): f64 { return NativeMath.sqrt(x); }
  // @ts-ignore: decorator
  @inline export function floor(x: f64): f64 { return NativeMath.floor(x); }
  // @ts-ignore: decorator
  @inline export function ceil(x: f64): f64 { return NativeMath.ceil(x); }
  // @ts-ignore: decorator
  @inline export function round(x: f64): f64 { return NativeMath.round(x); }
  // @ts-ignore: decorator
  @inline export function trunc(x: f64): f64 { return NativeMath.trunc(x); }
  // @ts-ignore: decorator
  @inline export function sign(x: f64): f64 { return NativeMath.sign(x); }
  // @ts-ignore: decorator
  @inline export function fround(x: f64): f64 { return NativeMath.fround(x); }
  // @ts-ignore: decorator
  @inline export function min(a: f64, b: f64): f64 { return NativeMath.min(a, b); }
  // @ts-ignore: decorator
  @inline export function max(a: f64, b: f64): f64 { return NativeMath.max(a, b); }
  // @ts-ignore: decorator
  @inline export function imul(a: f64, b: f64): f64 { return NativeMath.imul(a, b); }
  // @ts-ignore: decorator
  @inline export function clz32(x: f64): f64 { return NativeMath.clz32(x); }
}
