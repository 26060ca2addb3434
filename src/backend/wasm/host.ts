/**
 * The one kernel host (ARCHITECTURE.md, the Wasm backend's "One host"): drives a compiled kernel from what a
 * manifest holds (its dictionary and runtime section: error sites, schemas, loaded values,
 * timeouts, randseed) with the engine semantics of the JS backend (begin before the first action,
 * counters, timeouts, emit, a new instance after a trap). The Node engine builds the runtime
 * section in memory from its lowering (load.ts startWasm); the browser runtime and anything else
 * without the front end read it from MODEL.wasm.json (src/hosts/compiled/model.ts). Values cross the
 * boundary on the wire (wire.ts); errors come back as site numbers and become PfaErrors here.
 *
 * Every path in is here for every caller: one value (`action`), many values in one kernel call
 * (`actionBatch`), and JSON text in and out (`scoreText`, `scoreTextBatch`: src/backend/wasm/fastpath).
 * This file has the paths in, on what hostKernel.ts keeps of the kernel. What a request read and
 * answered as text does not run (the Lambda handler's, fastpath/) is in modules of its own, which
 * the Lambda build leaves out of its cold start (deploy/deferred.ts): values in and out
 * (hostValues.ts), cells and pools (hostCells.ts), the strings the kernel makes or reads as text
 * (hostStrings.ts) and its failures' errors (hostErrors.ts).
 */
import { PfaError } from '../../errors/PfaError.js';
import { Value } from '../../values.js';
import { TextScorer, isUtf8 } from './fastpath/scorer.js';
import { inputMessages } from '../../errors/runtime.js';
import { KernelInstance, kernelError, makesHostCalls } from './instance.js';
import { WireFull, WireReader, WireWriter } from './wireSlots.js';
import { HostManifest, hostPlan } from './hostManifest.js';
import type { Columns } from './columns.js';
import { siteFailure } from './hostErrors.js';
import { cellValue, encodeCell, poolItems } from './hostCells.js';
import { actionBatch, actionColumns, actionSettling } from './hostValues.js';
import { HostKernel, HostOptions, Routine } from './hostKernel.js';

export type { HostManifest };
export type { HostOptions, KernelTextReader } from './hostKernel.js';

export class WasmHost extends HostKernel {
  /**
   * A host with a kernel instance of its own. `module` may still be compiling: the types are built
   * from the manifest meanwhile (WebAssembly.compile runs off the main thread).
   */
  static async create(
    module: WebAssembly.Module | Promise<WebAssembly.Module>,
    manifest: HostManifest,
    options: HostOptions = {},
  ): Promise<WasmHost> {
    const compiled = Promise.resolve(module);
    compiled.catch(() => {}); // (raised by the await below, unless hostPlan throws first)
    const plan = hostPlan(manifest);
    const kernel = await KernelInstance.create(await compiled, makesHostCalls(manifest.runtime.sites));
    return WasmHost.started(new WasmHost(kernel, '', plan, options));
  }

  /** A host on a shared kernel (a batch module), whose entries carry `prefix`. */
  static onKernel(kernel: KernelInstance, prefix: string, manifest: HostManifest, options: HostOptions = {}): WasmHost {
    return WasmHost.started(new WasmHost(kernel, prefix, hostPlan(manifest), options));
  }

  private static started(h: WasmHost): WasmHost {
    h.load();
    return h;
  }

  /** Runs `begin` (the paths in run it before their first record when it was not called). */
  begin(): void {
    this.begun = true;
    this.routine('begin');
  }

  end(): void {
    this.routine('end');
  }

  private routine(which: 'begin' | 'end'): void {
    const entry = this.entry<Routine>(which === 'begin' ? 'pfaBegin' : 'pfaEnd');
    this.emitHook = undefined;
    if (entry) this.run(which, entry, 0);
  }

  /**
   * Scores one input. map: returns the output; emit: the values emitted during this call (and
   * during `begin`, when this call runs it); fold: the new tally.
   */
  action(input: Value): Value {
    // The per-record path of a map or fold engine, once begun: no list, no closure, no try/finally
    // around the call, the output read in place. When the last record took it (`steady`: the
    // writer is still attached at the wire), no other host ran on the kernel since and no new
    // instance replaced it (`current`), the memory did not grow (the probe) and the dictionary
    // forgot nothing, there is nothing to prepare, own or attach: the input goes on the wire.
    const dict = this.dict;
    if (
      !this.steady ||
      this.kernel.current !== this ||
      this.bufferProbe.length === 0 ||
      dict.size > this.stringLimit ||
      this.textEpoch !== dict.epoch
    )
      return actionSettling(this, input);
    this.hostCalls?.reset();
    const w = this.inputWriter;
    w.reset();
    try {
      this.encodeInputFn!(input, w);
    } catch (e) {
      if (!(e instanceof WireFull)) throw e;
      return actionSettling(this, input);
    }
    return this.decodeOutputFn!(this.actionAt(this.inputPtr, false));
  }

  /** Whether `actionPlaced` runs this engine's records: `action`'s per-record path applies. */
  get placesInput(): boolean {
    return this.method !== 'emit' && this.begun;
  }

  /**
   * `action`'s per-record path for an input the caller writes on the wire itself (scoreText: the
   * kernel's text reader writes a record's slots straight there). `place(arg, ptr)` gets the wire
   * buffer, of at least `bytes` bytes, and returns where the input's slots start, or -1 when it
   * wrote none (then nothing runs, and this returns null). The output is on the returned reader; a
   * failure is thrown, and a trap replaces the instance before it is (as in `batch`).
   */
  actionPlaced<A>(bytes: number, place: (arg: A, ptr: number) => number, arg: A): WireReader | null {
    const ptr = this.placeInput(bytes, place, arg);
    return ptr < 0 ? null : this.actionAt(ptr, true);
  }

  /**
   * actionPlaced's first half: `place` writes the input on the wire, and nothing runs; where its
   * slots start, or -1. The caller runs it with `runPlaced` before anything else calls the kernel
   * (the wire is the host's, and the next path in writes over it).
   */
  placeInput<A>(bytes: number, place: (arg: A, ptr: number) => number, arg: A): number {
    this.prepare();
    return place(arg, this.wire(bytes));
  }

  /** actionPlaced's second half: runs the input `placeInput` placed at `ptr`. */
  runPlaced(ptr: number): WireReader {
    // (prepare reloads a replaced instance, whose wire is not where the input was placed)
    if (this.loadedGeneration !== this.kernel.generation)
      throw new Error('internal: the kernel was replaced after an input was placed');
    return this.actionAt(ptr, true);
  }

  /**
   * Scores records `from`..`n-1` in one kernel call. `fill(from, w)` writes those inputs one after
   * another on `w` (it is called again, from the start, when the buffer had to grow); `each(i, out,
   * error)` then gets each record's output on `out` (it must read exactly the output's slots; for
   * emit engines there is none) or its PfaError; `emit(i, v)` each value record i emits. Counters,
   * cells and the tally advance as they would over single calls. A trap keeps the answers before
   * it: the trapping record gets error 1200 and the batch goes on in a fresh instance (whose cells
   * start again from their initial values, as after a trap in a single call).
   */
  batch(
    n: number,
    fill: (from: number, w: WireWriter) => void,
    each: (i: number, out: WireReader | null, error: PfaError | null) => void,
    emit?: (i: number, v: Value) => void,
  ): void {
    if (!this.begun) this.begin();
    let from = 0;
    while (from < n) {
      this.prepare();
      const ptr = this.writeWith(fill, from);
      this.own();
      const k = this.k;
      const ms = this.spec.timeouts.action;
      this.timeoutMs = ms;
      this.emitHook = emit ? (v) => emit(from + this.batchIndex, v) : undefined;
      const marking = ms >= 0 || emit !== undefined ? 1 : 0;
      if (marking !== this.markingRecords) k.markRecords.value = this.markingRecords = marking;
      this.deadline = ms >= 0 ? Date.now() + ms : Infinity;
      let trapped: unknown = null;
      try {
        this.batchEntry(ptr, n - from, this.actionsStarted, this.actionsFinished, this.instance);
      } catch (e) {
        trapped = e;
      } finally {
        this.deadline = Infinity;
      }
      // Done records: all of them, or those before the one that trapped (read from the old memory).
      if (trapped === null) this.kernel.collectSometimes();
      const done = trapped === null ? n - from : (k.batchDone.value as number);
      // (after a trap, the old instance's memory: the answers before it are there)
      const r = trapped === null ? this.output() : this.reader.at(k.memory.buffer, k.outBegin());
      for (let j = 0; j < done; j++) {
        this.actionsStarted++;
        const status = r.getI32();
        if (status === 0) {
          this.actionsFinished++;
          each(from + j, r, null);
        } else {
          // (the site's detail is in the status slot's high half: rt.outStatus)
          each(from + j, null, siteFailure(this, status - 1, r.i32[2 * r.slot - 1]));
        }
      }
      from += done;
      if (trapped !== null) {
        this.actionsStarted++;
        this.kernel.restartSync();
        each(from, null, kernelError(trapped) as PfaError);
        from++;
      }
    }
  }

  /**
   * Scores values in one kernel call: entry i is what `action(inputs[i])` would return, or the
   * PfaError it would throw (scoring goes on after a failing record).
   */
  actionBatch(inputs: readonly Value[]): (Value | PfaError)[] {
    return actionBatch(this, inputs);
  }

  /**
   * actionBatch over the records of a record-of-numbers input given as columns, one typed array per
   * field (columns.ts): entry i is what `action` of record i would give. Throws an input PfaError
   * when the columns do not fit the input type.
   */
  actionColumns(columns: Columns): (Value | PfaError)[] {
    return actionColumns(this, columns);
  }

  private scorer?: TextScorer;

  /** The text path: the generated JSON reader and writer around one kernel call per batch. */
  textPath(): TextScorer {
    return (this.scorer ??= new TextScorer(this));
  }

  /**
   * One input record's JSON text → the output's JSON text, exactly `codec.encodeText(action(codec.decodeText(text)))`
   * (emit engines: the emitted values' texts joined with "\n", "" when none).
   */
  scoreText(text: string): string {
    const out = this.textPath().scoreOne(text);
    if (out instanceof PfaError) throw out;
    return out;
  }

  /**
   * scoreText for a text given as its UTF-8 bytes (a request body as it came): where the kernel
   * reads the input type, the bytes go to it with no string in between. Bytes that are not UTF-8
   * are an input error (code invalidUtf8), as the server refuses such a body, rather than a text
   * with U+FFFD where they were.
   */
  scoreBytes(bytes: Uint8Array): string {
    if (!isUtf8(bytes)) throw inputMessages.notUtf8.atInput('');
    const out = this.textPath().scoreOne(bytes);
    if (out instanceof PfaError) throw out;
    return out;
  }

  /** Entry i is what `scoreText(texts[i])` would return, or its PfaError; one kernel call for all. */
  scoreTextBatch(texts: readonly string[]): (string | PfaError)[] {
    return this.textPath().score(texts);
  }

  /** The current value of a cell the document writes (snapshots); undefined for any other name. */
  cell(name: string): Value | undefined {
    return cellValue(this, name);
  }

  /** The current items of a pool the document writes (snapshots); undefined for any other name. */
  pool(name: string): Map<string, Value> | undefined {
    return poolItems(this, name);
  }

  /** The names of the cells the document writes, in the manifest's order. */
  get cellNames(): readonly string[] {
    return [...this.spec.cells.keys()];
  }

  /** Avro-JSON of cell `name`'s value (cellNames). */
  encodeCell(name: string, v: Value): unknown {
    return encodeCell(this, name, v);
  }
}
