import { describe, expect, it } from 'vitest';
import { compareValues, OFFICIAL, STRICT } from '../../src/conformance/compare.js';
import { parseJson } from '../../src/document/json.js';

/** [expected (suite JSON text), actual (engine value), passes officially, passes strictly] */
type Row = [string, unknown, boolean, boolean];

const rows: Row[] = [
  // relative tolerance of 1% against |expected|
  ['100.0', 100, true, true],
  ['100.0', 100.9, true, false],
  ['100.0', 101.0, true, false],
  ['100.0', 101.1, false, false],
  ['100.0', 99.0, true, false],
  ['100.0', 98.9, false, false],
  ['-2.5', -2.52, true, false],
  ['-2.5', 2.5, false, false],
  ['1.0', 1 + 1e-10, true, true],
  ['1.0', 1 + 1e-8, true, false],
  ['1e+300', 1.005e300, true, false],
  // zero threshold 1e-8 (official only)
  ['0.0', 0, true, true],
  ['0.0', 5e-9, true, false],
  ['1e-09', -9e-9, true, false],
  ['0.0', 2e-8, false, false],
  ['2e-08', 0, false, false],
  ['-0.0', 0, true, true],
  // infinities: the string, or any number beyond 1e80 of that sign (official only)
  ['"inf"', 'inf', true, true],
  ['"inf"', 2e80, true, false],
  ['"inf"', 1e79, false, false],
  ['"inf"', -2e80, false, false],
  ['"-inf"', -1e300, true, false],
  ['"-inf"', 'inf', false, false],
  ['1e+300', 'inf', true, false],
  ['1e+79', 'inf', false, false],
  // nan matches only itself
  ['"nan"', 'nan', true, true],
  ['"nan"', 0, false, false],
  ['"nan"', 'inf', false, false],
  ['1.0', 'nan', false, false],
  // ints are exact, also beyond 2^53, whether the engine gives a bigint or (int type) a number
  ['9223372036854775807', 9223372036854775807n, true, true],
  ['9223372036854775800', 9223372036854775807n, false, false],
  ['9223372036854775807', 9223372036854775800n, false, false],
  ['1000000', 1000000, true, true],
  ['1000000', 1000001, false, false],
  ['-2147483648', -2147483648, true, true],
  // an int facing a fractional number is compared as numbers, as upstream's Python did
  ['100', 100.5, true, false],
  ['2.0', 2n, true, true],
  // strings, booleans, null exactly
  ['"abc"', 'abc', true, true],
  ['"abc"', 'abd', false, false],
  ['true', true, true, true],
  ['true', false, false, false],
  ['true', 1, false, false],
  ['null', null, true, true],
  ['null', 0, false, false],
  ['"1"', 1, false, false],
  // recursion: arrays, records, maps and unions {"branch": v}
  ['[1.0, 2.0, 3.0]', [1.001, 2, 3], true, false],
  ['[1.0, 2.0, 3.0]', [1, 2], false, false],
  ['[1.0, 2.0]', [1, 2.5], false, false],
  ['{"x": 1, "y": [true]}', { y: [true], x: 1 }, true, true],
  ['{"x": 1}', { x: 1, y: 2 }, false, false],
  ['{"x": 1}', { z: 1 }, false, false],
  ['{"double": 3.0}', { double: 3.0000000001 }, true, true],
  ['{"double": 3.0}', { int: 3 }, false, false],
  ['{"a": {"b": ["inf", 1e-20]}}', { a: { b: [1e81, 0] } }, true, false],
  ['[]', {}, false, false],
  ['{}', [], false, false],
];

describe('compareValues', () => {
  it.each(rows)('expected %s, actual %o: official %s, strict %s', (text, actual, official, strict) => {
    const expected = parseJson(text);
    expect(compareValues(expected, actual, OFFICIAL) === undefined).toBe(official);
    expect(compareValues(expected, actual, STRICT) === undefined).toBe(strict);
  });

  it('says where the first difference is', () => {
    expect(compareValues(parseJson('{"a": [1, 2, {"b": "x"}]}'), { a: [1, 2, { b: 'y' }] }, OFFICIAL)).toBe(
      'different values: "x" vs "y" at top -> a -> 2 -> b',
    );
    expect(compareValues(parseJson('[1.0]'), [2], OFFICIAL)).toMatch(
      /^different values beyond tolerance: .* at top -> 0$/,
    );
  });

  it('reads the relative difference against the expected value (upstream), not the actual one', () => {
    // |100 - 99.0099| / 100 = 0.0099 passes; against the actual it would be 0.01000...1.
    expect(compareValues(100.0, 99.00990099, OFFICIAL)).toBeUndefined();
    expect(compareValues(99.00990099, 100.0, OFFICIAL)).toBeDefined();
  });
});

describe('compareValues, float results', () => {
  // The suite writes float32 results as their shortest decimal; the engine gives the float32 value.
  const f = Math.fround(0.1);
  const next = f + 2 ** -27; // the next float32 above fround(0.1)
  const cases: [string, unknown, boolean, boolean][] = [
    ['0.1', f, false, true],
    ['0.1', next, false, false],
    ['0.1', 0.1 + 1e-12, true, true],
    ['[0.1, {"float": -0.9}]', [f, { float: Math.fround(-0.9) }], false, true],
    ['1e+300', Math.fround(1e300), false, false], // Infinity: not a rounding of 1e300 that passes
    ['3.4028235e+38', 3.4028234663852886e38, false, true],
  ];
  it.each(cases)('expected %s, actual %o: strict %s, strict with floats %s', (text, actual, plain, floats) => {
    expect(compareValues(parseJson(text), actual, STRICT) === undefined).toBe(plain);
    expect(compareValues(parseJson(text), actual, STRICT, { floats: true }) === undefined).toBe(floats);
  });
});

describe('compareValues, unordered', () => {
  const cases: [string, unknown, boolean][] = [
    ['["b", "a", "c"]', ['a', 'c', 'b'], true],
    ['["b", "a", "c"]', ['a', 'c', 'c'], false],
    ['["a", "a", "b"]', ['a', 'b', 'b'], false],
    ['[3, 1, 2]', [1, 2, 3], true],
    ['[3.0, 1.0, 2.0]', [2.001, 3, 1], true],
    ['[10, 9]', [9, 10], true],
    ['[9223372036854775807, 9223372036854775806]', [9223372036854775806n, 9223372036854775807n], true],
    ['["nan", 1.0, "inf", "-inf"]', ['inf', 'nan', -Infinity, 1], true],
    ['["nan", 1.0, "inf", "-inf"]', ['inf', 1, -Infinity, 1], false],
    ['["nan", 1.0, "inf", "-inf"]', ['inf', 'nan', '-inf', 1], true],
    ['[{"x": 2}, {"x": 1}]', [{ x: 1 }, { x: 2 }], true],
    ['[[2, 1], [1]]', [[1], [2, 1]], true],
    ['[[2, 1], [1]]', [[1], [1, 2]], false],
  ];
  it.each(cases)('expected %s, actual %o: %s', (text, actual, pass) => {
    expect(compareValues(parseJson(text), actual, OFFICIAL, { unordered: true }) === undefined).toBe(pass);
  });

  it('keeps order when the trial is not unordered', () => {
    expect(compareValues(parseJson('["b", "a"]'), ['a', 'b'], OFFICIAL)).toBeDefined();
  });
});
