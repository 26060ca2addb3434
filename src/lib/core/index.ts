/**
 * The core library (spec sec. 6): arithmetic, comparison, logic and bitwise operators, one file
 * each. These have no namespace prefix.
 */
import { defineNamespace } from '../registry.js';
import { add, divide, floorDivide, mod, multiply, negate, power, rem, subtract } from './arithmetic.js';
import { cmp, eq, ge, gt, le, lt, max, min, ne } from './comparison.js';
import { and, kleeneAnd, kleeneNot, kleeneOr, not, or, xor } from './logical.js';
import { bitAnd, bitNot, bitOr, bitXor } from './bitwise.js';

// In the spec's order.
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
