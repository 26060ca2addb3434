/**
 * Safe code generation (STYLE.md item 5): identifiers are minted as prefix plus counter, never
 * built from PFA names; numbers go through one printer; no PFA text reaches the source.
 */

/** Fixed names of the hand-written runtime (assembly/runtime.ts) that generated code calls. */
export const RT = {
  errorSite: 'errorSite',
  fail: 'fail',
  clockExpired: 'clockExpired',
  compareStrings: 'compareStrings',
  outStart: 'outStart',
  outF64: 'outF64',
  outI64: 'outI64',
  outI32: 'outI32',
} as const;

const PREFIX = /^[a-zA-Z]+$/;

export class Names {
  private next = 0;

  /** A fresh identifier: prefix (letters only) + counter. */
  mint(prefix: string): string {
    if (!PREFIX.test(prefix)) throw new Error(`internal: bad identifier prefix ${JSON.stringify(prefix)}`);
    return `${prefix}${this.next++}`;
  }
}

/** An f64 literal with the exact bits of `x` (decimal when it round-trips, which JS guarantees). */
export function f64Literal(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '(-Infinity)';
  if (Object.is(x, -0)) return '(-0.0)';
  const s = String(x);
  const text = /[.eE]/.test(s) ? s : `${s}.0`;
  return x < 0 ? `(${text})` : text;
}

export function f32Literal(x: number): string {
  return `<f32>${f64Literal(Math.fround(x))}`;
}

export function i32Literal(x: number): string {
  if (!Number.isInteger(x) || x < -2147483648 || x > 2147483647) throw new Error(`internal: ${x} is not an int`);
  return x < 0 ? `(${x})` : String(x);
}

export function i64Literal(x: bigint): string {
  if (x === -(2n ** 63n)) return 'i64.MIN_VALUE';
  return x < 0n ? `(<i64>${x})` : `<i64>${x}`;
}
