/**
 * Building a lowered module with the AssemblyScript compiler (asc with binaryen). This is the
 * only module that loads `assemblyscript`: keep it out of the Lambda and browser bundles (DESIGN.md
 * decision 5). Compile options make answers bit-identical to the JS backend: V8's Math through
 * imports (`--use Math=JSMath`, decision 4).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const RUNTIME = fileURLToPath(new URL('../../../assembly/runtime.ts', import.meta.url));

export interface CompileResult { binary: Uint8Array; millis: number }

let runtimeSource: Promise<string> | undefined;

export async function compileSource(source: string, options: { optimize?: boolean } = {}): Promise<CompileResult> {
  runtimeSource ??= readFile(RUNTIME, 'utf8');
  const { default: asc } = await import('assemblyscript/asc');
  const started = Date.now();
  const result = await asc.compileString({ 'model.ts': source, 'runtime.ts': await runtimeSource }, {
    optimizeLevel: options.optimize === false ? 0 : 3,
    shrinkLevel: 0,
    runtime: 'incremental',
    use: ['Math=JSMath'],
    noAssert: true,
    // Bounds are checked by the generated code (with the spec's error codes) before `unchecked` reads.
    uncheckedBehavior: 'default',
  } as never);
  if (result.error || !result.binary) {
    const detail = result.stderr.toString().split('\n').filter((l) => l.trim()).slice(0, 12).join('\n');
    throw new Error(`internal: the generated AssemblyScript did not compile: ${result.error?.message ?? 'no binary'}\n${detail}`);
  }
  return { binary: result.binary, millis: Date.now() - started };
}
