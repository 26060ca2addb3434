/**
 * Columnar batches (backend/wasm/columns.ts, WasmHost.actionColumns, PFAEngine.scoreColumns): records of numbers given as
 * one typed array per field score exactly as the same records given as objects to actionBatch (and
 * as the JS backend's action), failures included; columns that do not fit the input type are
 * refused with an input error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PFAEngine, PfaError } from '../../../src/index.js';
import type { WasmHost } from '../../../src/backend/wasm/host.js';
import type { Value } from '../../../src/values.js';

const DOC = {
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 'd', type: 'double' },
      { name: 'f', type: 'float' },
      { name: 'i', type: 'int' },
    ],
  },
  output: 'double',
  // (an int overflow for i = 2^31 - 1: a failing record in the middle of the batch)
  action: { '+': [{ '/': ['input.d', 'input.f'] }, { '+': ['input.i', 1] }] },
};

describe('columnar batches', () => {
  let js: PFAEngine;
  let host: WasmHost;
  beforeAll(async () => {
    js = await PFAEngine.create(DOC, { backend: 'js' });
    host = ((await PFAEngine.create(DOC, { backend: 'wasm' })) as unknown as { wasm: WasmHost }).wasm;
  }, 120_000);

  const d = Float64Array.from([1.5, -0, Number.NaN, 1e300, 5e-324, -2.25, 7]);
  const f = Float32Array.from([0.1, 3, -0, 2, 0.5, Number.POSITIVE_INFINITY, 1]);
  const i = Int32Array.from([0, -1, 7, 2147483647, -2147483648, 12, 3]);
  const records = Array.from(d, (_, k) => Object.assign(Object.create(null), { d: d[k], f: f[k], i: i[k] }) as Value);
  const outcome = (x: Value | PfaError) =>
    x instanceof PfaError ? `error ${x.code} ${x.message}` : Object.is(x, -0) ? '-0' : String(x);

  it('scores as actionBatch and the JS backend do, failing records included', () => {
    const expected = records.map((r) => {
      try {
        return outcome(js.action(r));
      } catch (e) {
        return outcome(e as PfaError);
      }
    });
    expect(expected.filter((x) => x.startsWith('error')).length).toBe(1);
    expect(host.actionBatch(records).map(outcome)).toEqual(expected);
    expect(host.actionColumns({ d, f, i }).map(outcome)).toEqual(expected);
    // (the JS backend's columnar batch: records made from the columns)
    expect(js.scoreColumns({ d, f, i }).map(outcome)).toEqual(expected);
    // (more records than the wire buffer's first size: the batch grows it and writes again)
    const many = 20000;
    const big = {
      d: Float64Array.from({ length: many }, (_, k) => k / 3),
      f: Float32Array.from({ length: many }, (_, k) => k + 0.5),
      i: Int32Array.from({ length: many }, (_, k) => -k),
    };
    const answers = host.actionColumns(big);
    expect(answers.length).toBe(many);
    for (let k = 0; k < many; k += 997)
      expect(answers[k]).toBe(js.action(Object.assign(Object.create(null), { d: big.d[k], f: big.f[k], i: big.i[k] })));
    expect(host.actionColumns({ d: new Float64Array(0), f: new Float32Array(0), i: new Int32Array(0) })).toEqual([]);
  });

  it('refuses columns that do not fit the input type', () => {
    const refused = (columns: Record<string, unknown>) => {
      try {
        host.actionColumns(columns as never);
        return 'accepted';
      } catch (e) {
        return e instanceof PfaError ? `${e.kind} ${e.code} ${e.message}` : String(e);
      }
    };
    expect(refused({ d, f })).toBe('input 1107 columns do not fit the input type: field "i" needs a Int32Array');
    expect(refused({ d, f: Float64Array.from(f), i })).toMatch(/field "f" needs a Float32Array/);
    expect(refused({ d, f, i: i.subarray(1) })).toMatch(/field "i" has 6 values, not 7/);
  });
});
