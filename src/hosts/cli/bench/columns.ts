/**
 * The columns row's input: a batch of decoded records of numbers as one typed array per field, the
 * shape `engine.scoreColumns` takes (src/backend/wasm/columns.ts reads it back into records).
 */
import { COLUMN_ARRAY, type Columns } from '../../../backend/wasm/columns.js';
import type { AvroType } from '../../../types/avro.js';
import type { Value } from '../../../values.js';

/** `records` (of input type `t`) as columns; undefined when `t` is not a record of double, float and int fields. */
export function columnsOf(t: AvroType, records: readonly Value[]): Columns | undefined {
  if (t.kind !== 'record' || t.fields.length === 0 || !t.fields.every((f) => f.type.kind in COLUMN_ARRAY))
    return undefined;
  const columns: Record<string, Float64Array | Float32Array | Int32Array> = {};
  for (const f of t.fields) {
    const c = new COLUMN_ARRAY[f.type.kind as keyof typeof COLUMN_ARRAY](records.length);
    records.forEach((r, i) => {
      c[i] = (r as Record<string, number>)[f.name];
    });
    columns[f.name] = c;
  }
  return columns;
}
