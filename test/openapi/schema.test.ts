/**
 * The OpenAPI document's schemas, checked by a JSON Schema 2020-12 validator (ajv) against what
 * the engine actually reads and writes: values the engine decodes validate, values it rejects do
 * not, and the engine's outputs validate against the response schema.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { PFAEngine } from '../../src/engine.js';
import { openApiDocument } from '../../src/openapi/document.js';
import { SchemaBuilder } from '../../src/openapi/schema.js';
import { SONAR_MODEL, SONAR_ROWS } from '../hosts/lambda/fixtures.js';
import { REFERENCE } from '../helpers/reference.js';

/** The parts of the OpenAPI document and of its JSON Schemas that these tests read. */
type Schema = { properties: Record<string, unknown>; required: string[]; anyOf: unknown[] };
type Body = { content: Record<string, { schema: Schema }> };
type Api = {
  components: { schemas: Record<string, Schema> };
  paths: Record<string, { post: { requestBody: Body; responses: Record<string, Body> } }>;
};

function validators(engine: PFAEngine) {
  const doc = openApiDocument(engine) as Api;
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'api', components: doc.components });
  const post = doc.paths['/score'].post;
  return {
    doc,
    input: ajv.compile({ $ref: 'api#/components/schemas/pfa-input' }),
    request: ajv.compile({
      $id: 'req',
      ...post.requestBody.content['application/json'].schema,
      $ref: undefined,
      anyOf: rebase(post.requestBody.content['application/json'].schema.anyOf),
    }),
    response: ajv.compile({ $id: 'res', anyOf: rebase(post.responses[200].content['application/json'].schema.anyOf) }),
  };
}

/** The path schemas refer to '#/components/...' of the OpenAPI document: point them at 'api'. */
function rebase(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x).replace(/"#\/components\//g, '"api#/components/'));
}

describe('OpenAPI for the Sonar model', () => {
  const engine = PFAEngine.fromJson(readFileSync(SONAR_MODEL, 'utf8'));
  const v = validators(engine);
  const rows = readFileSync(join(REFERENCE, 'data/sonar.jsonl'), 'utf8').split('\n').filter(Boolean);

  it('every Sonar row validates, alone, as an array, and as {"records": [...]}; each output validates', () => {
    const records = rows.map((r) => JSON.parse(r));
    for (const r of records) {
      expect(v.input(r), JSON.stringify(v.input.errors)).toBe(true);
      expect(v.response(JSON.parse(JSON.stringify(engine.encode(engine.action(engine.decode(r))))))).toBe(true);
    }
    expect(v.request(records)).toBe(true);
    expect(v.request({ records })).toBe(true);
  });

  it('rows the engine rejects do not validate', () => {
    const row = JSON.parse(SONAR_ROWS[0]);
    const { V1: _, ...missing } = row;
    for (const bad of [missing, { ...row, V2: '0.1' }, { ...row, extra: 1 }, { ...row, V3: null }]) {
      expect(() => engine.decode(bad)).toThrow();
      expect(v.input(bad)).toBe(false);
      expect(v.request(bad)).toBe(false);
    }
    expect(v.request({ records: [missing] })).toBe(false);
  });

  it('describes the routes and the error body', () => {
    expect(Object.keys(v.doc.paths)).toEqual(['/score', '/health', '/openapi.json']);
    expect(Object.keys(v.doc.paths['/score'].post.responses)).toEqual(['200', '400', '413', '422', '503']);
    expect(v.doc.components.schemas['pfa-error'].required).toEqual(['error', 'code', 'path']);
  });
});

describe('Avro types as JSON Schema', () => {
  const doc = {
    input: {
      type: 'record',
      name: 'In',
      namespace: 'com.example',
      fields: [
        {
          name: 'u',
          type: ['null', 'double', 'string', { type: 'record', name: 'Pt', fields: [{ name: 'x', type: 'int' }] }],
        },
        { name: 'counts', type: { type: 'map', values: 'long' } },
        { name: 'color', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'] } },
        { name: 'raw', type: 'bytes' },
        { name: 'id', type: { type: 'fixed', name: 'Id', size: 4 } },
        {
          name: 'tree',
          type: {
            type: 'record',
            name: 'Node',
            fields: [
              { name: 'kids', type: { type: 'array', items: 'Node' } },
              { name: 'w', type: 'float' },
            ],
          },
        },
        { name: 'flag', type: 'boolean', default: false },
      ],
    },
    output: 'com.example.In',
    action: 'input',
  };
  const engine = PFAEngine.fromJson(doc);
  const v = validators(engine);
  const good = {
    u: { 'com.example.Pt': { x: 3 } },
    counts: { a: 12345, b: -1 },
    color: 'GREEN',
    raw: 'AAEC',
    id: 'AAECAw==',
    tree: { kids: [{ kids: [], w: 'nan' }], w: 1.5 },
    flag: true,
  };

  it("an Avro-JSON value the engine reads validates, and so does the engine's output for it", () => {
    for (const u of [null, { double: 2.5 }, { string: 's' }, { 'com.example.Pt': { x: 1 } }]) {
      const value = { ...good, u };
      expect(() => engine.decode(value)).not.toThrow();
      expect(v.input(value), JSON.stringify(v.input.errors)).toBe(true);
      const out = JSON.parse(engine.encodeText(engine.action(engine.decode(value))));
      expect(v.response(out), JSON.stringify(v.response.errors)).toBe(true);
    }
    const { flag: _, ...withoutDefault } = good;
    expect(v.input(withoutDefault)).toBe(true);
  });

  it.each([
    ['an unknown union tag', { u: { int: 1 } }],
    ['an int out of range', { u: { 'com.example.Pt': { x: 2 ** 31 } } }],
    ['a fractional long', { counts: { a: 1.5 } }],
    ['a symbol not in the enum', { color: 'BLUE' }],
    ['a number for bytes', { raw: 1 }],
    ['fixed of the wrong size', { id: 'AAEC' }],
    ['a bad float string', { tree: { kids: [], w: 'big' } }],
    ['an extra field in a nested record', { tree: { kids: [], w: 1, z: 0 } }],
  ])('%s is rejected by the engine and the schema', (_name, change) => {
    const bad = { ...good, ...change };
    expect(() => engine.decode(bad)).toThrow();
    expect(v.input(bad)).toBe(false);
  });

  it('a one-branch union (aurelius\'s ["double"]) is a tagged value, in and out', () => {
    const one = PFAEngine.fromJson({
      input: {
        type: 'record',
        name: 'Node',
        fields: [
          { name: 'value', type: ['double'] },
          { name: 'pass', type: ['string', 'Node'] },
        ],
      },
      output: 'Node',
      action: 'input',
    });
    const w = validators(one);
    const value = { value: { double: 2.45 }, pass: { Node: { value: { double: 1 }, pass: { string: 'leaf' } } } };
    expect(w.input(value), JSON.stringify(w.input.errors)).toBe(true);
    const out = JSON.parse(one.encodeText(one.action(one.decode(value))));
    expect(out).toEqual(value);
    expect(w.response(out), JSON.stringify(w.response.errors)).toBe(true);
    const wrongTag = { ...value, value: { int: 2 } };
    expect(() => one.decode(wrongTag)).toThrow();
    expect(w.input(wrongTag)).toBe(false);
  });

  it('named types are components; recursion is a $ref to itself', () => {
    const b = new SchemaBuilder();
    expect(b.schema(engine.inputType)).toEqual({ $ref: '#/components/schemas/com.example.In' });
    expect(Object.keys(b.components).sort()).toEqual([
      'com.example.Color',
      'com.example.Id',
      'com.example.In',
      'com.example.Node',
      'com.example.Pt',
      'double',
      'float',
    ]);
    expect((b.components['com.example.Node'] as Schema).properties.kids).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/com.example.Node' },
    });
    expect((b.components['com.example.In'] as Schema).properties.counts).toEqual({
      type: 'object',
      additionalProperties: { type: 'integer', format: 'int64' },
    });
    expect((b.components['com.example.In'] as Schema).required).not.toContain('flag');
  });
});
