export { exp, expm1 } from './exp.js';
export { log, log1p, log10, log2 } from './log.js';
export { pow } from './pow.js';
export { sin, cos, tan } from './trig.js';
export { asin, acos, atan, atan2 } from './invtrig.js';
export { sinh, cosh, tanh } from './hyperbolic.js';
export { hypot } from './hypot.js';
