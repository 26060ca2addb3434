/**
 * Floating-point division as the PFA library functions of the reference engines perform it: a zero
 * denominator (of either sign) gives +inf or -inf by the sign of the numerator, and NaN for 0/0.
 * Plain IEEE division differs only when the denominator is -0.
 */
export function divide(numer: number, denom: number): number {
  if (denom === 0) return numer > 0 ? Infinity : numer < 0 ? -Infinity : NaN;
  return numer / denom;
}
