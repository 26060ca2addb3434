/**
 * backend/wasm/compile.ts in the browser bundle, which carries no AssemblyScript compiler: a Wasm
 * engine there needs a module compiled ahead of time (`pfa-wasm compile`).
 */
export async function compileSource(): Promise<never> {
  throw new Error(
    'the browser bundle has no Wasm compiler: compile the model with `pfa-wasm compile` and pass it as `precompiled`, use loadModel from pfa-wasm/runtime, or use backend "js"',
  );
}
