/**
 * Issue 16: every valid PFA document runs on the Wasm backend. The argument shapes that lowered
 * last, each in a document that reaches it, with the same answers (and errors) on both backends.
 */
import { describe, expect, it } from 'vitest';
import { sameTextAnswers } from '../helpers/answers.js';

const map = (values: unknown) => ({ type: 'map', values });

describe('shapes that lower since issue 16', () => {
  it('orders maps as comparatorFor: entries by sorted key, key then value, then size', async () => {
    const pair = (values: unknown) => ({
      type: 'record',
      name: 'Pair',
      fields: [
        { name: 'x', type: map(values) },
        { name: 'y', type: map(values) },
      ],
    });
    const ops = (a: string, b: string) => ({
      type: { type: 'array', items: 'int' },
      new: [
        { cmp: [a, b] },
        { if: { '<': [a, b] }, then: 1, else: 0 },
        { if: { '<=': [a, b] }, then: 1, else: 0 },
        { if: { '>': [a, b] }, then: 1, else: 0 },
        { if: { '==': [a, b] }, then: 1, else: 0 },
      ],
    });
    const doubles = {
      input: pair('double'),
      output: { type: 'array', items: 'int' },
      action: ops('input.x', 'input.y'),
    };
    await sameTextAnswers(doubles, [
      '{"x": {}, "y": {}}',
      '{"x": {}, "y": {"a": 1}}',
      '{"x": {"b": 1, "a": 2}, "y": {"a": 2, "b": 1}}',
      '{"x": {"b": 1, "a": 2}, "y": {"a": 2, "b": 1.5}}',
      '{"x": {"a": 1, "c": 0}, "y": {"b": 0, "a": 1}}',
      '{"x": {"a": 1, "b": 0}, "y": {"a": 1}}',
      '{"x": {"a": "nan"}, "y": {"a": 1e308}}',
      '{"x": {"a": "nan"}, "y": {"a": "nan"}}',
      '{"x": {"a": -0.0}, "y": {"a": 0.0}}',
      // Code points above U+FFFF sort after U+E000-U+FFFF (not in UTF-16 unit order).
      '{"x": {"\\ud83d\\ude00": 1}, "y": {"\\uffff": 1}}',
      '{"x": {"é": 1, "e": 2}, "y": {"e": 2, "f": 0}}',
    ]);
    // Maps inside maps, arrays, records and unions; a.sort, max and map.argmax of maps.
    const nested = {
      input: { type: 'array', items: map(map(['null', 'string', { type: 'array', items: 'long' }])) },
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          {
            name: 'sorted',
            type: { type: 'array', items: map(map(['null', 'string', { type: 'array', items: 'long' }])) },
          },
          { name: 'max', type: { type: 'array', items: 'int' } },
        ],
      },
      action: {
        new: {
          sorted: { 'a.sort': ['input'] },
          max: { 'a.argmaxN': ['input', 3] },
        },
        type: 'Out',
      },
    };
    await sameTextAnswers(nested, [
      '[]',
      '[{"a": {"k": null}}, {"a": {"k": {"string": "x"}}}, {"a": {}}, {}]',
      '[{"a": {"k": {"array": [1, 2]}}}, {"a": {"k": {"array": [1]}}}, {"b": {}, "a": {"k": null}}]',
      '[{"z": {}}, {"a": {"k": {"string": "b"}}}, {"a": {"k": {"string": "a"}, "j": null}}, {"a": {"j": null}}]',
    ]);
  });

  it('impute takes a union of null and several types, A being the union of those', async () => {
    const POINT = { type: 'record', name: 'Point', fields: [{ name: 'x', type: 'double' }] };
    const many = ['null', 'int', 'string', POINT, { type: 'array', items: 'double' }];
    const A = ['int', 'string', 'Point', { type: 'array', items: 'double' }];
    const doc = (action: object) => ({ input: many, output: A, action });
    const texts = ['null', '{"int": 7}', '{"string": "é"}', '{"Point": {"x": -0.0}}', '{"array": [1, "nan"]}'];
    await sameTextAnswers(doc({ 'impute.errorOnNull': ['input'] }), texts);
    await sameTextAnswers(
      doc({ 'impute.defaultOnNull': ['input', { value: [2.5], type: { type: 'array', items: 'double' } }] }),
      texts,
    );
    // Scalars only (a v128 union), read back in another branch order.
    const scalars = { input: ['string', 'null', 'double', 'boolean'], output: ['boolean', 'double', 'string'] };
    const scalarTexts = ['null', '{"string": "a"}', '{"double": "nan"}', '{"boolean": false}'];
    await sameTextAnswers({ ...scalars, action: { 'impute.errorOnNull': ['input'] } }, scalarTexts);
    await sameTextAnswers(
      { ...scalars, action: { 'impute.defaultOnNull': ['input', { string: 'none' }] } },
      scalarTexts,
    );
  });

  it('model.tree.simpleTest compares fields of any kind with values of a type that accepts them', async () => {
    const COLOR = { type: 'enum', name: 'Color', symbols: ['red', 'green', 'blue'] };
    const P = {
      type: 'record',
      name: 'P',
      fields: [
        { name: 'a', type: 'double' },
        { name: 'b', type: 'string' },
      ],
    };
    const fields: [string, unknown][] = [
      ['flag', 'boolean'],
      ['color', COLOR],
      ['raw', 'bytes'],
      ['xs', { type: 'array', items: 'double' }],
      ['p', P],
      ['m', map('int')],
    ];
    const Datum = { type: 'record', name: 'Datum', fields: fields.map(([name, type]) => ({ name, type })) };
    const doc = (value: unknown) => ({
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'd', type: Datum },
          {
            name: 'c',
            type: {
              type: 'record',
              name: 'Cmp',
              fields: [
                { name: 'field', type: { type: 'enum', name: 'Field', symbols: fields.map(([n]) => n) } },
                { name: 'operator', type: 'string' },
                { name: 'value', type: value },
              ],
            },
          },
        ],
      },
      output: 'boolean',
      action: { 'model.tree.simpleTest': ['input.d', 'input.c'] },
    });
    const datum =
      '{"flag": true, "color": "green", "raw": "Af8=", "xs": [1, "nan"], "p": {"a": -0.0, "b": "x"}, "m": {"b": 1, "a": 2}}';
    const values = [
      '{"boolean": false}',
      '{"Color": "blue"}',
      '{"Color": "green"}',
      '{"bytes": "AQ=="}',
      '{"array": [1, "nan"]}',
      '{"array": [0.5]}',
      '{"P": {"a": 0.0, "b": "x"}}',
      '{"P": {"a": 0.0, "b": "w"}}',
      '{"map": {"a": 2, "b": 1}}',
      '{"map": {"a": 2}}',
    ];
    const texts = (values: string[]) =>
      fields.flatMap(([f]) =>
        ['<', '<=', '>', '>=', '==', '!=', 'in', 'notIn', 'isMissing', 'bad'].flatMap((operator) =>
          values.map((v) => `{"d": ${datum}, "c": {"field": "${f}", "operator": "${operator}", "value": ${v}}}`),
        ),
      );
    const got = await sameTextAnswers(
      doc(['boolean', 'Color', 'bytes', { type: 'array', items: 'double' }, 'P', map('int')]),
      texts(values),
    );
    // Every field is compared (true and false answers), besides the operators' errors.
    const per = got.length / fields.length;
    for (let i = 0; i < fields.length; i++) {
      const answers = new Set(got.slice(i * per, (i + 1) * per));
      expect([answers.has('true'), answers.has('false')], `${fields[i][0]}: ${[...answers].join(' / ')}`).toEqual([
        true,
        true,
      ]);
    }
    // "in" of a record: structural equality (valuesEqual: -0 equals 0).
    const ps = [
      '[]',
      '[{"a": 0.0, "b": "x"}]',
      '[{"a": 1, "b": "x"}, {"a": -0.0, "b": "x"}]',
      '[{"a": -0.0, "b": "y"}]',
    ];
    expect(await sameTextAnswers(doc({ type: 'array', items: 'P' }), texts(ps))).toContain('true');
  });
});
