/**
 * `pfa-wasm compile MODEL [-o OUT.wasm] [--explain]`: lowers a document to AssemblyScript, builds
 * it, and writes OUT.wasm with its manifest OUT.wasm.json (default: the model's name with its
 * extensions replaced, `sonar.pfa.json` → `sonar.wasm`). `--explain` says what keeps parts in JS.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { readDocument } from '../../document/read.js';
import { checkDocument } from '../../check/document.js';
import { tryLower } from '../../backend/wasm/load.js';
import { defaultWasmPath, makeManifest } from '../../backend/wasm/artifact.js';
import { parseArgs } from './args.js';

export async function compileCommand(argv: string[]): Promise<number> {
  const { positional, options } = parseArgs(argv.map((a) => (a === '-o' ? '--output' : a)), ['output'], ['explain', 'source', 'help']);
  if (options.has('help') || positional.length !== 1) {
    console.error('usage: pfa-wasm compile MODEL [-o OUT.wasm] [--explain] [--source]');
    return options.has('help') ? 0 : 2;
  }
  const file = positional[0];
  const text = readFileSync(file, 'utf8');
  const typed = checkDocument(readDocument(text));
  const lowering = tryLower(typed);
  if (!lowering.ok) {
    console.error(`${file}: not lowered to Wasm; the JS backend will run it.`);
    console.error(`  ${lowering.path || '/'}: ${lowering.reason}`);
    return options.has('explain') ? 0 : 1;
  }
  if (options.has('explain')) console.error(`${file}: every part lowers to Wasm (nothing left in JS)`);
  const out = (options.get('output') as string | undefined) ?? defaultWasmPath(file);
  if (options.has('source')) await writeFile(out.replace(/\.wasm$/, '') + '.ts', lowering.lowered.source);
  const { compileSource } = await import('../../backend/wasm/compile.js');
  const { binary, millis } = await compileSource(lowering.lowered.source);
  const manifest = makeManifest(text, lowering.lowered, binary, typed);
  await writeFile(out, binary);
  await writeFile(`${out}.json`, JSON.stringify(manifest, null, 1) + '\n');
  console.error(`${file} → ${out} (${binary.length} bytes) and ${out}.json, compiled in ${millis} ms`);
  return 0;
}
