/**
 * Helpers shared by the numeric library functions: the kind a signature label resolved to, and
 * exact int/long arithmetic with the spec's overflow rules.
 */
import { AvroType } from '../../types/avro.js';

export type NumKind = 'int' | 'long' | 'float' | 'double';

export function numKind(t: AvroType): NumKind {
  if (t.kind === 'int' || t.kind === 'long' || t.kind === 'float' || t.kind === 'double') return t.kind;
  throw new Error(`internal: ${t.kind} is not numeric`);
}

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;
export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;

export function intInRange(x: number): boolean {
  return x >= INT_MIN && x <= INT_MAX;
}

export function longInRange(x: bigint): boolean {
  return x >= LONG_MIN && x <= LONG_MAX;
}

/** Floor division and Python-style modulo on bigints (BigInt `/` truncates toward zero). */
export function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function modBig(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

/** Python-style modulo on doubles: the result has the sign of the modulus. */
export function modNumber(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}
