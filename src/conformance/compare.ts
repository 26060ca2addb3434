/**
 * Comparison of an expected Avro-JSON value with the engine's, after the upstream harness
 * (animator/pfa `conformance-tests/runTest.py`, `compare`), which Hadrian's runner calls as
 * `compare(expected, actual, 1e-8, 0.01, 1e80)`:
 *
 * - objects need the same keys and equal values; arrays the same length and equal items;
 * - strings, booleans, null and `"nan"` match exactly; two ints match exactly;
 * - `"inf"`/`"-inf"` match the same string or any number beyond ±1e80;
 * - other numbers match when both are below the zero threshold in magnitude, or when
 *   |expected - actual| / |expected| is within the relative tolerance.
 *
 * Ints arrive as bigint from the suite but as `number` from the engine for the `int` type, so an
 * integral number facing a bigint is compared as an int (exactly), as Python compared int with
 * int. Any other int/double mix is compared as numbers, as Python did.
 *
 * The suite writes a `float` result as the shortest decimal of its float32 value ("0.1"), while
 * the engine gives the float32 value itself (0.10000000149011612). With `floats` set (the test's
 * document uses the float type), an actual float32 value equal to the expected one rounded to
 * float32 matches, so the strict column measures real differences, not that notation.
 */
import { canonicalOrder } from './canonical.js';

export interface Tolerance {
  /** Both numbers below this in magnitude count as equal (zero threshold). */
  zero: number;
  /** Largest relative difference accepted. */
  relative: number;
  /** Relative to |expected| (upstream) or to max(|expected|, |actual|) (symmetric, strict). */
  relativeTo: 'expected' | 'larger';
  /** A number beyond ±this matches "inf"/"-inf". */
  infinity: number;
}

/** Hadrian's tolerances: the pass/fail criterion of the suite. */
export const OFFICIAL: Tolerance = { zero: 1e-8, relative: 0.01, relativeTo: 'expected', infinity: 1e80 };

/** The "strict" column: relative 1e-9, no zero threshold, infinities only as "inf"/"-inf". */
export const STRICT: Tolerance = { zero: 0, relative: 1e-9, relativeTo: 'larger', infinity: Infinity };

/**
 * Returns undefined when `actual` matches `expected`, else the first difference found, with the
 * path to it ("top -> 2 -> x", as upstream writes it).
 */
export function compareValues(
  expected: unknown,
  actual: unknown,
  tol: Tolerance,
  options: CompareOptions = {},
): string | undefined {
  const t: Rules = { ...tol, floats: options.floats ?? false };
  if (options.unordered && Array.isArray(expected) && Array.isArray(actual)) {
    return diff([...expected].sort(canonicalOrder), [...actual].sort(canonicalOrder), t, ['top']);
  }
  return diff(expected, actual, t, ['top']);
}

export interface CompareOptions {
  /** Sort both lists first (the trial's `unordered` marker). */
  unordered?: boolean;
  /** Accept float32 values written as their shortest decimal (see above). */
  floats?: boolean;
}

interface Rules extends Tolerance {
  floats: boolean;
}

function diff(one: unknown, two: unknown, tol: Rules, at: string[]): string | undefined {
  const where = () => at.join(' -> ');
  if (Array.isArray(one) || Array.isArray(two)) {
    if (!Array.isArray(one) || !Array.isArray(two))
      return `different types: ${typeName(one)} vs ${typeName(two)} at ${where()}`;
    if (one.length !== two.length) return `different list lengths: ${one.length} vs ${two.length} at ${where()}`;
    for (let i = 0; i < one.length; i++) {
      const d = diff(one[i], two[i], tol, [...at, String(i)]);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (isObject(one) && isObject(two)) {
    const k1 = Object.keys(one).sort();
    const k2 = Object.keys(two).sort();
    if (k1.join('\u0000') !== k2.join('\u0000'))
      return `different keys: {${k1.join(', ')}} vs {${k2.join(', ')}} at ${where()}`;
    for (const k of k1) {
      const d = diff(one[k], two[k], tol, [...at, k]);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (typeof one === 'string' && typeof two === 'string') {
    return one === two ? undefined : `different values: ${JSON.stringify(one)} vs ${JSON.stringify(two)} at ${where()}`;
  }
  if (typeof one === 'boolean' && typeof two === 'boolean') {
    return one === two ? undefined : `different values: ${one} vs ${two} at ${where()}`;
  }
  if (one === null && two === null) return undefined;
  if (isNumeric(one) && isNumeric(two)) return numbers(one, two, tol, where);
  if (typeof one === 'string' && isNumeric(two))
    return special(one, Number(two), tol) ? undefined : `different values: ${one} vs ${show(two)} at ${where()}`;
  if (isNumeric(one) && typeof two === 'string')
    return special(two, Number(one), tol) ? undefined : `different values: ${show(one)} vs ${two} at ${where()}`;
  return `different types: ${typeName(one)} vs ${typeName(two)} at ${where()}`;
}

function numbers(one: number | bigint, two: number | bigint, tol: Rules, where: () => string): string | undefined {
  if (typeof one === 'bigint' || typeof two === 'bigint') {
    const i1 = asInteger(one);
    const i2 = asInteger(two);
    if (i1 !== undefined && i2 !== undefined)
      return i1 === i2 ? undefined : `different values: ${i1} vs ${i2} at ${where()}`;
  }
  const x = Number(one);
  const y = Number(two);
  if (x === y) return undefined;
  if (tol.floats && typeof two === 'number' && Number.isFinite(y) && Math.fround(y) === y && Math.fround(x) === y)
    return undefined;
  // Non-finite numbers only reach here from a caller's own values; the engine writes strings.
  if (!Number.isFinite(x) || !Number.isFinite(y)) return `different values: ${show(one)} vs ${show(two)} at ${where()}`;
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  if (ax < tol.zero && ay < tol.zero) return undefined;
  if (ax < tol.zero) return `different values beyond tolerance: ${show(one)} ~ 0 vs ${show(two)} at ${where()}`;
  if (ay < tol.zero) return `different values beyond tolerance: ${show(one)} vs ${show(two)} ~ 0 at ${where()}`;
  const scale = tol.relativeTo === 'expected' ? ax : Math.max(ax, ay);
  const rel = Math.abs(x - y) / scale;
  return rel <= tol.relative
    ? undefined
    : `different values beyond tolerance: |${show(one)} - ${show(two)}|/${scale} = ${rel} at ${where()}`;
}

/** Does the string "inf"/"-inf" (one side) match the number (the other side)? "nan" never does. */
function special(s: string, x: number, tol: Tolerance): boolean {
  if (s === 'inf') return x > tol.infinity;
  if (s === '-inf') return x < -tol.infinity;
  return false;
}

/** An int's exact value: a bigint, or an integral number as the engine writes `int` results. */
function asInteger(x: number | bigint): bigint | undefined {
  if (typeof x === 'bigint') return x;
  return Number.isInteger(x) ? BigInt(x) : undefined;
}

function isNumeric(x: unknown): x is number | bigint {
  return typeof x === 'number' || typeof x === 'bigint';
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function show(x: number | bigint): string {
  return String(x);
}

function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'bigint') return 'int';
  if (typeof x === 'number') return 'double';
  return typeof x;
}
