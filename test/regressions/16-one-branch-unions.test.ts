/**
 * Issue 16 §1: an Avro union with a single branch (`["double"]`, as R's aurelius writes the `value`
 * of tree nodes) is a union, not its branch: its values are tagged in JSON (`{"double": 2.45}`), in
 * documents and inputs, and the engine writes them tagged. It goes where its branch is expected
 * (spec sec. 3.4: a type accepts "a union of only" itself) and its branch goes into it, on both
 * backends. Also the Avro rules on unions the schema reader enforces (one branch per type).
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine, PfaError } from '../../src/index.js';
import { T, accepts, typeEquals, unionType } from '../../src/types/avro.js';
import { sameTextAnswers, textAnswers as answers } from '../helpers/answers.js';

function loadError(doc: object): PfaError {
  try {
    PFAEngine.fromJson(doc, { backend: 'js' });
  } catch (e) {
    if (e instanceof PfaError) return e;
    throw e;
  }
  throw new Error('the document loaded');
}

const COLOR = { type: 'enum', name: 'Color', symbols: ['red', 'green'] };

describe('one-branch unions', () => {
  it('are unions: equal to no other type, accepted both ways with their branch (spec sec. 3.4)', () => {
    const d = unionType([T.double]);
    expect(typeEquals(d, T.double)).toBe(false);
    expect(typeEquals(d, unionType([T.double]))).toBe(true);
    expect(accepts(T.double, d) && accepts(d, T.double) && accepts(d, T.int)).toBe(true);
    expect(accepts(T.int, d)).toBe(false);
    const doc = PFAEngine.fromJson({ input: ['double'], output: ['double'], action: 'input' }, { backend: 'js' });
    expect(doc.inputType).toEqual(d);
  });

  it('read tagged values in documents and inputs, untagged inputs too, and write them tagged', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        namespace: 'ex',
        fields: [
          { name: 'd', type: ['double'] },
          { name: 's', type: ['string'] },
          { name: 'e', type: [COLOR] },
          { name: 'md', type: { type: 'map', values: ['double'] } },
          { name: 'ai', type: { type: 'array', items: ['int'] } },
          { name: 'n', type: ['null'] },
        ],
      },
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'd', type: ['double'] },
          { name: 'root', type: 'double' },
          { name: 'plain', type: 'double' },
          { name: 'wrapped', type: ['double'] },
          { name: 'e', type: ['ex.Color'] },
          { name: 's', type: 'string' },
          { name: 'md', type: { type: 'map', values: ['double'] } },
          { name: 'ai', type: { type: 'array', items: ['int'] } },
          { name: 'sum', type: 'double' },
          { name: 'lit', type: ['double'] },
        ],
      },
      action: [
        { let: { plain: { cast: 'input.d', cases: [{ as: 'double', named: 'x', do: 'x' }] } } },
        { let: { w: { type: ['double'], value: 1.5 } } },
        { set: { w: 'plain' } },
        { let: { total: { double: 0 } } },
        {
          forkey: 'k',
          forval: 'v',
          in: 'input.md',
          do: { set: { total: { '+': ['total', { cast: 'v', cases: [{ as: 'double', named: 'y', do: 'y' }] }] } } },
        },
        {
          new: {
            d: 'input.d',
            root: { 'm.sqrt': 'input.d' },
            plain: 'plain',
            wrapped: 'w',
            e: 'input.e',
            s: 'input.s',
            md: 'input.md',
            ai: 'input.ai',
            sum: 'total',
            lit: { type: ['double'], value: { double: 0.25 } },
          },
          type: 'Out',
        },
      ],
    };
    const want = await sameTextAnswers(doc, [
      '{"d": {"double": 2.25}, "s": {"string": "hi"}, "e": {"ex.Color": "green"}, "md": {"a": {"double": 1}, "b": {"double": 2.5}}, "ai": [{"int": 3}], "n": null}',
      // Untagged values and a named branch by its short name are read as well.
      '{"d": 4, "s": "x", "e": {"Color": "red"}, "md": {"q": 7}, "ai": [5, {"int": -1}], "n": null}',
      '{"d": {"int": 4}, "s": "x", "e": "red", "md": {}, "ai": [], "n": null}',
      '{"d": null, "s": "x", "e": "red", "md": {}, "ai": [], "n": null}',
    ]);
    expect(want[0]).toBe(
      '{"d":{"double":2.25},"root":1.5,"plain":2.25,"wrapped":{"double":2.25},"e":{"ex.Color":"green"},"s":"hi","md":{"a":{"double":1},"b":{"double":2.5}},"ai":[{"int":3}],"sum":3.5,"lit":{"double":0.25}}',
    );
    expect(want[1]).toBe(
      '{"d":{"double":4},"root":2,"plain":4,"wrapped":{"double":4},"e":{"ex.Color":"red"},"s":"x","md":{"q":{"double":7}},"ai":[{"int":5},{"int":-1}],"sum":7,"lit":{"double":0.25}}',
    );
    expect(want[2]).toMatch(
      /^error input 1100 \/d expected union<double> \(tagged as \{"type": value\}\), found \{"int":4\}/,
    );
    expect(want[3]).toMatch(/^error input 1100 \/d /);
  });

  it('work in cells, user functions, cell updates, nested named types, ifnotnull and long branches', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'x', type: ['null', 'double'] },
          {
            name: 'r',
            type: [{ type: 'record', name: 'P', namespace: 'geo', fields: [{ name: 'a', type: ['int'] }] }],
          },
          { name: 'k', type: ['long'] },
        ],
      },
      output: ['double'],
      cells: { acc: { type: ['double'], init: { double: 0.5 } } },
      fcns: {
        twice: {
          params: [{ v: ['double'] }],
          ret: ['double'],
          do: { '*': [2, { cast: 'v', cases: [{ as: 'double', named: 'z', do: 'z' }] }] },
        },
      },
      action: [
        { cell: 'acc', to: { params: [{ old: ['double'] }], ret: ['double'], do: { 'u.twice': ['old'] } } },
        {
          let: {
            a: {
              cast: 'input.r',
              cases: [{ as: 'geo.P', named: 'p', do: { cast: 'p.a', cases: [{ as: 'int', named: 'i', do: 'i' }] } }],
            },
          },
        },
        { let: { big: { '+': [{ cast: 'input.k', cases: [{ as: 'long', named: 'l', do: 'l' }] }, 1] } } },
        {
          ifnotnull: { v: 'input.x' },
          then: { '+': ['v', { '+': ['a', { 'm.sqrt': { cell: 'acc' } }] }] },
          else: { cell: 'acc' },
        },
      ],
    };
    const want = await sameTextAnswers(
      doc,
      [
        '{"x": {"double": 1.5}, "r": {"geo.P": {"a": {"int": 7}}}, "k": {"long": 9007199254740993}}',
        '{"x": null, "r": {"P": {"a": 1}}, "k": 1}',
      ],
      false,
    );
    // acc doubles on each call: 1, then 2.
    expect(want).toEqual(['{"double":9.5}', '{"double":2}']);
  });

  it('of an array, a map or null lower to Wasm (a union class), cast to their branch for library calls', async () => {
    const xs = [{ type: 'array', items: 'double' }];
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'xs', type: xs },
          { name: 'm', type: [{ type: 'map', values: 'int' }] },
          { name: 'n', type: ['null'] },
        ],
      },
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'sum', type: 'double' },
          { name: 'xs', type: xs },
          { name: 'len', type: 'int' },
          { name: 'n', type: ['null'] },
        ],
      },
      action: {
        new: {
          sum: { cast: 'input.xs', cases: [{ as: xs[0], named: 'a', do: { 'a.sum': 'a' } }] },
          xs: 'input.xs',
          len: { cast: 'input.m', cases: [{ as: { type: 'map', values: 'int' }, named: 'm', do: { 'map.len': 'm' } }] },
          n: 'input.n',
        },
        type: 'Out',
      },
    };
    const want = await sameTextAnswers(doc, [
      '{"xs": {"array": [1, 2.5]}, "m": {"map": {"a": 1}}, "n": null}',
      '{"xs": [], "m": {}, "n": null}',
    ]);
    expect(want).toEqual([
      '{"sum":3.5,"xs":{"array":[1,2.5]},"len":1,"n":null}',
      '{"sum":0,"xs":{"array":[]},"len":0,"n":null}',
    ]);
    // A signature's pattern (array<any A of ...>) is matched against the union itself, as the
    // wildcard restrictions compare types by equality: without the cast there is no signature.
    const e = loadError({ ...doc, output: 'double', action: { 'a.sum': 'input.xs' } });
    expect([e.kind, e.code]).toEqual(['semantic', 1004]);
  });

  it('are case types of "cast": a value of the branch is taken as the one-branch union', async () => {
    const doc = {
      input: ['null', 'double', 'string'],
      output: 'string',
      action: {
        cast: 'input',
        cases: [
          {
            as: ['double'],
            named: 'd',
            do: {
              cast: 'd',
              cases: [
                {
                  as: 'double',
                  named: 'e',
                  do: { if: { '>': ['e', 1] }, then: { string: 'big' }, else: { string: 'small' } },
                },
              ],
            },
          },
          { as: 'string', named: 's', do: 's' },
          { as: 'null', named: 'n', do: { string: 'none' } },
        ],
      },
    };
    expect(await sameTextAnswers(doc, ['{"double": 2.5}', '{"string": "x"}', 'null', '{"double": 0.5}'])).toEqual([
      '"big"',
      '"x"',
      '"none"',
      '"small"',
    ]);
  });

  it('like any union of numbers, go where a double is expected (spec sec. 3.4), branch by branch in Wasm', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'a', type: ['int', 'double'] },
          { name: 'b', type: ['int', 'long'] },
          { name: 'c', type: ['float'] },
        ],
      },
      output: 'double',
      action: { '+': [{ '+': [{ 'm.sqrt': 'input.a' }, { 'm.sqrt': 'input.b' }] }, { 'm.sqrt': 'input.c' }] },
    };
    const want = await sameTextAnswers(doc, [
      '{"a": {"int": 4}, "b": {"long": 9}, "c": {"float": 0.25}}',
      '{"a": {"double": 2.25}, "b": {"int": 16}, "c": {"float": 0.01}}',
    ]);
    expect(want).toEqual(['5.5', String(1.5 + 4 + Math.sqrt(Math.fround(0.01)))]);
  });

  it('go into the Kleene operators, as do plain booleans and union<null, boolean>', async () => {
    const B = ['null', 'boolean'];
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'b', type: ['boolean'] },
          { name: 'c', type: B },
          { name: 'p', type: 'boolean' },
        ],
      },
      output: { type: 'array', items: B },
      action: {
        new: [
          { '|||': ['input.b', false] },
          { '&&&': ['input.c', 'input.b'] },
          { '|||': [false, 'input.b'] },
          { '&&&': ['input.p', 'input.c'] },
          { '|||': ['input.c', 'input.p'] },
        ],
        type: { type: 'array', items: B },
      },
    };
    const want = await sameTextAnswers(doc, [
      '{"b": {"boolean": true}, "c": null, "p": true}',
      '{"b": false, "c": {"boolean": true}, "p": false}',
      '{"b": false, "c": null, "p": false}',
    ]);
    expect(want).toEqual([
      '[{"boolean":true},null,{"boolean":true},null,{"boolean":true}]',
      '[{"boolean":false},{"boolean":false},{"boolean":false},{"boolean":false},{"boolean":true}]',
      '[{"boolean":false},{"boolean":false},{"boolean":false},{"boolean":false},null]',
    ]);
  });

  it('are tagged by cast.json and carry their branch index in cast.avro, as Avro encodes them', () => {
    const doc = {
      input: ['double'],
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'json', type: 'string' },
          { name: 'avro', type: 'bytes' },
        ],
      },
      action: { new: { json: { 'cast.json': 'input' }, avro: { 'cast.avro': 'input' } }, type: 'Out' },
    };
    const e = PFAEngine.fromJson(doc, { backend: 'js' });
    const out = e.action(e.decodeText('{"double": 2.5}')) as { json: string; avro: Uint8Array };
    expect(out.json).toBe('{"double":2.5}');
    // Branch index 0 (zig-zag varint 0x00), then 2.5 as a little-endian double.
    expect([...out.avro]).toEqual([0, 0, 0, 0, 0, 0, 0, 4, 64]);
  });

  it('"ifnotnull" rejects ["null"], which leaves the symbol no type', () => {
    const e = loadError({ input: ['null'], output: 'null', action: { ifnotnull: { x: 'input' }, then: null } });
    expect(e.kind).toBe('semantic');
    expect(e.path).toBe('/action/ifnotnull/x');
    expect(e.message).toContain('a union of null and another type');
  });
});

describe('Avro rules for unions in schemas', () => {
  it.each([
    ['two ints', ['int', 'null', 'int'], '/input/2', '"int"'],
    [
      'two arrays',
      [
        { type: 'array', items: 'int' },
        { type: 'array', items: 'string' },
      ],
      '/input/1',
      '"array"',
    ],
    [
      'two maps',
      [
        { type: 'map', values: 'int' },
        { type: 'map', values: 'int' },
      ],
      '/input/1',
      '"map"',
    ],
    ['a record twice', [{ type: 'record', name: 'R', fields: [] }, 'R'], '/input/1', '"R"'],
  ])('a union with %s is a syntax error (code 1001)', (_name, input, path, tag) => {
    const e = loadError({ input, output: 'null', action: null });
    expect([e.kind, e.code, e.path]).toEqual(['syntax', 1001, path]);
    expect(e.message).toContain(tag);
  });

  it('named types of different full names may share a union, and are tagged by full name', async () => {
    const doc = {
      input: [
        { type: 'enum', name: 'E', namespace: 'a', symbols: ['x', 'y'] },
        { type: 'enum', name: 'E', namespace: 'b', symbols: ['z'] },
      ],
      output: ['a.E', 'b.E'],
      action: 'input',
    };
    const want = await sameTextAnswers(doc, ['{"a.E": "y"}', '{"b.E": "z"}', '{"b.E": "y"}', '"x"', '{"E": "z"}']);
    expect(want.slice(0, 4)).toEqual([
      '{"a.E":"y"}',
      '{"b.E":"z"}',
      expect.stringMatching(/^error input 1100 \/b\.E /),
      '{"a.E":"x"}',
    ]);
    // A short name is not a tag when two branches share it.
    expect(want[4]).toMatch(/^error input 1100 /);
  });

  // Issue 16 §2: branches JS holds alike (enum symbols of two enums, int and double) keep the
  // branch a value was given (values.ts Tagged; more in 16-held-alike-unions.test.ts).
  it('a value keeps the branch it was given among branches of one runtime class', () => {
    const doc = {
      input: [
        { type: 'enum', name: 'E', namespace: 'a', symbols: ['x'] },
        { type: 'enum', name: 'E', namespace: 'b', symbols: ['x'] },
        'int',
        'double',
      ],
      output: ['a.E', 'b.E', 'int', 'double'],
      action: 'input',
    };
    const e = PFAEngine.fromJson(doc, { backend: 'js' });
    expect(answers(e, ['{"b.E": "x"}', '{"double": 3}'])).toEqual(['{"b.E":"x"}', '{"double":3}']);
  });

  it.each([
    ['a record named int', { type: 'record', name: 'int', fields: [] }, '/input/name', 'names a primitive type'],
    [
      'an enum named ns.double',
      { type: 'enum', name: 'ns.double', symbols: ['a'] },
      '/input/name',
      'names a primitive type',
    ],
    ['a fixed of size 1.5', { type: 'fixed', name: 'F', size: 1.5 }, '/input/size', 'non-negative integer'],
    ['a fixed of size -1', { type: 'fixed', name: 'F', size: -1 }, '/input/size', 'non-negative integer'],
    [
      'a default of another type',
      { type: 'record', name: 'R', fields: [{ name: 'x', type: 'double', default: 'abc' }] },
      '/input/fields/0/default',
      'expected a double',
    ],
    [
      'a default in no branch',
      { type: 'record', name: 'R', fields: [{ name: 'x', type: ['null', 'double'], default: 'abc' }] },
      '/input/fields/0/default',
      'union<null, double>',
    ],
  ])('%s is a syntax error (code 1001) when the document loads', (_name, input, path, message) => {
    const e = loadError({ input, output: 'null', action: null });
    expect([e.kind, e.code, e.path]).toEqual(['syntax', 1001, path]);
    expect(e.message).toContain(message);
  });

  it('defaults of unions are untagged (Avro: the first branch), a fixed may be empty, aliases name nothing', () => {
    const R = {
      type: 'record',
      name: 'R',
      aliases: ['Old'],
      fields: [
        { name: 'x', type: ['double', 'null'], default: 1.5 },
        { name: 'y', type: ['double'], default: 2.5 },
        { name: 'z', type: ['null', 'string'], default: null },
        { name: 'f', type: { type: 'fixed', name: 'F', size: 0 }, default: '' },
      ],
    };
    const e = PFAEngine.fromJson({ input: R, output: 'R', action: 'input' }, { backend: 'js' });
    expect(answers(e, ['{}'])).toEqual(['{"x":{"double":1.5},"y":{"double":2.5},"z":null,"f":""}']);
    const alias = loadError({ input: R, output: 'Old', action: 'input' });
    expect([alias.kind, alias.code]).toEqual(['semantic', 1002]);
  });

  it('namespaces: inherited by nested definitions, reset by "", ignored by a dotted name', () => {
    const E = (ns?: string) => ({
      type: 'enum',
      name: 'E',
      symbols: ['a'],
      ...(ns === undefined ? {} : { namespace: ns }),
    });
    const cases: [object, string[]][] = [
      [
        {
          type: 'record',
          name: 'R',
          namespace: 'n.s',
          fields: [
            { name: 'e', type: E() },
            { name: 'f', type: 'E' },
            { name: 'g', type: 'n.s.E' },
          ],
        },
        ['n.s.R', 'n.s.E'],
      ],
      [
        {
          type: 'record',
          name: 'R',
          namespace: 'n',
          fields: [
            { name: 'e', type: E('') },
            { name: 'f', type: 'E' },
          ],
        },
        ['n.R', 'E'],
      ],
      [
        {
          type: 'record',
          name: 'a.R',
          namespace: 'zzz',
          fields: [
            { name: 'e', type: E() },
            { name: 'f', type: 'a.E' },
          ],
        },
        ['a.R', 'a.E'],
      ],
    ];
    for (const [input, [record, en]] of cases) {
      const e = PFAEngine.fromJson({ input, output: [record, 'null'], action: 'input' }, { backend: 'js' });
      const t = e.inputType as unknown as { name: string; fields: { type: { name: string } }[] };
      expect([t.name, t.fields[0].type.name, t.fields[1].type.name]).toEqual([record, en, en]);
    }
  });

  it('a union may not directly contain a union, nor be empty', () => {
    expect(loadError({ input: ['int', ['null', 'string']], output: 'null', action: null }).message).toContain(
      'may not directly contain a union',
    );
    expect(loadError({ input: [], output: 'null', action: null }).message).toContain('an empty union');
  });
});
