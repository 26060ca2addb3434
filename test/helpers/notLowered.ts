/**
 * A document the Wasm backend does not lower, for the tests of what happens then (the JS fallback,
 * the build's refusal, the reason given): <= of two maps, which Avro orders by their sorted keys
 * and which has no Wasm form (lib/util/wasm.ts wasmCompare). When it gets one, change it here and
 * the reason the tests expect ("comparing map values").
 */
export const NOT_LOWERED_DOC = {
  input: { type: 'map', values: 'int' },
  output: 'boolean',
  action: { '<=': ['input', 'input'] },
};

/** An input for NOT_LOWERED_DOC, as JSON text; its answer is true. */
export const NOT_LOWERED_INPUT = '{"a": 1, "b": 2}';
