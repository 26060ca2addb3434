/**
 * JS values (Value) in and out of a WasmHost, past `action`'s per-record path: that path's first
 * call and every call it declines (emit engines, a host not begun, a kernel another host used), the
 * batches of values and of columns, and the values emit and log forms hand to the host. Functions
 * of the host, which its methods call (host.ts). A host that reads and writes only JSON text (the
 * Lambda handler's requests, fastpath/) runs none of them, so the Lambda build leaves this module
 * to chunks/deferred.mjs (deploy/deferred.ts): nothing here may rely on a class being index.mjs's
 * own (`instanceof`), such as WireFull, which action's per-record path catches in host.ts.
 */
import { PfaError } from '../../errors/PfaError.js';
import { Value } from '../../values.js';
import { Columns, columnsWriter } from './columns.js';
import type { WasmHost } from './host.js';
import type { HostKernel, Routine } from './hostKernel.js';
import { WireDecoder, WireEncoder, wireDecoder, wireEncoder } from './wire.js';
import { WireReader, WireWriter } from './wireSlots.js';

// The wire codecs are built at their first use: a host that reads and writes only JSON text never
// runs their builders, which were a part of every cold start (issue 17).

/** The host's encoder of inputs onto the wire. */
export function inputEncoder(host: HostKernel): WireEncoder {
  return (host.encodeInputFn ??= wireEncoder(host.inputType, host.dict));
}

/** The host's decoder of outputs from the wire. */
export function outputDecoder(host: HostKernel): WireDecoder {
  return (host.decodeOutputFn ??= wireDecoder(host.outputType));
}

/** action when its per-record path's test fails: makes everything the test asks for hold again. */
export function actionSettling(host: WasmHost, input: Value): Value {
  if (!host.placesInput) return actionWithHooks(host, input);
  // (the codecs are built before `steady` says they are)
  const encode = inputEncoder(host);
  const decode = outputDecoder(host);
  host.prepare();
  const ptr = host.writeWith(encode, input);
  host.steady = true;
  return decode(host.actionAt(ptr, false));
}

/** action for emit engines and the first call (it runs begin). */
function actionWithHooks(host: WasmHost, input: Value): Value {
  const emitted: Value[] | null = host.method === 'emit' ? [] : null;
  const collect = emitted
    ? (v: Value) => {
        emitted.push(v);
      }
    : undefined;
  if (!host.begun) {
    host.begun = true;
    host.emitHook = collect;
    const begin = host.entry<Routine>('pfaBegin');
    if (begin) host.run('begin', begin, 0);
  }
  host.prepare();
  const ptr = host.writeWith(inputEncoder(host), input);
  host.emitHook = collect;
  host.actionsStarted++;
  host.run('action', host.actionEntry, ptr);
  host.actionsFinished++;
  if (emitted) return emitted;
  return outputDecoder(host)(host.output());
}

/** WasmHost.actionBatch: entry i is what `action(inputs[i])` would return, or the PfaError it would throw. */
export function actionBatch(host: WasmHost, inputs: readonly Value[]): (Value | PfaError)[] {
  const encode = inputEncoder(host);
  return batchOf(host, inputs.length, (from, w) => {
    for (let i = from; i < inputs.length; i++) encode(inputs[i], w);
  });
}

/** WasmHost.actionColumns: actionBatch over the records that `columns` hold (columns.ts). */
export function actionColumns(host: WasmHost, columns: Columns): (Value | PfaError)[] {
  const { n, fill } = columnsWriter(host.inputType, columns);
  return batchOf(host, n, fill);
}

/** Entry i of n records that `fill` writes: the output, the values emitted, or the PfaError. */
function batchOf(host: WasmHost, n: number, fill: (from: number, w: WireWriter) => void): (Value | PfaError)[] {
  const out: (Value | PfaError)[] = new Array(n);
  const emitted: Value[][] | null = host.method === 'emit' ? Array.from({ length: n }, () => []) : null;
  const decode = emitted ? null : outputDecoder(host);
  host.batch(
    n,
    fill,
    (i, r, error) => {
      out[i] = error ?? (emitted ? emitted[i] : decode!(r!));
    },
    emitted ? (i, v) => emitted[i].push(v) : undefined,
  );
  return out;
}

/** WasmHost.emit: the value an emit form left at `ptr`, to the call's hook and the user's. */
export function emitted(host: HostKernel, ptr: number): void {
  // (a fresh reader: emit runs while the output reader may be in use by the caller)
  const v = outputDecoder(host)(new WireReader(host.k.memory.buffer, ptr, host.dict));
  host.emitHook?.(v);
  host.options.emit?.(v);
}

/** WasmHost.log: the values of log site `site`, one after another on the wire at `ptr`, to the user's hook. */
export function logged(host: HostKernel, site: number, ptr: number): void {
  const hook = host.options.log;
  if (!hook) return;
  const s = host.spec.logs[site];
  // (a fresh reader, as for emit)
  const r = new WireReader(host.k.memory.buffer, ptr, host.dict);
  hook(
    s.types.map((t) => wireDecoder(t)(r)),
    s.namespace,
  );
}
