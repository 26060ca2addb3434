/**
 * `npx tsx bench/batch-s3.ts [MB]` (default 1024): records/s of one batch-handler invocation
 * scoring a JSON-lines object of Sonar rows from a loopback S3 (s3rver) to the loopback S3,
 * against `pfa-wasm score` on the same file from local disk, in one thread (`--workers 0`: one
 * invocation uses one core). Both run the Wasm backend with the module compiled beside the model,
 * as a deployed function does. The ratio is what streaming through S3 costs (issue 20 aims at
 * 0.7 or more). The machine's load average is printed with the figures: on a shared machine the
 * absolute numbers mean little, the ratio a little more.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBatchHandler } from '../src/hosts/lambda/batch/handler.js';
import { DEFAULT_BATCH, DEFAULT_PART_BYTES } from '../src/hosts/lambda/batch/config.js';
import { jsonLogger } from '../src/hosts/lambda/log.js';
import { defaultWasmPath } from '../src/backend/wasm/artifact.js';
import { compileArtifact } from '../test/helpers/wasmArtifact.js';
import { cliScore, putFile, startS3, writeSonarRows } from '../test/hosts/lambda/batchS3.js';

const MB = 1 << 20;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const sizeMb = Number(process.argv[2] ?? 1024);
  const dir = mkdtempSync(join(tmpdir(), 'pfa-bench-batch-'));
  const s3 = await startS3(['in', 'out']);
  try {
    const text = readFileSync(join(ROOT, 'models/sonar-naive-bayes.pfa.json'), 'utf8');
    const model = join(dir, 'sonar.pfa.json');
    writeFileSync(model, text);
    const { wasm, manifest } = await compileArtifact(text);
    writeFileSync(defaultWasmPath(model), wasm);
    writeFileSync(`${defaultWasmPath(model)}.json`, JSON.stringify(manifest));
    const sample = readFileSync(join(ROOT, 'models/sonar-sample.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    const input = join(dir, 'rows.jsonl');
    const { lines } = await writeSonarRows(input, sample, sizeMb * MB);
    console.log(
      `input: ${lines} Sonar rows, ${(statSync(input).size / MB).toFixed(0)} MB; uploading to the loopback S3`,
    );
    await putFile(s3.client, 'in', 'rows.jsonl', input);

    console.log(`load average before: ${load()}`);
    let t0 = performance.now();
    const code = await cliScore(model, input, join(dir, 'cli.jsonl'), '--workers', '0');
    const cliSecs = (performance.now() - t0) / 1000;
    if (code !== 0) throw new Error(`pfa-wasm score exited with ${code}`);
    const cliRate = lines / cliSecs;
    console.log(
      `pfa-wasm score, local disk:  ${cliSecs.toFixed(1)} s, ${Math.round(cliRate)} records/s (load ${load()})`,
    );

    const handler = createBatchHandler({
      config: {
        model: { kind: 'file', path: model },
        backend: 'auto',
        logLevel: 'warn',
        outputBucket: 'out',
        outputPrefix: '',
        outputFormat: 'jsonl',
        avroCodec: 'deflate',
        batch: DEFAULT_BATCH,
        partBytes: DEFAULT_PART_BYTES,
        marginMs: 0,
        timeoutMs: null,
      },
      client: s3.client,
      log: jsonLogger('warn'),
    });
    // The model loads in the function's first invocation: a one-row item first, as a warm container has.
    writeFileSync(join(dir, 'one.jsonl'), sample[0]);
    await putFile(s3.client, 'in', 'one.jsonl', join(dir, 'one.jsonl'));
    await handler({ bucket: 'in', key: 'one.jsonl' });
    t0 = performance.now();
    const r = await handler({ bucket: 'in', key: 'rows.jsonl' });
    const handlerSecs = (performance.now() - t0) / 1000;
    if (r.records !== lines) throw new Error(`the handler scored ${r.records} records of ${lines}`);
    const handlerRate = lines / handlerSecs;
    console.log(
      `batch handler, S3 -> S3:     ${handlerSecs.toFixed(1)} s, ${Math.round(handlerRate)} records/s (load ${load()})`,
    );
    console.log(`ratio handler / CLI: ${(handlerRate / cliRate).toFixed(2)}`);
  } finally {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
