/**
 * A compiled model without the front end: a kernel (`pfa-wasm compile`'s MODEL.wasm) driven from
 * its manifest alone, for browsers and other small hosts. The kernel runs in the one host
 * (backend/wasm/host.ts) that also serves the Node engine, with the same paths in: one record,
 * many records in one kernel call, JSON text in and out; this class speaks Avro-JSON around it.
 */
import { PfaError } from '../../errors/PfaError.js';
import { manifestMessages } from '../../errors/runtime.js';
import { AvroType } from '../../types/avro.js';
import { Value } from '../../values.js';
import { WasmHost } from '../../backend/wasm/host.js';
import type { Manifest } from '../../backend/wasm/artifact.js';

/** One scored record of a batch: the output, or the error as a value. */
export type ScoreResult = { ok: true; output: unknown } | { ok: false; error: PfaError };

export interface ModelOptions {
  /** Instance number (the `instance` symbol; offsets the random seed), as in PFAEngine. */
  instance?: number;
  /** Called with each value an emit engine emits, as Avro-JSON. */
  emit?: (json: unknown) => void;
}

export class CompiledModel {
  private constructor(private readonly host: WasmHost) {}

  /** Instantiates a compiled module with its manifest (from `pfa-wasm compile`). */
  static async create(
    wasm: BufferSource | WebAssembly.Module,
    manifest: Manifest,
    options: ModelOptions = {},
  ): Promise<CompiledModel> {
    if (manifest?.format !== 'pfa-wasm-manifest') throw manifestMessages.notManifest.error();
    const runtime = manifest.runtime;
    if (!runtime) {
      throw manifestMessages.noRuntimeSection.error(manifest.compilerVersion);
    }
    const module = wasm instanceof WebAssembly.Module ? wasm : await WebAssembly.compile(wasm);
    const user = options.emit;
    let host: WasmHost | undefined;
    // (the hook runs only inside a kernel call, after `host` is set)
    const emit = user && ((v: Value) => user(host!.codec.encode(v)));
    host = await WasmHost.create(
      module,
      { dictionary: manifest.dictionary, runtime },
      { instance: options.instance, emit },
    );
    return new CompiledModel(host);
  }

  get name(): string {
    return this.host.name;
  }
  get method(): 'map' | 'emit' | 'fold' {
    return this.host.method;
  }
  get inputType(): AvroType {
    return this.host.inputType;
  }
  get outputType(): AvroType {
    return this.host.outputType;
  }

  /** Runs `begin` (done before the first record if not called). */
  begin(): void {
    this.host.begin();
  }

  /**
   * Scores one Avro-JSON record; returns Avro-JSON (map: the output; emit: the values emitted;
   * fold: the new tally). Throws a PfaError (kind, code, message, path or inputPath).
   */
  score(record: unknown): unknown {
    return this.output(this.host.action(this.host.codec.decode(record)));
  }

  /** Scores records in order, in one kernel call; a failing record gives its error and the rest go on. */
  scoreBatch(records: readonly unknown[]): ScoreResult[] {
    const out: ScoreResult[] = new Array(records.length);
    const inputs: Value[] = [];
    const at: number[] = [];
    records.forEach((r, i) => {
      try {
        inputs.push(this.host.codec.decode(r));
        at.push(i);
      } catch (e) {
        if (!(e instanceof PfaError)) throw e;
        out[i] = { ok: false, error: e };
      }
    });
    this.host.actionBatch(inputs).forEach((r, j) => {
      out[at[j]] = r instanceof PfaError ? { ok: false, error: r } : { ok: true, output: this.output(r) };
    });
    return out;
  }

  /**
   * One record's JSON text → the output's JSON text (emit engines: the emitted values' texts joined
   * with "\n"), read and written by the generated fast paths where they apply; throws a PfaError.
   */
  scoreText(text: string): string {
    return this.host.scoreText(text);
  }

  /** Entry i is what `scoreText(texts[i])` gives, or its PfaError; one kernel call for all. */
  scoreTextBatch(texts: readonly string[]): (string | PfaError)[] {
    return this.host.scoreTextBatch(texts);
  }

  /** Runs `end`. */
  end(): void {
    this.host.end();
  }

  /** The current values of the cells the document writes, as Avro-JSON. */
  snapshot(): Record<string, unknown> {
    const cells: Record<string, unknown> = {};
    for (const name of this.host.cellNames) cells[name] = this.host.encodeCell(name, this.host.cell(name)!);
    return cells;
  }

  /** Avro-JSON of what the host returned (emit engines: the list of emitted values). */
  private output(v: Value): unknown {
    return this.host.method === 'emit'
      ? (v as Value[]).map((x) => this.host.codec.encode(x))
      : this.host.codec.encode(v);
  }
}
