/**
 * Choosing the backend for a loaded model (PFA_BACKEND). `js`: closures. `auto`: the Wasm backend
 * with the module found beside the model when its manifest matches the document, else js, and
 * the log says which and why. `wasm`: the Wasm backend or a failed load; without a module beside
 * the model it compiles one, which works under `pfa-wasm serve` and fails in the Lambda bundle
 * (it has no compiler: deploy the module built by `pfa-wasm compile` with the model).
 */
import { Backend, EngineOptions, PFAEngine } from '../../engine.js';
import type { Manifest } from '../../backend/wasm/artifact.js';
import { Logger, errorFields } from './log.js';
import { ModelFiles, ModelLoadError } from './model.js';

export async function startEngine(files: ModelFiles, backend: Backend, log: Logger, base: EngineOptions = {}): Promise<PFAEngine> {
  const js = () => PFAEngine.create(files.text, { ...base, backend: 'js' });
  if (backend === 'js') return js();
  const onBackend = (detail: string) => log.log('info', 'backend', { model: files.source, detail });
  if (!files.wasm) {
    if (backend === 'auto') {
      log.log('info', 'backend auto: no Wasm module with a matching manifest beside the model; using js', { model: files.source });
      return js();
    }
    return wasmOrFail(() => PFAEngine.create(files.text, { ...base, backend: 'wasm', onBackend }));
  }
  const precompiled = { wasm: files.wasm.module, manifest: files.wasm.manifest as unknown as Manifest, documentText: files.text };
  if (backend === 'wasm') return wasmOrFail(() => PFAEngine.create(files.text, { ...base, backend: 'wasm', precompiled, onBackend }));
  try {
    const engine = await PFAEngine.create(files.text, { ...base, backend: 'auto', precompiled, onBackend });
    if (engine.backend === 'js') log.log('info', 'backend auto: the Wasm backend cannot run this model; using js', { model: files.source, detail: engine.backendNote });
    return engine;
  } catch (e) {
    log.log('warn', 'backend auto: the Wasm module could not be used; using js', { module: files.wasm.source, ...errorFields(e) });
    return js();
  }
}

async function wasmOrFail(create: () => Promise<PFAEngine>): Promise<PFAEngine> {
  try {
    return await create();
  } catch (e) {
    throw new ModelLoadError(`PFA_BACKEND=wasm: ${e instanceof Error ? e.message : String(e)}`);
  }
}
