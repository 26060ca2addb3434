/**
 * The registry against the spec: every function of libfcns.json is defined once, with the same
 * signatures (in order) and the same error codes, and nothing else is defined.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { library, namespaces } from '../../src/lib/index.js';
import { patternToSpecJson, parseSignature } from '../../src/lib/sig.js';
import { defineFunction, defineNamespace } from '../../src/lib/registry.js';
import { REFERENCE } from '../helpers/reference.js';

interface SpecFunction {
  name: string;
  sigs: { params: { name: string; type: unknown }[]; ret: unknown }[];
  errors: { code: number }[];
}

describe('library registry vs libfcns.json', () => {
  const spec: SpecFunction[] = JSON.parse(readFileSync(join(REFERENCE, 'pfa/spec/libfcns.json'), 'utf8')).functions;

  it("defines exactly the spec's 449 functions", () => {
    expect(spec.length).toBe(449);
    const missing = spec.filter((f) => !library.has(f.name)).map((f) => f.name);
    const extra = [...library.keys()].filter((n) => !spec.some((f) => f.name === n));
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
  });

  it("has the spec's signatures, in order (625 in all)", () => {
    let count = 0;
    for (const f of spec) {
      const mine = library.get(f.name);
      if (!mine) continue;
      const got = mine.signatures.map((s) => ({
        params: s.params.map((p) => ({ name: p.name, type: patternToSpecJson(p.type) })),
        ret: patternToSpecJson(s.ret),
      }));
      const want = f.sigs.map((s) => ({ params: s.params.map((p) => ({ name: p.name, type: p.type })), ret: s.ret }));
      expect(got, f.name).toEqual(want);
      count += got.length;
    }
    expect(count).toBe(625);
  });

  // Codes that libfcns.json omits but the official conformance suite's hand-written trials require.
  const SUITE_ONLY: Record<string, number[]> = { 'm.special.lnGamma': [36050] };

  it("has the spec's error codes", () => {
    for (const f of spec) {
      const mine = library.get(f.name);
      if (!mine) continue;
      const want = [...f.errors.map((e) => e.code), ...(SUITE_ONLY[f.name] ?? [])].sort();
      expect(Object.values(mine.errors).sort(), f.name).toEqual(want);
    }
  });
});

describe('registration checks', () => {
  const fn = (name: string, errors?: Record<string, number>) =>
    defineFunction({ name, sigs: ['(x: int) -> int'], errors, js: () => (x: number) => x });

  it('rejects a duplicate name', () => {
    expect(() => defineNamespace('m', [fn('m.a'), fn('m.a')])).toThrow(/twice/);
  });
  it('rejects a name outside the prefix', () => {
    expect(() => defineNamespace('m', [fn('s.len')])).toThrow(/does not belong/);
  });
  it('rejects error codes outside one block of ten', () => {
    expect(() => defineNamespace('m', [fn('m.a', { one: 100, two: 111 })])).toThrow(/block of ten/);
  });
  it('parses the compact notation', () => {
    const s = parseSignature(
      '(a: array<any A>, f: fcn(A) -> any B, r: record R {x: union<A, null>}, e: enum E of fields of R) -> map<B>',
    );
    expect(patternToSpecJson(s.params[1].type)).toEqual({ function: { params: [{ ref: 'A' }], ret: { any: 'B' } } });
    expect(patternToSpecJson(s.params[3].type)).toEqual({ enum: 'E', ofRecord: 'R' });
    expect(() => parseSignature('(x: int -> int')).toThrow();
  });
  it('every namespace file is registered', () => expect(namespaces.length).toBe(31));
});
