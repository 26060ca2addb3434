/**
 * The `metric` namespace: distances between vectors, built from a one-dimensional similarity
 * function (a PFA function argument, arriving as a plain JS function), with missing values (null)
 * compensated by missing-value weights, plus similarity measures on binary vectors.
 */
import { WasmCall, defineFunction, defineNamespace } from './registry.js';
import { AvroType } from '../types/avro.js';
import { divide } from './util/division.js';
import { RT } from '../backend/wasm/emit/names.js';
import * as fdlibm from './util/fdlibm/index.js';
import { clockedLoop } from './util/wasm.js';

type Similarity = (x: unknown, y: unknown) => number;

/** Math.pow, except that 0 to a negative power is +inf whatever the sign of the zero (as the reference). */
function power(x: number, p: number): number {
  return x === 0 && p < 0 ? Infinity : fdlibm.pow(x, p);
}

const DIMENSION = 'dimensions of vectors do not match';

const simpleEuclidean = defineFunction({
  name: 'metric.simpleEuclidean',
  sigs: ['(x: array<double>, y: array<double>) -> double'],
  errors: { dimensionsOfVectorsDoNotMatch: 28000 },
  js: (site) => (x: number[], y: number[]) => {
    if (x.length !== y.length) site.fail('dimensionsOfVectorsDoNotMatch', DIMENSION);
    let s = 0;
    for (let i = 0; i < x.length; i++) s += (x[i] - y[i]) ** 2;
    return Math.sqrt(s);
  },
  // `** 2` is exact in JS, and so is d * d in AS: fdlibm's pow returns x * x for y = 2.
  wasm: (c) => {
    const [x, y] = c.args;
    c.emit(`if (${x}.length != ${y}.length) ${c.fail('dimensionsOfVectorsDoNotMatch', DIMENSION)}`);
    const s = c.temp('f64', '0.0');
    const i = c.temp('i32', '0');
    const d = c.temp('f64', '0.0');
    clockedLoop(c, i, `${x}.length`, () =>
      c.emit(`${d} = unchecked(${x}[${i}]) - unchecked(${y}[${i}]); ${s} += ${d} * ${d};`),
    );
    return `Math.sqrt(${s})`;
  },
});

const absDiff = defineFunction({
  name: 'metric.absDiff',
  sigs: ['(x: double, y: double) -> double'],
  js: () => (x: number, y: number) => Math.abs(x - y),
  wasm: (c) => `Math.abs(${c.args[0]} - ${c.args[1]})`,
});

const gaussianSimilarity = defineFunction({
  name: 'metric.gaussianSimilarity',
  sigs: ['(x: double, y: double, sigma: double) -> double'],
  js: () => (x: number, y: number, sigma: number) => fdlibm.exp(divide(-Math.LN2 * (x - y) ** 2, sigma ** 2)),
  wasm: (c) => {
    const [x, y, sigma] = c.args;
    return `Math.exp(${RT.divide}(${c.f64(-Math.LN2)} * Math.pow(${x} - ${y}, 2.0), Math.pow(${sigma}, 2.0)))`;
  },
});

/**
 * The shared loop of the metrics with missing values: `step` folds each similarity of a pair with
 * both components present into the tally; the tally is then scaled by (sum of all weights) /
 * (sum of weights of present pairs), and `finish` applied. All components missing gives NaN.
 */
function withMissing(
  site: { fail(name: 'dimensionsOfVectorsDoNotMatch', message?: string): never },
  step: (tally: number, z: number) => number,
  finish: (v: number) => number,
) {
  return (similarity: Similarity, x: unknown[], y: unknown[], missingWeight?: number[]) => {
    const n = x.length;
    if (y.length !== n || (missingWeight !== undefined && missingWeight.length !== n))
      site.fail('dimensionsOfVectorsDoNotMatch', DIMENSION);
    let tally = 0,
      numer = 0,
      denom = 0;
    for (let i = 0; i < n; i++) {
      const q = missingWeight === undefined ? 1 : missingWeight[i];
      if (x[i] !== null && y[i] !== null) {
        tally = step(tally, similarity(x[i], y[i]));
        denom += q;
      }
      numer += q;
    }
    return finish(denom === 0 ? NaN : (tally * numer) / denom);
  };
}

/**
 * How the Wasm form reads item `i` of vector argument `a` (its index in c.args): `present` says
 * whether the item is not null, `value()` emits the item as the similarity function's parameter
 * `param`. The items are the argument's own type (c.argTypes): a plain array<double>, or a union
 * of null and one or more types, whose branch the value keeps (the JS form passes it as it is).
 */
function itemReader(c: WasmCall, a: number, param: AvroType) {
  const T = (c.argTypes?.[a] ?? c.site.params[a]) as AvroType;
  if (T.kind !== 'array') throw new Error('internal: metric vectors are arrays');
  const item = T.items;
  const ni = item.kind === 'union' ? item.types.findIndex((b) => b.kind === 'null') : -1;
  const read = (array: string, i: string) => {
    const v = c.temp(c.type(item), `unchecked(${array}[${i}])`);
    // (value() is emitted only where present holds: the branch held is never null there)
    return { present: ni < 0 ? 'true' : `${c.tag(item, v)} != ${ni}`, value: () => c.convertPresent(v, item, param) };
  };
  return Object.assign(read, { nullable: ni >= 0 });
}

/**
 * The Wasm form of withMissing's loop, step for step; `step(tally, z)` and `finish(v)` give AS
 * expressions. Arguments: similarity, x, y, then `extra` other arguments, then missingWeight.
 */
function wasmWithMissing(
  c: WasmCall,
  extra: number,
  step: (tally: string, z: string) => string,
  finish: (v: string) => string,
  check?: () => void,
): string {
  const [, x, y] = c.args;
  const w = c.args.length > 3 + extra ? c.args[3 + extra] : undefined;
  const similarity = c.fcn(0);
  const readX = itemReader(c, 1, similarity.params[0]),
    readY = itemReader(c, 2, similarity.params[1]);
  const n = c.temp('i32', `${x}.length`);
  const wrong = w === undefined ? `${y}.length != ${n}` : `${y}.length != ${n} || ${w}.length != ${n}`;
  c.emit(`if (${wrong}) ${c.fail('dimensionsOfVectorsDoNotMatch', DIMENSION)}`);
  check?.();
  const tally = c.temp('f64', '0.0'),
    numer = c.temp('f64', '0.0'),
    denom = c.temp('f64', '0.0');
  // With no weights and no nulls every item adds 1 to both sums, so both are the item count (a
  // sum of n ones is exactly n below 2^53): taken after the loop, not summed in it.
  const counted = w === undefined && !readX.nullable && !readY.nullable;
  const i = c.temp('i32', '0');
  clockedLoop(c, i, n, () => {
    const xi = readX(x, i),
      yi = readY(y, i);
    if (counted) {
      c.emit(`${tally} = ${step(tally, c.temp('f64', similarity.apply([xi.value(), yi.value()])))};`);
      return;
    }
    const q = c.temp('f64', w === undefined ? '1.0' : `unchecked(${w}[${i}])`);
    const present = [xi.present, yi.present].filter((t) => t !== 'true').join(' && ') || 'true';
    c.if_(present, () => {
      const z = c.temp('f64', similarity.apply([xi.value(), yi.value()]));
      c.emit(`${tally} = ${step(tally, z)};`);
      c.emit(`${denom} += ${q};`);
    });
    c.emit(`${numer} += ${q};`);
  });
  if (counted) c.emit(`${numer} = <f64>${n}; ${denom} = ${numer};`);
  return finish(`(${denom} == 0 ? NaN : (${tally} * ${numer}) / ${denom})`);
}

function missingValueMetric(
  name: string,
  code: number,
  generic: boolean,
  step: (tally: number, z: number) => number,
  finish: (v: number) => number,
  wasm: [(t: string, z: string) => string, (v: string) => string],
) {
  const a = generic ? 'any A' : 'double';
  const b = generic ? 'any B' : 'double';
  const ra = generic ? 'A' : 'double';
  const rb = generic ? 'B' : 'double';
  return defineFunction({
    name,
    sigs: [
      `(similarity: fcn(${a}, ${b}) -> double, x: array<union<null, ${ra}>>, y: array<union<null, ${rb}>>) -> double`,
      `(similarity: fcn(${a}, ${b}) -> double, x: array<union<null, ${ra}>>, y: array<union<null, ${rb}>>, missingWeight: array<double>) -> double`,
    ],
    errors: { dimensionsOfVectorsDoNotMatch: code },
    js: (site) => withMissing(site, step, finish),
    wasm: (c) => wasmWithMissing(c, 0, ...wasm),
  });
}

const sumSquares = (t: number, z: number) => t + z ** 2;
const identity = (v: number) => v;

// The same steps in AS. `** 2` is exact, and so is z * z: fdlibm's pow returns x * x for y = 2
// before any other work (util/fdlibm/pow.ts), so the product is the same bits without the call.
const asSumSquares = (t: string, z: string) => `${t} + ${z} * ${z}`;
const asIdentity = (v: string) => v;

const euclidean = missingValueMetric('metric.euclidean', 28030, true, sumSquares, Math.sqrt, [
  asSumSquares,
  (v) => `Math.sqrt(${v})`,
]);
const squaredEuclidean = missingValueMetric('metric.squaredEuclidean', 28040, false, sumSquares, identity, [
  asSumSquares,
  asIdentity,
]);
// The running maximum keeps the earlier value unless the new one is strictly greater (NaN never wins).
const chebyshev = missingValueMetric('metric.chebyshev', 28050, false, (t, z) => (z > t ? z : t), identity, [
  (t, z) => `(${z} > ${t} ? ${z} : ${t})`,
  asIdentity,
]);
const taxicab = missingValueMetric('metric.taxicab', 28060, false, (t, z) => t + z, identity, [
  (t, z) => `${t} + ${z}`,
  asIdentity,
]);

const minkowski = defineFunction({
  name: 'metric.minkowski',
  sigs: [
    '(similarity: fcn(double, double) -> double, x: array<union<null, double>>, y: array<union<null, double>>, p: double) -> double',
    '(similarity: fcn(double, double) -> double, x: array<union<null, double>>, y: array<union<null, double>>, p: double, missingWeight: array<double>) -> double',
  ],
  errors: { dimensionsOfVectorsDoNotMatch: 28070, minkowskiParameterPMustBePositive: 28071 },
  js: (site) => {
    return (similarity: Similarity, x: unknown[], y: unknown[], p: number, missingWeight?: number[]) => {
      const n = x.length;
      if (y.length !== n || (missingWeight !== undefined && missingWeight.length !== n))
        site.fail('dimensionsOfVectorsDoNotMatch', DIMENSION);
      if (Number.isNaN(p) || p <= 0)
        site.fail('minkowskiParameterPMustBePositive', 'Minkowski parameter p must be positive');
      const infinite = p === Infinity;
      let tally = 0,
        numer = 0,
        denom = 0;
      for (let i = 0; i < n; i++) {
        const q = missingWeight === undefined ? 1 : missingWeight[i];
        if (x[i] !== null && y[i] !== null) {
          const z = similarity(x[i], y[i]);
          if (infinite) {
            if (z > tally) tally = z;
          } else tally += power(z, p);
          denom += q;
        }
        numer += q;
      }
      if (denom === 0) return NaN;
      // p = +inf is the Chebyshev metric: no root is taken.
      return infinite ? (tally * numer) / denom : power((tally * numer) / denom, 1 / p);
    };
  },
  // power() inline: 0 to a negative power is +inf; p = +inf keeps the running maximum, no root.
  wasm: (c) => {
    const p = c.args[3];
    const power = (x: string, e: string) => `(${x} == 0 && ${e} < 0 ? Infinity : Math.pow(${x}, ${e}))`;
    const check = () =>
      c.emit(
        `if (isNaN(${p}) || ${p} <= 0) ${c.fail('minkowskiParameterPMustBePositive', 'Minkowski parameter p must be positive')}`,
      );
    const v = c.temp(
      'f64',
      wasmWithMissing(
        c,
        1,
        (t, z) => `(${p} == Infinity ? (${z} > ${t} ? ${z} : ${t}) : ${t} + ${power(z, p)})`,
        (r) => r,
        check,
      ),
    );
    return `(${p} == Infinity || isNaN(${v}) ? ${v} : ${power(v, `1.0 / ${p}`)})`;
  },
});

/** Counts of (x, y) pairs: [a00, a01, a10, a11]. */
function countPairs(x: boolean[], y: boolean[]): [number, number, number, number] {
  let a00 = 0,
    a01 = 0,
    a10 = 0,
    a11 = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i]) {
      if (y[i]) a11++;
      else a10++;
    } else if (y[i]) a01++;
    else a00++;
  }
  return [a00, a01, a10, a11];
}

/** countPairs in AS: emits the loop, returns locals [a00, a01, a10, a11] (doubles, as the JS counts). */
function wasmCountPairs(c: WasmCall): string[] {
  const [x, y] = c.args;
  c.emit(`if (${x}.length != ${y}.length) ${c.fail('dimensionsOfVectorsDoNotMatch', DIMENSION)}`);
  const a = [0, 1, 2, 3].map(() => c.temp('f64', '0.0'));
  const i = c.temp('i32', '0');
  clockedLoop(c, i, `${x}.length`, () => {
    c.emit(
      `if (unchecked(${x}[${i}])) { if (unchecked(${y}[${i}])) ${a[3]} += 1; else ${a[2]} += 1; } else if (unchecked(${y}[${i}])) ${a[1]} += 1; else ${a[0]} += 1;`,
    );
  });
  return a;
}

function binaryMetric(
  name: string,
  code: number,
  f: (a00: number, a01: number, a10: number, a11: number) => number,
  wasm: (a00: string, a01: string, a10: string, a11: string) => string,
) {
  return defineFunction({
    name,
    sigs: ['(x: array<boolean>, y: array<boolean>) -> double'],
    errors: { dimensionsOfVectorsDoNotMatch: code },
    js: (site) => (x: boolean[], y: boolean[]) => {
      if (x.length !== y.length) site.fail('dimensionsOfVectorsDoNotMatch', DIMENSION);
      return f(...countPairs(x, y));
    },
    wasm: (c) => {
      const [a00, a01, a10, a11] = wasmCountPairs(c);
      return wasm(a00, a01, a10, a11);
    },
  });
}

const simpleMatching = binaryMetric(
  'metric.simpleMatching',
  28080,
  (a00, a01, a10, a11) => divide(a11 + a00, a11 + a10 + a01 + a00),
  (a00, a01, a10, a11) => `${RT.divide}(${a11} + ${a00}, ${a11} + ${a10} + ${a01} + ${a00})`,
);
const jaccard = binaryMetric(
  'metric.jaccard',
  28090,
  (_a00, a01, a10, a11) => divide(a11, a11 + a10 + a01),
  (_a00, a01, a10, a11) => `${RT.divide}(${a11}, ${a11} + ${a10} + ${a01})`,
);
const tanimoto = binaryMetric(
  'metric.tanimoto',
  28100,
  (a00, a01, a10, a11) => divide(a11 + a00, a11 + 2 * (a10 + a01) + a00),
  (a00, a01, a10, a11) => `${RT.divide}(${a11} + ${a00}, ${a11} + 2.0 * (${a10} + ${a01}) + ${a00})`,
);

const binarySimilarity = defineFunction({
  name: 'metric.binarySimilarity',
  sigs: [
    '(x: array<boolean>, y: array<boolean>, c00: double, c01: double, c10: double, c11: double, d00: double, d01: double, d10: double, d11: double) -> double',
  ],
  errors: { dimensionsOfVectorsDoNotMatch: 28110 },
  js:
    (site) =>
    (
      x: boolean[],
      y: boolean[],
      c00: number,
      c01: number,
      c10: number,
      c11: number,
      d00: number,
      d01: number,
      d10: number,
      d11: number,
    ) => {
      if (x.length !== y.length) site.fail('dimensionsOfVectorsDoNotMatch', DIMENSION);
      const [a00, a01, a10, a11] = countPairs(x, y);
      return divide(c11 * a11 + c10 * a10 + c01 * a01 + c00 * a00, d11 * a11 + d10 * a10 + d01 * a01 + d00 * a00);
    },
  wasm: (c) => {
    const [a00, a01, a10, a11] = wasmCountPairs(c);
    const [c00, c01, c10, c11, d00, d01, d10, d11] = c.args.slice(2);
    return `${RT.divide}(${c11} * ${a11} + ${c10} * ${a10} + ${c01} * ${a01} + ${c00} * ${a00}, ${d11} * ${a11} + ${d10} * ${a10} + ${d01} * ${a01} + ${d00} * ${a00})`;
  },
});

export default defineNamespace('metric', [
  simpleEuclidean,
  absDiff,
  gaussianSimilarity,
  euclidean,
  squaredEuclidean,
  chebyshev,
  taxicab,
  minkowski,
  simpleMatching,
  jaccard,
  tanimoto,
  binarySimilarity,
]);
