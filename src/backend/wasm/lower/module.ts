/**
 * One generated kernel module: the whole engine (routines, user functions, cells, constants)
 * lowered to AssemblyScript, plus what the host needs to drive it: the error-site table, the
 * string dictionary, and the order in which cells and constants are loaded at instantiation.
 * Lowering is deterministic, so the host recomputes this from the document instead of storing it.
 * The module's parts: its globals and load-time tables (lower/loadTime.ts), its entry points
 * (lower/entryPoints.ts), and what it hands the host (lower/lowered.ts).
 */
import { AvroType, FcnType, MapType, T } from '../../../types/avro.js';
import { TypedEngine } from '../../../ir/tree.js';
import { eachNode } from '../../../ir/walk.js';
import { NotLowerable } from '../types.js';
import { catcherSource } from './forms.js';
import { RT, i32Literal } from '../emit/names.js';
import { Fn } from './fn.js';
import { checkDeclined } from './decline.js';
import { planFusions } from './fuse.js';
import { assignedSlots } from './shapes.js';
import { lowerExpr } from './expr.js';
import { convert } from './convert.js';
import { readTextSource } from '../textAs.js';
import { LoadTime } from './loadTime.js';
import { entry, functionSource, lowerRoutine, stateless } from './entryPoints.js';
import {
  type ErrorSite,
  type KernelMemory,
  type LogSite,
  type LoweredModule,
  MODULE_HEADER,
  featuresLine,
  memoryLine,
} from './lowered.js';

export * from './lowered.js';
export type { KeyOrder } from './loadTime.js';

export class Module extends LoadTime {
  readonly sites: ErrorSite[] = [{ kind: 'timeout', message: 'timeout', path: '' }];
  readonly cells = new Map<string, string>();
  private readonly fcnNames = new Map<string, string>();
  private readonly fcnQueue: string[] = [];
  /** The module-level functions, in order: routines, user functions, entry points. */
  readonly functions: string[] = [];
  /** The predefined symbols (input, tally...) of the routine being lowered, by name: their locals. */
  predefinedMap = new Map<string, string>();
  /** How the action's input is read (lower/entryPoints.ts readInput), once decided. */
  inputReader: string | null | undefined;

  constructor(readonly engine: TypedEngine) {
    super();
  }

  private readonly catchers: { name: string; filter: readonly (string | number)[] | null }[] = [];
  private readonly helpers = new Map<string, Map<object, string>>();

  /**
   * The name of the module-level function made once for `kind` and `key` (equality of one record
   * type, say): `build` writes its source given the name, which is known before the body is built,
   * so a body that needs the same function again (a recursive type) calls it.
   */
  helper(kind: string, key: object, build: (name: string) => string): string {
    let byKey = this.helpers.get(kind);
    if (!byKey) this.helpers.set(kind, (byKey = new Map()));
    let name = byKey.get(key);
    if (name === undefined) {
      name = this.names.mint('h');
      byKey.set(key, name);
      this.functions.push(build(name));
    }
    return name;
  }

  /** The kernel function saying whether a `try` with `filter` catches an error (lower/forms.ts catcherSource). */
  catcher(filter: readonly (string | number)[] | null): string {
    const name = this.names.mint('catches');
    this.catchers.push({ name, filter });
    return name;
  }

  readonly logs: LogSite[] = [];

  /** A new log site's number. */
  logSite(s: LogSite): number {
    this.logs.push(s);
    return this.logs.length - 1;
  }

  site(s: ErrorSite): number {
    this.sites.push(s);
    return this.sites.length - 1;
  }

  str(s: string): string {
    return i32Literal(this.dict.code(s));
  }

  cell(name: string, path: string): string {
    let g = this.cells.get(name);
    if (!g) {
      const spec = this.engine.cells.get(name)!;
      const global = this.names.mint('c');
      this.loaded.push({ global, type: spec.type, value: spec.init, cell: name });
      // (a written cell is read and written by the routines: a plain global)
      if (spec.written) this.globals.push(this.globalDecl(global, spec.type, path));
      g = spec.written ? global : this.loadedGlobal(global, spec.type, path);
      this.cells.set(name, g);
      if (!spec.written) this.constants.add(g);
    }
    return g;
  }

  readonly pools = new Map<string, string>();

  /** Pool `name`: a global holding the map from item names to items (spec sec. 3.8), loaded like a cell. */
  pool(name: string, path: string): string {
    let g = this.pools.get(name);
    if (!g) {
      const spec = this.engine.pools.get(name)!;
      const t = this.poolType(name);
      const global = this.names.mint('q');
      this.loaded.push({ global, type: t, value: spec.init });
      if (spec.written) this.globals.push(this.globalDecl(global, t, path));
      g = spec.written ? global : this.loadedGlobal(global, t, path);
      this.pools.set(name, g);
      if (!spec.written) this.constants.add(g);
    }
    return g;
  }

  /** A pool's type as a map of its items. */
  poolType(name: string): MapType {
    return { kind: 'map', values: this.engine.pools.get(name)!.type };
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
      case 'name':
        return this.str(this.engine.name);
      case 'version':
        return i32Literal(this.engine.version ?? 0);
      case 'metadata':
        return this.constant(type, this.engine.metadata, path);
      default:
        throw new NotLowerable(`the predefined symbol "${name}" is not lowered`, path);
    }
  }

  /** A map copy with one key set (attr-to, cell-to through a map), keeping insertion order. */
  copyMapWith(fn: Fn, t: MapType, m: string, key: string, value: string): string {
    const T_ = this.types.as(t);
    const out = fn.temp(T_, `new ${T_}(${m}.size + 1)`);
    const i = fn.local('i32');
    fn.emit(`for (${i} = 0; ${i} < ${m}.size; ${i}++) ${out}.set(${m}.keyAt(${i}), ${m}.valueAt(${i}));`);
    fn.emit(`${out}.set(${key}, ${value});`);
    return out;
  }

  build(): LoweredModule {
    const e = this.engine;
    // A fold engine's "merge" is not part of the kernel: PFAEngine.merge runs it on the JS backend.
    const common = (r: { predefined: Readonly<Record<string, number>> }, extra: Record<string, AvroType>) => {
      const params: Record<string, [string, AvroType]> = {};
      for (const [name, t] of Object.entries({
        instance: T.int,
        actionsStarted: T.long,
        actionsFinished: T.long,
        ...extra,
      })) {
        if (name in r.predefined) params[name] = [this.names.mint('p'), t];
      }
      return params;
    };
    if (e.method === 'fold') this.globals.push(this.globalDecl('gTally', e.output, ''));
    lowerRoutine(
      this,
      'pfaAction',
      e.action.body,
      common(e.action, { input: e.input, ...(e.method === 'fold' ? { tally: e.output } : {}) }),
      'action',
    );
    if (e.begin) lowerRoutine(this, 'pfaBegin', e.begin.body, common(e.begin, {}), 'other');
    if (e.end)
      lowerRoutine(this, 'pfaEnd', e.end.body, common(e.end, e.method === 'fold' ? { tally: e.output } : {}), 'other');
    while (this.fcnQueue.length) this.lowerUserFunction(this.fcnQueue.shift()!);
    // (every site a try body can reach is known now)
    for (const c of this.catchers)
      this.functions.push(catcherSource(c.name, c.filter, this.sites, (k) => this.dict.code(k)));

    // Loading: the host writes every cell and constant on one wire, in `loaded` order.
    const loads = [...this.loaded.map((l) => `${l.global} = ${this.wire.read(l.type)};`), ...this.loadTimeSets];
    // (what it allocates persists: an arena module marks it after)
    this.functions.push(
      entry('export function pfaLoad(inPtr: usize): void', (c) => {
        c.emit(`${RT.arenaReset}();`);
        c.emit('inPos = inPtr;');
        for (const statement of loads) c.emit(statement);
        c.emit(`${RT.arenaMark}();`);
      }),
    );
    if (e.method === 'fold')
      this.functions.push(
        `export function pfaSetTally(inPtr: usize): void { inPos = inPtr; gTally = ${this.wire.read(e.output)}; }`,
      );
    // Snapshots: written cells go back out on the output wire.
    const written = [...this.cells].filter(([name]) => e.cells.get(name)!.written);
    // (then written pools, numbered on from the cells)
    const writtenPools = [...this.pools].filter(([name]) => e.pools.get(name)!.written);
    const cellOut = [
      ...written.map(([name, g], i) => `if (k == ${i}) { ${this.wire.write(e.cells.get(name)!.type, g)} }`),
      ...writtenPools.map(
        ([name, g], i) => `if (k == ${written.length + i}) { ${this.wire.write(this.poolType(name), g)} }`,
      ),
    ];
    this.functions.push(
      entry('export function pfaCellOut(k: i32): void', (c) => {
        c.emit(`${RT.outStart}();`);
        for (const statement of cellOut) c.emit(statement);
      }),
    );
    // JSON lines read in the kernel (textAs.ts), for inputs it reads.
    const readText = readTextSource(e.input);
    if (readText !== null) this.functions.push(readText);

    const body = [
      this.types.declarations(),
      this.globals.join('\n'),
      this.wire.source(),
      this.functions.join('\n\n'),
    ].join('\n');
    const entries = [
      'pfaAction',
      'pfaActionBatch',
      'pfaLoad',
      'pfaCellOut',
      ...(e.begin ? ['pfaBegin'] : []),
      ...(e.end ? ['pfaEnd'] : []),
      ...(e.method === 'fold' ? ['pfaSetTally'] : []),
      ...(readText !== null ? ['pfaReadText'] : []),
    ];
    const memory: KernelMemory = stateless(this) ? 'arena' : 'collected';
    const simd = this.types.hasVectors();
    const source = [MODULE_HEADER, memoryLine(memory), featuresLine(simd), body, ''].join('\n');
    return {
      source,
      body,
      entries,
      sites: this.sites,
      logs: this.logs,
      strings: this.dict.strings.slice(),
      loaded: this.loaded,
      cellGlobals: new Map(written.map(([name], i) => [name, String(i)])),
      poolGlobals: new Map(writtenPools.map(([name], i) => [name, String(written.length + i)])),
      hasBegin: e.begin !== null,
      hasEnd: e.end !== null,
      memory,
      simd,
    };
  }

  /**
   * A call of a small user function that calls no user function itself (so inlining ends), given a
   * map made with known keys (lower/shapes.ts rule 7), lowered in the caller's function with the
   * arguments bound to its parameters: what the lowering knows of the map then holds in its body,
   * so neither it nor a map the body makes from it need be made (Sonar's u.cutoff_ratio_cmp). Its
   * result, or null for a call to make.
   */
  inlineCall(fn: Fn, name: string, args: readonly string[]): string | null {
    // (or given a constant: its body then reads it as one, lower/zipJoin.ts)
    if (!args.some((a) => fn.shapes.entriesOf(a) || this.isConstant(a))) return null;
    const f = this.engine.fcns.get(name)!;
    let size = 0;
    let calls = false;
    eachNode(f.body, (n) => {
      size++;
      if (n.k === 'ucall') calls = true;
    });
    if (calls || size > INLINE_NODES) return null;
    const predefined = this.predefinedMap;
    this.predefinedMap = new Map();
    try {
      return fn.inFrame(planFusions(f.body), assignedSlots(f.body), () => {
        f.paramSlots.forEach((slot, i) => {
          const local = fn.slot(slot, f.type.params[i]);
          fn.emit(`${local} = ${args[i]};`);
          fn.noteValue(local, args[i]);
        });
        return convert(fn, lowerExpr(this, fn, f.body), f.body.type, f.type.ret);
      });
    } finally {
      this.predefinedMap = predefined;
    }
  }

  private lowerUserFunction(name: string): void {
    const f = this.engine.fcns.get(name)!;
    const asName = this.fcnNames.get(name)!;
    const fn = new Fn(this.names, this.types, this.types.zero(f.type.ret));
    fn.fusion = planFusions(f.body);
    fn.assigned = assignedSlots(f.body);
    const params = f.paramSlots.map((slot, i) => `${fn.slot(slot, f.type.params[i])}_`);
    // Parameters arrive as `sN_` and are copied into the slot locals (which may be reassigned).
    f.paramSlots.forEach((slot, i) => {
      fn.emit(`${fn.existingSlot(slot)} = ${params[i]};`);
    });
    this.predefinedMap = new Map();
    const result = convert(fn, lowerExpr(this, fn, f.body), f.body.type, f.type.ret);
    const sig = params.map((p, i) => `${p}: ${this.types.as(f.type.params[i])}`).join(', ');
    this.functions.push(functionSource(`function ${asName}(${sig}): ${this.types.as(f.type.ret)}`, fn, result));
  }
}

/** The most typed-tree nodes a user function may have to be inlined at its calls (inlineCall). */
const INLINE_NODES = 40;

/** Lowers a whole engine, or says (NotLowerable) why it cannot be. */
export function lowerEngine(engine: TypedEngine): LoweredModule {
  checkDeclined(engine);
  return new Module(engine).build();
}
