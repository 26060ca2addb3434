/**
 * The Avro-JSON decoder's records (src/codec/avroJson.ts): built from a per-type template
 * (values.ts recordMaker) so that wide records stay in V8's fast mode; they must still be plain
 * prototype-less records holding exactly their fields, in the schema's order.
 */
import { describe, expect, it } from 'vitest';
import { decoderFor } from '../../src/codec/avroJson.js';
import type { PfaError } from '../../src/errors/PfaError.js';
import type { AvroType } from '../../src/types/avro.js';
import type { PfaRecord } from '../../src/values.js';

const names = ['__proto__', 'toString', 'constructor', ...Array.from({ length: 60 }, (_, i) => `V${i + 1}`)];
const wide = {
  kind: 'record',
  name: 'Wide',
  fields: names.map((name) => ({ name, type: { kind: 'double' } })),
} as AvroType;

describe('decoded records', () => {
  it('hold their fields as own properties in the schema order, with no prototype, whatever the input order', () => {
    const decode = decoderFor(wide);
    const json = Object.fromEntries(names.map((k, i) => [k, i + 0.5]).reverse());
    for (let k = 0; k < 3; k++) {
      const r = decode(json, '') as PfaRecord;
      expect(Object.getPrototypeOf(r)).toBe(null);
      expect(Object.keys(r)).toEqual(names);
      expect(names.map((n) => r[n])).toEqual(names.map((_, i) => i + 0.5));
      // (one record's stores never reach another's: each is a copy of the template)
      r.V1 = -1;
      expect((decode(json, '') as PfaRecord).V1).toBe(3.5);
    }
  });

  it('name the input path of a bad field and of a missing one', () => {
    const nested = {
      kind: 'record',
      name: 'Outer',
      fields: [{ name: 'inner', type: { kind: 'array', items: wide } }],
    } as AvroType;
    const good = Object.fromEntries(names.map((k) => [k, 1]));
    const decode = decoderFor(nested);
    const pathOf = (json: unknown) => {
      try {
        decode(json, '');
      } catch (e) {
        return (e as PfaError).inputPath;
      }
      return 'decoded';
    };
    expect(pathOf({ inner: [good, { ...good, V7: 'x' }] })).toBe('/inner/1/V7');
    const { V9: _, ...missing } = good;
    expect(pathOf({ inner: [good, good, missing] })).toBe('/inner/2/V9');
    expect(pathOf({ inner: [good] })).toBe('decoded');
  });
});
