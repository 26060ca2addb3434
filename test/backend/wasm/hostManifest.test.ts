/** A manifest's schemas read back (hostManifest.ts fromSchema): the types types/schema.ts builds, one per name. */
import { describe, expect, it } from 'vitest';
import { fromSchema } from '../../../src/backend/wasm/hostManifest.js';
import { AvroType, NamedType, toSchema } from '../../../src/types/avro.js';
import { TypeNames } from '../../../src/types/schema.js';
import { PfaError } from '../../../src/errors/PfaError.js';

const SCHEMAS: [string, unknown][] = [
  ['primitives', ['null', 'boolean', 'int', 'long', 'float', 'double', 'string', 'bytes']],
  ['containers', { type: 'map', values: { type: 'array', items: ['null', 'double'] } }],
  [
    'named types, nested and used twice',
    {
      type: 'record',
      name: 'com.example.Outer',
      fields: [
        { name: 'e', type: { type: 'enum', name: 'Colour', symbols: ['R', 'G'] } },
        { name: 'f', type: { type: 'fixed', name: 'Hash', size: 4 } },
        { name: 'again', type: { type: 'array', items: 'com.example.Colour' } },
        { name: 'inner', type: { type: 'record', name: 'Inner', fields: [{ name: 'h', type: 'com.example.Hash' }] } },
      ],
    },
  ],
  [
    'a recursive record',
    { type: 'record', name: 'Tree', fields: [{ name: 'kids', type: { type: 'array', items: 'Tree' } }] },
  ],
];

/** The type as the front end builds it, then as the manifest writes (toSchema) and the host reads it. */
function roundTrip(schema: unknown): { built: AvroType; read: AvroType } {
  const built = new TypeNames().build(schema, '');
  return { built, read: fromSchema(toSchema(built), new Map(), '/runtime/input') };
}

describe('fromSchema', () => {
  for (const [name, schema] of SCHEMAS) {
    it(`reads back what toSchema writes: ${name}`, () => {
      const { built, read } = roundTrip(schema);
      expect(read).toEqual(built);
      expect(toSchema(read)).toEqual(toSchema(built));
    });
  }

  it('makes one type per name, across the schemas of one manifest', () => {
    const { built } = roundTrip(SCHEMAS[2][1]);
    const named = new Map<string, NamedType>();
    const input = fromSchema(toSchema(built), named, '/runtime/input') as Extract<AvroType, { kind: 'record' }>;
    const output = fromSchema(toSchema(built), named, '/runtime/output');
    expect(output).toBe(input);
    const colour = input.fields[0].type;
    expect((input.fields[2].type as Extract<AvroType, { kind: 'array' }>).items).toBe(colour);
    const tree = fromSchema(toSchema(roundTrip(SCHEMAS[3][1]).built), new Map(), '');
    expect(((tree as Extract<AvroType, { kind: 'record' }>).fields[0].type as { items: AvroType }).items).toBe(tree);
  });

  it('refuses a schema that toSchema does not write, naming where it is', () => {
    for (const [schema, at] of [
      ['Undefined', '/runtime/input'],
      [{ type: 'record', name: 'R', fields: [{ name: 'x', type: 'nope' }] }, '/runtime/input/fields/0/type'],
      [{ type: 'enum', name: 'E' }, '/runtime/input'],
      [{ type: 'string' }, '/runtime/input'],
      [[{ type: 'map' }], '/runtime/input/0/values'],
    ] as [unknown, string][]) {
      let error: unknown;
      try {
        fromSchema(schema, new Map(), '/runtime/input');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PfaError);
      expect((error as PfaError).message).toBe(
        `the manifest's schema at ${at} is not one that pfa-wasm compile writes`,
      );
    }
  });
});
