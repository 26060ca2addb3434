/**
 * Which inputs the kernel's own JSON-lines reader (textAs.ts) reads: a leaf module, because the
 * host's text path (fastpath/kernelText.ts) asks in every cold start, and textAs.ts brings the
 * AssemblyScript emitter (emit/) that only the lowering needs.
 */
import type { AvroType } from '../../types/avro.js';

const NUMERIC = new Set(['double', 'float', 'int', 'long']);

/** Whether records of type `t` are read by the kernel (then one 8-byte slot per field). */
export function kernelReadable(t: AvroType): t is Extract<AvroType, { kind: 'record' }> {
  return (
    t.kind === 'record' &&
    t.fields.length > 0 &&
    t.fields.every((f) => NUMERIC.has(f.type.kind) && /^[\x21-\x7e]*$/.test(f.name) && !/["\\]/.test(f.name))
  );
}
