/**
 * The columns row's input: a batch of decoded records of numbers as one typed array per field, the
 * shape `engine.scoreColumns` takes (src/backend/wasm/columns.ts reads it back into records).
 */
import type { Columns } from '../../../backend/wasm/columns.js';
import type { AvroType } from '../../../types/avro.js';
import type { Value } from '../../../values.js';

const ARRAY_OF = { double: Float64Array, float: Float32Array, int: Int32Array } as const;

/** `records` (of input type `t`) as columns; undefined when `t` is not a record of double, float and int fields. */
export function columnsOf(t: AvroType, records: readonly Value[]): Columns | undefined {
  if (t.kind !== 'record' || t.fields.length === 0 || !t.fields.every((f) => f.type.kind in ARRAY_OF)) return undefined;
  const columns: Record<string, Float64Array | Float32Array | Int32Array> = {};
  for (const f of t.fields) {
    const c = new ARRAY_OF[f.type.kind as keyof typeof ARRAY_OF](records.length);
    records.forEach((r, i) => {
      c[i] = (r as Record<string, number>)[f.name];
    });
    columns[f.name] = c;
  }
  return columns;
}
