/**
 * What a WasmHost (host.ts) keeps of its kernel instance and does with it: the host's state, the
 * calls the kernel makes back into it (KernelHost), loading the kernel and taking it over from
 * another host on the same kernel, the wire buffer and the memory views, and the one call into a
 * routine or the action entry. host.ts has the paths in, built on these.
 */
import { AvroType } from '../../types/avro.js';
import { Value, compareStrings } from '../../values.js';
import { EngineCodec } from '../../codec/engineCodec.js';
import { zoneOffset } from '../../lib/util/timezone.js';
import { KernelHost, KernelInstance, errorDetailOf, kernelError } from './instance.js';
import type { WireDecoder, WireEncoder } from './wire.js';
import { StringDict, WireFull, WireReader, WireWriter } from './wireSlots.js';
import type { HostPlan } from './hostManifest.js';
import type { HostCalls } from './hostCalls.js';
import { siteFailure } from './hostErrors.js';
import { textOf, intern } from './hostStrings.js';
import { emitted, logged } from './hostValues.js';
import { randomDraws } from './hostRandom.js';

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

export type Routine = (ptr: number, started: number, finished: number, instance: number) => number;
type BatchRoutine = (ptr: number, n: number, started: number, finished: number, instance: number) => number;

/**
 * Members whose comment does not say otherwise are the host's own state and steps, not for its
 * callers: they are public only for the host's modules (host.ts names them; TypeScript has no
 * members private to a set of modules).
 */
export abstract class HostKernel implements KernelHost {
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
  protected readonly stringLimit: number;
  readonly spec: HostPlan;
  /** The value paths' wire codecs, built at their first use (hostValues.ts inputEncoder, outputDecoder). */
  encodeInputFn: WireEncoder | null = null;
  decodeOutputFn: WireDecoder | null = null;
  /** The seed of the draws (randseed + instance, as the JS backend's), and the draws, made at the first (hostRandom.ts). */
  private readonly seed: bigint | null;
  private draws: (() => number) | null = null;
  /** Library calls the kernel runs on the host (hostCalls.ts); null if it makes none. */
  readonly hostCalls: HostCalls | null;
  protected readonly inputWriter = new WireWriter();
  readonly reader: WireReader;
  loadedGeneration = -1;
  protected inputPtr = 0;
  private inputCapacity = 1 << 16;
  deadline = Infinity;
  timeoutMs = -1;
  begun = false;
  actionsStarted = 0;
  actionsFinished = 0;
  actionEntry!: Routine;
  /** pfaActionBatch, looked up once per instance (the export's name is a concatenated string: a slow lookup per call). */
  batchEntry!: BatchRoutine;
  /** The value last set in the kernel's markRecords global (-1: unknown), so a batch sets it only when it changes. */
  markingRecords = -1;
  outBaseSlot = -1;
  /** Where emitted values go during a call besides the user's hook (action's list, a batch's record). */
  emitHook: ((v: Value) => void) | undefined;

  protected constructor(
    readonly kernel: KernelInstance,
    private readonly prefix: string,
    spec: HostPlan,
    readonly options: HostOptions,
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
    this.seed = spec.randseed === null ? null : spec.randseed + BigInt(this.instance);
    this.hostCalls = kernel.hostCallsFor(spec.sites, this.dict, () => this.random());
  }

  get k() {
    return this.kernel.exports;
  }

  entry<F>(name: string): F | undefined {
    return this.kernel.entry<F>(this.prefix, name);
  }

  // KernelHost: what the kernel asks of the host running in it.
  random(): number {
    return (this.draws ??= randomDraws(this.seed))();
  }

  clock(): number {
    return this.deadline !== Infinity && Date.now() > this.deadline ? 1 : 0;
  }

  /** The kernel's memory as UTF-16 units, for hostStrings.ts (made again when the memory's buffer changes). */
  units = new Uint16Array(0);

  text(code: number, ptr: number, capacity: number): number {
    return textOf(this, code, ptr, capacity);
  }

  intern(ptr: number, n: number): number {
    return intern(this, ptr, n);
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
    emitted(this, ptr);
  }

  log(site: number, ptr: number): void {
    logged(this, site, ptr);
  }

  /** The batch record running while the kernel marks records (emit engines, timeouts). */
  batchIndex = -1;

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
  textEpoch = -1;

  /**
   * Makes this host the one the kernel calls back. A kernel mirrors the texts of dictionary codes
   * (assembly/lib/util/text.ts): they are forgotten when it last mirrored another host's dictionary
   * (a shared kernel) or this dictionary forgot codes since (a code may now name another text).
   */
  own(): void {
    const kernel = this.kernel;
    kernel.current = this;
    if (kernel.textOwner !== this || this.textEpoch !== this.dict.epoch) {
      kernel.textOwner = this;
      this.textEpoch = this.dict.epoch;
      this.k.textForget?.();
    }
  }

  /** Loads cells and constants into the kernel (again after the instance was replaced). */
  load(): void {
    this.own();
    this.entry<(p: number) => void>('pfaLoad')!(this.copyIn(this.spec.loaded));
    if (this.spec.tally) this.entry<(p: number) => void>('pfaSetTally')!(this.copyIn(this.spec.tally));
    this.loadedGeneration = this.kernel.generation;
    this.actionEntry = this.entry<Routine>('pfaAction')!;
    this.batchEntry = this.entry<BatchRoutine>('pfaActionBatch')!;
    // A document without a begin has nothing to run before its first record: begun from the
    // start, its first record takes the per-record path (a cold start's first request then runs
    // the code every later request runs, not a batch of one).
    if (!this.entry('pfaBegin')) this.begun = true;
    this.markingRecords = -1;
    this.outBaseSlot = this.k.outBaseSlot?.() ?? -1;
    // The wire buffer is shared by the hosts of a kernel: ask for it again after loading.
    this.inputPtr = 0;
    this.steady = false;
  }

  /** Before a call: forget input strings past the limit, and reload after the instance was replaced. */
  prepare(): void {
    if (this.dict.size > this.stringLimit) this.dict.truncate(this.constantStrings);
    this.hostCalls?.reset();
    if (this.loadedGeneration !== this.kernel.generation) this.load();
    // (another host on a shared kernel ran since: it may have grown the wire, freeing ours)
    else if (this.kernel.current !== this) this.inputPtr = 0;
  }

  /** Calls a routine entry with its timeout; a trap replaces the instance; a failure site becomes its PfaError. */
  run(which: 'begin' | 'action' | 'end', routine: Routine, ptr: number): void {
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
    if (rc !== 0) throw siteFailure(this, rc - 1, errorDetailOf(this.k));
  }

  /** Whether the last record took action's per-record path and the input writer stayed attached at the wire since. */
  steady = false;

  /**
   * The kernel's wire buffer, of at least `bytes` bytes, where this host writes its input. The
   * kernel has one, shared by its hosts, and growing it frees the old one: the host that asks for
   * it takes the kernel (`own`), so the others forget their address (`prepare`).
   */
  protected wire(bytes: number): number {
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

  /**
   * Runs the action entry on the input at `ptr`; the output on the reader. A trap replaces the
   * instance (`now`: before this throws, as `batch` does; else in the background, as `run`). The
   * action timeout is `run`'s: a deadline the clock import reads (every 65,536 loop iterations)
   * and the same timeout error; reset without a try/finally, on both ways out.
   */
  actionAt(ptr: number, now: boolean): WireReader {
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
    if (rc !== 0) throw siteFailure(this, rc - 1, errorDetailOf(this.k));
    this.actionsFinished++;
    return this.output();
  }

  /** The reader at the output of the call that just returned. */
  output(): WireReader {
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
  protected bufferProbe = new Uint8Array(0);
  private bufferGeneration = -1;

  /** The kernel's memory, cached: `memory.buffer` is a slow getter, and the buffer changes only when the memory grows (the old one is then detached) or the instance is replaced. */
  memory(): ArrayBuffer {
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
  writeWith<A>(write: (arg: A, w: WireWriter) => void, arg: A): number {
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
}
