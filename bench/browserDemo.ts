/**
 * The demo page's "µs per score" in Chromium against `scoreText` of the same row in Node, taken
 * in turns so that both see the same load on a shared machine: `npx tsx bench/browserDemo.ts
 * [rounds]`. Needs /usr/bin/chromium (`apt-get install -y chromium`). Prints each round and the
 * medians; the ratio is the figure to compare across runs, not the absolute times. Also timed in
 * the page, the same way: `score` of the parsed record (Avro-JSON in and out, no text path).
 *
 * On a loaded machine the two processes get unequal shares of the CPU, so each round also times
 * the same plain loop in both; "for equal CPU" scales the ratio by the loop's own ratio.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildBrowser } from '../scripts/build-browser.js';
import { serveDemo } from '../src/hosts/cli/demoServe.js';
import { PFAEngine } from '../src/index.js';

const ROOT = join(import.meta.dirname, '..');
const ROUNDS = Number(process.argv[2] ?? 7);
const ROWS = [0, 1];

/** The page's own timing (examples/browser/demo.js timeScore): 10 ms of warm-up, then at least 20 ms of calls. */
function timeScore(score: () => unknown): number {
  for (const t = performance.now(); performance.now() - t < 10; ) score();
  let n = 0;
  const t0 = performance.now();
  let elapsed: number;
  do {
    score();
    n++;
    elapsed = performance.now() - t0;
  } while (elapsed < 20 && n < 100000);
  return (elapsed * 1000) / n;
}

/** A fixed amount of plain work (milliseconds): how much CPU a process is getting. */
function loop(): number {
  const t0 = performance.now();
  let s = 0;
  for (let i = 0; i < 5e6; i++) s += Math.sqrt(i);
  return s > 0 ? performance.now() - t0 : NaN;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const built = await buildBrowser();
const { server, url } = await serveDemo(built.demo, 0);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  const text = readFileSync(join(ROOT, 'models/sonar-naive-bayes.pfa.json'), 'utf8');
  const wasmFile = join(built.demo, 'sonar-naive-bayes.wasm');
  const engine = await PFAEngine.create(text, {
    backend: 'wasm',
    precompiled: {
      wasm: readFileSync(wasmFile),
      manifest: JSON.parse(readFileSync(`${wasmFile}.json`, 'utf8')),
      documentText: text,
    },
  });
  const rows = (
    JSON.parse(readFileSync(join(built.demo, 'sonar-rows.json'), 'utf8')) as { rows: { record: unknown }[] }
  ).rows;
  const inPage: number[] = [],
    inNode: number[] = [],
    inPageScore: number[] = [],
    equal: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const i of ROWS) {
      await page.selectOption('#row', String(i));
      const shown = (await page.textContent('#timing')) ?? '';
      const micros = Number(/^([\d.]+) µs/.exec(shown)?.[1]);
      const line = JSON.stringify(rows[i].record);
      const node = timeScore(() => engine.scoreText(line));
      const score = (await page.evaluate(
        `(${timeScore.toString()})(() => window.pfaDemo.model.score(${line}))`,
      )) as number;
      inPage.push(micros);
      inNode.push(node);
      inPageScore.push(score);
      const cpu = loop() / ((await page.evaluate(`(${loop.toString()})()`)) as number);
      equal.push((micros / node) * cpu);
      console.log(
        `round ${round} row ${i + 1}: page ${micros.toFixed(2)} µs, node scoreText ${node.toFixed(2)} µs, ratio ${(micros / node).toFixed(2)} (${equal.at(-1)!.toFixed(2)} for equal CPU); page score(record) ${score.toFixed(2)} µs`,
      );
    }
  }
  const p = median(inPage),
    n = median(inNode);
  console.log(
    `median: page ${p.toFixed(2)} µs, node scoreText ${n.toFixed(2)} µs, ratio ${(p / n).toFixed(2)} (median for equal CPU ${median(equal).toFixed(2)}); page score(record) ${median(inPageScore).toFixed(2)} µs`,
  );
} finally {
  await browser.close();
  server.close();
}
