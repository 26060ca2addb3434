/**
 * `npm run build:browser`: the browser bundles and the demo page, with esbuild.
 *
 *   dist/browser/pfa-wasm-runtime.js  src/hosts/compiled/index.ts: compiled models only (pfa-wasm/runtime)
 *   dist/browser/pfa-wasm.js          src/hosts/browser/index.ts: the whole engine, JS backend (pfa-wasm/browser)
 *   dist/browser/demo/                examples/browser/ with the runtime, the compiled Sonar model,
 *                                     the rows it offers (sonar-rows.json) and pfa-wasm.js
 *
 * Neither bundle may contain a Node built-in or the AssemblyScript compiler: the build fails if
 * one gets in. The demo's rows are the 208 Sonar rows of test/reference/data with their classes
 * from sonar.csv.
 */
import { build, Metafile, Plugin } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readDocument } from '../src/document/read.js';
import { checkDocument } from '../src/check/document.js';
import { tryLower } from '../src/backend/wasm/load.js';
import { Manifest, makeManifest, manifestMismatch } from '../src/backend/wasm/artifact.js';
import { REFERENCE } from '../test/helpers/reference.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist/browser');
const DEMO = join(OUT, 'demo');
const MODEL = join(ROOT, 'models/sonar-naive-bayes.pfa.json');
const FORBIDDEN = /node_modules\/(assemblyscript|binaryen|@assemblyscript)\/|backend\/wasm\/compile\.ts$/;

/** Node modules the engine imports, replaced in the whole-engine bundle (src/hosts/browser/*.ts say how). */
const browserShims: Plugin = {
  name: 'browser-shims',
  setup(b) {
    const shim = (file: string) => ({ path: join(ROOT, 'src/hosts/browser', file) });
    b.onResolve({ filter: /^node:crypto$/ }, () => shim('nodeCrypto.ts'));
    b.onResolve({ filter: /^node:fs\/promises$/ }, () => shim('nodeFs.ts'));
    b.onResolve({ filter: /^\.\/compile\.js$/ }, (args) =>
      /backend[\\/]wasm[\\/]load\.ts$/.test(args.importer) ? shim('noCompiler.ts') : undefined,
    );
  },
};

export interface BundleReport {
  file: string;
  bytes: number;
  gzipBytes: number;
}

async function bundle(entry: string, outName: string, plugins: Plugin[]): Promise<BundleReport> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    metafile: true,
    plugins,
    logLevel: 'warning',
  });
  checkInputs(result.metafile, outName);
  const code = result.outputFiles[0].contents;
  const file = join(OUT, outName);
  writeFileSync(file, code);
  return { file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

function checkInputs(meta: Metafile, outName: string): void {
  const bad: string[] = [];
  for (const [path, input] of Object.entries(meta.inputs)) {
    if (FORBIDDEN.test(path)) bad.push(path);
    for (const i of input.imports)
      if (i.path.startsWith('node:') || (i.external && !i.path.startsWith('.'))) bad.push(`${i.path} (from ${path})`);
  }
  if (bad.length)
    throw new Error(`${outName} must hold no Node built-in and no compiler, but it pulls in:\n  ${bad.join('\n  ')}`);
}

/** The demo's compiled model: reused when its manifest still fits the document and this lowering. */
async function compiledModel(): Promise<{ compiled: boolean }> {
  const text = readFileSync(MODEL, 'utf8');
  const typed = checkDocument(readDocument(text));
  const lowering = tryLower(typed);
  if (!lowering.ok) throw new Error(`the demo model does not lower: ${lowering.reason}`);
  const wasmFile = join(DEMO, 'sonar-naive-bayes.wasm');
  if (existsSync(wasmFile) && existsSync(`${wasmFile}.json`)) {
    const old = JSON.parse(readFileSync(`${wasmFile}.json`, 'utf8')) as Manifest;
    if (old.runtime && manifestMismatch(old, text, lowering.lowered) === null) return { compiled: false };
  }
  const { compileSource } = await import('../src/backend/wasm/compile.js');
  const { binary } = await compileSource(lowering.lowered.source);
  writeFileSync(wasmFile, binary);
  writeFileSync(
    `${wasmFile}.json`,
    JSON.stringify(makeManifest(text, lowering.lowered, binary, typed), null, 1) + '\n',
  );
  return { compiled: true };
}

/** The rows the page offers: records with their true class. */
function demoRows(): { rows: { record: unknown; label: string }[]; source: string } {
  const jsonl = join(REFERENCE, 'data/sonar.jsonl');
  const csv = join(REFERENCE, 'data/sonar.csv');
  const records = readFileSync(jsonl, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);
  const [header, ...lines] = readFileSync(csv, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.trim().split(','));
  const k = header.indexOf('Class');
  if (k < 0 || lines.length !== records.length) throw new Error(`${csv} does not match ${jsonl}`);
  return {
    rows: records.map((record, i) => ({ record, label: lines[i][k] })),
    source: 'the UCI Sonar data, classes from sonar.csv',
  };
}

export interface BrowserBuild {
  runtime: BundleReport;
  engine: BundleReport;
  demo: string;
  rows: number;
  compiled: boolean;
}

export async function buildBrowser(): Promise<BrowserBuild> {
  mkdirSync(DEMO, { recursive: true });
  const runtime = await bundle('src/hosts/compiled/index.ts', 'pfa-wasm-runtime.js', []);
  const engine = await bundle('src/hosts/browser/index.ts', 'pfa-wasm.js', [browserShims]);
  for (const f of readdirSync(join(ROOT, 'examples/browser'))) {
    if (f !== 'README.md') copyFileSync(join(ROOT, 'examples/browser', f), join(DEMO, f));
  }
  copyFileSync(runtime.file, join(DEMO, 'pfa-wasm-runtime.js'));
  // The page loads only the runtime; the whole engine sits beside it for checking its answers.
  copyFileSync(engine.file, join(DEMO, 'pfa-wasm.js'));
  const { compiled } = await compiledModel();
  const { rows, source } = demoRows();
  writeFileSync(join(DEMO, 'sonar-rows.json'), JSON.stringify({ source, rows }));
  return { runtime, engine, demo: DEMO, rows: rows.length, compiled };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const b = await buildBrowser();
  for (const r of [b.runtime, b.engine])
    console.log(`${r.file.slice(ROOT.length + 1)}: ${kb(r.bytes)} minified, ${kb(r.gzipBytes)} gzipped`);
  console.log(
    `${b.demo.slice(ROOT.length + 1)}/: the demo page, ${b.rows} rows, model ${b.compiled ? 'compiled' : 'up to date'} (serve it: npx pfa-wasm demo)`,
  );
}
