/**
 * A document the Wasm backend does not lower, for the tests of what happens then (the JS fallback,
 * the build's refusal, the reason given): metric.euclidean over vectors whose items are a union of
 * null and two types, which lib/metric.ts has no Wasm form for. When it gets one, change it here
 * and the reason the tests expect ("vector items must be union"). Maps, this document's
 * predecessor (<= of two maps), lower since issue 16.
 */
export const NOT_LOWERED_DOC = {
  input: { type: 'array', items: ['null', 'int', 'string'] },
  output: 'double',
  action: { 'metric.euclidean': [{ fcn: 'u.same' }, 'input', 'input'] },
  fcns: { same: { params: [{ a: ['int', 'string'] }, { b: ['int', 'string'] }], ret: 'double', do: 1.0 } },
};

/** An input for NOT_LOWERED_DOC, as JSON text: four items at distance 1 each. */
export const NOT_LOWERED_INPUT = '[{"int": 1}, {"string": "a"}, {"int": 2}, {"int": 3}]';

/** NOT_LOWERED_DOC's answer for NOT_LOWERED_INPUT: the square root of four. */
export const NOT_LOWERED_OUTPUT = 2;
