/**
 * The record contract of the makers in src/values.ts: a record is a prototype-less object whose own
 * properties are its fields in field order, so a field named `__proto__` or `toString` is only a
 * field. recordReader has a form of its own for each width up to four and recordMaker past it:
 * every width on either side is checked.
 */
import { describe, expect, it } from 'vitest';
import { PfaRecord, Value, makeRecord, recordMaker, recordReader } from '../src/values.js';

const NAMES = ['__proto__', 'toString', 'b', 'a', 'constructor', 'valueOf', 'z'];

function checkContract(r: PfaRecord, fields: readonly string[], values: readonly Value[]): void {
  // (makeRecord's prototype is an empty object with none of its own; recordMaker's is null)
  const proto = Object.getPrototypeOf(r) as object | null;
  if (proto !== null) expect([Object.getPrototypeOf(proto), Reflect.ownKeys(proto)]).toEqual([null, []]);
  expect(Object.keys(r)).toEqual(fields);
  fields.forEach((f, i) => {
    expect(Object.hasOwn(r, f)).toBe(true);
    expect(r[f]).toBe(values[i]);
  });
  // (nothing inherited answers to a name that is not a field)
  for (const name of ['toString', 'hasOwnProperty', 'constructor', '__proto__'])
    if (!fields.includes(name)) expect(name in r).toBe(false);
}

describe('recordReader', () => {
  for (let width = 0; width <= NAMES.length; width++) {
    const fields = NAMES.slice(0, width);
    it(`makes records of ${width} field(s) that keep the record contract`, () => {
      const calls: number[] = [];
      const read = recordReader<Value[]>(fields, (c, i) => {
        calls.push(i);
        return c[i];
      });
      for (const values of [fields.map((_, i) => i * 1.5), fields.map((f) => ({ f })), fields.map(() => null)]) {
        calls.length = 0;
        checkContract(read(values), fields, values);
        // (the decoders read the wire in field order: read is called once per field, in order)
        expect(calls).toEqual(fields.map((_, i) => i));
      }
    });
  }

  it('keeps records of two types of one width apart', () => {
    const ab = recordReader<number>(['a', 'b'], (c, i) => c + i);
    const ba = recordReader<number>(['b', 'a'], (c, i) => c - i);
    for (let k = 0; k < 50; k++) {
      checkContract(ab(k), ['a', 'b'], [k, k + 1]);
      checkContract(ba(k), ['b', 'a'], [k, k - 1]);
    }
  });
});

describe('recordMaker and makeRecord', () => {
  it('make prototype-less records', () => {
    const r = recordMaker(NAMES)();
    checkContract(
      r,
      NAMES,
      NAMES.map(() => null),
    );
    const m = makeRecord();
    const key = '__proto__';
    m[key] = 1;
    checkContract(m, ['__proto__'], [1]);
  });
});
