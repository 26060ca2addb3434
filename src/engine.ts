/**
 * The public API (DESIGN.md "src/engine.ts"): one PFAEngine over either backend. A document is
 * read (JSON, YAML or object), checked, and compiled; `action` scores one runtime value;
 * `decode`/`encode` move between Avro-JSON and runtime values.
 */
import { readFile } from 'node:fs/promises';
import { PfaError } from './errors/PfaError.js';
import { documentMessages } from './errors/messages.js';
import { buildReport, engineMessages, inputMessages } from './errors/runtime.js';
import { DocumentSource, readDocument } from './document/read.js';
import { checkDocument } from './check/document.js';
import { TypedEngine } from './ir/tree.js';
import { AvroType } from './types/avro.js';
import { Value } from './values.js';
import { decoderFor, encoderFor } from './codec/avroJson.js';
import { EngineCodec } from './codec/engineCodec.js';
import { JsProgram } from './backend/js/program.js';
import { JsonValue } from './document/json.js';
import type { WasmHost } from './backend/wasm/host.js';
import type { Precompiled } from './backend/wasm/load.js';
import { DEFAULT_LIMITS, DocumentLimits, InputLimits } from './limits.js';
import type { TextScorer } from './backend/wasm/fastpath/scorer.js';
import { Columns, columnRecords } from './backend/wasm/columns.js';

export type Backend = 'js' | 'wasm' | 'auto';

export interface EngineOptions {
  backend?: Backend;
  /** Instance number of this engine in a battery (the `instance` symbol; offsets `randseed`). */
  instance?: number;
  /** Called with each value an `emit` engine emits (action also returns them). */
  emit?: (value: Value) => void;
  /** Receives `log` special forms; default: ignore. */
  log?: (values: Value[], namespace: string | null) => void;
  /**
   * A module compiled ahead of time (`pfa-wasm compile`) with its manifest and the document's text;
   * run from its manifest without lowering the document when that manifest was written for this
   * document by this kernel version.
   */
  precompiled?: Precompiled;
  /** Told which backend runs and why (e.g. "wasm: compiled in 812 ms" or why the JS backend runs). */
  onBackend?: (message: string) => void;
  /**
   * Milliseconds that begin, action and end may each run when the document's `options` set no
   * timeout (`timeout`, `timeout.begin`, ...); a routine past it fails with a PfaError of kind
   * "timeout". Default: none, as the spec says (the handler and `serve` set PFA_TIMEOUT_MS).
   */
  timeout?: number;
  /** Document and input limits (src/limits.ts has the defaults; ARCHITECTURE.md "Trust model"). */
  limits?: Partial<DocumentLimits & InputLimits>;
}

export interface Snapshot {
  cells: Record<string, unknown>;
  pools: Record<string, Record<string, unknown>>;
  tally?: unknown;
}

// Fatal, so that bytes that are not UTF-8 are refused; a BOM stays, as the Wasm path keeps it.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class PFAEngine {
  private jsProgram: JsProgram | null = null;
  private wasm: WasmHost | null = null;
  /** Why the Wasm backend is not running (empty when it is, or when it was not asked for). */
  backendNote = '';
  private readonly codec: EngineCodec;

  private constructor(
    readonly typed: TypedEngine,
    private readonly options: EngineOptions,
  ) {
    this.codec = new EngineCodec(
      typed.input,
      typed.output,
      options.limits?.maxInputDepth ?? DEFAULT_LIMITS.maxInputDepth,
    );
  }

  /**
   * The document compiled to closures: built when the engine runs on the JS backend, and for an
   * engine on Wasm only when a path that still uses it runs (merge, snapshots of a fold's tally,
   * restore): building it compiles every routine to closures, which an engine on Wasm never runs.
   */
  private get js(): JsProgram {
    this.jsProgram ??= stackSafe(() => new JsProgram(this.typed, this.options.instance ?? 0));
    return this.jsProgram;
  }

  /** The engine on the JS backend, its program built now (its errors belong to creating it). */
  private onJs(): this {
    void this.js;
    return this;
  }

  /** Reads, checks and compiles a document with the JS backend, synchronously. */
  static fromJson(doc: DocumentSource, options: EngineOptions = {}): PFAEngine {
    if (options.backend && options.backend !== 'js' && options.backend !== 'auto') {
      throw engineMessages.needsCreate.error(options.backend);
    }
    return new PFAEngine(typedEngine(doc, options), options).onJs();
  }

  static fromYaml(text: string, options: EngineOptions = {}): PFAEngine {
    return PFAEngine.fromJson(text.trimStart().startsWith('{') ? `---\n${text}` : text, options);
  }

  /**
   * Reads, checks and compiles a document. backend 'js' (default): closures; 'wasm': the Wasm
   * backend or a PfaError saying what cannot be lowered; 'auto': Wasm when the whole engine
   * lowers, else JS (and `backendNote` says why).
   */
  static async create(doc: DocumentSource, options: EngineOptions = {}): Promise<PFAEngine> {
    const backend = options.backend ?? 'js';
    const engine = new PFAEngine(typedEngine(doc, options), options);
    if (backend === 'js') return engine.onJs();
    const hostOptions = {
      instance: options.instance,
      emit: options.emit,
      log: options.log,
      maxInputDepth: engine.codec.maxInputDepth,
    };
    // Manifest → host: a module compiled for this document needs no lowering, nor its code (the
    // lowering is most of the Wasm backend's JS, and loading it most of a cold start).
    if (options.precompiled) {
      const [{ manifestHost }, { sha256, timeoutsOf }] = await Promise.all([
        import('./backend/wasm/precompiled.js'),
        import('./backend/wasm/artifact.js'),
      ]);
      const pre = options.precompiled;
      engine.wasm = await manifestHost(pre, sha256(pre.documentText), timeoutsOf(engine.typed), hostOptions);
      if (engine.wasm) {
        options.onBackend?.('wasm: using the precompiled module');
        return engine;
      }
    }
    const { tryLower, compileLowered, precompiledModule, startWasm } = await import('./backend/wasm/load.js');
    const lowering = stackSafe(() => tryLower(engine.typed));
    if (!lowering.ok) {
      const why = engineMessages.notLowered.text(lowering.reason, lowering.path);
      if (backend === 'wasm') throw engineMessages.notLowered.at(lowering.path, lowering.reason, lowering.path);
      engine.backendNote = why;
      options.onBackend?.(`js: ${why}`);
      return engine.onJs();
    }
    let module: WebAssembly.Module | null = null;
    if (options.precompiled) {
      const pre = await precompiledModule(options.precompiled, lowering.lowered);
      module = pre.module;
      if (pre.why) options.onBackend?.(`wasm: precompiled module ignored: ${pre.why}; compiling`);
      else options.onBackend?.('wasm: using the precompiled module');
    }
    if (!module) {
      const started = Date.now();
      try {
        module = await compileLowered(lowering.lowered);
      } catch (e) {
        // A lowering defect (the generated AssemblyScript does not build): 'auto' still answers,
        // on the JS backend, and says so; 'wasm' was asked for Wasm and fails.
        // (as thrown: asc's whole report, or a bundle's "has no Wasm compiler", which is no defect)
        if (backend === 'wasm') throw e;
        const why = engineMessages.buildFailed.text(buildReport(e));
        engine.backendNote = why;
        options.onBackend?.(`js: ${why}`);
        return engine.onJs();
      }
      if (!options.precompiled) options.onBackend?.(`wasm: compiled in ${Date.now() - started} ms`);
    }
    engine.wasm = await startWasm(engine.typed, lowering.lowered, module, hostOptions);
    return engine;
  }

  get backend(): 'js' | 'wasm' {
    return this.wasm ? 'wasm' : 'js';
  }

  static async fromFile(path: string, options: EngineOptions = {}): Promise<PFAEngine> {
    return PFAEngine.create(await readFile(path, 'utf8'), options);
  }

  get name(): string {
    return this.typed.name;
  }
  get method(): 'map' | 'emit' | 'fold' {
    return this.typed.method;
  }
  get inputType(): AvroType {
    return this.typed.input;
  }
  get outputType(): AvroType {
    return this.typed.output;
  }

  /** Avro-JSON (from JSON.parse or parseJson) → runtime value of the input type; throws PfaError kind "input". */
  decode(json: unknown): Value {
    return this.codec.decode(json);
  }

  /**
   * Parses one line of Avro-JSON text exactly (longs beyond 2^53 stay exact) and decodes it.
   * Text that is not JSON is a PfaError too (kind "syntax", code 1000, with the position).
   */
  decodeText(text: string): Value {
    return this.codec.decodeText(text);
  }

  /** Runtime value of the output type → Avro-JSON (bigints for longs: write with `jsonText`). */
  encode(value: Value): unknown {
    return this.codec.encode(value);
  }

  encodeText(value: Value): string {
    return this.codec.encodeText(value);
  }

  begin(): void {
    if (this.wasm) this.wasm.begin();
    else this.js.begin(this.hooks());
  }

  /**
   * Scores one input. map: returns the output; emit: returns the values emitted during this call
   * (each also goes to the `emit` option); fold: returns the new tally.
   */
  action(input: Value): Value {
    if (this.wasm) return this.wasm.action(input);
    if (this.typed.method === 'emit') {
      const out: Value[] = [];
      this.js.action(input, this.hooks(out));
      return out;
    }
    return this.js.action(input, this.hooks());
  }

  /**
   * Scores many inputs in order: entry i is what `action(inputs[i])` would return, or the PfaError
   * it would throw (scoring goes on after a failing record). On the Wasm backend the whole batch
   * crosses into the kernel once.
   */
  scoreBatch(inputs: readonly Value[]): (Value | PfaError)[] {
    if (this.wasm) return this.wasm.actionBatch(inputs);
    return inputs.map((input) => caught(() => this.action(input)));
  }

  /**
   * scoreBatch over records of numbers given as columns, one typed array per field (Float64Array
   * for double, Float32Array for float, Int32Array for int): entry i is the answer for the record
   * of every column's item i. On the Wasm backend the columns are copied onto the wire with no
   * record objects (src/backend/wasm/columns.ts). Throws an input PfaError when they do not fit.
   */
  scoreColumns(columns: Columns): (Value | PfaError)[] {
    if (this.wasm) return this.wasm.actionColumns(columns);
    return this.scoreBatch(columnRecords(this.inputType, columns));
  }

  /**
   * One request: one input record's JSON text → the output's JSON text, exactly
   * `encodeText(action(decodeText(text)))` (emit engines: the emitted values' texts joined with
   * "\n", "" when none). Throws the PfaError the composition throws.
   */
  scoreText(text: string): string {
    if (this.wasm) return this.wasm.scoreText(text);
    return this.outputText(this.action(this.decodeText(text)));
  }

  /**
   * scoreText for a text given as its UTF-8 bytes (a request body as it came off the socket): on
   * the Wasm backend, where the kernel reads the input type, the bytes reach it with no string in
   * between. Bytes that are not UTF-8 are an input PfaError (code invalidUtf8).
   */
  scoreBytes(bytes: Uint8Array): string {
    if (this.wasm) return this.wasm.scoreBytes(bytes);
    let text: string;
    try {
      text = UTF8.decode(bytes);
    } catch {
      throw inputMessages.notUtf8.atInput('');
    }
    return this.scoreText(text);
  }

  /**
   * Many requests in order: entry i is what `scoreText(texts[i])` would return, or the PfaError it
   * would throw (scoring goes on after a failing entry). On the Wasm backend the whole batch
   * crosses into the kernel once.
   */
  scoreTextBatch(texts: readonly string[]): (string | PfaError)[] {
    if (this.wasm) return this.wasm.scoreTextBatch(texts);
    return texts.map((text) => caught(() => this.scoreText(text)));
  }

  /**
   * The Wasm text path: the generated JSON reader and writer around one kernel call per batch
   * (null on the JS backend). The Lambda handler reads request bodies with it.
   */
  textPath(): TextScorer | null {
    return this.wasm ? this.wasm.textPath() : null;
  }

  /** The JSON text of what `action` returned (emit engines: a list of emitted values). */
  private outputText(out: Value): string {
    if (this.typed.method !== 'emit') return this.encodeText(out);
    return (out as Value[]).map((v) => this.encodeText(v)).join('\n');
  }

  end(): void {
    if (this.wasm) this.wasm.end();
    else this.js.end(this.hooks());
  }

  /** fold engines: combines two tallies with the document's `merge`. */
  merge(tallyOne: Value, tallyTwo: Value): Value {
    return this.js.merge(tallyOne, tallyTwo);
  }

  /** The current cells, pools (and fold tally) as Avro-JSON. */
  snapshot(): Snapshot {
    const cells: Record<string, unknown> = {};
    for (const c of this.typed.cells.values()) {
      const v = this.wasm ? (this.wasm.cell(c.name) ?? c.init) : this.js.rt.cells.get(c.name);
      cells[c.name] = encoderFor(c.type)(v);
    }
    const pools: Record<string, Record<string, unknown>> = {};
    for (const p of this.typed.pools.values()) {
      const enc = encoderFor(p.type);
      const items: Record<string, unknown> = {};
      for (const [k, v] of (this.wasm ? this.wasm.pool(p.name) : undefined) ?? this.js.rt.pools.get(p.name)!)
        items[k] = enc(v);
      pools[p.name] = items;
    }
    const snap: Snapshot = { cells, pools };
    if (this.typed.method === 'fold') snap.tally = this.encode(this.js.tally);
    return snap;
  }

  /** Restores a snapshot, or the document's initial state when none is given. */
  revert(snapshot?: Snapshot): void {
    if (this.wasm) throw engineMessages.revertOnWasm.error();
    this.js.resetState();
    if (!snapshot) return;
    for (const [name, json] of Object.entries(snapshot.cells ?? {})) {
      const c = this.typed.cells.get(name);
      if (!c) throw engineMessages.snapshotUnknownCell.error(name);
      this.js.rt.cells.set(name, decoderFor(c.type)(json, `/cells/${name}`));
    }
    for (const [name, items] of Object.entries(snapshot.pools ?? {})) {
      const p = this.typed.pools.get(name);
      if (!p) throw engineMessages.snapshotUnknownPool.error(name);
      const dec = decoderFor(p.type);
      this.js.rt.pools.set(name, new Map(Object.entries(items).map(([k, v]) => [k, dec(v, `/pools/${name}/${k}`)])));
    }
    if (snapshot.tally !== undefined) this.js.tally = decoderFor(this.typed.output)(snapshot.tally, '/tally');
  }

  /** The hooks of map and fold actions never change: built once (action is the hot path). */
  private plainHooks?: { emit?: (v: Value) => void; log?: (values: Value[], namespace: string | null) => void };

  private hooks(collect?: Value[]) {
    const user = this.options.emit;
    if (!collect) return (this.plainHooks ??= { emit: user, log: this.options.log });
    return {
      emit: (v: Value) => {
        collect.push(v);
        user?.(v);
      },
      log: this.options.log,
    };
  }
}

/** The value `run` returns, or the PfaError it throws (other errors propagate). */
function caught<T>(run: () => T): T | PfaError {
  try {
    return run();
  } catch (e) {
    if (e instanceof PfaError) return e;
    throw e;
  }
}

/** Reads and checks a document within the limits, and applies the default timeout. */
function typedEngine(doc: DocumentSource, options: EngineOptions): TypedEngine {
  const typed = stackSafe(() => checkDocument(readDocument(doc, options.limits)));
  const ms = options.timeout;
  if (ms === undefined) return typed;
  if (!(Number.isFinite(ms) && ms >= 0)) throw engineMessages.badTimeout.error(ms);
  // The document's own timeouts win: they are spread last.
  return { ...typed, options: { timeout: ms, ...typed.options } };
}

/**
 * Runs a compile phase that recurses over the document (checking, closures, lowering). The depth
 * limit keeps documents shallow enough, but a caller with a deep stack of its own could still
 * exhaust it: that becomes a PfaError, never a RangeError.
 */
function stackSafe<T>(phase: () => T): T {
  try {
    return phase();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw documentMessages.tooDeepToCompile.error();
    }
    throw e;
  }
}

export type { JsonValue };
