/** The fixed library (spec sec. "Fixed manipulation"): fixed values are Uint8Arrays of their type's size. */
import { defineFunction, defineNamespace } from './registry.js';

const toBytes = defineFunction({
  name: 'fixed.toBytes',
  sigs: ['(x: fixed A) -> bytes'],
  js: () => (x: Uint8Array) => x.slice(),
});

/** Overlays replacement on original: a shorter replacement keeps original's tail, a longer one is cut. */
const fromBytes = defineFunction({
  name: 'fixed.fromBytes',
  sigs: ['(original: fixed A, replacement: bytes) -> A'],
  js: () => (original: Uint8Array, replacement: Uint8Array) => {
    const out = original.slice();
    out.set(replacement.subarray(0, out.length));
    return out;
  },
});

export default defineNamespace('fixed', [toBytes, fromBytes]);
