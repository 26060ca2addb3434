/**
 * `pfa-wasm compile MODEL [-o OUT.wasm] [--explain]`: lowers a document to AssemblyScript, builds
 * it, and writes OUT.wasm with its manifest OUT.wasm.json (default: the model's name with its
 * extensions replaced, `sonar.pfa.json` → `sonar.wasm`). `--explain` says what keeps parts in JS.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { defaultWasmPath } from '../../backend/wasm/artifact.js';
import { buildLowered, lowerDocument } from '../../build/index.js';
import { parseArgs } from './args.js';

export async function compileCommand(argv: string[]): Promise<number> {
  const { positional, options } = parseArgs(
    argv.map((a) => (a === '-o' ? '--output' : a)),
    ['output'],
    ['explain', 'source', 'help'],
  );
  if (options.has('help') || positional.length !== 1) {
    console.error('usage: pfa-wasm compile MODEL [-o OUT.wasm] [--explain] [--source]');
    return options.has('help') ? 0 : 2;
  }
  const file = positional[0];
  const text = readFileSync(file, 'utf8');
  const { typed, lowering } = lowerDocument(text);
  if (!lowering.ok) {
    console.error(`${file}: not lowered to Wasm; the JS backend will run it.`);
    console.error(`  ${lowering.path || '/'}: ${lowering.reason}`);
    return options.has('explain') ? 0 : 1;
  }
  if (options.has('explain')) console.error(`${file}: every part lowers to Wasm (nothing left in JS)`);
  const out = (options.get('output') as string | undefined) ?? defaultWasmPath(file);
  // (by default the files go beside the model, which may be in a folder the user cannot write)
  const write = (path: string, data: string | Uint8Array) =>
    writeFile(path, data).then(
      () => true,
      (e: Error) => {
        console.error(`pfa-wasm: cannot write ${path}: ${e.message}; -o OUT.wasm writes elsewhere`);
        return false;
      },
    );
  if (options.has('source') && !(await write(out.replace(/\.wasm$/, '') + '.ts', lowering.lowered.source))) return 1;
  const { wasm, manifest, millis } = await buildLowered(text, typed, lowering.lowered);
  if (!(await write(out, wasm)) || !(await write(`${out}.json`, JSON.stringify(manifest, null, 1) + '\n'))) return 1;
  console.error(`${file} → ${out} (${wasm.length} bytes) and ${out}.json, compiled in ${millis} ms`);
  return 0;
}
