/**
 * A document the Wasm backend does not lower, for the tests of what happens then (the JS fallback,
 * the build's refusal, the reason given). Every valid document lowers since issue 16, so this one
 * asks not to: its option "wasm.decline" (backend/wasm/lower/decline.ts) names metric.euclidean,
 * which lowers otherwise (test/lib/metric.test.ts runs the same shape on Wasm). That reason lasts
 * as long as the option does, whatever the Wasm backend learns; tests match NOT_LOWERED_REASON.
 */
export const NOT_LOWERED_DOC = {
  input: { type: 'array', items: ['null', 'int', 'string'] },
  output: 'double',
  action: { 'metric.euclidean': [{ fcn: 'u.same' }, 'input', 'input'] },
  fcns: { same: { params: [{ a: ['int', 'string'] }, { b: ['int', 'string'] }], ret: 'double', do: 1.0 } },
  options: { 'wasm.decline': ['metric.euclidean'] },
};

/** The words of the reason the lowering gives for NOT_LOWERED_DOC (a part of a regex). */
export const NOT_LOWERED_REASON = 'metric.euclidean is declined by the document.s option "wasm.decline"';

/** An input for NOT_LOWERED_DOC, as JSON text: four items at distance 1 each. */
export const NOT_LOWERED_INPUT = '[{"int": 1}, {"string": "a"}, {"int": 2}, {"int": 3}]';

/** NOT_LOWERED_DOC's answer for NOT_LOWERED_INPUT: the square root of four. */
export const NOT_LOWERED_OUTPUT = 2;
