/**
 * Choosing the backend for a loaded model (PFA_BACKEND): `js` always works; `wasm` needs a
 * verified module beside the model; `auto` takes the module when there is a verified one and the
 * JS backend otherwise, and logs which it chose and why.
 */
import { Backend, PFAEngine } from '../engine.js';
import { Logger } from './log.js';
import { ModelFiles, ModelLoadError } from './model.js';

/**
 * Whether this build can run a Wasm module. The Wasm backend (issue 5) is not in the engine yet;
 * when it lands, this becomes true and `PFAEngine.create` receives the module and manifest.
 */
export const WASM_BACKEND_AVAILABLE = false;

export async function startEngine(files: ModelFiles, backend: Backend, log: Logger): Promise<PFAEngine> {
  if (backend === 'wasm') {
    if (!files.wasm) throw new ModelLoadError(`PFA_BACKEND=wasm, but no Wasm module with a matching manifest sits beside ${files.source}`);
    if (!WASM_BACKEND_AVAILABLE) throw new ModelLoadError('PFA_BACKEND=wasm, but this build of pfa-wasm has no Wasm backend yet (use js or auto)');
  }
  if (backend === 'auto') {
    if (!files.wasm) {
      log.log('info', 'backend auto: no Wasm module with a matching manifest beside the model; using js', { model: files.source });
    } else if (!WASM_BACKEND_AVAILABLE) {
      log.log('info', 'backend auto: a verified Wasm module is present, but this build has no Wasm backend; using js', { module: files.wasm.source });
    }
  }
  return PFAEngine.create(files.text, { backend: 'js' });
}
