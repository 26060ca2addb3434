/** Cold starts for `pfa-wasm bench`: each in a fresh Node process, timed from inside it. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The child of a cold start: it loads the engine's code (not counted), then reads the model and
 * the precompiled module, creates the engine and answers the first request (counted).
 */
const COLD_CHILD = `
const spec = JSON.parse(process.env.PFA_BENCH_COLD);
const { PFAEngine } = await import(spec.engineUrl);
const { readFileSync } = await import('node:fs');
const t0 = performance.now();
const text = readFileSync(spec.modelFile, 'utf8');
const precompiled = spec.wasmFile ? { wasm: new Uint8Array(readFileSync(spec.wasmFile)), manifest: JSON.parse(readFileSync(spec.wasmFile + '.json', 'utf8')), documentText: text } : undefined;
const t1 = performance.now();
let message = '';
const e = await PFAEngine.create(text, { backend: spec.wasmFile ? 'wasm' : 'js', precompiled, onBackend: (m) => { message = m; } });
const t2 = performance.now();
const answer = typeof e.scoreText === 'function' ? e.scoreText(spec.line) : e.encodeText(e.action(e.decodeText(spec.line)));
const t3 = performance.now();
process.stdout.write(JSON.stringify({ firstAnswerMs: t3 - t0, readMs: t1 - t0, createMs: t2 - t1, answerMs: t3 - t2, backend: e.backend, message, answer }));
`;

export interface ColdResult {
  firstAnswerMs: number;
  readMs: number;
  createMs: number;
  answerMs: number;
  backend: 'js' | 'wasm';
  message: string;
  answer: string;
}

/** The package root (src/hosts/cli/bench/ or dist/hosts/cli/bench/ → ../../../): where `tsx` resolves when running from source. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export function coldStart(spec: { modelFile: string; wasmFile: string | null; line: string }): ColdResult {
  const engineUrl = new URL('../../../engine.js', import.meta.url).href;
  // From source (tsx, vitest) the child needs tsx to load TypeScript; from dist/ it runs as is.
  const loader = import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const out = execFileSync(process.execPath, [...loader, '--input-type=module', '-e', COLD_CHILD], {
    cwd: ROOT,
    env: { ...process.env, PFA_BENCH_COLD: JSON.stringify({ ...spec, engineUrl }) },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out) as ColdResult;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
