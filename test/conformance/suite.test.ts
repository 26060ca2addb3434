import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSuite, SuiteTest } from '../../src/conformance/suite.js';
import { functionFilter } from '../../src/conformance/filter.js';
import { suiteFolder, suiteText } from './suiteFile.js';

const folder = suiteFolder('pfa-suite-');
const { dir, write } = folder;
afterAll(() => folder.remove());

async function collect(path: string, select?: (name: string) => boolean): Promise<SuiteTest[]> {
  const out: SuiteTest[] = [];
  for await (const t of readSuite(path, { select })) out.push(t);
  return out;
}

const PLUS =
  '{"function": "+", "engine": {"input": "long", "output": "long", "action": {"+": ["input", 1]}}, "trials": [{"sample": 9223372036854775800, "result": 9223372036854775801}, {"sample": 9223372036854775807, "error": 18001}]}';
const MABS =
  '{"function": "m.abs", "engine": {"input": "double", "output": "double", "action": {"m.abs": "input"}}, "trials": [{"sample": -2.0, "result": 2.0}, {"sample": "nan", "result": "nan", "nondeterministic": "unstable"}, {"sample": 1.0, "skip": "titus: timeout"}]}';
const MLINK =
  '{"function": "m.link.logit", "engine": {"input": "double", "output": "double", "action": {"m.link.logit": "input"}}, "trials": [{"sample": 0.0, "result": 0.5}]}';
const KEYS =
  '{"function": "map.keys", "engine": {"input": {"type": "map", "values": "int"}, "output": {"type": "array", "items": "string"}, "action": {"map.keys": "input"}}, "trials": [{"sample": {"a": 1, "\\u00e9": 2}, "result": ["a", "\\u00e9"], "nondeterministic": "unordered"}, {"sample": {}, "result": []}]}';

describe('readSuite', () => {
  it('yields every test with exact longs, markers and positions', async () => {
    const tests = await collect(write('all.json.gz', suiteText([PLUS, MABS, MLINK, KEYS])));
    expect(tests.map((t) => t.function)).toEqual(['+', 'm.abs', 'm.link.logit', 'map.keys']);
    expect(tests.map((t) => [t.index, t.line])).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    const [plus, mabs, , keys] = tests;
    expect(plus.trials[0]).toEqual({ sample: 9223372036854775800n, result: 9223372036854775801n, hasResult: true });
    expect(plus.trials[1]).toEqual({ sample: 9223372036854775807n, error: 18001, hasResult: false });
    expect(mabs.trials[0].result).toBe(2);
    expect(mabs.trials[1].nondeterministic).toBe('unstable');
    expect(mabs.trials[2]).toEqual({ sample: 1, skip: 'titus: timeout', hasResult: false });
    expect(keys.trials[0].nondeterministic).toBe('unordered');
    expect(keys.trials[0].result).toEqual(['a', '\u00e9']);
    expect((plus.engine as { action: { '+': unknown[] } }).action['+'][1]).toBe(1n);
  });

  it('selects by the name at the start of the line without parsing the other lines', async () => {
    const broken = '{"function": "s.len", "engine": {"input": this is not JSON';
    const path = write('filtered.json.gz', suiteText([PLUS, broken, MABS, MLINK, KEYS]));
    const known = new Set(['+', 'm.abs', 'm.link.logit', 'map.keys', 's.len']);
    const names = async (...filters: string[]) =>
      (await collect(path, functionFilter(filters, known))).map((t) => t.function);
    expect(await names('m.')).toEqual(['m.abs', 'm.link.logit']);
    expect(await names('m.abs')).toEqual(['m.abs']);
    expect(await names('+')).toEqual(['+']);
    expect(await names('map')).toEqual(['map.keys']);
    expect(await names('m.link.,+')).toEqual(['+', 'm.link.logit']);
    expect(await names('x.')).toEqual([]);
    // Positions count the unselected tests too.
    expect((await collect(path, functionFilter(['map.'], known)))[0].index).toBe(4);
    await expect(names('s.')).rejects.toThrow(/filtered\.json\.gz:4/);
  });

  it('reads an uncompressed suite with CRLF line ends', async () => {
    const tests = await collect(write('plain.json', suiteText([MABS, MLINK], '\r\n'), false));
    expect(tests.map((t) => t.function)).toEqual(['m.abs', 'm.link.logit']);
  });

  it('reads lines longer than a gunzip chunk', async () => {
    const big = Array.from({ length: 60_000 }, (_, i) => `{"sample": ${i}.5, "result": ${i}}`).join(', ');
    const tests = await collect(
      write(
        'long.json.gz',
        suiteText([
          `{"function": "m.floor", "engine": {"input": "double", "output": "long", "action": {"m.floor": "input"}}, "trials": [${big}]}`,
          MABS,
        ]),
      ),
    );
    expect(tests[0].trials).toHaveLength(60_000);
    expect(tests[0].trials[59_999]).toEqual({ sample: 59999.5, result: 59999n, hasResult: true });
    expect(tests[1].function).toBe('m.abs');
  });

  it('decodes an escaped function name', async () => {
    const tests = await collect(
      write('escaped.json.gz', suiteText(['{"function": "a\\u002eb", "engine": {}, "trials": []}'])),
    );
    expect(tests[0].function).toBe('a.b');
  });

  it('rejects lines that are neither a test nor the frame, and malformed trials', async () => {
    await expect(collect(write('junk.json.gz', suiteText([MABS, '"something else"'])))).rejects.toThrow(
      /junk\.json\.gz:4: expected one test per line/,
    );
    await expect(
      collect(write('notrials.json.gz', suiteText(['{"function": "m.abs", "engine": {}}']))),
    ).rejects.toThrow(/"trials"/);
    await expect(
      collect(write('nosample.json.gz', suiteText(['{"function": "m.abs", "engine": {}, "trials": [{"result": 1}]}']))),
    ).rejects.toThrow(/trial 0: a trial needs a "sample"/);
    await expect(
      collect(
        write(
          'marker.json.gz',
          suiteText([
            '{"function": "m.abs", "engine": {}, "trials": [{"sample": 1, "result": 1, "nondeterministic": "sometimes"}]}',
          ]),
        ),
      ),
    ).rejects.toThrow(/unknown marker/);
    await expect(collect(join(dir, 'missing.json.gz'))).rejects.toThrow(/ENOENT/);
  });
});
