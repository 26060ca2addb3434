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
  if (options.has('source')) await writeFile(out.replace(/\.wasm$/, '') + '.ts', lowering.lowered.source);
  const { wasm, manifest, millis } = await buildLowered(text, typed, lowering.lowered);
  await writeFile(out, wasm);
  await writeFile(`${out}.json`, JSON.stringify(manifest, null, 1) + '\n');
  console.error(`${file} → ${out} (${wasm.length} bytes) and ${out}.json, compiled in ${millis} ms`);
  return 0;
}
