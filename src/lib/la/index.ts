/**
 * The `la` namespace (spec sec. "Linear algebra"): vectors and matrices as arrays (dense) or maps
 * (sparse, missing entries are zero). Map matrices are keyed row first: `x.get(row).get(col)`.
 * The numerical kernels live in util/linalg.ts; the parts here handle shapes, keys and error
 * codes in the order the reference engine checks them, split by theme: elementwise arithmetic
 * and products, a matrix's shape and symmetry, and factorizations (matrices.ts holds what they
 * share). Listed here in the spec's order.
 */
import { defineNamespace } from '../registry.js';
import { map, scale, zipmap, add, sub, dot } from './arithmetic.js';
import { transpose, trace, symmetric, truncate } from './structure.js';
import { inverse, det, eigenBasis } from './decompositions.js';

export default defineNamespace('la', [
  map,
  scale,
  zipmap,
  add,
  sub,
  dot,
  transpose,
  inverse,
  trace,
  det,
  symmetric,
  eigenBasis,
  truncate,
]);
