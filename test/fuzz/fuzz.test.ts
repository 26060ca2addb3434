/**
 * Issue 9: property-based fuzzing with fast-check, at a fixed seed and a bounded size in the test
 * command; `npm run fuzz` runs it longer with a random seed (FUZZ_SEED, FUZZ_SCALE), and
 * fast-check's failure message names the seed and path that reproduce a failure.
 *
 * - Documents: small random documents, and mutations of the real models in test/reference, through
 *   the reader, the checker and the JS backend: each either works or fails with a PfaError.
 * - Expressions that type by construction, gathered into one document that the Wasm backend
 *   compiles once: both backends agree on random inputs (doubles bit for bit, errors by code).
 * - Inputs: random Avro-JSON for the real models' input types through the codec (round trip)
 *   and the JS backend; a sample also through the Wasm backend, which must agree.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PFAEngine, PfaError } from '../../src/index.js';
import { readDocument } from '../../src/document/read.js';
import { AvroType } from '../../src/types/avro.js';
import { mulberry32 } from '../helpers/random.js';
import { REFERENCE } from '../helpers/reference.js';

const SEED =
  process.env.FUZZ_SEED === 'random'
    ? Date.now() ^ (Math.random() * 0x7fffffff)
    : Number(process.env.FUZZ_SEED ?? 20261125);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.round(n * SCALE);
const params = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });
if (process.env.FUZZ_SEED) console.log(`fuzz seed ${SEED}, scale ${SCALE}`);

const MODELS: Record<string, string> = {
  sonar: readFileSync(new URL('../../models/sonar-naive-bayes.pfa.json', import.meta.url), 'utf8'),
  sonarProb: readFileSync(join(REFERENCE, 'models/sonar-naive-bayes-prob.pfa.json'), 'utf8'),
  sonarAurelius: readFileSync(join(REFERENCE, 'models/sonar-naive-bayes-aurelius.pfa.json'), 'utf8'),
  iris: readFileSync(join(REFERENCE, 'pfa/models/hadrian-wiki/simpleIrisModel.pfa'), 'utf8'),
  irisLor: readFileSync(join(REFERENCE, 'pfa/models/alpinenow/iris_lor_model.pfa'), 'utf8'),
  myModel: readFileSync(join(REFERENCE, 'pfa/models/hadrian-wiki/myModel.pfa'), 'utf8'),
};

/** Runs f; a PfaError is an expected outcome, anything else fails the property. */
function pfaOrValue<T>(f: () => T): T | PfaError {
  try {
    return f();
  } catch (e) {
    if (e instanceof PfaError) return e;
    throw e;
  }
}

// ---- documents ----------------------------------------------------------------------------

const NAMES = [
  'input',
  'x',
  'y',
  'a.b',
  'm.sqrt',
  'm.exp',
  '+',
  '-',
  '*',
  '/',
  'if',
  'then',
  'else',
  'let',
  'set',
  'while',
  'do',
  'new',
  'type',
  'string',
  'int',
  'double',
  'array',
  'map',
  'record',
  'fields',
  'name',
  'cell',
  'path',
  'u.f',
  'fcns',
  'params',
  'ret',
  'a.len',
  's.len',
  'attr',
  'cast',
  'cases',
  '"*/',
  '\u2028',
];
const jsonLeaf = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
);
const json: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    jsonLeaf,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...NAMES), tie('v'), { maxKeys: 3 }),
  ),
})).v;

/** A small document around a random action; most fail to check, some run. */
const randomDocument = fc.record({
  input: fc.constantFrom('int', 'double', 'string', { type: 'array', items: 'double' }, { type: 'map', values: 'int' }),
  output: fc.constantFrom('int', 'double', 'string', 'boolean', { type: 'array', items: 'double' }),
  action: fc.array(json, { minLength: 1, maxLength: 3 }),
});

const INPUTS: Record<string, unknown> = { int: 3, double: 2.5, string: 'ab', array: [1, 2.5], map: { a: 1 } };

/** A mutation of a real model: one subtree replaced, removed, or a key renamed. */
interface Rng {
  nextInt(min: number, max?: number): number;
}

/** The mutations' generator (mulberry32, seeded). */
function rngOf(seed: number): Rng {
  const next = mulberry32(seed);
  return { nextInt: (min, max = 0x7fffffff) => min + Math.floor(next() * (max - min + 1)) };
}

function mutate(doc: unknown, rng: Rng): unknown {
  const paths: (string | number)[][] = [];
  const walk = (x: unknown, at: (string | number)[]) => {
    paths.push(at);
    if (paths.length > 4000 || x === null || typeof x !== 'object') return;
    for (const [k, v] of Object.entries(x)) walk(v, [...at, Array.isArray(x) ? Number(k) : k]);
  };
  walk(doc, []);
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  const at = paths[rng.nextInt(1, paths.length - 1)];
  let parent: Record<string | number, unknown> = copy;
  for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const key = at[at.length - 1];
  const replacement = fc.sample(json, { seed: rng.nextInt(0), numRuns: 1 })[0];
  switch (rng.nextInt(0, 3)) {
    case 0:
      parent[key] = replacement;
      break;
    case 1:
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case 2:
      if (!Array.isArray(parent)) {
        parent[`${String(key)}x`] = parent[key];
        delete parent[key];
      }
      break;
    default:
      parent[key] = [parent[key], replacement];
  }
  return copy;
}

describe('fuzzing documents', () => {
  it(`random documents: reader, checker and JS backend answer or raise PfaError (${runs(7000)} documents)`, () => {
    let ran = 0;
    fc.assert(
      fc.property(randomDocument, (doc) => {
        const engine = pfaOrValue(() => PFAEngine.fromJson(doc));
        if (engine instanceof PfaError) return;
        const kind = typeof doc.input === 'string' ? doc.input : doc.input.type;
        pfaOrValue(() => engine.encode(engine.action(engine.decode(INPUTS[kind]))));
        ran++;
      }),
      params(runs(7000)),
    );
    expect(ran).toBeGreaterThan(0);
  });

  it(`mutated real models: the same, and text round trips through the reader (${runs(3000)} documents)`, () => {
    const parsed = Object.fromEntries(Object.entries(MODELS).map(([k, t]) => [k, JSON.parse(t)]));
    const names = Object.keys(parsed);
    let checked = 0;
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.nat(), (name, seed) => {
        const doc = mutate(parsed[name], rngOf(seed));
        // As an object and as JSON text: the two readers agree on what is an error.
        const a = pfaOrValue(() => PFAEngine.fromJson(doc as object));
        const b = pfaOrValue(() => readDocument(JSON.stringify(doc)));
        if (!(a instanceof PfaError)) checked++;
        expect(b instanceof PfaError).toBe(false);
      }),
      params(runs(3000)),
    );
    expect(checked).toBeGreaterThan(0);
  });
});

// ---- expressions on both backends ---------------------------------------------------------

/** Double-valued expressions over input.x, input.y: they type by construction, so all lower. */
const doubleExpr: fc.Arbitrary<unknown> = fc
  .letrec<{ e: unknown }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom('input.x', 'input.y'),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => ({ double: d })),
      fc
        .tuple(fc.constantFrom('+', '-', '*', '/', 'm.atan2', 'm.hypot', '**'), tie('e'), tie('e'))
        .map(([op, a, b]) => ({ [op]: [a, b] })),
      fc
        .tuple(
          fc.constantFrom('m.sqrt', 'm.exp', 'm.ln', 'm.abs', 'm.sin', 'm.cos', 'm.tanh', 'm.floor', 'm.round', 'u-'),
          tie('e'),
        )
        .map(([op, a]) => (op === 'u-' ? { u: [a] } : { [op]: [a] })),
      fc
        .tuple(tie('e'), tie('e'), tie('e'), tie('e'))
        .map(([a, b, c, d]) => ({ if: { '<': [a, b] }, then: c, else: d })),
    ),
  }))
  .e.map((e) => JSON.parse(JSON.stringify(e).replace(/\{"u":\[/g, '{"u-":[')));

describe('random expressions on both backends', () => {
  it(`${runs(60)} random expressions in one document: JS and Wasm agree bit for bit on ${runs(1000)} inputs`, async () => {
    const exprs = fc.sample(doubleExpr, { seed: SEED, numRuns: runs(60) });
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'x', type: 'double' },
          { name: 'y', type: 'double' },
        ],
      },
      output: { type: 'record', name: 'Out', fields: exprs.map((_, i) => ({ name: `e${i}`, type: 'double' })) },
      action: [{ type: 'Out', new: Object.fromEntries(exprs.map((e, i) => [`e${i}`, e])) }],
    };
    const js = PFAEngine.fromJson(doc);
    const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
    expect(wasm.backend).toBe('wasm');
    const special = fc.constantFrom(0, -0, Number.NaN, Infinity, -Infinity, Number.MIN_VALUE, Number.MAX_VALUE);
    const num = fc.oneof({ weight: 4, arbitrary: fc.double() }, { weight: 1, arbitrary: special });
    fc.assert(
      fc.property(num, num, (x, y) => {
        const a = pfaOrValue(() => js.encode(js.action(js.decode({ x, y }))));
        const b = pfaOrValue(() => wasm.encode(wasm.action(wasm.decode({ x, y }))));
        sameOutcome(a, b);
      }),
      params(runs(1000)),
    );
  }, 180_000);
});

// ---- inputs -------------------------------------------------------------------------------

/** Avro-JSON values of a type (tagged unions, doubles including NaN, ±Infinity and -0 in both spellings). */
function avroJson(t: AvroType): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'int':
      return fc.integer();
    case 'long':
      return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    // Mostly ordinary measurements, so that models answer as well as fail.
    case 'float':
    case 'double':
      return fc.oneof(
        { weight: 20, arbitrary: fc.double({ min: 0, max: 10, noNaN: true }) },
        { weight: 1, arbitrary: fc.double() },
        { weight: 1, arbitrary: fc.constantFrom('nan', 'inf', '-inf', 'NaN', 'Infinity', '-Infinity') },
      );
    case 'string':
      return fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('ONE', 'TWO', 'THREE', 'Iris-setosa', 'Iris-virginica'),
      );
    case 'enum':
      return fc.constantFrom(...t.symbols);
    case 'array':
      return fc.array(avroJson(t.items), { maxLength: 4 });
    case 'map':
      return fc.dictionary(fc.string({ maxLength: 4 }), avroJson(t.values), { maxKeys: 4 });
    case 'record':
      return fc.record(Object.fromEntries(t.fields.map((f) => [f.name, avroJson(f.type)])));
    case 'union':
      return fc.oneof(
        ...t.types.map((b) =>
          b.kind === 'null'
            ? fc.constant(null)
            : avroJson(b).map((v) => ({
                [b.kind === 'record' || b.kind === 'enum' || b.kind === 'fixed' ? b.name : b.kind]: v,
              })),
        ),
      );
    default:
      return fc.constant(null);
  }
}

/** Same outcome: equal Avro-JSON (NaN equal to NaN, doubles bit for bit) or PfaErrors with one code. */
function sameOutcome(a: unknown, b: unknown): void {
  if (a instanceof PfaError || b instanceof PfaError) {
    expect([a instanceof PfaError && a.code, a instanceof PfaError && a.kind]).toEqual([
      b instanceof PfaError && b.code,
      b instanceof PfaError && b.kind,
    ]);
    return;
  }
  expect(a).toStrictEqual(b);
}

describe('fuzzing inputs of the real models', () => {
  const counts: [string, number][] = [
    ['iris', 40_000],
    ['irisLor', 20_000],
    ['myModel', 25_000],
    ['sonar', 15_000],
  ];
  for (const [name, n] of counts) {
    it(`${name}: codec round trip and the JS backend (${runs(n)} inputs)`, () => {
      const engine = PFAEngine.fromJson(MODELS[name]);
      let scored = 0;
      fc.assert(
        fc.property(avroJson(engine.inputType), (json) => {
          const value = engine.decode(json);
          // (Not through JSON text: it has no -0.)
          const again = engine.decode(encodeInput(engine, value));
          expect(again).toStrictEqual(value);
          const out = pfaOrValue(() => engine.encode(engine.action(value)));
          if (!(out instanceof PfaError)) scored++;
        }),
        params(runs(n)),
      );
      expect(scored).toBeGreaterThan(0);
    });
  }

  it(`sonar: the Wasm backend agrees with the JS backend on ${runs(2000)} random inputs`, async () => {
    const js = PFAEngine.fromJson(MODELS.sonar);
    const wasm = await PFAEngine.create(MODELS.sonar, { backend: 'wasm' });
    expect(wasm.backend).toBe('wasm');
    fc.assert(
      fc.property(avroJson(js.inputType), (json) => {
        const a = pfaOrValue(() => js.encode(js.action(js.decode(json))));
        const b = pfaOrValue(() => wasm.encode(wasm.action(wasm.decode(json))));
        sameOutcome(a, b);
      }),
      params(runs(2000)),
    );
  }, 120_000);
});

import { encoderFor } from '../../src/codec/avroJson.js';
function encodeInput(engine: PFAEngine, value: unknown): unknown {
  return encoderFor(engine.inputType)(value);
}
