/**
 * A document the Wasm backend does not lower, for the tests of what happens then (the JS fallback,
 * the build's refusal, the reason given): == of a recursive record, which has no Wasm form. When
 * it gets one, change it here and the reason the tests expect ("equality of recursive records").
 */
export const NOT_LOWERED_DOC = {
  input: {
    type: 'record',
    name: 'Node',
    fields: [
      { name: 'x', type: 'int' },
      { name: 'next', type: ['null', 'Node'] },
    ],
  },
  output: 'boolean',
  action: { '==': ['input', 'input'] },
};

/** An input for NOT_LOWERED_DOC, as JSON text; its answer is true. */
export const NOT_LOWERED_INPUT = '{"x": 1, "next": null}';
