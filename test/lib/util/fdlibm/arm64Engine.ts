/**
 * The engine side of ./arm64.test.ts, bundled by esbuild and run by x64 Node and by arm64 Node
 * under qemu: the JS backend's answers, with every double written as its 64 bits, on the Sonar
 * posterior model over sonar.jsonl and on the first trials of each m.* and prob.dist.* test of the
 * conformance suite. Arguments: the model, its data, the suite, trials per test, the output file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readSuite } from '../../../../src/conformance/suite.js';
import { runTrial } from '../../../../src/conformance/trial.js';
import { PFAEngine } from '../../../../src/index.js';

const [model, data, suite, perTest, out] = process.argv.slice(2);
const bits = new BigUint64Array(1);
const doubles = new Float64Array(bits.buffer);
/** JSON with each number as the hex of its IEEE bits (so -0 and NaN payloads count too). */
const exact = (v: unknown) =>
  JSON.stringify(v, (_, x) => {
    if (typeof x === 'bigint') return `${x}n`;
    if (typeof x !== 'number') return x;
    doubles[0] = x;
    return bits[0].toString(16);
  });

const lines: string[] = [];
const sonar = PFAEngine.fromJson(readFileSync(model, 'utf8'), { backend: 'js' });
for (const row of readFileSync(data, 'utf8')
  .split('\n')
  .filter((l) => l.trim())) {
  lines.push(`sonar ${exact(sonar.encode(sonar.action(sonar.decode(JSON.parse(row)))))}`);
}
const select = (name: string) => name.startsWith('m.') || name.startsWith('prob.dist.');
for await (const test of readSuite(suite, { select })) {
  const doc = test.engine as { input?: unknown };
  let engine: PFAEngine;
  try {
    engine = PFAEngine.fromJson(test.engine as never, { backend: 'js' });
  } catch {
    continue; // the same on both platforms: the document does not build
  }
  for (const trial of test.trials.filter((t) => t.skip === undefined).slice(0, Number(perTest))) {
    const { actual } = runTrial(engine, trial, { trialMs: Infinity, floats: false, input: doc.input });
    lines.push(`${test.function} ${exact(actual)}`);
  }
}
writeFileSync(out, `${lines.join('\n')}\n`);
