/**
 * The cold-start path (issue 17): a model whose module and manifest sit beside it runs from the
 * manifest alone (backend/wasm/precompiled.ts), as the browser runtime does, so the init phase
 * never loads the reader, the type checker or the library's JS forms. The handler speaks to this
 * engine and to PFAEngine (everything else: no module, a stale one, the JS backend) through
 * `ScoringEngine`.
 */
import type { AvroType } from '../../types/avro.js';
import type { Value } from '../../values.js';
import type { TypedEngine } from '../../ir/tree.js';
import type { Manifest, RuntimeManifest } from '../../backend/wasm/artifact.js';
import type { TextScorer } from '../../backend/wasm/fastpath/scorer.js';
import type { WasmHost } from '../../backend/wasm/host.js';
import { describes, manifestHost } from '../../backend/wasm/precompiled.js';
import { DEFAULT_LIMITS } from '../../limits.js';
import type { Backend, EngineOptions } from '../../engine.js';
import { ModelFiles } from './model.js';
import { Logger } from './log.js';
import { nowMs, round } from './clock.js';
import type { ModuleCompiler } from './backend.js';

/** What the handler asks of an engine; PFAEngine has all of it. */
export interface ScoringEngine {
  readonly name: string;
  readonly method: 'map' | 'emit' | 'fold';
  readonly backend: 'js' | 'wasm';
  readonly inputType: AvroType;
  readonly outputType: AvroType;
  /** The checked document; null when the engine runs from a manifest without the front end. */
  readonly typed: TypedEngine | null;
  decode(json: unknown): Value;
  action(input: Value): Value;
  encode(value: Value): unknown;
  textPath(): TextScorer | null;
}

/** A kernel host as an engine: what PFAEngine does on the Wasm backend, minus the typed tree. */
class ManifestEngine implements ScoringEngine {
  readonly backend = 'wasm';
  readonly typed = null;
  readonly name: string;
  readonly method: 'map' | 'emit' | 'fold';
  readonly inputType: AvroType;
  readonly outputType: AvroType;
  constructor(private readonly host: WasmHost) {
    // Fixed for the host's life: copied once rather than delegated on every request.
    ({ name: this.name, method: this.method, inputType: this.inputType, outputType: this.outputType } = host);
  }
  decode(json: unknown): Value {
    return this.host.codec.decode(json);
  }
  action(input: Value): Value {
    return this.host.action(input);
  }
  encode(value: Value): unknown {
    return this.host.codec.encode(value);
  }
  textPath(): TextScorer {
    return this.host.textPath();
  }
}

/** The handler's engine, which backend runs and why, and on the manifest path what its steps took. */
export interface StartedScoring {
  engine: ScoringEngine;
  why: string;
  ms?: ManifestSteps;
}

/**
 * Milliseconds: until `WebAssembly.compile` is done (the host builds its types meanwhile);
 * from then on, instantiating and loading the cells and constants.
 */
export interface ManifestSteps {
  compileMs: number;
  hostMs: number;
}

/**
 * The HTTP handler's engine: from the manifest when the model has a matching module and Wasm may
 * run, else PFAEngine as `startEngine` chooses it (which also reports a module it cannot use, and
 * compiles a model without one where a compiler is given).
 */
/*! @eager */
export async function startScoring(
  files: ModelFiles,
  backend: Backend,
  log: Logger,
  base: EngineOptions = {},
  compiler?: ModuleCompiler,
): Promise<StartedScoring> {
  if (backend !== 'js' && files.wasm) {
    // A failure here is raised again, and reported, by PFAEngine.create in startEngine.
    const started = await startFromManifest(files, base.timeout ?? null).catch(() => null);
    if (started) return { ...started, why: `wasm: the module beside the model, ${files.wasm.source}` };
  }
  // (loaded here, with PFAEngine, only where the manifest path does not run the model)
  const { startEngine } = await import('./backend.js');
  return startEngine(files, backend, log, base, compiler);
}

/**
 * The engine of a model with a matching module, run from its manifest, and what its steps took;
 * null when the manifest does not describe the document (PFAEngine.create then decides).
 * `timeoutMs` is PFA_TIMEOUT_MS, which applies where the document sets no timeout, as PFAEngine's
 * `timeout` option does. The document's hash is the one loadModelFiles took of its bytes.
 */
/*! @eager */
export async function startFromManifest(
  files: ModelFiles,
  timeoutMs: number | null,
): Promise<{ engine: ScoringEngine; ms: ManifestSteps } | null> {
  const manifest = files.wasm?.manifest as unknown as Manifest | undefined;
  if (!files.wasm || !describes(manifest, files.sha256)) return null;
  const timeouts = withDefault(manifest.runtime.timeouts, timeoutMs, files);
  if (!timeouts) return null;
  const t0 = nowMs();
  let t1 = NaN;
  // Not awaited: the host builds its types from the manifest while the module compiles.
  const module = WebAssembly.compile(files.wasm.module as Uint8Array<ArrayBuffer>).then((m) => {
    t1 = nowMs();
    return m;
  });
  // (the document's text is left undecoded: manifestHost does not read it)
  const pre = {
    wasm: module,
    manifest,
    get documentText() {
      return files.text;
    },
  };
  const host = await manifestHost(pre, files.sha256, timeouts, { maxInputDepth: DEFAULT_LIMITS.maxInputDepth });
  return (
    host && {
      engine: new ManifestEngine(host),
      ms: { compileMs: round(t1 - t0), hostMs: round(nowMs() - t1) },
    }
  );
}

type Timeouts = RuntimeManifest['timeouts'];

/**
 * The manifest's timeouts (the document's; -1 where it sets none) with the default in the gaps,
 * or null when that is ambiguous: a negative entry may also be the document's own -1, which wins
 * over the default, and only the checked document tells the two apart.
 */
/*! @eager */
function withDefault(own: Timeouts, ms: number | null, files: ModelFiles): Timeouts | null {
  if (ms === null) return own;
  const gaps = own.begin < 0 || own.action < 0 || own.end < 0;
  if (gaps && (files.mentions?.('timeout') ?? files.text.includes('timeout'))) return null;
  return {
    begin: own.begin < 0 ? ms : own.begin,
    action: own.action < 0 ? ms : own.action,
    end: own.end < 0 ? ms : own.end,
  };
}
