/**
 * parseJson's depth limit is the only limit on nesting: containers are held on a stack of its own,
 * so a text inside the limit parses wherever the caller is, and one past it fails with the same
 * error (message and position) from any caller. A recursive reader ran out of call stack first.
 */
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/document/json.js';
import { PfaError } from '../../src/errors/PfaError.js';

/** Runs f with `frames` calls already on the stack. */
function deepIn<T>(frames: number, f: () => T): T {
  return frames === 0 ? f() : deepIn(frames - 1, f);
}

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof PfaError) return `${e.code} ${e.message}`;
    throw e;
  }
  throw new Error('no error');
}

describe('parseJson nesting', () => {
  const depth = (v: unknown): number => {
    let d = 0;
    while (Array.isArray(v) || (typeof v === 'object' && v !== null)) {
      v = Array.isArray(v) ? v[0] : Object.values(v)[0];
      d++;
    }
    return d;
  };

  it('reads 10,000 levels (the default limit) from a caller already 5,000 frames deep', () => {
    const arrays = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(depth(deepIn(5_000, () => parseJson(arrays)))).toBe(10_000);
    const objects = '{"a":'.repeat(9_999) + '{}' + '}'.repeat(9_999);
    expect(depth(deepIn(5_000, () => parseJson(objects)))).toBe(10_000);
  });

  it('fails one level past the limit with the same error from any caller', () => {
    const text = '[1, {"k": ' + '['.repeat(10_000) + ']'.repeat(10_000) + '}]';
    const shallow = messageOf(() => parseJson(text));
    expect(shallow).toBe('1000 invalid JSON: nesting deeper than 10000 at character 10008');
    expect(messageOf(() => deepIn(5_000, () => parseJson(text)))).toBe(shallow);
    expect(messageOf(() => parseJson('[[[1]]]', { maxDepth: 2, depthCode: 1006 }))).toBe(
      '1006 invalid JSON: nesting deeper than 2 at character 2',
    );
  });

  it('keeps values, order and errors of mixed nesting', () => {
    expect(parseJson('{"a": [1, 2.5, {"b": null, "c": [true, false, "s"]}], "d": {}, "e": []}')).toEqual({
      a: [1n, 2.5, { b: null, c: [true, false, 's'] }],
      d: {},
      e: [],
    });
    expect(messageOf(() => parseJson('{"a": [1 2]}'))).toBe('1000 invalid JSON: expected "," or "]" at character 9');
    expect(messageOf(() => parseJson('{"a": 1 "b": 2}'))).toBe('1000 invalid JSON: expected "," or "}" at character 8');
    expect(messageOf(() => parseJson('{"a": 1, }'))).toBe('1000 invalid JSON: expected a string key at character 9');
    expect(messageOf(() => parseJson('[1, 2'))).toBe('1000 invalid JSON: expected "," or "]" at character 5');
    expect(messageOf(() => parseJson('[1] x'))).toBe('1000 invalid JSON: trailing characters at character 4');
  });
});
