/** `pfa-wasm demo-score`: scores the bundled sample Sonar rows with the bundled demo model. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PFAEngine } from '../../engine.js';

/** The package's own models/ folder (works from src/ and from dist/). */
export const MODELS = fileURLToPath(new URL('../../../models/', import.meta.url));

export async function demoScoreCommand(_argv: string[]): Promise<number> {
  const engine = await PFAEngine.create(readFileSync(`${MODELS}sonar-naive-bayes.pfa.json`, 'utf8'));
  const rows = readFileSync(`${MODELS}sonar-sample.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  console.log(
    `${engine.name}: Gaussian naive Bayes on the Sonar data (mines M vs rocks R), ${rows.length} sample rows`,
  );
  for (const row of rows) {
    const t0 = process.hrtime.bigint();
    const out = engine.action(engine.decodeText(row));
    const us = Number(process.hrtime.bigint() - t0) / 1000;
    console.log(`${engine.encodeText(out)}  (${us.toFixed(1)} µs)`);
  }
  return 0;
}
