/**
 * A compiled model without the front end: a kernel (`pfa-wasm compile`'s MODEL.wasm) driven from
 * its manifest alone, for browsers and other small hosts. It keeps the engine semantics of
 * backend/wasm/engine.ts WasmEngine (begin before the first action, counters, timeouts, string
 * dictionary limit, a new instance after a trap), but takes the error sites, dictionary, types and
 * loaded values from the manifest instead of recomputing them from the document.
 */
import { PfaError } from '../errors/PfaError.js';
import { cpLength } from '../lib/util/codepoints.js';
import { AvroType } from '../types/avro.js';
import { TypeNames } from '../types/schema.js';
import { Value, compareStrings } from '../types/values.js';
import { Decoder, Encoder, decoderFor, encoderFor } from '../codec/avroJson.js';
import { base64Decode } from '../codec/base64.js';
import { KernelHost, KernelInstance, errorDetailOf, kernelError, siteError } from '../backend/wasm/instance.js';
import { StringDict, WireDecoder, WireEncoder, WireFull, WireReader, WireWriter, wireDecoder, wireEncoder } from '../backend/wasm/wire.js';
import { Rng } from '../rng.js';
import type { Manifest, RuntimeManifest } from '../backend/wasm/artifact.js';

/** As WasmEngine: at most this many input strings are remembered beyond the model's own. */
const MAX_INPUT_STRINGS = 1 << 20;

type Routine = (ptr: number, started: number, finished: number, instance: number) => number;

/** One scored record of a batch: the output, or the error as a value. */
export type ScoreResult = { ok: true; output: unknown } | { ok: false; error: PfaError };

export interface ModelOptions {
  /** Instance number (the `instance` symbol; offsets the random seed), as in PFAEngine. */
  instance?: number;
  /** Called with each value an emit engine emits, as Avro-JSON. */
  emit?: (json: unknown) => void;
}

function blob(base64: string): Uint8Array {
  const b = base64Decode(base64);
  if (!b || b.length % 8 !== 0) throw new PfaError('init', 'the manifest holds a malformed wire blob');
  return b;
}

export class CompiledModel implements KernelHost {
  readonly name: string;
  readonly method: 'map' | 'emit' | 'fold';
  readonly inputType: AvroType;
  readonly outputType: AvroType;
  private readonly spec: RuntimeManifest;
  private readonly dict = new StringDict();
  private readonly constantStrings: number;
  private readonly decodeInput: Decoder;
  private readonly encodeOutput: Encoder;
  private readonly encodeInput: WireEncoder;
  private readonly decodeOutput: WireDecoder;
  private readonly cellTypes: AvroType[];
  private readonly loaded: Uint8Array;
  private readonly tally: Uint8Array | null;
  private readonly rng: Rng;
  private readonly inputWriter = new WireWriter();
  private readonly reader: WireReader;
  private loadedGeneration = -1;
  private inputPtr = 0;
  private inputCapacity = 1 << 16;
  private deadline = Infinity;
  private timeoutMs = -1;
  private emitted: unknown[] | null = null;
  private begun = false;
  private actionsStarted = 0;
  private actionsFinished = 0;

  private constructor(manifest: Manifest, private readonly kernel: KernelInstance, private readonly options: ModelOptions) {
    const spec = manifest.runtime!;
    this.spec = spec;
    this.name = spec.name;
    this.method = spec.method;
    const names = new TypeNames();
    this.inputType = names.build(spec.input, '/input');
    this.outputType = names.build(spec.output, '/output');
    this.cellTypes = spec.cells.map((c, i) => names.build(c.type, `/cells/${i}`));
    for (const s of manifest.dictionary) this.dict.code(s);
    for (const s of spec.loadStrings) this.dict.code(s);
    this.constantStrings = this.dict.size;
    this.decodeInput = decoderFor(this.inputType);
    this.encodeOutput = encoderFor(this.outputType);
    this.encodeInput = wireEncoder(this.inputType, this.dict);
    this.decodeOutput = wireDecoder(this.outputType);
    this.reader = new WireReader(new ArrayBuffer(8), 0, this.dict);
    this.loaded = blob(spec.loaded);
    this.tally = spec.tally === null ? null : blob(spec.tally);
    const instance = options.instance ?? 0;
    this.rng = new Rng(spec.randseed === null ? null : BigInt(spec.randseed) + BigInt(instance));
  }

  /** Instantiates a compiled module with its manifest (from `pfa-wasm compile`). */
  static async create(wasm: BufferSource | WebAssembly.Module, manifest: Manifest, options: ModelOptions = {}): Promise<CompiledModel> {
    if (manifest?.format !== 'pfa-wasm-manifest') throw new PfaError('init', 'not a pfa-wasm manifest');
    if (!manifest.runtime) {
      throw new PfaError('init', `this manifest (pfa-wasm ${manifest.compilerVersion}) has no runtime section: compile the model again with pfa-wasm compile`);
    }
    const module = wasm instanceof WebAssembly.Module ? wasm : await WebAssembly.compile(wasm);
    const model = new CompiledModel(manifest, await KernelInstance.create(module), options);
    model.load();
    return model;
  }

  private get k() {
    return this.kernel.exports;
  }

  // KernelHost: what the kernel asks of the model running in it.
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
    const v = this.encodeOutput(this.decodeOutput(new WireReader(this.k.memory.buffer, ptr, this.dict)));
    this.emitted?.push(v);
    this.options.emit?.(v);
  }

  /** Batches are not used by the browser runtime (one record per call): nothing to track. */
  mark(): void {}

  /** Copies pre-encoded slots into the kernel's wire buffer; returns their address. */
  private copyIn(bytes: Uint8Array): number {
    const ptr = this.k.wireBuffer(bytes.length);
    new Uint8Array(this.k.memory.buffer, ptr, bytes.length).set(bytes);
    return ptr;
  }

  /** Loads cells and constants (again after the instance was replaced). */
  private load(): void {
    this.kernel.current = this;
    this.k.pfaLoad(this.copyIn(this.loaded));
    if (this.tally) this.k.pfaSetTally!(this.copyIn(this.tally));
    this.loadedGeneration = this.kernel.generation;
    this.inputPtr = 0;
  }

  private run(which: 'begin' | 'action' | 'end', call: () => number): void {
    if (this.loadedGeneration !== this.kernel.generation) this.load();
    this.kernel.current = this;
    const ms = this.spec.timeouts[which];
    this.timeoutMs = ms;
    this.deadline = ms >= 0 ? Date.now() + ms : Infinity;
    let rc: number;
    try {
      rc = call();
    } catch (e) {
      // A trap leaves the instance inconsistent: replace it (cells start again from the manifest).
      void this.kernel.restart();
      throw kernelError(e);
    } finally {
      this.deadline = Infinity;
    }
    this.kernel.collectSometimes();
    if (rc !== 0) throw this.error(rc - 1, errorDetailOf(this.k));
  }

  private error(site: number, detail: number): PfaError {
    return siteError(this.spec.sites[site], this.timeoutMs, detail, this.dict.strings);
  }


  private routine(which: 'begin' | 'end'): void {
    const entry = which === 'begin' ? this.k.pfaBegin : this.k.pfaEnd;
    if (entry) this.run(which, () => entry(0, this.actionsStarted, this.actionsFinished, this.options.instance ?? 0));
  }

  /** Runs `begin` (done before the first record if not called). */
  begin(): void {
    this.begun = true;
    this.routine('begin');
  }

  /**
   * Scores one Avro-JSON record; returns Avro-JSON (map: the output; emit: the values emitted;
   * fold: the new tally). Throws a PfaError (kind, code, message, path or inputPath).
   */
  score(record: unknown): unknown {
    if (!this.begun) this.begin();
    const input = this.decodeInput(record, '');
    if (this.dict.size > this.constantStrings + MAX_INPUT_STRINGS) this.dict.truncate(this.constantStrings);
    if (this.loadedGeneration !== this.kernel.generation) this.load();
    const ptr = this.writeInput(input);
    const action = this.k.pfaAction as Routine;
    this.emitted = this.method === 'emit' ? [] : null;
    this.actionsStarted++;
    this.run('action', () => action(ptr, this.actionsStarted, this.actionsFinished, this.options.instance ?? 0));
    this.actionsFinished++;
    if (this.method === 'emit') return this.emitted;
    return this.encodeOutput(this.decodeOutput(this.reader.at(this.k.memory.buffer, this.k.outBegin())));
  }

  /** Scores records in order; a failing record gives its error and the rest go on. */
  scoreBatch(records: readonly unknown[]): ScoreResult[] {
    const out: ScoreResult[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      try {
        out[i] = { ok: true, output: this.score(records[i]) };
      } catch (e) {
        if (!(e instanceof PfaError)) throw e;
        out[i] = { ok: false, error: e };
      }
    }
    return out;
  }

  /** Runs `end`. */
  end(): void {
    this.routine('end');
  }

  /** The current values of the cells the document writes, as Avro-JSON. */
  snapshot(): Record<string, unknown> {
    if (this.loadedGeneration !== this.kernel.generation) this.load();
    const cells: Record<string, unknown> = {};
    this.spec.cells.forEach((c, i) => {
      this.k.pfaCellOut(i);
      const t = this.cellTypes[i];
      cells[c.name] = encoderFor(t)(wireDecoder(t)(new WireReader(this.k.memory.buffer, this.k.outBegin(), this.dict)));
    });
    return cells;
  }

  /** Encodes the input straight into the kernel's wire buffer, growing it when a value needs more. */
  private writeInput(input: Value): number {
    const w = this.inputWriter;
    for (;;) {
      if (this.inputPtr === 0) this.inputPtr = this.k.wireBuffer(this.inputCapacity);
      w.attach(this.k.memory.buffer, this.inputPtr, this.inputCapacity);
      try {
        this.encodeInput(input, w);
        return this.inputPtr;
      } catch (e) {
        if (!(e instanceof WireFull)) throw e;
        this.inputCapacity = Math.max(this.inputCapacity * 2, (e.slotsNeeded + 1024) * 8);
        this.inputPtr = 0;
      }
    }
  }
}
