/** Finding a compiled module beside a model file: MODEL.wasm and MODEL.wasm.json (see artifact.ts). */
import { existsSync, readFileSync } from 'node:fs';
import { defaultWasmPath, Manifest } from './artifact.js';
import type { Precompiled } from './load.js';

export function precompiledBeside(modelPath: string, documentText: string): Precompiled | undefined {
  const wasm = defaultWasmPath(modelPath);
  if (!existsSync(wasm) || !existsSync(`${wasm}.json`)) return undefined;
  const manifest = JSON.parse(readFileSync(`${wasm}.json`, 'utf8')) as Manifest;
  return { wasm: new Uint8Array(readFileSync(wasm)), manifest, documentText };
}
