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
 */
import { PfaError } from '../../errors/PfaError.js';
import { AvroType } from '../../types/avro.js';
import { Value, compareStrings } from '../../values.js';
import { encoderFor } from '../../codec/avroJson.js';
import { EngineCodec } from '../../codec/engineCodec.js';
import { fromCharCodes } from '../../lib/util/textBytes.js';
import { zoneOffset } from '../../lib/util/timezone.js';
import { Rng } from '../../rng.js';
import { TextScorer, isUtf8 } from './fastpath/scorer.js';
import { inputMessages } from '../../errors/runtime.js';
import { KernelHost, KernelInstance, errorDetailOf, kernelError, makesHostCalls, siteError } from './instance.js';
import { WireDecoder, WireEncoder, wireDecoder, wireEncoder } from './wire.js';
import { StringDict, WireFull, WireReader, WireWriter } from './wireSlots.js';
import { HostManifest, HostPlan, hostPlan } from './hostManifest.js';
import type { HostCalls } from './hostCalls.js';
import { Columns, columnsWriter } from './columns.js';

export type { HostManifest };

export interface HostOptions {
  /** Instance number (the `instance` symbol; offsets the random seed). */
  instance?: number;
  /** Called with each value an emit engine emits (the paths in also return them). */
  emit?: (v: Value) => void;
  /** Receives the values of each `log` form, as the JS backend passes them (EngineOptions.log). */
  log?: (values: Value[], namespace: string | null) => void;
  /** Deepest nesting of records in one input (src/limits.ts). */
  maxInputDepth?: number;
  /** Input strings remembered beyond the model's own before they are forgotten (MAX_INPUT_STRINGS; tests set fewer). */
  maxInputStrings?: number;
}

/** At most this many input strings are remembered beyond the model's own (then forgotten). */
const MAX_INPUT_STRINGS = 1 << 20;

/** The kernel's JSON-lines reader entry, its raw text buffer and its memory (see textReader). */
export interface KernelTextReader {
  read: (text: number, end: number, out: number, max: number, keys: number) => number;
  buffer: (size: number) => number;
  memory: WebAssembly.Memory;
}

type Routine = (ptr: number, started: number, finished: number, instance: number) => number;
type BatchRoutine = (ptr: number, n: number, started: number, finished: number, instance: number) => number;

export class WasmHost implements KernelHost {
  readonly name: string;
  readonly method: 'map' | 'emit' | 'fold';
  readonly inputType: AvroType;
  readonly outputType: AvroType;
  readonly instance: number;
  /** Avro-JSON and JSON text of inputs and outputs (the text path's general decoder and encoder). */
  readonly codec: EngineCodec;
  /** Public for the text fast path (src/backend/wasm/fastpath), which codes input strings as it reads them. */
  readonly dict = new StringDict();
  private readonly constantStrings: number;
  /** The dictionary's size past which input strings are forgotten (constants plus maxInputStrings). */
  private readonly stringLimit: number;
  private readonly spec: HostPlan;
  // The value paths' wire codecs are built at their first use: a host that reads and writes only
  // JSON text (the Lambda handler's requests, fastpath/) never runs their builders, which were a
  // part of every cold start (issue 17).
  private encodeInputFn: WireEncoder | null = null;
  private decodeOutputFn: WireDecoder | null = null;
  private get encodeInput(): WireEncoder {
    return (this.encodeInputFn ??= wireEncoder(this.inputType, this.dict));
  }
  private get decodeOutput(): WireDecoder {
    return (this.decodeOutputFn ??= wireDecoder(this.outputType));
  }
  /** Seeded like the JS backend's (randseed + instance), so both draw the same numbers. */
  private readonly rng: Rng;
  /** Library calls the kernel runs on the host (hostCalls.ts); null if it makes none. */
  private readonly hostCalls: HostCalls | null;
  private readonly inputWriter = new WireWriter();
  private readonly reader: WireReader;
  private loadedGeneration = -1;
  private inputPtr = 0;
  private inputCapacity = 1 << 16;
  private deadline = Infinity;
  private timeoutMs = -1;
  private begun = false;
  private actionsStarted = 0;
  private actionsFinished = 0;
  private actionEntry!: Routine;
  /** pfaActionBatch, looked up once per instance (the export's name is a concatenated string: a slow lookup per call). */
  private batchEntry!: BatchRoutine;
  /** The value last set in the kernel's markRecords global (-1: unknown), so a batch sets it only when it changes. */
  private markingRecords = -1;
  private outBaseSlot = -1;
  /** Where emitted values go during a call besides the user's hook (action's list, a batch's record). */
  private emitHook: ((v: Value) => void) | undefined;

  private constructor(
    private readonly kernel: KernelInstance,
    private readonly prefix: string,
    spec: HostPlan,
    private readonly options: HostOptions,
  ) {
    this.spec = spec;
    this.name = spec.name;
    this.method = spec.method;
    this.inputType = spec.input;
    this.outputType = spec.output;
    for (const s of spec.strings) this.dict.code(s);
    this.constantStrings = this.dict.size;
    this.stringLimit = this.constantStrings + (options.maxInputStrings ?? MAX_INPUT_STRINGS);
    this.codec = new EngineCodec(this.inputType, this.outputType, options.maxInputDepth);
    this.reader = new WireReader(new ArrayBuffer(8), 0, this.dict);
    this.instance = options.instance ?? 0;
    this.rng = new Rng(spec.randseed === null ? null : spec.randseed + BigInt(this.instance));
    this.hostCalls = kernel.hostCallsFor(spec.sites, this.dict, () => this.rng.random());
  }

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

  private get k() {
    return this.kernel.exports;
  }

  private entry<F>(name: string): F | undefined {
    return this.kernel.entry<F>(this.prefix, name);
  }

  // KernelHost: what the kernel asks of the host running in it.
  random(): number {
    return this.rng.random();
  }

  clock(): number {
    return this.deadline !== Infinity && Date.now() > this.deadline ? 1 : 0;
  }

  /** The kernel's memory as UTF-16 units (text, intern), made again when the memory's buffer changes. */
  private units = new Uint16Array(0);

  private unitsView(): Uint16Array {
    const memory = this.memory();
    if (this.units.buffer !== memory) this.units = new Uint16Array(memory);
    return this.units;
  }

  text(code: number, ptr: number, capacity: number): number {
    const s = this.dict.strings[code];
    const n = s.length;
    if (n <= capacity) {
      const units = this.unitsView();
      const at = ptr >>> 1;
      for (let i = 0; i < n; i++) units[at + i] = s.charCodeAt(i);
    }
    return n;
  }

  intern(ptr: number, n: number): number {
    const units = this.unitsView();
    const at = ptr >>> 1;
    // (fromCharCode keeps lone surrogates, which TextDecoder would replace; short strings unit by
    // unit, without making a view)
    let s = '';
    if (n <= 32) for (let i = 0; i < n; i++) s += String.fromCharCode(units[at + i]);
    else s = fromCharCodes(units.subarray(at, at + n));
    return this.dict.code(s);
  }

  call(site: number, ptr: number): number {
    return this.hostCalls!.call(this.k.memory.buffer, site, ptr);
  }

  take(ptr: number): void {
    this.hostCalls!.take(this.k.memory.buffer, ptr);
  }

  zoneOffset(zone: number, t: number): number {
    return zoneOffset(this.dict.strings[zone], t);
  }

  strcmp(a: number, b: number): number {
    return compareStrings(this.dict.strings[a], this.dict.strings[b]);
  }

  emit(ptr: number): void {
    // (a fresh reader: emit runs while the output reader may be in use by the caller)
    const v = this.decodeOutput(new WireReader(this.k.memory.buffer, ptr, this.dict));
    this.emitHook?.(v);
    this.options.emit?.(v);
  }

  log(site: number, ptr: number): void {
    const hook = this.options.log;
    if (!hook) return;
    const s = this.spec.logs[site];
    // (the values follow one another on the wire; a fresh reader, as for emit)
    const r = new WireReader(this.k.memory.buffer, ptr, this.dict);
    hook(
      s.types.map((t) => wireDecoder(t)(r)),
      s.namespace,
    );
  }

  /** The batch record running while the kernel marks records (emit engines, timeouts). */
  private batchIndex = -1;

  mark(i: number): void {
    this.batchIndex = i;
    if (this.timeoutMs >= 0) this.deadline = Date.now() + this.timeoutMs;
  }

  /** Copies wire slots into the kernel's wire buffer; returns their address. */
  private copyIn(bytes: Uint8Array): number {
    const ptr = this.k.wireBuffer(bytes.length);
    new Uint8Array(this.k.memory.buffer, ptr, bytes.length).set(bytes);
    return ptr;
  }

  /** The dictionary epoch of the texts the kernel mirrors for this host (own). */
  private textEpoch = -1;

  /**
   * Makes this host the one the kernel calls back. A kernel mirrors the texts of dictionary codes
   * (assembly/lib/util/text.ts): they are forgotten when it last mirrored another host's dictionary
   * (a shared kernel) or this dictionary forgot codes since (a code may now name another text).
   */
  private own(): void {
    const kernel = this.kernel;
    kernel.current = this;
    if (kernel.textOwner !== this || this.textEpoch !== this.dict.epoch) {
      kernel.textOwner = this;
      this.textEpoch = this.dict.epoch;
      this.k.textForget?.();
    }
  }

  /** Loads cells and constants into the kernel (again after the instance was replaced). */
  private load(): void {
    this.own();
    this.entry<(p: number) => void>('pfaLoad')!(this.copyIn(this.spec.loaded));
    if (this.spec.tally) this.entry<(p: number) => void>('pfaSetTally')!(this.copyIn(this.spec.tally));
    this.loadedGeneration = this.kernel.generation;
    this.actionEntry = this.entry<Routine>('pfaAction')!;
    this.batchEntry = this.entry<BatchRoutine>('pfaActionBatch')!;
    this.markingRecords = -1;
    this.outBaseSlot = this.k.outBaseSlot?.() ?? -1;
    // The wire buffer is shared by the hosts of a kernel: ask for it again after loading.
    this.inputPtr = 0;
    this.steady = false;
  }

  /** Before a call: forget input strings past the limit, and reload after the instance was replaced. */
  private prepare(): void {
    if (this.dict.size > this.stringLimit) this.dict.truncate(this.constantStrings);
    this.hostCalls?.reset();
    if (this.loadedGeneration !== this.kernel.generation) this.load();
    // (another host on a shared kernel ran since: it may have grown the wire, freeing ours)
    else if (this.kernel.current !== this) this.inputPtr = 0;
  }

  /** Calls a routine entry with its timeout; a trap replaces the instance; a failure site becomes its PfaError. */
  private run(which: 'begin' | 'action' | 'end', routine: Routine, ptr: number): void {
    if (this.loadedGeneration !== this.kernel.generation) this.load();
    this.own();
    const ms = this.spec.timeouts[which];
    this.timeoutMs = ms;
    if (ms >= 0) this.deadline = Date.now() + ms;
    let rc: number;
    try {
      rc = routine(ptr, this.actionsStarted, this.actionsFinished, this.instance);
    } catch (e) {
      // A trap (stack overflow, out of memory): the instance may be inconsistent; replace it.
      // Until the new one is ready, calls wait on it (restart is quick: the module is compiled).
      void this.kernel.restart();
      throw kernelError(e);
    } finally {
      this.deadline = Infinity;
    }
    this.kernel.collectSometimes();
    if (rc !== 0) throw this.error(rc - 1, errorDetailOf(this.k));
  }

  private error(site: number, detail: number): PfaError {
    const s = this.spec.sites[site];
    if (s.detail === 'host') return this.hostCalls!.error(detail) as PfaError;
    return siteError(this.spec.sites[site], this.timeoutMs, detail, this.dict.strings);
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
      return this.actionSettling(input);
    this.hostCalls?.reset();
    const w = this.inputWriter;
    w.reset();
    try {
      this.encodeInputFn!(input, w);
    } catch (e) {
      if (!(e instanceof WireFull)) throw e;
      return this.actionSettling(input);
    }
    return this.decodeOutputFn!(this.actionAt(this.inputPtr, false));
  }

  /** Whether the last record took action's per-record path and the input writer stayed attached at the wire since. */
  private steady = false;

  /** action when its per-record path's test fails: makes everything the test asks for hold again. */
  private actionSettling(input: Value): Value {
    if (!this.placesInput) return this.actionWithHooks(input);
    const decode = this.decodeOutput; // (the codecs are built before `steady` says they are)
    this.prepare();
    const ptr = this.writeWith(this.encodeInput, input);
    this.steady = true;
    return decode(this.actionAt(ptr, false));
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

  /**
   * The kernel's wire buffer, of at least `bytes` bytes, where this host writes its input. The
   * kernel has one, shared by its hosts, and growing it frees the old one: the host that asks for
   * it takes the kernel (`own`), so the others forget their address (`prepare`).
   */
  private wire(bytes: number): number {
    if (this.inputCapacity < bytes) {
      this.inputCapacity = bytes;
      this.inputPtr = 0;
    }
    if (this.inputPtr === 0) {
      this.own();
      this.inputPtr = this.k.wireBuffer(this.inputCapacity);
      this.steady = false;
    }
    return this.inputPtr;
  }

  /** actionPlaced's second half: runs the input `placeInput` placed at `ptr`. */
  runPlaced(ptr: number): WireReader {
    // (prepare reloads a replaced instance, whose wire is not where the input was placed)
    if (this.loadedGeneration !== this.kernel.generation)
      throw new Error('internal: the kernel was replaced after an input was placed');
    return this.actionAt(ptr, true);
  }

  /**
   * Runs the action entry on the input at `ptr`; the output on the reader. A trap replaces the
   * instance (`now`: before this throws, as `batch` does; else in the background, as `run`). The
   * action timeout is `run`'s: a deadline the clock import reads (every 65,536 loop iterations)
   * and the same timeout error; reset without a try/finally, on both ways out.
   */
  private actionAt(ptr: number, now: boolean): WireReader {
    const kernel = this.kernel;
    if (kernel.current !== this || kernel.textOwner !== this || this.textEpoch !== this.dict.epoch) this.own();
    const ms = this.spec.timeouts.action;
    this.timeoutMs = ms;
    if (ms >= 0) this.deadline = Date.now() + ms;
    this.actionsStarted++;
    let rc: number;
    try {
      rc = this.actionEntry(ptr, this.actionsStarted, this.actionsFinished, this.instance);
    } catch (e) {
      this.deadline = Infinity;
      if (now) kernel.restartSync();
      else void kernel.restart();
      throw kernelError(e);
    }
    this.deadline = Infinity;
    // (an arena kernel frees its own memory: no call at all)
    if (!kernel.arena) kernel.collectSometimes();
    if (rc !== 0) throw this.error(rc - 1, errorDetailOf(this.k));
    this.actionsFinished++;
    return this.output();
  }

  /** action for emit engines and the first call (it runs begin). */
  private actionWithHooks(input: Value): Value {
    const emitted: Value[] | null = this.method === 'emit' ? [] : null;
    const collect = emitted
      ? (v: Value) => {
          emitted.push(v);
        }
      : undefined;
    if (!this.begun) {
      this.begun = true;
      this.emitHook = collect;
      const begin = this.entry<Routine>('pfaBegin');
      if (begin) this.run('begin', begin, 0);
    }
    this.prepare();
    const ptr = this.writeWith(this.encodeInput, input);
    this.emitHook = collect;
    this.actionsStarted++;
    this.run('action', this.actionEntry, ptr);
    this.actionsFinished++;
    if (emitted) return emitted;
    return this.decodeOutput(this.output());
  }

  /** Where the output starts: read from the kernel's static copy of it when it has one (no call into the kernel). */
  private outBegin(memory: ArrayBuffer): number {
    return this.outBaseSlot >= 0 ? this.reader.at(memory, this.outBaseSlot).getI32() : this.k.outBegin();
  }

  /** The reader at the output of the call that just returned. */
  private output(): WireReader {
    const r = this.reader.at(this.memory(), 0);
    // (the static copy of outBegin is read through the reader's view: one `at`, not two)
    const begin = this.outBaseSlot >= 0 ? r.i32[this.outBaseSlot >> 2] : this.k.outBegin();
    r.slot = begin >>> 3; // (the output buffer is 8-aligned)
    return r;
  }

  private buffer = new ArrayBuffer(0);
  /**
   * A one-byte view of `buffer`: its length turns 0 when the memory grows (the buffer is then
   * detached). Reading it is inline code; `byteLength` is a builtin call, twice per record.
   */
  private bufferProbe = new Uint8Array(0);
  private bufferGeneration = -1;

  /** The kernel's memory, cached: `memory.buffer` is a slow getter, and the buffer changes only when the memory grows (the old one is then detached) or the instance is replaced. */
  private memory(): ArrayBuffer {
    if (this.bufferProbe.length === 0 || this.bufferGeneration !== this.kernel.generation) {
      this.buffer = this.k.memory.buffer;
      this.bufferProbe = new Uint8Array(this.buffer, 0, 1);
      this.bufferGeneration = this.kernel.generation;
      this.steady = false; // (the input writer is attached to the old buffer)
    }
    return this.buffer;
  }

  /**
   * Runs `write(arg, w)` on a writer attached to the kernel's wire buffer, growing the buffer until
   * it fits (`write` starts again from scratch). The argument is passed, not captured, so the
   * per-record path makes no closure.
   */
  private writeWith<A>(write: (arg: A, w: WireWriter) => void, arg: A): number {
    const w = this.inputWriter;
    let bytes = 0;
    for (;;) {
      const ptr = this.wire(bytes);
      w.attach(this.memory(), ptr, this.inputCapacity);
      try {
        write(arg, w);
        return ptr;
      } catch (e) {
        if (!(e instanceof WireFull)) throw e;
        bytes = Math.max(this.inputCapacity * 2, (e.slotsNeeded + 1024) * 8);
      }
    }
  }

  /**
   * The kernel's own JSON-lines reader (lower/textAs.ts) with its text buffer and memory, for
   * src/backend/wasm/fastpath/kernelText.ts; undefined when the kernel has none (an input type it does not
   * read, or a module built before it existed). The same object until a trap replaces the instance.
   */
  textReader(): KernelTextReader | undefined {
    if (this.textReaderGeneration !== this.kernel.generation) {
      const read = this.entry<KernelTextReader['read']>('pfaReadText');
      const k = this.k as unknown as { textBuffer?: (size: number) => number; memory: WebAssembly.Memory };
      this.textReaderOfKernel = read && k.textBuffer ? { read, buffer: k.textBuffer, memory: k.memory } : undefined;
      this.textReaderGeneration = this.kernel.generation;
    }
    return this.textReaderOfKernel;
  }

  private textReaderOfKernel: KernelTextReader | undefined;
  private textReaderGeneration = -1;

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
      const memory = trapped === null ? this.memory() : k.memory.buffer;
      const r = this.reader.at(memory, trapped === null ? this.outBegin(memory) : k.outBegin());
      for (let j = 0; j < done; j++) {
        this.actionsStarted++;
        const status = r.getI32();
        if (status === 0) {
          this.actionsFinished++;
          each(from + j, r, null);
        } else {
          // (the site's detail is in the status slot's high half: rt.outStatus)
          each(from + j, null, this.error(status - 1, r.i32[2 * r.slot - 1]));
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
    return this.batchOf(inputs.length, (from, w) => {
      for (let i = from; i < inputs.length; i++) this.encodeInput(inputs[i], w);
    });
  }

  /**
   * actionBatch over the records of a record-of-numbers input given as columns, one typed array per
   * field (columns.ts): entry i is what `action` of record i would give. Throws an input PfaError
   * when the columns do not fit the input type.
   */
  actionColumns(columns: Columns): (Value | PfaError)[] {
    const { n, fill } = columnsWriter(this.inputType, columns);
    return this.batchOf(n, fill);
  }

  /** Entry i of n records that `fill` writes: the output, the values emitted, or the PfaError. */
  private batchOf(n: number, fill: (from: number, w: WireWriter) => void): (Value | PfaError)[] {
    const out: (Value | PfaError)[] = new Array(n);
    const emitted: Value[][] | null = this.method === 'emit' ? Array.from({ length: n }, () => []) : null;
    this.batch(
      n,
      fill,
      (i, r, error) => {
        out[i] = error ?? (emitted ? emitted[i] : this.decodeOutput(r!));
      },
      emitted ? (i, v) => emitted[i].push(v) : undefined,
    );
    return out;
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
    const c = this.spec.cells.get(name);
    if (c === undefined) return undefined;
    if (this.loadedGeneration !== this.kernel.generation) this.load();
    this.entry<(k: number) => void>('pfaCellOut')!(c.index);
    return wireDecoder(c.type)(new WireReader(this.k.memory.buffer, this.k.outBegin(), this.dict));
  }

  /** The current items of a pool the document writes (snapshots); undefined for any other name. */
  pool(name: string): Map<string, Value> | undefined {
    const p = this.spec.pools.get(name);
    if (p === undefined) return undefined;
    if (this.loadedGeneration !== this.kernel.generation) this.load();
    this.entry<(k: number) => void>('pfaCellOut')!(p.index);
    return wireDecoder(p.type)(new WireReader(this.k.memory.buffer, this.k.outBegin(), this.dict)) as Map<
      string,
      Value
    >;
  }

  /** The names of the cells the document writes, in the manifest's order. */
  get cellNames(): readonly string[] {
    return [...this.spec.cells.keys()];
  }

  /** Avro-JSON of cell `name`'s value (cellNames). */
  encodeCell(name: string, v: Value): unknown {
    return encoderFor(this.spec.cells.get(name)!.type)(v);
  }
}
