/**
 * Builds a test entry over hand-written AssemblyScript files of assembly/ with the project's asc
 * options (asconfig.json, release target: V8's Math through imports, so answers are the JS
 * backend's bits) and instantiates it with the kernels' Math imports and an abort that throws.
 */
import { readFile } from 'node:fs/promises';
import { mathImports } from '../../src/backend/wasm/instance.js';

const ROOT = new URL('../../', import.meta.url);

/** `files`: paths under assembly/ (as the entry imports them, e.g. 'lib/util/codemap.ts'). */
export async function buildAssembly<E>(entry: string, files: readonly string[], options: Record<string, unknown> = {}): Promise<E> {
  const { default: asc } = await import('assemblyscript/asc');
  const config = JSON.parse(await readFile(new URL('asconfig.json', ROOT), 'utf8'));
  const sources: Record<string, string> = { 'entry.ts': entry };
  for (const f of files) sources[f] = await readFile(new URL(`assembly/${f}`, ROOT), 'utf8');
  const r = await asc.compileString(sources, { ...config.options, ...config.targets.release, ...options } as never);
  if (r.error || !r.binary) throw new Error(r.stderr.toString());
  const { instance } = await WebAssembly.instantiate(r.binary as Uint8Array<ArrayBuffer>, { env: { ...mathImports(), abort: () => { throw new Error('abort'); } } } as WebAssembly.Imports);
  return instance.exports as unknown as E;
}
