/**
 * Where `pfa-wasm compile` puts a model's module (and its manifest, at the module's name plus
 * `.json`). A file of its own, without imports, so that the Lambda's cold start finds a module
 * without loading artifact.ts and node:crypto.
 */
/** `sonar.pfa.json` → `sonar.wasm`: the model's name with its extensions replaced. */
/*! @eager */
export function defaultWasmPath(modelPath: string): string {
  const slash = Math.max(modelPath.lastIndexOf('/'), modelPath.lastIndexOf('\\'));
  const dir = modelPath.slice(0, slash + 1);
  const base = modelPath.slice(slash + 1);
  const dot = base.indexOf('.');
  return `${dir}${dot > 0 ? base.slice(0, dot) : base}.wasm`;
}
