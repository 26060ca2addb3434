/**
 * The cells and pools a document writes, read out of a WasmHost's kernel as values (engine
 * snapshots, the compiled model's `cells`). Functions of the host, which its methods call
 * (host.ts); no request path runs them, so the Lambda build leaves this module to
 * chunks/deferred.mjs (deploy/deferred.ts).
 */
import { AvroType } from '../../types/avro.js';
import { Value } from '../../values.js';
import { encoderFor } from '../../codec/avroJson.js';
import type { WasmHost } from './host.js';
import { wireDecoder } from './wire.js';
import { WireReader } from './wireSlots.js';

/** WasmHost.cell: the current value of cell `name`; undefined when the document does not write it. */
export function cellValue(host: WasmHost, name: string): Value | undefined {
  const c = host.spec.cells.get(name);
  return c === undefined ? undefined : cellOut(host, c.index, c.type);
}

/** WasmHost.pool: the current items of pool `name`; undefined when the document does not write it. */
export function poolItems(host: WasmHost, name: string): Map<string, Value> | undefined {
  const p = host.spec.pools.get(name);
  return p === undefined ? undefined : (cellOut(host, p.index, p.type) as Map<string, Value>);
}

/** WasmHost.encodeCell: Avro-JSON of cell `name`'s value `v`. */
export function encodeCell(host: WasmHost, name: string, v: Value): unknown {
  return encoderFor(host.spec.cells.get(name)!.type)(v);
}

/** The kernel's copy of the cell or pool numbered `index` (reloaded first when its instance was replaced). */
function cellOut(host: WasmHost, index: number, type: AvroType): Value {
  if (host.loadedGeneration !== host.kernel.generation) host.load();
  host.entry<(k: number) => void>('pfaCellOut')!(index);
  return wireDecoder(type)(new WireReader(host.k.memory.buffer, host.k.outBegin(), host.dict));
}
