/**
 * Library calls run on the host (ARCHITECTURE.md "Strings in kernels"). A kernel's strings are
 * dictionary codes whose text only the host holds, so a function that reads or makes text (s.*,
 * parse.*) runs there: the kernel writes the arguments into the runtime's call slots
 * (assembly/runtime.ts `hostArg*`), calls `pfa.call` with the call's error site, and reads the result
 * back; the host (src/backend/wasm/hostCalls.ts) runs the function's own JS form, so answers and
 * errors are the JS backend's by construction, and interns a string result into the dictionary,
 * where it compares and keys maps like any other code.
 */
import { AvroType, UnionType } from '../../../types/avro.js';
import type { LibFunction, WasmCall } from '../../../lib/registry.js';
import { RT } from '../emit/names.js';
import type { Fn } from './fn.js';
import type { Module } from './module.js';

/** How a value crosses to the host and back: one 8-byte slot each, `strings` two (items, count). */
export type HostKind = 'string' | 'int' | 'boolean' | 'long' | 'float' | 'double' | 'intOrNull' | 'strings';

/** What the host needs to run a call: the function's signature and how its values cross. */
export interface HostCallSpec {
  readonly sig: number;
  readonly args: readonly HostKind[];
  readonly ret: HostKind;
}

/** The runtime's call slots (assembly/runtime.ts HOST_SLOTS: 64 bytes). */
const SLOTS = 8;

function intOrNull(t: UnionType): boolean {
  return t.types.length === 2 && t.types.some((b) => b.kind === 'int') && t.types.some((b) => b.kind === 'null');
}

export function hostKind(t: AvroType): HostKind | undefined {
  switch (t.kind) {
    case 'string':
    case 'int':
    case 'boolean':
    case 'long':
    case 'float':
    case 'double':
      return t.kind;
    case 'union':
      return intOrNull(t) ? 'intOrNull' : undefined;
    case 'array':
      return t.items.kind === 'string' ? 'strings' : undefined;
    default:
      return undefined;
  }
}

/** Emits the call of `lib` at this site on the host; returns the (pure) result expression. */
export function lowerHostCall(m: Module, fn: Fn, c: WasmCall, lib: LibFunction, path: string): string {
  const kindOf = (t: AvroType) => hostKind(t) ?? c.unsupported(`a value of type ${t.kind} does not cross to the host`);
  const params = c.site.params.map((p) => {
    if (p.kind === 'fcn') return c.unsupported('a function argument does not cross to the host');
    return p;
  });
  const args = params.map(kindOf);
  const ret = kindOf(c.site.ret);
  const site = m.site({
    kind: 'runtime',
    message: '',
    path,
    fcn: lib.name,
    detail: 'host',
    call: { sig: c.site.sig, args, ret },
  });
  let slot = 0;
  params.forEach((t, i) => {
    const a = c.args[i];
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
        fn.emit(`${RT.hostArgI32}(${slot++}, <i32>${a}.dataStart);`);
        fn.emit(`${RT.hostArgI32}(${slot++}, ${a}.length);`);
        break;
    }
  });
  if (slot > SLOTS) c.unsupported(`more than ${SLOTS} argument slots`);
  const rc = fn.temp('i32', `${RT.hostCall}(${site})`);
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
      return fn.temp(c.type(c.site.ret), `${RT.hostResultI32s}()`);
    case 'intOrNull':
      return c.unsupported('a union result does not cross from the host');
  }
}
