/**
 * Library calls run on the host (ARCHITECTURE.md "Strings in kernels", "Library calls run on the
 * host"). The few functions whose native form would not pay (cast.json, cast.avro; parse.float and
 * parse.double for a text the kernel cannot round exactly) run there, and so do the host's own
 * helpers (set keys, the program of a regular expression known only at run time): the kernel writes the arguments into the runtime's call
 * slots (assembly/runtime.ts `hostArg*`), calls `pfa.call` with the call's error site, and reads the
 * result back; the host (src/backend/wasm/hostCalls.ts) runs the function's own JS form, so answers
 * and errors are the JS backend's by construction, and interns a string result into the dictionary,
 * where it compares and keys maps like any other code. A value of any other type crosses on the
 * wire (wire.ts, wireAs.ts): an argument is written after the output written so far and its address
 * passed in a slot; a result is encoded by the host and copied into a buffer the kernel makes for it.
 */
import { AvroType, UnionType, toSchema } from '../../../types/avro.js';
import type { LibFunction, WasmCall } from '../../../lib/registry.js';
import { RT } from '../emit/names.js';
import type { Fn } from './fn.js';
import type { Module } from './module.js';

/**
 * How a value crosses to the host and back: one 8-byte slot each; `strings` and `bytes` two (the
 * items' address, the count); `value` one (the address of its wire slots; as a result, their size).
 */
export type HostKind =
  | 'string'
  | 'int'
  | 'boolean'
  | 'long'
  | 'float'
  | 'double'
  | 'intOrNull'
  | 'strings'
  | 'bytes'
  | 'value';

/** What the host needs to run a call: the function's signature and how its values cross. */
export interface HostCallSpec {
  /** Instead of the function's JS form, one of the host's own (HostCalls.prepare). */
  readonly helper?: HostHelper;
  readonly sig: number;
  readonly args: readonly HostKind[];
  readonly ret: HostKind;
  /**
   * Where a `bytes` or `value` crosses: the schemas of the parameters and the result (the wire
   * decoder and encoder need them, and so does the JS form), and of the signature's labels.
   */
  readonly types?: {
    readonly params: readonly unknown[];
    readonly ret: unknown;
    readonly bindings: Record<string, unknown>;
  };
}

/**
 * The host's own functions: the keys a set gives its items (WasmCall.setKeys: base64 of their Avro
 * encoding), and the program of a regular expression known only at run time (WasmCall.regexProgram).
 */
export type HostHelper = 'setKeys' | 'regexProgram';

/** A call of a host helper at a library function's site: its parameters, result and arguments. */
export interface HostHelperCall {
  readonly helper: HostHelper;
  /** The function's error code the helper raises (regexProgram: badPattern). */
  readonly code?: number;
  readonly params: readonly AvroType[];
  readonly ret: AvroType;
  readonly args: readonly string[];
}

/** The runtime's call slots (assembly/runtime.ts HOST_SLOTS: 64 bytes). */
const SLOTS = 8;

function intOrNull(t: UnionType): boolean {
  return t.types.length === 2 && t.types.some((b) => b.kind === 'int') && t.types.some((b) => b.kind === 'null');
}

/** How a value of type t crosses: by its own slot where one holds it, else on the wire. */
export function hostKind(t: AvroType): HostKind {
  switch (t.kind) {
    case 'string':
    case 'int':
    case 'boolean':
    case 'long':
    case 'float':
    case 'double':
    case 'bytes':
      return t.kind;
    case 'union':
      return intOrNull(t) ? 'intOrNull' : 'value';
    case 'array':
      return t.items.kind === 'string' ? 'strings' : 'value';
    default:
      return 'value';
  }
}

/**
 * Emits the call of `lib` at this site on the host, or of a host helper (`via`) at its site;
 * returns the (pure) result expression.
 */
export function lowerHostCall(
  m: Module,
  fn: Fn,
  c: WasmCall,
  lib: LibFunction,
  path: string,
  via?: HostHelperCall,
): string {
  const params = (via?.params ?? c.site.params).map((p) => {
    if (p.kind === 'fcn') return c.unsupported('a function argument does not cross to the host');
    return p;
  });
  const values = via?.args ?? c.args;
  const bindings = via ? {} : c.site.bindings;
  const retType = via?.ret ?? c.site.ret;
  const args = params.map(hostKind);
  const ret = hostKind(retType);
  // (an int-or-null result crosses on the wire too, as a union in the signature's branch order;
  // a generic signature's JS form reads its labels' types: cast.json of an int)
  const wired =
    [...args, ret].some((k) => k === 'bytes' || k === 'value') ||
    ret === 'intOrNull' ||
    via !== undefined ||
    Object.keys(bindings).length > 0;
  const site = m.site({
    kind: 'runtime',
    ...(via?.code !== undefined ? { code: via.code } : {}),
    message: '',
    path,
    fcn: lib.name,
    detail: 'host',
    call: {
      ...(via ? { helper: via.helper } : {}),
      sig: via ? 0 : c.site.sig,
      args,
      ret,
      ...(wired
        ? {
            types: {
              params: params.map((t) => toSchema(t)),
              ret: toSchema(retType),
              bindings: Object.fromEntries(Object.entries(bindings).map(([k, t]) => [k, toSchema(t)])),
            },
          }
        : {}),
    },
  });
  // Values on the wire go first, one after another after the output written so far; their slot
  // holds their address, known only once all are written (the output buffer can move as it grows).
  const onWire = args.flatMap((k, i) => (k === 'value' ? [i] : []));
  const at = onWire.length ? fn.temp('usize', `${RT.emitBegin}()`) : '';
  for (const i of onWire) fn.emit(m.wire.write(params[i], values[i]));
  let slot = 0;
  params.forEach((t, i) => {
    const a = values[i];
    switch (args[i]) {
      case 'string':
      case 'int':
        fn.emit(`${RT.hostArgI32}(${slot++}, ${a});`);
        break;
      case 'boolean':
        fn.emit(`${RT.hostArgI32}(${slot++}, ${a} ? 1 : 0);`);
        break;
      case 'long':
        fn.emit(`${RT.hostArgI64}(${slot++}, ${a});`);
        break;
      case 'float':
      case 'double':
        fn.emit(`${RT.hostArgF64}(${slot++}, <f64>${a});`);
        break;
      case 'intOrNull': {
        // null crosses as 2^32, outside int's range
        const u = t as UnionType;
        const k = u.types.findIndex((b) => b.kind === 'int');
        fn.emit(`${RT.hostArgI64}(${slot++}, ${c.tag(u, a)} == ${k} ? <i64>${c.branch(u, a, k)} : 0x100000000);`);
        break;
      }
      case 'strings':
      case 'bytes':
        fn.emit(`${RT.hostArgI32}(${slot++}, <i32>${a}.dataStart);`);
        fn.emit(`${RT.hostArgI32}(${slot++}, ${a}.length);`);
        break;
      case 'value':
        // (all wire values share one address: the host reads them in order)
        if (i === onWire[0]) fn.emit(`${RT.hostArgI32}(${slot}, <i32>${RT.outAt}(${at}));`);
        slot++;
        break;
    }
  });
  if (slot > SLOTS) c.unsupported(`more than ${SLOTS} argument slots`);
  const rc = fn.temp('i32', `${RT.hostCall}(${site})`);
  if (onWire.length) fn.emit(`${RT.outDrop}(${at});`);
  fn.emit(`if (${rc} != 0) ${fn.failWith(site, `${rc} - 1`)}`);
  switch (ret) {
    case 'string':
    case 'int':
      return fn.temp('i32', `${RT.hostResultI32}()`);
    case 'boolean':
      return fn.temp('bool', `${RT.hostResultI32}() != 0`);
    case 'long':
      return fn.temp('i64', `${RT.hostResultI64}()`);
    case 'float':
      return fn.temp('f32', `<f32>${RT.hostResultF64}()`);
    case 'double':
      return fn.temp('f64', `${RT.hostResultF64}()`);
    case 'strings':
      return fn.temp(c.type(retType), `${RT.hostResultI32s}()`);
    case 'intOrNull':
    case 'bytes':
    case 'value': {
      // The host encoded the result on the wire (slot 0: its size); it is read with the input's
      // reader from a buffer made for it, the input's read position kept aside meanwhile.
      const saved = fn.temp('usize', 'inPos');
      fn.emit(`inPos = ${RT.hostResultWire}(${RT.hostResultI32}());`);
      const r = fn.temp(c.type(retType), m.wire.read(retType));
      fn.emit(`inPos = ${saved};`);
      return r;
    }
  }
}
