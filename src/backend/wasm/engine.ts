/**
 * A compiled Wasm engine: drives a kernel instance with the engine semantics of the JS backend
 * (begin before the first action, counters, timeouts, emit, snapshots). Values cross the boundary
 * on the wire (wire.ts); errors come back as site numbers and become PfaErrors here.
 */
import { PfaError } from '../../errors/PfaError.js';
import { TypedEngine } from '../../types/ir.js';
import { Value, compareStrings } from '../../types/values.js';
import { KernelHost, KernelInstance, errorDetailOf, kernelError, siteError } from './instance.js';
import { Rng } from '../../rng.js';
import { cpLength } from '../../lib/util/codepoints.js';
import { LoweredModule } from './lower/module.js';
import { StringDict, WireDecoder, WireEncoder, WireFull, WireReader, WireWriter, wireDecoder, wireEncoder } from './wire.js';

export interface WasmHooks {
  emit?: (v: Value) => void;
}

/** At most this many input strings are remembered beyond the document's own (then forgotten). */
const MAX_INPUT_STRINGS = 1 << 20;

/** The kernel's JSON-lines reader entry, its raw text buffer and its memory (see textReader). */
export interface KernelTextReader {
  read: (text: number, end: number, out: number, max: number) => number;
  buffer: (size: number) => number;
  memory: WebAssembly.Memory;
}

type Routine = (ptr: number, started: number, finished: number, instance: number) => number;

export class WasmEngine implements KernelHost {
  private loadedGeneration = -1;
  /** Public for the text fast path (src/fastpath), which codes input strings as it reads them. */
  readonly dict = new StringDict();
  private readonly constantStrings: number;
  private readonly writer = new WireWriter();
  private readonly encodeInput: WireEncoder;
  private readonly decodeOutput: WireDecoder;
  private readonly decodeEmit: WireDecoder;
  private deadline = Infinity;
  private timeoutMs = -1;
  private emitHook: ((v: Value) => void) | undefined;
  private begun = false;
  /** Whether `begin` has run (batches run it without hooks otherwise: PFAEngine runs it first). */
  get started(): boolean { return this.begun; }
  private readonly inputWriter = new WireWriter();
  private readonly timeouts: Record<'begin' | 'action' | 'end', number>;
  private readonly reader: WireReader;
  private inputPtr = 0;
  private inputCapacity = 1 << 16;
  private actionEntry!: Routine;
  /** Seeded like the JS backend's (randseed + instance), so both draw the same numbers. */
  private readonly rng: Rng;
  private actionsStarted = 0;
  private actionsFinished = 0;

  private constructor(readonly typed: TypedEngine, readonly lowered: LoweredModule, private readonly kernel: KernelInstance, private readonly prefix: string, readonly instance: number) {
    this.rng = new Rng(typed.randseed === null ? null : typed.randseed + BigInt(instance));
    for (const s of lowered.strings) this.dict.code(s);
    this.constantStrings = this.dict.size;
    this.encodeInput = wireEncoder(typed.input, this.dict);
    this.reader = new WireReader(new ArrayBuffer(8), 0, this.dict);
    const o = typed.options;
    const t = (k: string) => (o[`timeout.${k}`] ?? o.timeout ?? -1) as number;
    this.timeouts = { begin: t('begin'), action: t('action'), end: t('end') };
    this.decodeOutput = wireDecoder(typed.output);
    this.decodeEmit = this.decodeOutput;
  }

  /** An engine with a kernel instance of its own. */
  static async create(typed: TypedEngine, lowered: LoweredModule, module: WebAssembly.Module, instance = 0): Promise<WasmEngine> {
    return WasmEngine.onKernel(typed, lowered, await KernelInstance.create(module), '', instance);
  }

  /** An engine on a shared kernel (a batch module), whose entries carry `prefix`. */
  static onKernel(typed: TypedEngine, lowered: LoweredModule, kernel: KernelInstance, prefix: string, instance = 0): WasmEngine {
    const e = new WasmEngine(typed, lowered, kernel, prefix, instance);
    e.load();
    return e;
  }

  private get k() {
    return this.kernel.exports;
  }

  private entry<F>(name: string): F {
    return this.kernel.entry<F>(this.prefix, name)!;
  }

  // KernelHost: what the kernel asks of the engine running in it.
  random(): number {
    return this.rng.random();
  }

  clock(): number {
    return this.deadline !== Infinity && Date.now() > this.deadline ? 1 : 0;
  }

  strlen(s: number): number {
    return cpLength(this.dict.strings[s]);
  }

  strcmp(a: number, b: number): number {
    return compareStrings(this.dict.strings[a], this.dict.strings[b]);
  }

  emit(ptr: number): void {
    const v = this.decodeEmit(new WireReader(this.k.memory.buffer, ptr, this.dict));
    // (a fresh reader: emit runs while the output reader may be in use by the caller)
    this.emitHook?.(v);
  }

  /** Loads cells and constants into the kernel (again after the instance was replaced). */
  private load(): void {
    this.kernel.current = this;
    const w = this.writer;
    w.reset();
    for (const l of this.lowered.loaded) wireEncoder(l.type, this.dict)(l.value, w);
    this.entry<(p: number) => void>('pfaLoad')(this.copyIn(w));
    if (this.typed.method === 'fold') {
      w.reset();
      wireEncoder(this.typed.output, this.dict)(this.typed.zero, w);
      this.entry<(p: number) => void>('pfaSetTally')(this.copyIn(w));
    }
    this.loadedGeneration = this.kernel.generation;
    this.actionEntry = this.entry<Routine>('pfaAction');
    this.outBaseSlot = this.k.outBaseSlot?.() ?? -1;
    // The wire buffer is shared by the engines of a kernel: ask for it again after loading.
    this.inputPtr = 0;
  }

  /** Copies the writer's slots into the kernel's wire buffer; returns their address. */
  private copyIn(w: WireWriter): number {
    const bytes = w.bytes();
    const ptr = this.k.wireBuffer(bytes.length);
    new Uint8Array(this.k.memory.buffer, ptr, bytes.length).set(bytes);
    return ptr;
  }

  /** Before a call: forget input strings past the limit, and reload after the instance was replaced. */
  private prepare(): void {
    if (this.dict.size > this.constantStrings + MAX_INPUT_STRINGS) this.dict.truncate(this.constantStrings);
    if (this.loadedGeneration !== this.kernel.generation) this.load();
  }

  /** Calls a routine entry with its timeout; a trap replaces the instance; a failure site becomes its PfaError. */
  private run(which: 'begin' | 'action' | 'end', routine: Routine, ptr: number): void {
    if (this.loadedGeneration !== this.kernel.generation) this.load();
    this.kernel.current = this;
    const ms = this.timeouts[which];
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
    return siteError(this.lowered.sites[site], this.timeoutMs, detail, this.dict.strings);
  }


  begin(hooks: WasmHooks = {}): void {
    this.begun = true;
    const begin = this.kernel.entry<Routine>(this.prefix, 'pfaBegin');
    this.emitHook = hooks.emit;
    if (begin) this.run('begin', begin, 0);
  }

  action(input: Value, hooks: WasmHooks = {}): Value {
    if (!this.begun) this.begin(hooks);
    this.prepare();
    const ptr = this.writeInput(input);
    this.emitHook = hooks.emit;
    this.actionsStarted++;
    this.run('action', this.actionEntry, ptr);
    this.actionsFinished++;
    if (this.typed.method === 'emit') return null;
    const memory = this.memory();
    return this.decodeOutput(this.reader.at(memory, this.outBegin(memory)));
  }

  /** Where the output starts: read from the kernel's static copy of it when it has one (no call into the kernel). */
  private outBegin(memory: ArrayBuffer): number {
    return this.outBaseSlot >= 0 ? this.reader.at(memory, this.outBaseSlot).getI32() : this.k.outBegin();
  }

  private outBaseSlot = -1;

  private buffer: ArrayBuffer | null = null;
  private bufferGeneration = -1;

  /** The kernel's memory, cached: `memory.buffer` is a slow getter, and the buffer changes only when the memory grows (the old one is then detached) or the instance is replaced. */
  private memory(): ArrayBuffer {
    let b = this.buffer;
    if (b === null || b.byteLength === 0 || this.bufferGeneration !== this.kernel.generation) {
      b = this.buffer = this.k.memory.buffer;
      this.bufferGeneration = this.kernel.generation;
    }
    return b;
  }

  /** Encodes the input straight into the kernel's wire buffer, growing it when a value needs more. */
  private writeInput(input: Value): number {
    return this.writeWith(this.encodeInput, input);
  }

  /**
   * Runs `write(arg, w)` on a writer attached to the kernel's wire buffer, growing the buffer until
   * it fits (`write` starts again from scratch). The argument is passed, not captured, so the
   * per-record path makes no closure.
   */
  private writeWith<A>(write: (arg: A, w: WireWriter) => void, arg: A): number {
    const w = this.inputWriter;
    for (;;) {
      if (this.inputPtr === 0) this.inputPtr = this.k.wireBuffer(this.inputCapacity);
      w.attach(this.memory(), this.inputPtr, this.inputCapacity);
      try {
        write(arg, w);
        return this.inputPtr;
      } catch (e) {
        if (!(e instanceof WireFull)) throw e;
        this.inputCapacity = Math.max(this.inputCapacity * 2, (e.slotsNeeded + 1024) * 8);
        this.inputPtr = 0;
      }
    }
  }

  /**
   * The kernel's own JSON-lines reader (lower/textAs.ts) with its text buffer and memory, for
   * src/fastpath/kernelText.ts; undefined when the kernel has none (an input type it does not
   * read, or a module built before it existed). The same object until a trap replaces the instance.
   */
  textReader(): KernelTextReader | undefined {
    if (this.textReaderGeneration !== this.kernel.generation) {
      const read = this.entry<KernelTextReader['read'] | undefined>('pfaReadText');
      const k = this.k as unknown as { textBuffer?: (size: number) => number; memory: WebAssembly.Memory };
      this.textReaderOfKernel = read && k.textBuffer ? { read, buffer: k.textBuffer, memory: k.memory } : undefined;
      this.textReaderGeneration = this.kernel.generation;
    }
    return this.textReaderOfKernel;
  }

  private textReaderOfKernel: KernelTextReader | undefined;
  private textReaderGeneration = -1;

  /** The batch record running while the kernel marks records (emit engines, timeouts). */
  private batchIndex = -1;

  mark(i: number): void {
    this.batchIndex = i;
    if (this.timeoutMs >= 0) this.deadline = Date.now() + this.timeoutMs;
  }

  /**
   * Scores records `from`..`n-1` in one kernel call. `fill(w, from)` writes those inputs one after
   * another on `w` (it is called again, from the start, when the buffer had to grow); `each(i, out,
   * error)` then gets each record's output on `out` (it must read exactly the output's slots; for
   * emit engines there is none) or its PfaError. Counters, cells and the tally advance as they would
   * over single calls. A trap keeps the answers before it: the trapping record gets error 1200 and
   * the batch goes on in a fresh instance (whose cells start again from their initial values, as
   * after a trap in a single call).
   */
  batch(n: number, fill: (w: WireWriter, from: number) => void, each: (i: number, out: WireReader | null, error: PfaError | null) => void, emit?: (i: number, v: Value) => void): void {
    if (!this.begun) this.begin();
    let from = 0;
    while (from < n) {
      this.prepare();
      const ptr = this.writeWith((start, w) => fill(w, start), from);
      this.kernel.current = this;
      const k = this.k;
      const ms = this.timeouts.action;
      this.timeoutMs = ms;
      this.emitHook = emit ? (v) => emit(from + this.batchIndex, v) : undefined;
      k.markRecords.value = ms >= 0 || emit !== undefined ? 1 : 0;
      this.deadline = ms >= 0 ? Date.now() + ms : Infinity;
      let trapped: unknown = null;
      try {
        this.entry<(p: number, n: number, s: number, f: number, i: number) => number>('pfaActionBatch')(ptr, n - from, this.actionsStarted, this.actionsFinished, this.instance);
      } catch (e) {
        trapped = e;
      } finally {
        this.deadline = Infinity;
      }
      // Done records: all of them, or those before the one that trapped (read from the old memory).
      if (trapped === null) this.kernel.collectSometimes();
      const done = trapped === null ? n - from : (k.batchDone.value as number);
      const r = this.reader.at(k.memory.buffer, k.outBegin());
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

  /** Scores parsed records in one kernel call: each record's output value or its error. */
  actionBatch(inputs: readonly Value[], emit?: (i: number, v: Value) => void): (Value | PfaError)[] {
    const out: (Value | PfaError)[] = new Array(inputs.length);
    this.batch(inputs.length, (w, from) => { for (let i = from; i < inputs.length; i++) this.encodeInput(inputs[i], w); },
      (i, r, error) => { out[i] = error ?? (this.typed.method === 'emit' ? null : this.decodeOutput(r!)); }, emit);
    return out;
  }

  end(hooks: WasmHooks = {}): void {
    const end = this.kernel.entry<Routine>(this.prefix, 'pfaEnd');
    this.emitHook = hooks.emit;
    if (end) this.run('end', end, 0);
  }

  /** The current value of a cell the document writes (snapshots); constant cells never change. */
  cell(name: string): Value | undefined {
    const k = this.lowered.cellGlobals.get(name);
    if (k === undefined) return undefined;
    this.entry<(k: number) => void>('pfaCellOut')(Number(k));
    return wireDecoder(this.typed.cells.get(name)!.type)(new WireReader(this.k.memory.buffer, this.k.outBegin(), this.dict));
  }
}
