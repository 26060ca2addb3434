import { describe, expect, it } from 'vitest';
import {
  byNamespace,
  formatFailure,
  formatReport,
  namespaceOf,
  reportJson,
  toJson,
} from '../../src/conformance/report.js';
import type { Report } from '../../src/conformance/run.js';

const report: Report = {
  passed: 1005,
  failed: 3,
  skipped: 2,
  strict: 1000,
  tests: 5,
  ms: 12,
  failuresDropped: 0,
  byFunction: {
    '+': { passed: 500, failed: 0, skipped: 0, strict: 500 },
    '//': { passed: 100, failed: 1, skipped: 0, strict: 100 },
    'm.abs': { passed: 5, failed: 0, skipped: 2, strict: 0 },
    'm.link.logit': { passed: 0, failed: 2, skipped: 0, strict: 0 },
    'a.len': { passed: 400, failed: 0, skipped: 0, strict: 400 },
  },
  failures: [
    {
      function: 'm.link.logit',
      engineIndex: 0,
      testIndex: 3,
      line: 6,
      trialIndex: 1,
      sample: 9223372036854775807n,
      expected: { double: 'nan' },
      actual: { result: [1, 2n] },
      reason: 'different values',
    },
  ],
};

describe('namespaceOf', () => {
  it.each([
    ['+', '(core)'],
    ['//', '(core)'],
    ['m.abs', 'm'],
    ['m.link.logit', 'm.link'],
    ['prob.dist.gaussianLL', 'prob.dist'],
    ['a.len', 'a'],
  ])('%s is in %s', (fcn, ns) => {
    expect(namespaceOf(fcn)).toBe(ns);
  });
});

describe('formatReport', () => {
  it('sums by namespace, core first', () => {
    expect(byNamespace(report)).toEqual([
      ['(core)', { passed: 600, failed: 1, skipped: 0, strict: 600 }],
      ['a', { passed: 400, failed: 0, skipped: 0, strict: 400 }],
      ['m', { passed: 5, failed: 0, skipped: 2, strict: 0 }],
      ['m.link', { passed: 0, failed: 2, skipped: 0, strict: 0 }],
    ]);
  });

  it('prints a table with percentages of the trials run, ending in the summary line', () => {
    const lines = formatReport(report).trimEnd().split('\n');
    expect(lines[0].split(/\s+/)).toEqual([
      'namespace',
      'passed',
      'failed',
      'skipped',
      'strict',
      'pass',
      '%',
      'strict',
      '%',
    ]);
    expect(lines[2].split(/\s+/)).toEqual(['(core)', '600', '1', '0', '600', '99.8', '99.8']);
    expect(lines[3].split(/\s+/)).toEqual(['a', '400', '0', '0', '400', '100.0', '100.0']);
    expect(lines[4].split(/\s+/)).toEqual(['m', '5', '0', '2', '0', '100.0', '0.0']);
    expect(lines[5].split(/\s+/)).toEqual(['m.link', '0', '2', '0', '0', '0.0', '0.0']);
    expect(lines[7].split(/\s+/)).toEqual(['total', '1005', '3', '2', '1000', '99.7', '99.2']);
    expect(lines[lines.length - 1]).toBe('1005 passed, 3 failed, 2 skipped');
    // Columns line up.
    expect(new Set(lines.slice(0, -1).map((l) => l.length)).size).toBeLessThanOrEqual(2);
  });

  it('never shows a shortfall as 100.0 nor a pass as 0.0', () => {
    const r = { ...report, byFunction: { 'm.x': { passed: 99999, failed: 1, skipped: 0, strict: 1 } } };
    expect(formatReport(r).split('\n')[2].split(/\s+/)).toEqual(['m', '99999', '1', '0', '1', '99.9', '0.1']);
  });

  it('shows a failure with its inputs', () => {
    expect(formatFailure(report.failures[0])).toBe(
      [
        'm.link.logit #0 (suite line 6), trial 1: different values',
        '  sample:   9223372036854775807',
        '  expected: {"double":"nan"}',
        '  actual:   {"result":[1,2]}',
      ].join('\n'),
    );
  });
});

describe('JSON output', () => {
  it('writes bigints exactly and only valid JSON', () => {
    expect(toJson({ a: 9223372036854775807n, b: [NaN, Infinity, undefined, 'x\u0000bigint:5'], c: undefined })).toBe(
      '{"a":9223372036854775807,"b":[null,null,null,"x\\u0000bigint:5"]}',
    );
    expect(toJson(undefined)).toBe('null');
    expect(JSON.parse(toJson({ x: [1, { y: 2n }], z: {} }, 2))).toEqual({ x: [1, { y: 2 }], z: {} });
    expect(toJson({ x: [1, { y: 2n }], e: [] }, 1)).toBe('{\n "x": [\n  1,\n  {\n   "y": 2\n  }\n ],\n "e": []\n}');
  });

  it('leaves the failures out unless asked', () => {
    const without = JSON.parse(reportJson(report));
    expect(without.failures).toBeUndefined();
    expect(without.byFunction['m.abs']).toEqual({ passed: 5, failed: 0, skipped: 2, strict: 0 });
    expect(without.passed).toBe(1005);
    const text = reportJson(report, { failures: true });
    expect(text).toContain('"sample": 9223372036854775807');
    expect(JSON.parse(text).failures).toHaveLength(1);
  });
});
