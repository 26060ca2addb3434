/**
 * Building a lowered module with the AssemblyScript compiler (asc with binaryen). This is the
 * only module that loads `assemblyscript`: keep it out of the Lambda and browser bundles (DESIGN.md
 * decision 5). Compile options make answers bit-identical to the JS backend: the kernels' Math is
 * the fdlibm port that the JS backend calls too (`--use Math=FdlibmMath`, decision 4), compiled in
 * through assembly/runtime.ts, so a kernel imports no math and gives the same bits everywhere.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hand-written AS sources: runtime.ts and the kernels under assembly/lib/ (STYLE.md item 6). */
const ASSEMBLY = fileURLToPath(new URL('../../../assembly/', import.meta.url));
/** The project's asc options (asconfig.json at the package root): one place for them. */
const ASCONFIG = fileURLToPath(new URL('../../../asconfig.json', import.meta.url));

export interface CompileResult {
  binary: Uint8Array;
  millis: number;
}

let assemblySources: Promise<Record<string, string>> | undefined;

/** Every .ts file under assembly/, read once, keyed by its path relative to assembly/ (as asc resolves imports). */
async function readAssembly(): Promise<Record<string, string>> {
  const files = (await readdir(ASSEMBLY, { recursive: true })).filter((f) => f.endsWith('.ts')).sort();
  const out: Record<string, string> = {};
  for (const f of files) out[f.split('\\').join('/')] = await readFile(join(ASSEMBLY, f), 'utf8');
  return out;
}

interface AscConfig {
  options: Record<string, unknown>;
  targets: Record<'release' | 'debug', Record<string, unknown>>;
}
let ascConfig: Promise<AscConfig> | undefined;

/**
 * The asc runtime a generated source is built with: its `// memory:` line (lower/module.ts) says
 * 'arena' (asc's "stub", a bump allocator the kernel resets between calls) or 'collected' (the
 * asconfig.json runtime, "minimal"). See assembly/runtime.ts, "Memory".
 */
function runtimeOf(source: string): Record<string, unknown> {
  const m = /^\/\/ memory: (arena|collected)$/m.exec(source);
  if (!m) throw new Error('internal: the generated source does not say how its kernel manages memory');
  return m[1] === 'arena' ? { runtime: 'stub' } : {};
}

/**
 * The Wasm features a generated source is built with: its `// features:` line says 'simd' when it
 * holds v128 values (lower/module.ts), else 'mvp'. Only then is SIMD enabled: binaryen would
 * otherwise use SIMD stores in any module, and browsers without Wasm SIMD refuse those.
 */
function featuresOf(source: string): Record<string, unknown> {
  const m = /^\/\/ features: (simd|mvp)$/m.exec(source);
  if (!m) throw new Error('internal: the generated source does not say which Wasm features it needs');
  return m[1] === 'simd' ? { enable: ['simd'] } : {};
}

export async function compileSource(source: string, options: { optimize?: boolean } = {}): Promise<CompileResult> {
  assemblySources ??= readAssembly();
  const { default: asc } = await import('assemblyscript/asc');
  const started = Date.now();
  ascConfig ??= readFile(ASCONFIG, 'utf8').then((t) => JSON.parse(t) as AscConfig);
  const config = await ascConfig;
  const target = config.targets[options.optimize === false ? 'debug' : 'release'];
  // (asc exports configToArguments, the options-to-flags step compileString uses, without a type)
  const { configToArguments } = asc as unknown as { configToArguments(options: object): string[] };
  const sources: Record<string, string> = { 'model.ts': source, ...(await assemblySources) };
  let binary: Uint8Array | undefined;
  // model.ts is the only entry file. asc.compileString would make every source it is given an
  // entry, so every export of runtime.ts and of each assembly/lib file would be a kernel export
  // and be linked into every kernel (Sonar's grew to 100 KB with 229 exports); the others are read
  // here when an import names them, so a kernel holds only what its code reaches.
  const result = await asc.main(
    [
      'model.ts',
      '--outFile',
      'model.wasm',
      ...configToArguments({ ...config.options, ...target, ...runtimeOf(source), ...featuresOf(source) }),
    ],
    {
      readFile: (name: string) => (Object.hasOwn(sources, name) ? sources[name] : null),
      writeFile: (name: string, contents: Uint8Array | string) => {
        if (name === 'model.wasm' && typeof contents !== 'string') binary = contents;
      },
      listFiles: () => [],
    },
  );
  if (result.error || !binary) {
    const detail = result.stderr
      .toString()
      .split('\n')
      .filter((l) => l.trim())
      .slice(0, 12)
      .join('\n');
    throw new Error(
      `internal: the generated AssemblyScript did not compile: ${result.error?.message ?? 'no binary'}\n${detail}`,
    );
  }
  return { binary, millis: Date.now() - started };
}
