/**
 * Fusion of `let x = a.map(...)` with the `a.sum(x)` that read it (lower/fuse.ts): the array is not
 * built when every read of x is a reduction, and answers and errors (which error, when two could
 * happen) stay the JS backend's; an array read any other way, or reassigned, is built as before.
 * The same for map.join over a.zipmap's or a.map's maps, whose map.add items come as entries.
 */
import { describe, expect, it } from 'vitest';
import type { PFAEngine } from '../../../src/index.js';
import { mulberry32 } from '../../helpers/random.js';
import { pair, show, source, valueOutcome as outcome } from './lowered.js';

/** Arrays of numbers the kernel builds outside its input readers (`rd*`): the fused ones are not among them. */
const arraysBuilt = (src: string) =>
  src
    .split('\n')
    .filter((l) => !l.startsWith('function rd'))
    .join('\n')
    .match(/new Array<(f64|f32|i32|i64)>\(|rawArray<(f64|f32|i32|i64)>\(/g)?.length ?? 0;

function expectSame(js: PFAEngine, wasm: PFAEngine, inputs: readonly unknown[]): void {
  for (const x of inputs) {
    const [a, b] = [outcome(js, x), outcome(wasm, x)];
    // Doubles bit for bit (Object.is tells -0 and NaN apart).
    if (typeof (a as { value?: unknown }).value === 'number')
      expect(
        Object.is((a as { value: number }).value, (b as { value: number }).value),
        `${show(x)}: ${String((a as { value: number }).value)} vs ${String((b as { value: number }).value)}`,
      ).toBe(true);
    else expect(b, show(x)).toEqual(a);
  }
}

const square = (t: string) => ({ params: [{ v: t }], ret: t, do: { '*': ['v', 'v'] } });

describe('fusing a.map with the a.sum that read it', () => {
  it('sums doubles without building the array, two readers, same bits as the JS backend', async () => {
    const doc = {
      input: { type: 'array', items: 'double' },
      output: 'double',
      action: [
        {
          let: {
            x: {
              'a.map': [
                'input',
                {
                  params: [{ v: 'double' }],
                  ret: 'double',
                  do: { '+': [{ '*': ['v', 1.37] }, { 'm.ln': { 'm.abs': 'v' } }] },
                },
              ],
            },
          },
        },
        { '+': [{ 'a.sum': 'x' }, { '/': [{ 'a.sum': 'x' }, 3] }] },
      ],
    };
    expect(arraysBuilt(source(doc))).toBe(0);
    const [js, wasm] = await pair(doc);
    const rand = mulberry32(7);
    const inputs: number[][] = [[], [0], [-0], [NaN, 1], [Infinity, -Infinity], [1e308, 1e308], [5e-324]];
    for (let n = 0; n < 200; n++)
      inputs.push(
        Array.from({ length: Math.floor(rand() * 80) }, () => (rand() - 0.5) * 10 ** Math.floor(rand() * 12 - 6)),
      );
    expectSame(js, wasm, inputs);
  }, 60_000);

  it('raises an int sum overflow where a.sum stands: after an error between the let and the sum, before none', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'xs', type: { type: 'array', items: 'int' } },
          { name: 'flag', type: 'boolean' },
        ],
      },
      output: 'int',
      action: [
        // v * v overflows for |v| > 46340: an error inside the map, before anything else.
        { let: { x: { 'a.map': [{ attr: 'input', path: [{ string: 'xs' }] }, square('int')] } } },
        { if: { attr: 'input', path: [{ string: 'flag' }] }, then: { error: 'flagged', code: -3 } },
        { 'a.sum': 'x' },
      ],
    };
    expect(arraysBuilt(source(doc))).toBe(0);
    const [js, wasm] = await pair(doc);
    const big = 40_000; // 40,000^2 = 1.6e9: two of them overflow the int sum
    const inputs = [
      { xs: [], flag: false },
      { xs: [3, -4], flag: false },
      { xs: [big, big], flag: false },
      { xs: [big, big], flag: true },
      { xs: [big, 50_000], flag: true },
      { xs: [1, 50_000, big, big], flag: false },
      { xs: [big, -big, big], flag: false },
    ];
    expectSame(js, wasm, inputs);
    // The cases mean what they say on the reference engine.
    expect(outcome(js, inputs[2])).toMatchObject({ code: 15400 });
    expect(outcome(js, inputs[3])).toMatchObject({ code: -3 });
    expect(outcome(js, inputs[4])).toMatchObject({ code: 18020 });
  }, 60_000);

  it('sums longs whose partial sums wrap but whose total fits, and raises the long overflow otherwise', async () => {
    const doc = {
      input: { type: 'array', items: 'long' },
      output: 'long',
      action: [
        { let: { x: { 'a.map': ['input', { params: [{ v: 'long' }], ret: 'long', do: { '+': ['v', 1] } }] } } },
        { 'a.sum': 'x' },
      ],
    };
    expect(arraysBuilt(source(doc))).toBe(0);
    const [js, wasm] = await pair(doc);
    const m = 2n ** 62n;
    const inputs = [[], [1n, 2n], [m, m, -m, -m], [m, m, m, -m], [m, m, -2n], [-m, -m, -m]];
    expectSame(js, wasm, inputs);
    expect(outcome(js, inputs[2])).toEqual({ value: 4n });
    expect(outcome(js, inputs[5])).toMatchObject({ code: 15401 });
  }, 60_000);

  it('rounds a float sum once at the end, as the unfused form', async () => {
    const doc = {
      input: { type: 'array', items: 'float' },
      output: 'float',
      action: [
        {
          let: {
            x: { 'a.map': ['input', { params: [{ v: 'float' }], ret: 'float', do: { '*': ['v', { float: 0.1 }] } }] },
          },
        },
        { 'a.sum': 'x' },
      ],
    };
    expect(arraysBuilt(source(doc))).toBe(0);
    const [js, wasm] = await pair(doc);
    const rand = mulberry32(11);
    expectSame(
      js,
      wasm,
      Array.from({ length: 100 }, () => Array.from({ length: 30 }, () => Math.fround((rand() - 0.5) * 1000))),
    );
  }, 60_000);

  it('fuses inside an inline function, once per call of it', async () => {
    const doc = {
      input: { type: 'array', items: { type: 'array', items: 'double' } },
      output: { type: 'array', items: 'double' },
      action: {
        'a.map': [
          'input',
          {
            params: [{ row: { type: 'array', items: 'double' } }],
            ret: 'double',
            do: [{ let: { y: { 'a.map': ['row', square('double')] } } }, { 'm.sqrt': { 'a.sum': 'y' } }],
          },
        ],
      },
    };
    expect(arraysBuilt(source(doc))).toBe(1); // the outer a.map's answer only
    const [js, wasm] = await pair(doc);
    const a = (x: unknown) => JSON.stringify(x);
    for (const x of [[], [[]], [[3, 4], [], [1, 1, 1, 1]], [[1e200, 1e200], [-0]]])
      expect(a(wasm.action(x))).toBe(a(js.action(x)));
  }, 60_000);

  it('fuses a.sum(a.map(...)) written as one expression, also inside map.map as the Sonar models do', async () => {
    const doc = {
      input: { type: 'map', values: 'double' },
      output: { type: 'map', values: 'double' },
      action: {
        'map.map': [
          'input',
          {
            params: [{ v: 'double' }],
            ret: 'double',
            do: {
              '/': [
                1,
                {
                  'a.sum': {
                    'a.map': [
                      { 'map.values': 'input' },
                      { params: [{ a: 'double' }], ret: 'double', do: { 'm.exp': { '-': ['a', 'v'] } } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    };
    expect(arraysBuilt(source(doc))).toBe(0);
    const [js, wasm] = await pair(doc);
    const rand = mulberry32(3);
    for (let n = 0; n < 50; n++) {
      const x = new Map(Array.from({ length: n % 7 }, (_, i) => [`k${i}`, (rand() - 0.5) * 50]));
      const [a, b] = [js.action(x) as Map<string, number>, wasm.action(x) as Map<string, number>];
      expect([...b.keys()]).toEqual([...a.keys()]);
      for (const [k, v] of a) expect(Object.is(b.get(k), v)).toBe(true);
    }
  }, 60_000);

  it('builds the array when it is read any other way, or reassigned', async () => {
    const readElsewhere = {
      input: { type: 'array', items: 'double' },
      output: 'double',
      action: [{ let: { x: { 'a.map': ['input', square('double')] } } }, { '+': [{ 'a.sum': 'x' }, { 'a.len': 'x' }] }],
    };
    const reassigned = {
      input: { type: 'array', items: 'double' },
      output: 'double',
      action: [
        { let: { x: { 'a.map': ['input', square('double')] } } },
        { set: { x: { type: { type: 'array', items: 'double' }, value: [1.5] } } },
        { 'a.sum': 'x' },
      ],
    };
    for (const doc of [readElsewhere, reassigned]) {
      expect(arraysBuilt(source(doc))).toBeGreaterThan(0);
      const [js, wasm] = await pair(doc);
      expectSame(js, wasm, [[], [1, 2, 3], [NaN]]);
    }
  }, 60_000);
});

describe('fusing a.zipmap with the map.join that reads it', () => {
  const pairs = {
    type: 'record',
    name: 'Pairs',
    fields: [
      { name: 'ks', type: { type: 'array', items: 'string' } },
      { name: 'vs', type: { type: 'array', items: 'double' } },
    ],
  };
  const dmap = { type: 'map', values: 'double' };
  /** map.join(a.zipmap(ks, vs, fcn(k, v) body)): AlpineNow's zipDoubleMap when body is map.add({}, k, v). */
  const joined = (body: unknown) => ({
    input: pairs,
    output: dmap,
    action: {
      'map.join': {
        'a.zipmap': [
          { attr: 'input', path: [{ string: 'ks' }] },
          { attr: 'input', path: [{ string: 'vs' }] },
          { params: [{ k: 'string' }, { v: 'double' }], ret: dmap, do: body },
        ],
      },
    },
  });
  /** Maps the kernel makes outside its readers of inputs and constants (`rd*`). */
  const mapsMade = (src: string) =>
    src
      .split('\n')
      .filter((l) => !l.startsWith('function rd'))
      .join('\n')
      .match(/new CodeMap</g)?.length ?? 0;
  const inputs = [
    { ks: [], vs: [] },
    { ks: ['a', 'b', 'c'], vs: [1, -0, NaN] },
    // A key given again keeps its first place and takes the later value.
    { ks: ['b', 'a', 'b', 'z', 'a'], vs: [1, 2, 3, 4, 5] },
    { ks: ['a', 'b'], vs: [1] },
  ];
  const sameMaps = async (doc: object) => {
    const [js, wasm] = await pair(doc);
    for (const x of inputs) {
      const [a, b] = [outcome(js, x), outcome(wasm, x)] as { value?: Map<string, number> }[];
      expect(b, show(x)).toEqual(a);
      if (a.value)
        expect([...b.value!].map(([k, v]) => [k, Object.is(v, a.value!.get(k))])).toEqual(
          [...a.value].map(([k]) => [k, true]),
        );
    }
    expect(outcome(js, inputs[3])).toMatchObject({ code: 15650 });
  };

  it('sets each key and value into the joined map: no one-entry map and no array of them', async () => {
    const doc = joined({ 'map.add': [{ type: dmap, value: {} }, 'k', 'v'] });
    expect(mapsMade(source(doc))).toBe(1);
    expect(source(doc)).not.toMatch(/rawArray<CodeMap/);
    await sameMaps(doc);
  }, 60_000);

  it("gives a map.add's base entries first, so the added key keeps the base's place", async () => {
    const doc = joined({ 'map.add': [{ type: dmap, value: { b: 7, q: 8 } }, 'k', 'v'] });
    expect(mapsMade(source(doc))).toBe(1);
    await sameMaps(doc);
  }, 60_000);

  it('joins the built item maps when the function makes them some other way', async () => {
    const doc = joined({ 'map.remove': [{ 'map.add': [{ type: dmap, value: { z: 1 } }, 'k', 'v'] }, { string: 'a' }] });
    expect(source(doc)).not.toMatch(/rawArray<CodeMap/);
    await sameMaps(doc);
  }, 60_000);

  it('fuses a let-bound a.map read only by map.join the same way', async () => {
    const doc = {
      input: pairs,
      output: dmap,
      action: [
        {
          let: {
            ms: {
              'a.map': [
                { attr: 'input', path: [{ string: 'ks' }] },
                { params: [{ k: 'string' }], ret: dmap, do: { 'map.add': [{ type: dmap, value: {} }, 'k', -0.5] } },
              ],
            },
          },
        },
        { 'map.join': 'ms' },
      ],
    };
    expect(mapsMade(source(doc))).toBe(1);
    const [js, wasm] = await pair(doc);
    for (const x of inputs.slice(0, 3)) expect(outcome(wasm, x), show(x)).toEqual(outcome(js, x));
  }, 60_000);

  it('builds each item when two reductions read the array', async () => {
    const doc = {
      input: pairs,
      output: dmap,
      action: [
        { let: { ms: joined({ 'map.add': [{ type: dmap, value: {} }, 'k', 'v'] }).action['map.join'] } },
        { 'map.update': [{ 'map.join': 'ms' }, { 'map.join': 'ms' }] },
      ],
    };
    expect(source(doc)).not.toMatch(/rawArray<CodeMap/);
    await sameMaps(doc);
  }, 60_000);
});
