/**
 * A compiled Wasm engine: drives a kernel instance with the engine semantics of the JS backend
 * (begin before the first action, counters, timeouts, emit, snapshots). Values cross the boundary
 * on the wire (wire.ts); errors come back as site numbers and become PfaErrors here.
 */
import { PfaError } from '../../errors/PfaError.js';
import { TypedEngine } from '../../types/ir.js';
import { Value, compareStrings } from '../../types/values.js';
import { KernelExports, KernelFault, instantiate } from './instance.js';
import { LoweredModule } from './lower/module.js';
import { StringDict, WireDecoder, WireEncoder, WireReader, WireWriter, wireDecoder, wireEncoder } from './wire.js';

export interface WasmHooks {
  emit?: (v: Value) => void;
}

/** At most this many input strings are remembered beyond the document's own (then forgotten). */
const MAX_INPUT_STRINGS = 1 << 20;

export class WasmEngine {
  private k!: KernelExports;
  private readonly dict = new StringDict();
  private readonly constantStrings: number;
  private readonly writer = new WireWriter();
  private readonly encodeInput: WireEncoder;
  private readonly decodeOutput: WireDecoder;
  private readonly decodeEmit: WireDecoder;
  private deadline = Infinity;
  private timeoutMs = -1;
  private emitHook: ((v: Value) => void) | undefined;
  private begun = false;
  private actionsStarted = 0;
  private actionsFinished = 0;

  private constructor(readonly typed: TypedEngine, readonly lowered: LoweredModule, private readonly module: WebAssembly.Module, readonly instance: number) {
    for (const s of lowered.strings) this.dict.code(s);
    this.constantStrings = this.dict.size;
    this.encodeInput = wireEncoder(typed.input, this.dict);
    this.decodeOutput = wireDecoder(typed.output);
    this.decodeEmit = this.decodeOutput;
  }

  static async create(typed: TypedEngine, lowered: LoweredModule, module: WebAssembly.Module, instance = 0): Promise<WasmEngine> {
    const e = new WasmEngine(typed, lowered, module, instance);
    await e.start();
    return e;
  }

  /** Instantiates the kernel and loads cells and constants into it. */
  private async start(): Promise<void> {
    this.k = await instantiate(this.module, {
      clock: () => (this.deadline !== Infinity && Date.now() > this.deadline ? 1 : 0),
      strcmp: (a, b) => compareStrings(this.dict.strings[a], this.dict.strings[b]),
      emit: (ptr, len) => {
        void len;
        const v = this.decodeEmit(new WireReader(this.k.memory.buffer, ptr, this.dict));
        this.emitHook?.(v);
      },
    });
    const w = this.writer;
    w.reset();
    for (const l of this.lowered.loaded) wireEncoder(l.type, this.dict)(l.value, w);
    this.k.pfaLoad(this.copyIn(w));
    if (this.typed.method === 'fold' && this.k.pfaSetTally) {
      w.reset();
      wireEncoder(this.typed.output, this.dict)(this.typed.zero, w);
      this.k.pfaSetTally(this.copyIn(w));
    }
  }

  /** Copies the writer's slots into the kernel's wire buffer; returns their address. */
  private copyIn(w: WireWriter): number {
    const bytes = w.bytes();
    const ptr = this.k.wireBuffer(bytes.length);
    new Uint8Array(this.k.memory.buffer, ptr, bytes.length).set(bytes);
    return ptr;
  }

  private run(which: 'begin' | 'action' | 'end', call: () => number): void {
    const o = this.typed.options;
    const ms = (o[`timeout.${which}`] ?? o.timeout ?? -1) as number;
    this.timeoutMs = ms;
    this.deadline = ms >= 0 ? Date.now() + ms : Infinity;
    let rc: number;
    try {
      rc = call();
    } catch (e) {
      // A trap (stack overflow, out of memory): this instance may be inconsistent; start a new one.
      this.k = undefined as never;
      const restart = this.start();
      void restart;
      if (e instanceof KernelFault) throw new PfaError('runtime', e.message, { code: 1201 });
      if (e instanceof RangeError || e instanceof WebAssembly.RuntimeError) {
        throw new PfaError('runtime', `the Wasm kernel trapped: ${(e as Error).message}`, { code: 1200 });
      }
      throw e;
    } finally {
      this.deadline = Infinity;
    }
    if (rc !== 0) throw this.error(rc - 1);
  }

  private error(site: number): PfaError {
    const s = this.lowered.sites[site];
    if (s.kind === 'timeout') return new PfaError('timeout', `exceeded timeout of ${this.timeoutMs} milliseconds`);
    return new PfaError(s.kind, s.message, { code: s.code, path: s.path || undefined, fcn: s.fcn });
  }

  begin(hooks: WasmHooks = {}): void {
    this.begun = true;
    const begin = this.k.pfaBegin;
    this.emitHook = hooks.emit;
    if (begin) this.run('begin', () => begin(0, this.actionsStarted, this.actionsFinished, this.instance));
  }

  action(input: Value, hooks: WasmHooks = {}): Value {
    if (!this.begun) this.begin(hooks);
    if (this.dict.size > this.constantStrings + MAX_INPUT_STRINGS) this.dict.truncate(this.constantStrings);
    const w = this.writer;
    w.reset();
    this.encodeInput(input, w);
    this.emitHook = hooks.emit;
    this.actionsStarted++;
    const ptr = this.copyIn(w);
    this.run('action', () => this.k.pfaAction(ptr, this.actionsStarted, this.actionsFinished, this.instance));
    this.actionsFinished++;
    if (this.typed.method === 'emit') return null;
    return this.decodeOutput(new WireReader(this.k.memory.buffer, this.k.outBegin(), this.dict));
  }

  end(hooks: WasmHooks = {}): void {
    const end = this.k.pfaEnd;
    this.emitHook = hooks.emit;
    if (end) this.run('end', () => end(0, this.actionsStarted, this.actionsFinished, this.instance));
  }

  /** The current value of a cell the document writes (snapshots); constant cells never change. */
  cell(name: string): Value | undefined {
    const k = this.lowered.cellGlobals.get(name);
    if (k === undefined) return undefined;
    this.k.pfaCellOut(Number(k));
    return wireDecoder(this.typed.cells.get(name)!.type)(new WireReader(this.k.memory.buffer, this.k.outBegin(), this.dict));
  }
}
