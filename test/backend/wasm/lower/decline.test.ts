import { describe, expect, it } from 'vitest';
import { lowerDocument } from '../../../../src/build/index.js';
import { PfaError } from '../../../../src/index.js';

/** The lowering of `doc` (an object), as lowerDocument gives it. */
const lowering = (doc: object) => lowerDocument(JSON.stringify(doc)).lowering;

const REASON = (name: string) => `${name} is declined by the document's option "wasm.decline"`;

describe('the document option "wasm.decline"', () => {
  const abs = { input: 'double', output: 'double', action: [{ 'm.abs': [{ '+': ['input', 1] }] }] };

  it('lowers a document whose declined functions it does not call', () => {
    expect(lowering(abs).ok).toBe(true);
    expect(lowering({ ...abs, options: { 'wasm.decline': ['m.sqrt'] } }).ok).toBe(true);
    expect(lowering({ ...abs, options: { 'wasm.decline': [] } }).ok).toBe(true);
  });

  it('declines a call, naming the function and the path of the call', () => {
    expect(lowering({ ...abs, options: { 'wasm.decline': ['+'] } })).toEqual({
      ok: false,
      reason: REASON('+'),
      path: '/action/0/m.abs/0',
    });
    expect(lowering({ ...abs, options: { 'wasm.decline': ['m.abs', '+'] } })).toMatchObject({
      reason: REASON('m.abs'),
      path: '/action/0',
    });
  });

  it('declines a function passed as an argument, and calls in user functions', () => {
    const map = {
      input: { type: 'array', items: 'double' },
      output: { type: 'array', items: 'double' },
      action: { 'a.map': ['input', { fcn: 'm.abs' }] },
    };
    expect(lowering({ ...map, options: { 'wasm.decline': ['m.abs'] } })).toMatchObject({
      reason: REASON('m.abs'),
      path: '/action',
    });
    const user = {
      input: 'double',
      output: 'double',
      action: { 'u.f': ['input'] },
      fcns: { f: { params: [{ x: 'double' }], ret: 'double', do: { 'm.floor': 'x' } } },
      options: { 'wasm.decline': ['m.floor'] },
    };
    expect(lowering(user)).toMatchObject({ ok: false, reason: REASON('m.floor') });
  });

  it('must be an array of library function names (a semantic error)', () => {
    for (const bad of ['m.abs', ['m.nosuch'], ['u.f'], [1]]) {
      let error: unknown;
      try {
        lowering({ ...abs, options: { 'wasm.decline': bad } });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PfaError);
      expect(error).toMatchObject({
        kind: 'semantic',
        path: '/options/wasm.decline',
        message: expect.stringContaining('option "wasm.decline" must be an array of library function names'),
      });
    }
  });
});
