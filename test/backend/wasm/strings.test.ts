/**
 * Strings in kernels (ARCHITECTURE.md "Strings in kernels"): every s.* and parse.* function
 * lowers, runs on the text the kernel mirrors (assembly/lib/util/text.ts, assembly/lib/s.ts) or, for
 * the few left there, on the host (lower/hostCall.ts), and answers as the JS backend does, errors
 * included, on empty, non-ASCII and astral strings. A made string is a dictionary code like any
 * other: equal to a constant, a map key. One document dispatches on `op`, so one asc compile
 * covers every function.
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine, PfaError } from '../../../src/index.js';
import { library } from '../../../src/lib/index.js';
import { onHost } from '../../../src/lib/registry.js';
import { ON_HOST } from '../../../src/backend/wasm/hostCalls.js';
import { tryLower } from '../../../src/backend/wasm/load.js';
import { compileSource } from '../../../src/backend/wasm/compile.js';
import { makeManifest } from '../../../src/backend/wasm/artifact.js';
import { loadModel } from '../../../src/hosts/compiled/index.js';
import { WasmHost } from '../../../src/backend/wasm/host.js';
import { mulberry32 } from '../../helpers/random.js';

const ARGS = {
  type: 'record',
  name: 'Args',
  fields: [
    { name: 'op', type: 'string' },
    { name: 'a', type: 'string' },
    { name: 'b', type: 'string' },
    { name: 'c', type: 'string' },
    { name: 'i', type: 'int' },
    { name: 'j', type: 'int' },
    { name: 'x', type: 'long' },
    { name: 'd', type: 'double' },
    { name: 'w', type: ['int', 'null'] },
    { name: 'p', type: ['int', 'null'] },
    { name: 'z', type: 'boolean' },
  ],
};

/** Each operation as a PFA expression of the input's fields. */
const OPS: Record<string, unknown> = {
  len: { 's.len': ['input.a'] },
  substr: { 's.substr': ['input.a', 'input.i', 'input.j'] },
  substrto: { 's.substrto': ['input.a', 'input.i', 'input.j', 'input.b'] },
  contains: { 's.contains': ['input.a', 'input.b'] },
  count: { 's.count': ['input.a', 'input.b'] },
  index: { 's.index': ['input.a', 'input.b'] },
  rindex: { 's.rindex': ['input.a', 'input.b'] },
  startswith: { 's.startswith': ['input.a', 'input.b'] },
  endswith: { 's.endswith': ['input.a', 'input.b'] },
  join: { 's.join': [{ 's.split': ['input.a', 'input.b'] }, 'input.c'] },
  splitCount: { 'a.len': { 's.split': ['input.a', 'input.b'] } },
  concat: { 's.concat': ['input.a', 'input.b'] },
  repeat: { 's.repeat': ['input.a', 'input.i'] },
  lower: { 's.lower': 'input.a' },
  upper: { 's.upper': 'input.a' },
  lstrip: { 's.lstrip': ['input.a', 'input.b'] },
  rstrip: { 's.rstrip': ['input.a', 'input.b'] },
  strip: { 's.strip': ['input.a', 'input.b'] },
  replaceall: { 's.replaceall': ['input.a', 'input.b', 'input.c'] },
  replacefirst: { 's.replacefirst': ['input.a', 'input.b', 'input.c'] },
  replacelast: { 's.replacelast': ['input.a', 'input.b', 'input.c'] },
  translate: { 's.translate': ['input.a', 'input.b', 'input.c'] },
  hex: { 's.hex': 'input.x' },
  hexWidth: { 's.hex': ['input.x', 'input.i', 'input.z'] },
  int: { 's.int': 'input.x' },
  intWidth: { 's.int': ['input.x', 'input.i', 'input.z'] },
  numberLong: { 's.number': ['input.x', 'input.i', 'input.z'] },
  number: { 's.number': ['input.d', 'input.w', 'input.p'] },
  numberExp: { 's.number': ['input.d', 'input.w', 'input.p', 0.01, 1000.0] },
  parseInt: { 'parse.int': ['input.a', 'input.i'] },
  parseLong: { 'parse.long': ['input.a', 'input.i'] },
  parseFloat: { 'parse.float': 'input.a' },
  parseDouble: { 'parse.double': 'input.a' },
  // a made string is the dictionary's code for its text: it equals a constant and finds a map key
  lowerIsConstant: { '==': [{ 's.lower': 'input.a' }, { string: 'école' }] },
  lowerAsKey: {
    attr: { value: { abc: 1, école: 2 }, type: { type: 'map', values: 'int' } },
    path: [{ 's.lower': 'input.a' }],
  },
};

const doc = {
  input: ARGS,
  output: ['null', 'boolean', 'int', 'long', 'float', 'double', 'string'],
  action: {
    cond: Object.entries(OPS).map(([op, expr]) => ({ if: { '==': ['input.op', { string: op }] }, then: expr })),
    else: null,
  },
};

const STRINGS = [
  '',
  'abc',
  'ABC',
  'Hello, World',
  'ÉCOLE',
  'école',
  'straße',
  'İstanbul',
  'ΣΑΣ ΟΔΟΣ',
  'a😀b😀c',
  '😀',
  '  pad  ',
  'x,y,,z',
  '0x1F',
  '-42',
  '+7',
  ' 12 ',
  'zz',
  '1e400',
  '3.4028235e38',
  '.5',
  'nan',
  '-Inf',
  '1.5e-45',
  'ǅ',
  // parse.*: the Kelvin sign lower-cases to "k"; JS's trim's whitespace; limits of int and long;
  // more than 19 significant digits, subnormal and infinite results and a double exactly halfway
  // between two floats (the kernel leaves these to the JS form on the host), then just above it
  '\u212a',
  ' \u00a0\ufeff42\u3000\u2028',
  'FF',
  '9223372036854775807',
  '-9223372036854775808',
  '9223372036854775808',
  '2147483648',
  '-2147483648',
  '12345678901234567890123',
  '0.000000000000000000000000001',
  '4.9e-324',
  '1.000000059604644775390625',
  '1.000000059604644775390626',
  '16777217',
  '16777217.000000001',
  '5.',
  '-.5E-3',
  '1e',
  '+-1',
  '٣',
  '-0',
  '00012',
];
const NEEDLES = ['', 'a', ',', '😀', 'b😀', ' ', 'É', 'zz'];

function inputs(): object[] {
  const out: object[] = [];
  let k = 0;
  for (const op of Object.keys(OPS)) {
    for (const a of STRINGS) {
      const b = NEEDLES[k % NEEDLES.length],
        c = NEEDLES[(k * 3 + 1) % NEEDLES.length];
      const i = [0, 1, -1, 2, -3, 5, 36, 10, 16][k % 9],
        j = [3, -1, 0, 100, 2][k % 5];
      const x = [0, 255, -255, 2 ** 53 + 1, -(2 ** 31)][k % 5];
      // (s.number rounds the exact binary value half to even: 2.5, 0.125; 5e-324 has 751 digits)
      const ds = [0, -0, 1.5, -123456.789, 1e-7, 1e21, NaN, Infinity, 5e-324, 2.5, 0.125, 1e300, -9.999999e-5];
      const d = ds[k % ds.length];
      const w = [null, 0, 12, -12][k % 4],
        p = [null, 0, 3, -1, 17][(k >> 2) % 5];
      out.push({ op, a, b, c, i, j, x, d, w, p, z: k % 2 === 0 });
      k++;
    }
  }
  return out;
}

function text(v: object): string {
  const [w, p] = ['w', 'p'].map((f) => (v as Record<string, unknown>)[f]);
  const tagged = { ...v, w: w === null ? null : { int: w }, p: p === null ? null : { int: p } } as Record<
    string,
    unknown
  >;
  const d = tagged.d as number;
  tagged.d = Number.isNaN(d) ? 'nan' : d === Infinity ? 'inf' : d;
  return JSON.stringify(tagged).replace('"d":0,', Object.is(d, -0) ? '"d":-0.0,' : '"d":0,');
}

function describeError(err: PfaError, t: string): string {
  // (the JS backend gives a missing key of `attr` no path, the Wasm backend the attr's: not compared)
  return `error ${err.code} ${err.message}${t.includes('"op":"lowerAsKey"') ? '' : ` at ${err.path}`}`;
}

function answer(e: PFAEngine, t: string): string {
  try {
    return e.encodeText(e.action(e.decodeText(t)));
  } catch (err) {
    if (!(err instanceof PfaError)) throw err;
    return describeError(err, t);
  }
}

describe('strings in kernels', () => {
  it('the host can run every function whose Wasm form runs on the host', () => {
    const onHostNames = [...library.values()].filter((f) => f.wasm === onHost).map((f) => f.name);
    // (only these run wholly on the host: ARCHITECTURE "What runs on the host, and why"; parse.float
    // and parse.double call it for one text at a time, re.* only to compile a run-time pattern)
    expect(onHostNames.sort()).toEqual(['cast.avro', 'cast.json']);
    expect(onHostNames.filter((n) => !ON_HOST.has(n))).toEqual([]);
  });

  it('every s.* and parse.* function answers as the JS backend, errors included', async () => {
    const js = PFAEngine.fromJson(doc, { backend: 'js' });
    const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
    expect(wasm.backend, wasm.backendNote).toBe('wasm');
    const texts = inputs().map(text);
    const want = texts.map((t) => answer(js, t));
    expect(new Set(want).size).toBeGreaterThan(200);
    expect(want.some((w) => w.startsWith('error'))).toBe(true);
    for (let n = 0; n < texts.length; n++) expect(answer(wasm, texts[n]), texts[n]).toBe(want[n]);
    // in one batch call too: each record's error is its own
    const batch = wasm.scoreBatch(texts.map((t) => wasm.decodeText(t)));
    const got = batch.map((r, n) => (r instanceof PfaError ? describeError(r, texts[n]) : wasm.encodeText(r)));
    expect(got).toEqual(want);
  }, 120_000);

  it('s.number of doubles rounds the exact binary value as the JS form does', async () => {
    const precisions = [null, 0, 3, 17, 40];
    const numbers = {
      input: { type: 'array', items: 'double' },
      output: { type: 'array', items: { type: 'array', items: 'string' } },
      action: {
        type: { type: 'array', items: { type: 'array', items: 'string' } },
        new: precisions.map((p) => ({
          'a.map': ['input', { params: [{ x: 'double' }], ret: 'string', do: { 's.number': ['x', null, p] } }],
        })),
      },
    };
    const js = PFAEngine.fromJson(numbers, { backend: 'js' });
    const wasm = await PFAEngine.create(numbers, { backend: 'wasm' });
    expect(wasm.backend, wasm.backendNote).toBe('wasm');
    // doubles from random bit patterns (every exponent), and decimal halves
    const rand = mulberry32(7);
    const bits = new DataView(new ArrayBuffer(8));
    const xs = Array.from({ length: 400 }, () => {
      bits.setUint32(0, Math.floor(rand() * 2 ** 32));
      bits.setUint32(4, Math.floor(rand() * 2 ** 32));
      return bits.getFloat64(0);
    }).filter((x) => Number.isFinite(x));
    xs.push(0.5, 1.5, 2.5, 0.0625, 1234.5, 99999.95, 100000, 0.0001, 9.5e-5);
    expect(wasm.action(xs)).toEqual(js.action(xs));
  }, 120_000);

  it('s.split makes an array of new strings', async () => {
    const split = {
      input: 'string',
      output: { type: 'array', items: 'string' },
      action: { 's.split': ['input', { string: ',' }] },
    };
    const js = PFAEngine.fromJson(split, { backend: 'js' });
    const wasm = await PFAEngine.create(split, { backend: 'wasm' });
    expect(wasm.backend, wasm.backendNote).toBe('wasm');
    for (const s of ['', ',', 'a,b', 'é,😀,,x', 'no comma']) expect(wasm.action(s)).toEqual(js.action(s));
  }, 120_000);

  it('a code the dictionary forgot and gave to another string is never read as its old text', async () => {
    // A kernel that keeps a cell (the collected runtime: its mirror of texts outlives a call), and a
    // host that forgets input strings after 4: codes come back for other strings at once.
    const counted = {
      input: 'string',
      output: 'string',
      cells: { n: { type: 'int', init: 0 } },
      action: [
        { cell: 'n', to: { '+': [{ cell: 'n' }, 1] } },
        { 's.concat': [{ 's.upper': 'input' }, { 's.substr': ['input', 1, 3] }] },
      ],
    };
    const js = PFAEngine.fromJson(counted, { backend: 'js' });
    const lowering = tryLower(js.typed);
    if (!lowering.ok) throw new Error(`not lowered: ${lowering.reason}`);
    expect(lowering.lowered.memory).not.toBe('arena');
    const { binary } = await compileSource(lowering.lowered.source);
    const { runtime, ...manifest } = makeManifest(JSON.stringify(counted), lowering.lowered, binary, js.typed);
    if (!runtime) throw new Error('no runtime section');
    const module = new WebAssembly.Module(new Uint8Array(binary));
    const host = await WasmHost.create(module, { ...manifest, runtime }, { maxInputStrings: 4 });
    for (let i = 0; i < 200; i++) {
      const input = `w${i % 7}é${i}`;
      expect(host.action(input), input).toBe(js.action(input));
    }
  }, 120_000);

  it('a precompiled module runs its host calls from the manifest alone (the browser runtime)', async () => {
    const parsed = {
      input: 'string',
      output: 'int',
      action: { 'parse.int': [{ 's.substr': ['input', 1, 100] }, 10] },
    };
    const text = JSON.stringify(parsed);
    const js = PFAEngine.fromJson(parsed, { backend: 'js' });
    const lowering = tryLower(js.typed);
    if (!lowering.ok) throw new Error(`not lowered: ${lowering.reason}`);
    const { binary } = await compileSource(lowering.lowered.source);
    const model = await loadModel(binary, JSON.stringify(makeManifest(text, lowering.lowered, binary, js.typed)));
    for (const input of ['x42', '😀-7', ' 12', 'xx', '', 'x99999999999']) {
      let want: unknown, got: unknown;
      try {
        want = js.action(input);
      } catch (e) {
        want = `${(e as PfaError).code} ${(e as PfaError).message} ${(e as PfaError).path}`;
      }
      try {
        got = model.score(input);
      } catch (e) {
        got = `${(e as PfaError).code} ${(e as PfaError).message} ${(e as PfaError).path}`;
      }
      expect(got, input).toEqual(want);
    }
  }, 120_000);
});
