/** The fixed library (spec sec. "Fixed manipulation"): fixed values are Uint8Arrays of their type's size. */
import { defineFunction, defineNamespace } from './registry.js';
import { RT } from '../backend/wasm/emit/names.js';

const toBytes = defineFunction({
  name: 'fixed.toBytes',
  sigs: ['(x: fixed A) -> bytes'],
  js: () => (x: Uint8Array) => x.slice(),
  // (the same array: kernels never change a bytes or fixed value in place, assembly/lib/bytes.ts)
  wasm: (c) => c.args[0],
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
  wasm: (c) => `${RT.fixedOverlay}(${c.args[0]}, ${c.args[1]})`,
});

export default defineNamespace('fixed', [toBytes, fromBytes]);
