/**
 * Issue 16 §2: "a union holding both int and double must not be ambiguous: the value keeps the
 * branch it was given". JS holds int, float and double alike (numbers), string and enum alike, so
 * the values of such branches are boxed (values.ts `Tagged`); each place a union value is made or
 * read keeps the branch, on both backends: input (tagged, untagged), output, cast, ifnotnull,
 * union literals, upcast, new arrays and maps, cells, equality, order, hashing (map.toset), the
 * engine API's runtime values.
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine } from '../../src/index.js';
import { Tagged, boxerFor, branchIndex, comparatorFor, heldAlike, valuesEqual } from '../../src/values.js';
import { T, unionType } from '../../src/types/avro.js';
import { avroBinary } from '../../src/lib/util/avroBinary.js';
import { openApiDocument } from '../../src/openapi/document.js';
import { sameTextAnswers } from '../helpers/answers.js';
import avro from 'avsc';
import { avroBatches, avscType } from '../../src/hosts/cli/score/avro.js';
import { toSchema } from '../../src/types/avro.js';

const NUM = ['int', 'double'];
const E = { type: 'enum', name: 'E', symbols: ['x', 'y'] };

describe('a union with branches JS holds alike', () => {
  it('boxes only the branches held alike', () => {
    const u = unionType([T.null, T.int, T.float, T.double, T.string, T.long]);
    expect(heldAlike(u)).toEqual([false, true, true, true, false, false]);
    expect(heldAlike(unionType([T.null, T.string, T.double]))).toEqual([false, false, false]);
  });

  it('keeps the branch of each value through input, output and the wire, tagged or not', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'a', type: NUM },
          { name: 'b', type: ['float', 'double'] },
          { name: 'c', type: ['string', E] },
        ],
      },
      output: 'In',
      action: 'input',
    };
    const want = await sameTextAnswers(doc, [
      '{"a": {"double": 3}, "b": {"double": 0.5}, "c": {"E": "x"}}',
      '{"a": {"int": 3}, "b": {"float": 0.5}, "c": {"string": "x"}}',
      // untagged: the first branch that reads the value (Avro-JSON always tags)
      '{"a": 3.5, "b": 0.5, "c": "x"}',
    ]);
    expect(want).toEqual([
      '{"a":{"double":3},"b":{"double":0.5},"c":{"E":"x"}}',
      '{"a":{"int":3},"b":{"float":0.5},"c":{"string":"x"}}',
      '{"a":{"double":3.5},"b":{"float":0.5},"c":{"string":"x"}}',
    ]);
  }, 120_000);

  it('is matched by branch in cast, ifnotnull, ==, <, a.contains, a.sort and map.toset', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'a', type: NUM },
          { name: 'n', type: ['null', 'int', 'double'] },
          { name: 'xs', type: { type: 'array', items: NUM } },
        ],
      },
      output: { type: 'array', items: 'string' },
      cells: { one: { type: NUM, init: { double: 1 } } },
      action: [
        { let: { oneInt: { upcast: 1, as: NUM }, oneDouble: { upcast: { double: 1 }, as: NUM } } },
        {
          new: [
            {
              cast: 'input.a',
              cases: [
                { as: 'int', named: 'i', do: { string: 'int' } },
                { as: 'double', named: 'd', do: { string: 'double' } },
              ],
            },
            {
              ifnotnull: { v: 'input.n' },
              then: {
                cast: 'v',
                cases: [
                  { as: 'int', named: 'i', do: { string: 'int' } },
                  { as: 'double', named: 'd', do: { string: 'double' } },
                ],
              },
              else: { string: 'null' },
            },
            { 'cast.json': { '==': ['input.a', { cell: 'one' }] } },
            { 'cast.json': { '==': ['input.a', 'oneInt'] } },
            { 'cast.json': { '<': ['input.a', 'oneDouble'] } },
            { 'cast.json': { 'a.contains': ['input.xs', 'input.a'] } },
            { 'cast.json': { 'a.sort': 'input.xs' } },
            { 'cast.json': { 'a.len': { 'map.keys': { 'map.toset': 'input.xs' } } } },
            { 'cast.json': { new: ['oneInt', 'oneDouble', 2.5, 2], type: { type: 'array', items: NUM } } },
            { 'cast.json': { value: { double: 2 }, type: NUM } },
          ],
          type: { type: 'array', items: 'string' },
        },
      ],
    };
    const want = await sameTextAnswers(doc, [
      '{"a": {"double": 1}, "n": {"double": 2}, "xs": [{"double": 1}, {"int": 1}]}',
      '{"a": {"int": 1}, "n": {"int": 2}, "xs": [{"double": 1}]}',
      '{"a": {"int": 1}, "n": null, "xs": []}',
    ]);
    // (the array of union literals and the tagged literal are the same for every input)
    const made = ['[{"int":1},{"double":1},{"double":2.5},{"int":2}]', '{"double":2}'];
    expect(want.map((w) => JSON.parse(w))).toEqual([
      ['double', 'double', 'true', 'false', 'false', 'true', '[{"int":1},{"double":1}]', '2', ...made],
      ['int', 'int', 'false', 'true', 'true', 'false', '[{"double":1}]', '1', ...made],
      ['int', 'null', 'false', 'true', 'true', 'false', '[]', '0', ...made],
    ]);
  }, 120_000);

  it('goes unboxed where its branch is expected, boxed where a union is, in maps and cells', async () => {
    const doc = {
      input: { type: 'map', values: NUM },
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'sum', type: 'double' },
          { name: 'kept', type: { type: 'map', values: ['int', 'double', 'string'] } },
          { name: 'last', type: NUM },
        ],
      },
      cells: { last: { type: NUM, init: { int: 0 } } },
      action: [
        { let: { total: { double: 0 } } },
        {
          forkey: 'k',
          forval: 'v',
          in: 'input',
          do: [{ set: { total: { '+': ['total', { upcast: 'v', as: 'double' }] } } }, { cell: 'last', to: 'v' }],
        },
        { new: { sum: 'total', kept: 'input', last: { cell: 'last' } }, type: 'Out' },
      ],
    };
    const want = await sameTextAnswers(doc, ['{"p": {"double": 2}, "q": {"int": 3}}', '{}']);
    expect(want).toEqual([
      '{"sum":5,"kept":{"p":{"double":2},"q":{"int":3}},"last":{"int":3}}',
      '{"sum":0,"kept":{},"last":{"int":3}}',
    ]);
  }, 120_000);
});

describe('the runtime values of such unions', () => {
  const u = unionType([T.int, T.double]);

  it('compare, hash and encode by branch', () => {
    const i = new Tagged('int', 1),
      d = new Tagged('double', 1);
    expect([branchIndex(i, u), branchIndex(d, u)]).toEqual([0, 1]);
    expect(valuesEqual(i, d)).toBe(false);
    expect(valuesEqual(d, new Tagged('double', 1))).toBe(true);
    expect(comparatorFor(u)(i, d)).toBe(-1);
    expect([...avroBinary(u, d)]).not.toEqual([...avroBinary(u, i)]);
  });

  it('in the API: a bare value goes to the branch its runtime type picks, a Tagged keeps its own', () => {
    const box = boxerFor({ kind: 'array', items: u })!;
    expect(box([1, 1.5, new Tagged('double', 2)])).toEqual([
      new Tagged('int', 1),
      new Tagged('double', 1.5),
      new Tagged('double', 2),
    ]);
    expect(boxerFor(unionType([T.null, T.double]))).toBeNull();
    const e = PFAEngine.fromJson({
      input: NUM,
      output: 'string',
      action: {
        cast: 'input',
        cases: [
          { as: 'int', named: 'i', do: { string: 'int' } },
          { as: 'double', named: 'd', do: { string: 'double' } },
        ],
      },
    });
    expect([e.action(2), e.action(2.5), e.action(new Tagged('double', 2))]).toEqual(['int', 'double', 'double']);
    const same = PFAEngine.fromJson({ input: NUM, output: NUM, action: 'input' });
    expect(same.decode({ double: 2 })).toEqual(new Tagged('double', 2));
    expect([same.encode(same.action(2)), same.encode(same.action(new Tagged('double', 2)))]).toEqual([
      { int: 2 },
      { double: 2 },
    ]);
  });

  it('are tagged in the OpenAPI schema, so {"double": 3} names its branch', () => {
    const doc = openApiDocument(PFAEngine.fromJson({ input: NUM, output: NUM, action: 'input' }));
    expect(JSON.stringify(doc)).toContain('"required":["double"]');
  });

  it('keep the branch read from an Avro container file', async () => {
    const type = unionType([T.int, T.double]);
    const encoder = new avro.streams.BlockEncoder(avscType(toSchema(type)));
    const chunks: Buffer[] = [];
    encoder.on('data', (b: Buffer) => chunks.push(b));
    const done = new Promise((resolve) => encoder.on('end', resolve));
    for (const v of [{ double: 3 }, { int: 3 }]) encoder.write(v);
    encoder.end();
    await done;
    const got: unknown[] = [];
    const source = (async function* () {
      yield* chunks;
    })();
    for await (const batch of avroBatches(source, type, 10)) got.push(...batch);
    expect(got).toEqual([new Tagged('double', 3), new Tagged('int', 3)]);
  });
});
