/**
 * One generated kernel module: the whole engine (routines, user functions, cells, constants)
 * lowered to AssemblyScript, plus what the host needs to drive it: the error-site table, the
 * string dictionary, and the order in which cells and constants are loaded at instantiation.
 * Lowering is deterministic, so the host recomputes this from the document instead of storing it.
 */
import { AvroType, FcnType, MapType, T } from '../../../types/avro.js';
import { Node, TypedEngine } from '../../../types/ir.js';
import { AsTypes, NotLowerable } from '../types.js';
import { Names, RT, i32Literal } from '../emit/names.js';
import { WIRE_PRELUDE, WireAs } from '../wireAs.js';
import { StringDict } from '../wire.js';
import { Fn } from './fn.js';
import { lowerExpr } from './expr.js';

export interface ErrorSite { kind: 'runtime' | 'user' | 'timeout'; code?: number; message: string; path: string; fcn?: string }

/** A value loaded into a global at instantiation: a cell's initial value or a literal constant. */
export interface Loaded { readonly global: string; readonly type: AvroType; readonly value: unknown; readonly cell?: string }

export interface LoweredModule {
  readonly source: string;
  readonly sites: readonly ErrorSite[];
  readonly strings: readonly string[];
  readonly loaded: readonly Loaded[];
  /** Cells the document writes, by name: their globals, for snapshots. */
  readonly cellGlobals: ReadonlyMap<string, string>;
  readonly hasBegin: boolean;
  readonly hasEnd: boolean;
}

export class Module {
  readonly names = new Names();
  readonly types = new AsTypes(this.names);
  readonly wire = new WireAs(this.types, this.names);
  readonly dict = new StringDict();
  readonly sites: ErrorSite[] = [{ kind: 'timeout', message: 'timeout', path: '' }];
  private readonly loaded: Loaded[] = [];
  private readonly cells = new Map<string, string>();
  private readonly fcnNames = new Map<string, string>();
  private readonly fcnQueue: string[] = [];
  private readonly functions: string[] = [];
  private readonly globals: string[] = [];
  private predefinedMap = new Map<string, string>();

  constructor(readonly engine: TypedEngine) {}

  site(s: ErrorSite): number {
    this.sites.push(s);
    return this.sites.length - 1;
  }

  str(s: string): string {
    return i32Literal(this.dict.code(s));
  }

  constant(t: AvroType, value: unknown, path: string): string {
    const global = this.names.mint('k');
    this.globals.push(`let ${global}: ${this.types.as(t, path)} = ${this.types.zero(t)};`);
    this.loaded.push({ global, type: t, value });
    return global;
  }

  cell(name: string, path: string): string {
    let g = this.cells.get(name);
    if (!g) {
      const spec = this.engine.cells.get(name)!;
      g = this.names.mint('c');
      this.globals.push(`let ${g}: ${this.types.as(spec.type, path)} = ${this.types.zero(spec.type)};`);
      this.loaded.push({ global: g, type: spec.type, value: spec.init, cell: name });
      this.cells.set(name, g);
    }
    return g;
  }

  cellType(name: string): AvroType {
    return this.engine.cells.get(name)!.type;
  }

  fcnType(name: string): FcnType {
    return this.engine.fcns.get(name)!.type;
  }

  /** The AS name of a user function, queued for generation on first use. */
  userFunction(name: string): string {
    let n = this.fcnNames.get(name);
    if (!n) {
      n = this.names.mint('u');
      this.fcnNames.set(name, n);
      this.fcnQueue.push(name);
    }
    return n;
  }

  /** A predefined symbol of the routine being lowered (input, tally, name, ...). */
  predefined(_fn: Fn, name: string, type: AvroType, path: string): string {
    const p = this.predefinedMap.get(name);
    if (p) return p;
    switch (name) {
      case 'name': return this.str(this.engine.name);
      case 'version': return i32Literal(this.engine.version ?? 0);
      case 'metadata': return this.constant(type, this.engine.metadata, path);
      default: throw new NotLowerable(`the predefined symbol "${name}" is not lowered`, path);
    }
  }

  /** A map copy with one key set (attr-to, cell-to through a map), keeping insertion order. */
  copyMapWith(fn: Fn, t: MapType, m: string, key: string, value: string): string {
    const T_ = this.types.as(t);
    const out = fn.temp(T_, `new ${T_}()`);
    const ks = fn.temp('Array<i32>', `${m}.keys()`);
    const i = fn.local('i32');
    fn.emit(`for (${i} = 0; ${i} < ${ks}.length; ${i}++) ${out}.set(unchecked(${ks}[${i}]), ${m}.get(unchecked(${ks}[${i}])));`);
    fn.emit(`${out}.set(${key}, ${value});`);
    return out;
  }

  private routine(exportName: string, body: Node, params: Record<string, [string, AvroType]>, kind: 'action' | 'other'): void {
    const e = this.engine;
    const inner = this.names.mint('r');
    const retType = body.type;
    const fn = new Fn(this.names, this.types, this.types.zero(retType));
    this.predefinedMap = new Map(Object.entries(params).map(([k, [local]]) => [k, local]));
    const result = lowerExpr(this, fn, body);
    const sig = Object.values(params).map(([local, t]) => `${local}: ${this.types.as(t)}`).join(', ');
    this.functions.push(`function ${inner}(${sig}): ${this.types.as(retType)} {\n${fn.body()}\n  return ${result};\n}`);
    const reads: string[] = [];
    const args: string[] = [];
    for (const [k, [, t]] of Object.entries(params)) {
      if (k === 'input') { reads.push(`inPos = inPtr; const input = ${this.wire.read(t)};`); args.push('input'); }
      else if (k === 'tally') args.push('gTally');
      else if (k === 'actionsStarted') args.push('<i64>started');
      else if (k === 'actionsFinished') args.push('<i64>finished');
      else if (k === 'instance') args.push('instance');
    }
    const out: string[] = [];
    if (kind === 'action' && e.method !== 'emit') {
      if (e.method === 'fold') out.push('gTally = r;');
      out.push(`${RT.outStart}();`, this.wire.write(e.output, 'r'));
    }
    this.functions.push(`export function ${exportName}(inPtr: usize, started: f64, finished: f64, instance: i32): i32 {
  ${RT.errorSite} = 0;
  ${reads.join(' ')}
  const r = ${inner}(${args.join(', ')});
  if (${RT.errorSite} != 0) return ${RT.errorSite};
  ${out.join('\n  ')}
  return 0;
}`);
  }

  build(): LoweredModule {
    const e = this.engine;
    if (e.merge) throw new NotLowerable('"merge" of fold engines is not lowered', '/merge');
    if (e.pools.size > 0) throw new NotLowerable('pools are not lowered to Wasm', '/pools');
    const common = (r: { predefined: Readonly<Record<string, number>> }, extra: Record<string, AvroType>) => {
      const params: Record<string, [string, AvroType]> = {};
      for (const [name, t] of Object.entries({ instance: T.int, actionsStarted: T.long, actionsFinished: T.long, ...extra })) {
        if (name in r.predefined) params[name] = [this.names.mint('p'), t];
      }
      return params;
    };
    if (e.method === 'fold') this.globals.push(`let gTally: ${this.types.as(e.output)} = ${this.types.zero(e.output)};`);
    this.routine('pfaAction', e.action.body, common(e.action, { input: e.input, ...(e.method === 'fold' ? { tally: e.output } : {}) }), 'action');
    if (e.begin) this.routine('pfaBegin', e.begin.body, common(e.begin, {}), 'other');
    if (e.end) this.routine('pfaEnd', e.end.body, common(e.end, e.method === 'fold' ? { tally: e.output } : {}), 'other');
    while (this.fcnQueue.length) this.lowerUserFunction(this.fcnQueue.shift()!);

    // Loading: the host writes every cell and constant on one wire, in `loaded` order.
    const loads = this.loaded.map((l) => `${l.global} = ${this.wire.read(l.type)};`);
    this.functions.push(`export function pfaLoad(inPtr: usize): void {\n  inPos = inPtr;\n  ${loads.join('\n  ')}\n}`);
    if (e.method === 'fold') this.functions.push(`export function pfaSetTally(inPtr: usize): void { inPos = inPtr; gTally = ${this.wire.read(e.output)}; }`);
    // Snapshots: written cells go back out on the output wire.
    const written = [...this.cells].filter(([name]) => e.cells.get(name)!.written);
    const cellOut = written.map(([name, g], i) => `if (k == ${i}) { ${this.wire.write(e.cells.get(name)!.type, g)} }`);
    this.functions.push(`export function pfaCellOut(k: i32): void {\n  ${RT.outStart}();\n  ${cellOut.join('\n  ')}\n}`);

    const source = [
      '// GENERATED by pfa-wasm (src/backend/wasm/lower): a PFA document lowered to AssemblyScript.',
      '// Rebuild with `pfa-wasm compile MODEL`; do not edit.',
      `import { ${RT.errorSite}, ${RT.fail}, ${RT.clockExpired}, ${RT.compareStrings}, ${RT.outStart}, ${RT.outF64}, ${RT.outI64}, ${RT.outI32}, ${RT.emitOut}, addOverflowsI32, subOverflowsI32, mulOverflowsI32, addOverflowsI64, subOverflowsI64, mulOverflowsI64, modF64, modI32, modI64, cmpF64, powI64, powOverflow } from './runtime';`,
      `export { ${RT.errorSite}, wireBuffer, outBegin, outPos } from './runtime';`,
      WIRE_PRELUDE,
      this.types.declarations(),
      this.globals.join('\n'),
      this.wire.source(),
      this.functions.join('\n\n'),
      '',
    ].join('\n');
    return {
      source,
      sites: this.sites,
      strings: this.dict.strings.slice(),
      loaded: this.loaded,
      cellGlobals: new Map(written.map(([name], i) => [name, String(i)])),
      hasBegin: e.begin !== null,
      hasEnd: e.end !== null,
    };
  }

  private lowerUserFunction(name: string): void {
    const f = this.engine.fcns.get(name)!;
    const asName = this.fcnNames.get(name)!;
    const fn = new Fn(this.names, this.types, this.types.zero(f.type.ret));
    const params = f.paramSlots.map((slot, i) => `${fn.slot(slot, f.type.params[i])}_`);
    // Parameters arrive as `sN_` and are copied into the slot locals (which may be reassigned).
    f.paramSlots.forEach((slot, i) => fn.emit(`${fn.existingSlot(slot)} = ${params[i]};`));
    this.predefinedMap = new Map();
    const result = lowerExpr(this, fn, f.body);
    const sig = params.map((p, i) => `${p}: ${this.types.as(f.type.params[i])}`).join(', ');
    this.functions.push(`function ${asName}(${sig}): ${this.types.as(f.type.ret)} {\n${fn.body()}\n  return ${result};\n}`);
  }
}

/** Lowers a whole engine, or says (NotLowerable) why it cannot be. */
export function lowerEngine(engine: TypedEngine): LoweredModule {
  return new Module(engine).build();
}
