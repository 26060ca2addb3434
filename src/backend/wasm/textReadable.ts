/**
 * Which inputs the kernel's own JSON-lines reader (textAs.ts) reads: a leaf module, because the
 * host's text path (fastpath/kernelText.ts) asks in every cold start, and textAs.ts brings the
 * AssemblyScript emitter (emit/) that only the lowering needs.
 */
import type { AvroType, MapType, UnionType } from '../../types/avro.js';

const NUMERIC = new Set(['double', 'float', 'int', 'long']);

/** Whether records of type `t` are read by the kernel (then one 8-byte slot per field). */
/*! @eager */
export function kernelReadable(t: AvroType): t is Extract<AvroType, { kind: 'record' }> {
  return (
    t.kind === 'record' &&
    t.fields.length > 0 &&
    t.fields.every((f) => NUMERIC.has(f.type.kind) && /^[\x21-\x7e]*$/.test(f.name) && !/["\\]/.test(f.name))
  );
}

/**
 * Whether maps of type `t` are read by the kernel: their values are a union of distinct branches
 * among null, string, double and boolean (the ones fastpath/reader.ts tells apart by their tag)
 * with a double branch. The kernel reads null and tagged double values; it declines the others.
 */
export function kernelReadableMap(t: AvroType): t is MapType & { values: UnionType } {
  if (t.kind !== 'map' || t.values.kind !== 'union') return false;
  const kinds = t.values.types.map((b) => b.kind);
  return (
    kinds.includes('double') &&
    new Set(kinds).size === kinds.length &&
    kinds.every((k) => k === 'null' || k === 'string' || k === 'double' || k === 'boolean')
  );
}
