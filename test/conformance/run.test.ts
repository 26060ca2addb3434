import { afterAll, describe, expect, it } from 'vitest';
import { PfaError } from '../../src/errors/PfaError.js';
import { runConformance, RunOptions } from '../../src/conformance/run.js';
import type { ConformanceEngine } from '../../src/conformance/trial.js';
import { suiteFolder, suiteText } from './suiteFile.js';

const folder = suiteFolder('pfa-run-');
afterAll(() => folder.remove());

/**
 * A stand-in engine, so the harness is tested apart from the real one. The document says what
 * the action does: `echo` returns the input, `count` the number of calls so far on this engine,
 * `fail` raises the runtime error whose code is the input, `crash` throws a non-PfaError, `spin`
 * busy-waits for input milliseconds. A `build` key makes building fail.
 */
let builds = 0;
function fake(doc: unknown): ConformanceEngine {
  const d = doc as { op: string; build?: string };
  builds++;
  if (d.build === 'semantic') throw new PfaError('semantic', 'no such function', { code: 2001, path: '/action' });
  if (d.build === 'crash') throw new TypeError('cannot read properties of undefined');
  let calls = 0;
  return {
    decode(json) {
      if (json === 'bad') throw new PfaError('input', 'expected double, found "bad"', { code: 1100 });
      return json;
    },
    action(input) {
      calls++;
      switch (d.op) {
        case 'echo':
          return input;
        case 'count':
          return calls;
        case 'fail':
          throw new PfaError('runtime', 'failed', { code: Number(input) });
        case 'crash':
          throw new RangeError('oops');
        case 'spin': {
          const end = performance.now() + Number(input);
          while (performance.now() < end);
          return input;
        }
        default:
          throw new Error(`unknown op ${d.op}`);
      }
    },
    encode: (v) => v,
  };
}

const test = (fcn: string, op: string, trials: string[], extra = '') =>
  `{"function": "${fcn}", "engine": {"op": "${op}"${extra}}, "trials": [${trials.join(', ')}]}`;

async function run(tests: string[], options: Partial<RunOptions> = {}) {
  const suite = folder.write(`s${Math.random().toString(36).slice(2)}.json.gz`, suiteText(tests));
  return runConformance({ suite, build: fake, knownNames: new Set(), ...options });
}

describe('runConformance', () => {
  it('judges results at the official tolerance and counts strict passes', async () => {
    const r = await run([
      test('m.echo', 'echo', [
        '{"sample": 1.0, "result": 1.0}',
        '{"sample": 1.005, "result": 1.0}',
        '{"sample": 1.02, "result": 1.0}',
        '{"sample": 9223372036854775807, "result": 9223372036854775807}',
        '{"sample": 9223372036854775807, "result": 9223372036854775806}',
        '{"sample": 1e300, "result": "inf"}',
        '{"sample": {"double": 2.5}, "result": {"double": 2.5}}',
      ]),
    ]);
    expect([r.passed, r.failed, r.skipped, r.strict]).toEqual([5, 2, 0, 3]);
    expect(r.byFunction['m.echo']).toEqual({ passed: 5, failed: 2, skipped: 0, strict: 3 });
    expect(r.failures.map((f) => f.trialIndex)).toEqual([2, 4]);
    expect(r.failures[1]).toMatchObject({
      function: 'm.echo',
      engineIndex: 0,
      testIndex: 0,
      line: 3,
      sample: 9223372036854775807n,
      expected: 9223372036854775806n,
      actual: { result: 9223372036854775807n },
    });
  });

  it('counts float32 values written as short decimals as strict when the document uses float', async () => {
    const f = ', "output": "float"';
    const r = await run([
      test('m.f', 'echo', ['{"sample": 0.10000000149011612, "result": 0.1}'], f),
      test('m.d', 'echo', ['{"sample": 0.10000000149011612, "result": 0.1}']),
    ]);
    expect(r.byFunction['m.f']).toEqual({ passed: 1, failed: 0, skipped: 0, strict: 1 });
    expect(r.byFunction['m.d']).toEqual({ passed: 1, failed: 0, skipped: 0, strict: 0 });
  });

  it('drops sample fields the input schema does not declare', async () => {
    const input = ', "input": {"type": "record", "name": "Input", "fields": [{"name": "x", "type": "int"}]}';
    const r = await run([test('m.echo', 'echo', ['{"sample": {"x": 1, "y": 2}, "result": {"x": 1}}'], input)]);
    expect([r.passed, r.failed]).toEqual([1, 0]);
  });

  it('passes an expected error only on the same code, whatever the marker', async () => {
    const r = await run([
      test('m.fail', 'fail', [
        '{"sample": 27000, "error": 27000}',
        '{"sample": 27001, "error": 27000}',
        '{"sample": 27000, "error": 27000, "nondeterministic": "unstable"}',
        '{"sample": 27001, "error": 27000, "nondeterministic": "pseudorandom"}',
        '{"sample": 27000, "result": 1.0}',
        '{"sample": "bad", "error": 1100}',
      ]),
      test('m.echo', 'echo', ['{"sample": 1.0, "error": 27000}']),
    ]);
    expect(r.byFunction['m.fail']).toEqual({ passed: 3, failed: 3, skipped: 0, strict: 3 });
    expect(r.failures.map((f) => [f.function, f.trialIndex])).toEqual([
      ['m.fail', 1],
      ['m.fail', 3],
      ['m.fail', 4],
      ['m.echo', 0],
    ]);
    expect(r.failures[0].reason).toBe('expected error 27000, got runtime error 27001: failed');
    expect(r.failures[2].reason).toBe('unexpected runtime error 27000: failed');
    expect(r.failures[3].reason).toBe('expected error 27000, got a result');
  });

  it('does not compare pseudorandom and unstable values, but needs a value', async () => {
    const r = await run([
      test('rand.echo', 'echo', [
        '{"sample": 5.0, "result": 1.0, "nondeterministic": "unstable"}',
        '{"sample": 5.0, "nondeterministic": "pseudorandom"}',
        '{"sample": 5.0}',
      ]),
      test('rand.fail', 'fail', ['{"sample": 27000, "result": 1.0, "nondeterministic": "unstable"}']),
    ]);
    expect(r.byFunction['rand.echo']).toEqual({ passed: 2, failed: 1, skipped: 0, strict: 2 });
    expect(r.failures[0].reason).toBe('the suite gives no expected value');
    expect(r.byFunction['rand.fail']).toEqual({ passed: 0, failed: 1, skipped: 0, strict: 0 });
  });

  it('sorts unordered results before comparing', async () => {
    const r = await run([
      test('map.keys', 'echo', [
        '{"sample": ["b", "a"], "result": ["a", "b"], "nondeterministic": "unordered"}',
        '{"sample": ["b", "a"], "result": ["a", "b"]}',
      ]),
    ]);
    expect([r.passed, r.failed]).toEqual([1, 1]);
  });

  it('builds each engine once and runs its trials in order, skipping skips', async () => {
    builds = 0;
    const r = await run([
      test('s.count', 'count', [
        '{"sample": 0, "result": 1}',
        '{"sample": 0, "skip": "titus: timeout"}',
        '{"sample": 0, "result": 2}',
        '{"sample": 0, "result": 3}',
      ]),
      test('s.count', 'count', ['{"sample": 0, "result": 1}']),
    ]);
    expect(builds).toBe(2);
    expect([r.passed, r.failed, r.skipped, r.tests]).toEqual([4, 0, 1, 2]);
  });

  it('fails every trial of a test whose engine does not build, and reports crashes', async () => {
    const r = await run([
      test(
        'm.bad',
        'echo',
        ['{"sample": 1, "result": 1}', '{"sample": 1, "skip": "x"}', '{"sample": 1, "error": 5}'],
        ', "build": "semantic"',
      ),
      test('m.bad', 'echo', ['{"sample": 1, "result": 1}'], ', "build": "crash"'),
      test('m.crash', 'crash', ['{"sample": 1, "result": 1}']),
    ]);
    expect(r.byFunction['m.bad']).toEqual({ passed: 0, failed: 3, skipped: 1, strict: 0 });
    expect(r.failures[0]).toMatchObject({ function: 'm.bad', engineIndex: 0, trialIndex: -1 });
    expect(r.failures[0].reason).toMatch(/^engine did not build: semantic error: no such function, code 2001/);
    expect(r.failures[1]).toMatchObject({ engineIndex: 1, trialIndex: -1 });
    expect(r.failures[1].reason).toMatch(/^crash while building: TypeError: cannot read properties of undefined/);
    expect(r.failures[2].reason).toMatch(/^crash: RangeError: oops/);
  });

  it('keeps a bounded number of failures per function', async () => {
    const trials = Array.from({ length: 7 }, (_, i) => `{"sample": ${i}, "result": -1}`);
    const r = await run([test('m.echo', 'echo', trials), test('m.other', 'echo', trials.slice(0, 1))], {
      maxFailuresPerFunction: 3,
    });
    expect(r.failed).toBe(8);
    expect(r.failures.map((f) => `${f.function}#${f.trialIndex}`)).toEqual([
      'm.echo#0',
      'm.echo#1',
      'm.echo#2',
      'm.other#0',
    ]);
    expect(r.failuresDropped).toBe(4);
  });

  it('fails slow trials, and stops running a test that used its time', async () => {
    const r = await run(
      [
        test('m.spin', 'spin', [
          '{"sample": 0.0, "result": 0.0}',
          '{"sample": 60.0, "result": 60.0}',
          '{"sample": 0.0, "result": 0.0}',
        ]),
      ],
      { trialMs: 40, testMs: 50 },
    );
    expect([r.passed, r.failed]).toEqual([1, 2]);
    expect(r.failures[0].reason).toMatch(/^too slow: \d+ ms \(limit 40 ms\)$/);
    expect(r.failures[1].reason).toBe('not run: the test used its 50 ms');
  });

  it('runs only the selected functions, exact names exactly', async () => {
    const tests = [
      test('a.map', 'echo', ['{"sample": 1, "result": 1}']),
      test('a.mapWithIndex', 'echo', ['{"sample": 1, "result": 1}']),
      test('m.x', 'echo', ['{"sample": 1, "result": 1}']),
    ];
    const known = new Set(['a.map', 'a.mapWithIndex', 'm.x']);
    expect(Object.keys((await run(tests, { filter: 'a.map', knownNames: known })).byFunction)).toEqual(['a.map']);
    expect(Object.keys((await run(tests, { filter: 'a.', knownNames: known })).byFunction)).toEqual([
      'a.map',
      'a.mapWithIndex',
    ]);
    expect(Object.keys((await run(tests, { filter: ['a.mapW', 'm.x'], knownNames: known })).byFunction)).toEqual([
      'a.mapWithIndex',
      'm.x',
    ]);
  });

  it('reports progress after each test', async () => {
    const seen: [number, string, number, number][] = [];
    await run(
      [test('m.a', 'echo', ['{"sample": 1, "result": 1}']), test('m.b', 'echo', ['{"sample": 1, "result": 2}'])],
      {
        onProgress: (p) => seen.push([p.tests, p.function, p.failed, p.fraction]),
      },
    );
    expect(seen).toEqual([
      [1, 'm.a', 0, 1],
      [2, 'm.b', 1, 1],
    ]);
  });

  it('reads an uncompressed suite as well', async () => {
    const suite = folder.write(
      'plain.json',
      suiteText([test('m.a', 'echo', ['{"sample": 1, "result": 1}', '{"sample": 2, "result": 1}'])]),
      false,
    );
    const fractions: number[] = [];
    const r = await runConformance({
      suite,
      build: fake,
      knownNames: new Set(),
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect([r.passed, r.failed, r.tests]).toEqual([1, 1, 1]);
    expect(fractions).toEqual([1]);
  });
});
