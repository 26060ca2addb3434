/**
 * Choosing the backend for a loaded model (PFA_BACKEND). `js`: closures. `auto`: the Wasm backend
 * with the module found beside the model when its manifest matches the document; without one,
 * hosts that have the compiler (`pfa-wasm serve`) compile the model through the compile cache,
 * and the Lambda bundle (no compiler) runs js. `wasm`: the Wasm backend or a failed load. Every
 * outcome comes with `why`, which the first log line and /health report.
 */
import type { Backend, EngineOptions, PFAEngine } from '../../engine.js';
import type { Manifest } from '../../backend/wasm/artifact.js';
import type { Cached } from '../../build/cache.js';
import { Logger, errorFields } from './log.js';
import { ModelFiles, ModelLoadError, type WasmManifest } from './model.js';

/** Compiles models that have no module beside them (src/build/cache.ts), where asc is installed. */
export interface ModuleCompiler {
  compiled(documentText: string): Promise<Cached>;
  /** Drops a cached module that PFAEngine.create would not use (built by another lowering). */
  forget(documentText: string): Promise<void>;
}

export interface Started {
  engine: PFAEngine;
  /** Which backend runs and why, in words. */
  why: string;
}

const IGNORED = 'wasm: precompiled module ignored';

export async function startEngine(
  files: ModelFiles,
  backend: Backend,
  log: Logger,
  base: EngineOptions = {},
  compiler?: ModuleCompiler,
): Promise<Started> {
  // The front end, the JS backend and the lowering load from here, a chunk of their own in the
  // Lambda bundle: the HTTP handler's cold start (compiled.ts) skips them when it can.
  const { PFAEngine } = await import('../../engine.js');
  const js = async (why: string): Promise<Started> => ({
    engine: await PFAEngine.create(files.text, { ...base, backend: 'js' }),
    why,
  });
  if (backend === 'js') return js('js: the JS backend was asked for (PFA_BACKEND=js or --backend js)');
  let artifact = files.wasm;
  let origin = artifact ? `the module beside the model, ${artifact.source}` : '';
  let cached = false;
  if (!artifact && compiler) {
    const c = await compiler.compiled(files.text);
    if (!c.ok) {
      const why = c.defect ? c.reason : `not lowered to Wasm: ${c.path || '/'}: ${c.reason}`;
      if (backend === 'wasm') throw new ModelLoadError(`PFA_BACKEND=wasm: ${why}`);
      return js(`js: ${why}`);
    }
    artifact = {
      module: c.precompiled.wasm,
      manifest: c.precompiled.manifest as unknown as WasmManifest,
      source: c.file,
    };
    origin = c.origin;
    cached = true;
  }
  if (!artifact) {
    const why = 'no Wasm module with a matching manifest beside the model, and no compiler here (pfa-wasm compile it)';
    if (backend === 'auto') return js(`js: ${why}`);
    // Where asc is not installed (the Lambda bundle) this fails, and says so.
    return wasmOrFail(async () => ({
      engine: await PFAEngine.create(files.text, { ...base, backend: 'wasm' }),
      why: 'wasm: compiled on the fly (no module beside the model)',
    }));
  }
  const notes: string[] = [];
  const onBackend = (m: string) => notes.push(m);
  const precompiled = {
    wasm: artifact.module,
    manifest: artifact.manifest as unknown as Manifest,
    documentText: files.text,
  };
  const describe = (engine: PFAEngine): Started => {
    if (cached && notes.some((n) => n.startsWith(IGNORED))) {
      compiler!
        .forget(files.text)
        .catch((e) =>
          log.log('warn', 'could not drop a stale compile-cache entry', { file: artifact!.source, ...errorFields(e) }),
        );
    }
    const used = engine.backend === 'wasm' && notes.includes('wasm: using the precompiled module');
    return { engine, why: used ? `wasm: ${origin}` : notes.join('; ') || engine.backendNote };
  };
  if (backend === 'wasm')
    return wasmOrFail(async () =>
      describe(await PFAEngine.create(files.text, { ...base, backend: 'wasm', precompiled, onBackend })),
    );
  try {
    return describe(await PFAEngine.create(files.text, { ...base, backend: 'auto', precompiled, onBackend }));
  } catch (e) {
    log.log('warn', 'backend auto: the Wasm module could not be used; using js', {
      module: artifact.source,
      ...errorFields(e),
    });
    return js(
      `js: the Wasm module ${artifact.source} could not be used: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

async function wasmOrFail(create: () => Promise<Started>): Promise<Started> {
  try {
    return await create();
  } catch (e) {
    throw new ModelLoadError(`PFA_BACKEND=wasm: ${e instanceof Error ? e.message : String(e)}`);
  }
}
