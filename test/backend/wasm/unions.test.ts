/**
 * Unions of scalars (null, boolean, int, long, float, double, string, enum) are v128 values in
 * kernels, with no object per value, and maps of them cross the boundary as arrays the kernel copies
 * whole (backend/wasm/types.ts, wire.ts). Every shape here must lower, hold v128 unions, and answer
 * as the JS backend does, bit for bit and branch for branch (outputs compared as Avro-JSON text, which
 * names each union's branch).
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine, PfaError } from '../../../src/index.js';
import { tryLower } from '../../../src/backend/wasm/load.js';
import { compileSource } from '../../../src/backend/wasm/compile.js';

function source(doc: object): string {
  const lowering = tryLower(PFAEngine.fromJson(doc, { backend: 'js' }).typed);
  if (!lowering.ok) throw new Error(`not lowered: ${lowering.reason} at ${lowering.path}`);
  return lowering.lowered.source;
}

function answer(e: PFAEngine, text: string): string {
  try {
    return e.encodeText(e.action(e.decodeText(text)));
  } catch (err) {
    if (!(err instanceof PfaError)) throw err;
    return `error ${err.code} ${err.message}`;
  }
}

/** Lowers the document (its unions as v128), then checks the Wasm backend's answers against the JS backend's. */
async function same(doc: object, texts: readonly string[]): Promise<string[]> {
  const src = source(doc);
  expect(src).toMatch(/^type U\d+ = v128;$/m);
  expect(src).not.toMatch(/^class U\d+ \{/m);
  const js = PFAEngine.fromJson(doc, { backend: 'js' });
  const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
  expect(wasm.backend).toBe('wasm');
  const want = texts.map((t) => answer(js, t));
  for (let i = 0; i < texts.length; i++) expect(answer(wasm, texts[i]), texts[i]).toBe(want[i]);
  // Twice more: remembered key codes and reused memory must not change an answer.
  for (let i = texts.length - 1; i >= 0; i--) expect(answer(wasm, texts[i]), texts[i]).toBe(want[i]);
  return want;
}

const map = (values: unknown) => ({ type: 'map', values });
const mapText = (entries: [string, string][]) =>
  '{' + entries.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ') + '}';

describe('scalar unions in kernels', () => {
  it('maps of scalar unions go in and come out unchanged, every branch kind, odd and even sizes', async () => {
    const cases: [unknown, string[]][] = [
      [
        ['null', 'string', 'double', 'boolean'],
        [
          'null',
          '{"string": "é"}',
          '{"string": "new"}',
          '{"double": -0.0}',
          '{"double": 5e-324}',
          '{"double": "nan"}',
          '{"double": "-inf"}',
          '{"boolean": true}',
          '{"boolean": false}',
        ],
      ],
      [
        ['null', 'int', 'long'],
        ['null', '{"int": -2147483648}', '{"int": 7}', '{"long": 9223372036854775807}', '{"long": -9007199254740993}'],
      ],
      [
        ['float', { type: 'enum', name: 'E', symbols: ['a', 'b', 'c'] }],
        ['{"float": 0.1}', '{"float": -3.4028234663852886e38}', '{"E": "c"}', '{"E": "a"}'],
      ],
    ];
    for (const [u, values] of cases) {
      const doc = { input: map(u), output: map(u), action: 'input' };
      const texts = [
        '{}',
        mapText([['x', values[0]]]),
        mapText(values.map((v, i) => [`k${i}`, v])),
        mapText(values.slice(1).map((v, i) => [`k${i}`, v])),
        mapText(Array.from({ length: 101 }, (_, i) => [`key ${i}`, values[i % values.length]])),
      ];
      const want = await same(doc, texts);
      expect(want[2]).toContain(values[values.length - 1].replace(/ /g, ''));
    }
  });

  it('reads, casts and rebuilds map values as the aurelius models do', async () => {
    const U = ['null', 'string', 'double'];
    const doc = {
      input: map(U),
      output: map(U),
      cells: { table: { type: map('double'), init: { a: 0.5, b: 2 } } },
      action: [
        {
          'map.mapWithKey': [
            'input',
            {
              params: [{ k: 'string' }, { v: U }],
              ret: U,
              do: [
                {
                  cast: 'v',
                  cases: [
                    { as: 'double', named: 'd', do: { '*': ['d', { cell: 'table', path: ['k'] }] } },
                    {
                      as: 'string',
                      named: 's',
                      do: { if: { '==': ['s', { string: 'swap' }] }, then: { '-': [0, 1.5] }, else: 's' },
                    },
                    { as: 'null', named: 'n', do: { string: 'was null' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const want = await same(doc, [
      '{"a": {"double": 3}, "b": {"string": "swap"}, "c": null}',
      '{"b": {"double": 0.25}, "a": {"string": "keep"}}',
      '{"z": {"double": 1}}',
    ]);
    expect(want[0]).toBe('{"a":{"double":1.5},"b":{"double":-1.5},"c":{"string":"was null"}}');
    expect(want[2]).toMatch(/^error /);
  });

  it('arrays and record fields of scalar unions, branch orders converted, ifnotnull, impute, order and equality (a.contains)', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'xs', type: { type: 'array', items: ['null', 'double'] } },
          { name: 'y', type: ['null', 'double'] },
          { name: 'z', type: ['double', 'null'] },
        ],
      },
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'sorted', type: { type: 'array', items: ['null', 'double'] } },
          { name: 'filled', type: { type: 'array', items: 'double' } },
          { name: 'swapped', type: { type: 'array', items: ['double', 'null'] } },
          { name: 'sum', type: 'double' },
          { name: 'contains', type: 'boolean' },
        ],
      },
      fcns: { swap: { params: [{ v: ['double', 'null'] }], ret: ['double', 'null'], do: 'v' } },
      action: [
        { let: { sorted: { 'a.sort': [{ attr: 'input', path: [{ string: 'xs' }] }] } } },
        {
          new: {
            sorted: 'sorted',
            filled: {
              'a.map': [
                { attr: 'input', path: [{ string: 'xs' }] },
                { params: [{ v: ['null', 'double'] }], ret: 'double', do: { 'impute.defaultOnNull': ['v', -1] } },
              ],
            },
            swapped: {
              'a.map': [
                { attr: 'input', path: [{ string: 'xs' }] },
                { params: [{ v: ['null', 'double'] }], ret: ['double', 'null'], do: { 'u.swap': ['v'] } },
              ],
            },
            sum: {
              ifnotnull: {
                a: { attr: 'input', path: [{ string: 'y' }] },
                b: { attr: 'input', path: [{ string: 'z' }] },
              },
              then: { '+': ['a', 'b'] },
              else: 0,
            },
            contains: {
              'a.contains': [
                { attr: 'input', path: [{ string: 'xs' }] },
                { attr: 'input', path: [{ string: 'y' }] },
              ],
            },
          },
          type: 'Out',
        },
      ],
    };
    await same(doc, [
      '{"xs": [{"double": 2}, null, {"double": -0.0}, {"double": 0.0}, {"double": "nan"}, null], "y": {"double": 2}, "z": {"double": 2}}',
      '{"xs": [], "y": null, "z": {"double": 1}}',
      '{"xs": [null], "y": null, "z": null}',
      '{"xs": [{"double": 1.5}], "y": {"double": 1.5}, "z": null}',
    ]);
  });

  // Where a union value moves into a place typed with the same branches in another order, its tag
  // is renumbered: AS cannot tell the two v128 aliases apart, so a missed conversion would pass silently.
  it('set, cells, user functions and emit renumber a union in another branch order', async () => {
    const ND = ['null', 'double'],
      DN = ['double', 'null'];
    const doc = {
      input: ND,
      output: { type: 'array', items: DN },
      cells: { c: { type: DN, init: null } },
      fcns: { flip: { params: [{ v: DN }], ret: ND, do: 'v' } },
      action: [
        { let: { x: { 'u.flip': ['input'] } } },
        { cell: 'c', to: 'x' },
        { set: { x: { cell: 'c' } } },
        { let: { y: { cell: 'c' } } },
        { set: { y: 'x' } },
        { new: ['x', 'y', { cell: 'c' }, { 'u.flip': [{ 'u.flip': ['y'] }] }], type: { type: 'array', items: DN } },
      ],
    };
    const want = await same(doc, ['null', '{"double": 2.5}', '{"double": -0.0}']);
    expect(want[1]).toBe('[{"double":2.5},{"double":2.5},{"double":2.5},{"double":2.5}]');
    expect(want[0]).toBe('[null,null,null,null]');

    const emitting = {
      input: ND,
      output: DN,
      method: 'emit',
      action: [{ emit: 'input' }, { emit: { 'u.flip': [{ 'u.flip': ['input'] }] } }],
      fcns: doc.fcns,
    };
    expect(source(emitting)).toMatch(/^type U\d+ = v128;$/m);
    const js = PFAEngine.fromJson(emitting, { backend: 'js' });
    const wasm = await PFAEngine.create(emitting, { backend: 'wasm' });
    for (const t of ['null', '{"double": 1.5}']) {
      const emitted = (e: PFAEngine) => (e.action(e.decodeText(t)) as unknown[]).map((v) => e.encodeText(v));
      expect(emitted(wasm), t).toEqual(emitted(js));
    }
    expect((wasm.action(wasm.decodeText('{"double": 1.5}')) as unknown[]).map((v) => wasm.encodeText(v))).toEqual([
      '{"double":1.5}',
      '{"double":1.5}',
    ]);
  });

  it("library forms, called directly or passed as functions, get unions in their parameters' branch order", async () => {
    const ND = ['null', 'double'],
      DN = ['double', 'null'];
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'xs', type: { type: 'array', items: ND } },
          { name: 'y', type: DN },
          { name: 'ys', type: { type: 'array', items: DN } },
        ],
      },
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'appended', type: { type: 'array', items: ND } },
          { name: 'concatenated', type: { type: 'array', items: ND } },
          { name: 'found', type: { type: 'array', items: 'boolean' } },
        ],
      },
      action: [
        {
          new: {
            appended: {
              'a.append': [
                { attr: 'input', path: [{ string: 'xs' }] },
                { attr: 'input', path: [{ string: 'y' }] },
              ],
            },
            concatenated: {
              'a.concat': [
                { attr: 'input', path: [{ string: 'xs' }] },
                { attr: 'input', path: [{ string: 'ys' }] },
              ],
            },
            found: {
              'a.map': [
                { attr: 'input', path: [{ string: 'ys' }] },
                { fcn: 'a.contains', fill: { haystack: { attr: 'input', path: [{ string: 'xs' }] } } },
              ],
            },
          },
          type: 'Out',
        },
      ],
    };
    const want = await same(doc, [
      '{"xs": [{"double": 1}, null], "y": {"double": 2.5}, "ys": [null, {"double": 3}]}',
      '{"xs": [], "y": null, "ys": []}',
    ]);
    expect(want[0]).toBe(
      '{"appended":[{"double":1},null,{"double":2.5}],"concatenated":[{"double":1},null,null,{"double":3}],"found":[true,false]}',
    );
  });

  // Browsers without Wasm SIMD must still run the modules that have no v128 value.
  it('only a module with scalar unions is built with SIMD', async () => {
    const { default: binaryen } = await import('binaryen');
    const simdOps = async (src: string) => {
      const m = binaryen.readBinary((await compileSource(src)).binary);
      m.setFeatures(binaryen.Features.All);
      return (m.emitText().match(/\bv128\.|\b[if](8x16|16x8|32x4|64x2)\./g) ?? []).length;
    };
    const plain = source({
      input: { type: 'array', items: 'double' },
      output: 'double',
      action: [{ 'a.sum': ['input'] }, { new: { a: 1.5 }, type: map('double') }, 0.5],
    });
    expect(plain).toMatch(/^\/\/ features: mvp$/m);
    expect(await simdOps(plain)).toBe(0);
    // (the kernel makes union values, so it holds v128 operations whatever the runtime's copies and fills compile to)
    const unions = source({
      input: 'double',
      output: ['null', 'double'],
      action: { if: { '>': ['input', 0] }, then: 'input', else: null },
    });
    expect(unions).toMatch(/^\/\/ features: simd$/m);
    expect(await simdOps(unions)).toBeGreaterThan(0);
  }, 60_000);

  it('a cast whose cases give different types makes the union of them', async () => {
    const doc = {
      input: ['null', 'string', 'double', 'boolean'],
      output: ['null', 'string', 'double', 'boolean'],
      action: [
        {
          cast: 'input',
          cases: [
            { as: 'double', named: 'd', do: { 'm.exp': 'd' } },
            { as: 'string', named: 's', do: { '==': ['s', { string: 'yes' }] } },
            { as: 'boolean', named: 'b', do: { if: 'b', then: { string: 'yes' }, else: null } },
            { as: 'null', named: 'n', do: 1.5 },
          ],
        },
      ],
    };
    const want = await same(doc, [
      '{"double": 0.5}',
      '{"string": "yes"}',
      '{"string": "no"}',
      '{"boolean": true}',
      '{"boolean": false}',
      'null',
    ]);
    expect(want).toEqual([
      '{"double":1.6487212707001282}',
      '{"boolean":true}',
      '{"boolean":false}',
      '{"string":"yes"}',
      'null',
      '{"double":1.5}',
    ]);
  });
});
