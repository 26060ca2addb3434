/**
 * The 31 interactive examples of the dmg.org PFA tutorials: each builds from its JSON and from its
 * YAML form, runs on its inputs, and both forms give the same outputs. The site published no
 * expected outputs, so a few are checked by hand (values worked out from the documents).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PFAEngine, PfaError, jsonText, parseJson } from '../../src/index.js';
import { REFERENCE } from '../helpers/reference.js';

interface Example {
  id: string;
  inputs: unknown[];
  pfa_yaml: string;
  pfa_json: unknown;
}

function run(doc: object | string, inputs: unknown[]): string[] {
  const out: string[] = [];
  const engine = PFAEngine.fromJson(doc, { emit: (v) => out.push(`emit ${jsonText(engine.encode(v))}`) });
  for (const x of inputs) {
    try {
      const r = engine.action(engine.decode(x));
      if (engine.method !== 'emit') out.push(jsonText(engine.encode(r)));
    } catch (e) {
      if (!(e instanceof PfaError)) throw e;
      out.push(`error ${e.code ?? ''} ${e.message}`);
    }
  }
  engine.end();
  return out;
}

const file = join(REFERENCE, 'pfa/models/pfa-docs/dmg-tutorial-examples.json');
const examples: Example[] = (parseJson(readFileSync(file, 'utf8')) as unknown as { examples: Example[] }).examples;

describe('dmg.org tutorial examples', () => {
  it('has all 31 examples', () => expect(examples.length).toBe(31));

  for (const ex of examples) {
    it(`${ex.id} builds and runs from JSON and YAML alike`, () => {
      const fromJson = run(ex.pfa_json as object, ex.inputs);
      const fromYaml = run(ex.pfa_yaml, ex.inputs);
      expect(fromJson.length).toBeGreaterThan(0);
      expect(fromYaml).toEqual(fromJson);
    });
  }

  const byId = (id: string) => examples.find((e) => e.id === id)!;
  it('tutorial1-01 adds 100', () =>
    expect(run(byId('tutorial1-01').pfa_json as object, [1n, 2n, 3n])).toEqual(['101', '102', '103']));
  it('tutorial3-04 walks the tree to every leaf', () => {
    expect(run(byId('tutorial3-04').pfa_json as object, byId('tutorial3-04').inputs)).toEqual([
      '"yes-yes"',
      '"yes-no"',
      '"no-yes"',
      '"no-no"',
    ]);
  });
  it('tutorial2-14 computes Bernoulli numbers', () => {
    const out = run(byId('tutorial2-14').pfa_json as object, [5n]);
    const bn = JSON.parse(out[0]);
    expect(bn.slice(0, 2)).toEqual([1, -0.5]);
    expect(bn[2]).toBeCloseTo(1 / 6, 15);
    expect(bn[4]).toBeCloseTo(-1 / 30, 15);
  });
});
