/**
 * The browser demo end to end in Debian's Chromium (playwright-core): the page built by
 * `npm run build:browser`, served by `pfa-wasm demo`'s server, scores with the runtime bundle and
 * must give the JS backend's answers bit for bit. Installs chromium with apt-get when it is
 * missing and the run is CI as root; otherwise skips and says why. Screenshot:
 * test/artifacts/browser-demo.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { chromium, BrowserContext, Page } from 'playwright-core';
import { buildBrowser } from '../../../scripts/build-browser.js';
import { serveDemo } from '../../../src/hosts/cli/demoServe.js';
import { compileCommand } from '../../../src/hosts/cli/compile.js';
import { PFAEngine } from '../../../src/index.js';
import { REFERENCE } from '../../helpers/reference.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const ROOT = join(import.meta.dirname, '../../..');
const ARTIFACTS = join(ROOT, 'test/artifacts');

/** Null when Chromium is there (installing it on CI as root), else why the tests skip. */
function ensureChromium(): string | null {
  if (existsSync(CHROMIUM)) return null;
  if (process.getuid?.() !== 0 || !process.env.CI) {
    return `${CHROMIUM} is missing: run \`apt-get install -y chromium\` (the test installs it itself only as root with CI set)`;
  }
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env, timeout: 300_000 });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env,
      timeout: 600_000,
    });
  } catch (e) {
    return `apt-get install chromium failed: ${(e as Error).message}`;
  }
  return existsSync(CHROMIUM) ? null : `apt-get installed chromium but ${CHROMIUM} is not there`;
}

const skip = ensureChromium();
if (skip) console.warn(`browser tests skipped: ${skip}`);

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim());

describe.skipIf(skip !== null)('the browser demo in Chromium', () => {
  let server: Server;
  let url: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const modelText = readFileSync(join(ROOT, 'models/sonar-naive-bayes.pfa.json'), 'utf8');

  beforeAll(async () => {
    const built = await buildBrowser();
    ({ server, url } = await serveDemo(built.demo, 0));
    profile = mkdtempSync(join(tmpdir(), 'pfa-wasm-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  }, 180_000); // a cold build compiles the model with asc (about 25 s alone, longer beside other tests)

  afterAll(async () => {
    await context?.close();
    server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('loads the compiled model and the rows', async () => {
    expect(await page.textContent('#status')).toMatch(/^Model "sonar_naive_bayes_demo" loaded; \d+ rows/);
    expect(await page.locator('#row option').count()).toBe(208);
  });

  // The kernel calls the page's Math (V8's), and Chromium's V8 rounds Math.exp differently from
  // Node 20's in the last bit for some arguments: "the JS backend" is the one in the same page
  // (pfa-wasm.js), bit for bit; Node's JS backend agrees on the class and to a few ULPs.
  it("a chosen row gives the JS backend's class and probabilities to the last bit", async () => {
    const rows = lines(join(REFERENCE, 'data/sonar.jsonl'));
    const picked = [0, 4, rows.length - 1];
    type Out = { class: string; probabilities: Record<string, number> };
    // As text: vitest would rewrite a dynamic import() inside a function passed here.
    // The whole-engine bundle also runs the compiled module as PFAEngine's Wasm backend (its
    // manifest check hashes with the bundle's own SHA-256).
    const [inPage, inPageWasm] = (await page.evaluate(`(async () => {
      const { PFAEngine } = await import('./pfa-wasm.js');
      const text = ${JSON.stringify(modelText)};
      const records = ${JSON.stringify(picked.map((i) => rows[i]))};
      const js = PFAEngine.fromJson(text);
      const [wasm, manifest] = await Promise.all([fetch('./sonar-naive-bayes.wasm').then((r) => r.arrayBuffer()), fetch('./sonar-naive-bayes.wasm.json').then((r) => r.json())]);
      let note = '';
      const w = await PFAEngine.create(text, { backend: 'wasm', precompiled: { wasm: new Uint8Array(wasm), manifest, documentText: text }, onBackend: (m) => { note = m; } });
      if (w.backend !== 'wasm' || note !== 'wasm: using the precompiled module') throw new Error('precompiled module not used: ' + note);
      return [js, w].map((e) => records.map((r) => e.encode(e.action(e.decodeText(r)))));
    })()`)) as [Out[], Out[]];
    expect(inPageWasm).toEqual(inPage);
    const node = PFAEngine.fromJson(modelText);
    for (const [n, i] of picked.entries()) {
      await page.selectOption('#row', { value: String(i) });
      const shown = JSON.parse((await page.textContent('#output'))!) as Out;
      const want = inPage[n];
      expect(shown.class, `row ${i + 1}`).toBe(want.class);
      expect(Object.keys(shown.probabilities).sort()).toEqual(['M', 'R']);
      for (const k of ['M', 'R'])
        expect(Object.is(shown.probabilities[k], want.probabilities[k]), `row ${i + 1} P(${k})`).toBe(true);
      const inNode = node.encode(node.action(node.decodeText(rows[i]))) as Out;
      expect(inNode.class).toBe(shown.class);
      for (const k of ['M', 'R'])
        expect(Math.abs(inNode.probabilities[k] - shown.probabilities[k])).toBeLessThanOrEqual(8 * Number.EPSILON);
      expect(await page.textContent('#predicted')).toBe(want.class);
      expect(await page.locator('#chart .bar').count()).toBe(2);
      expect(await page.textContent('#timing')).toMatch(/^\d+\.\d\d µs per score \(mean of \d+ runs\)$/);
    }
  });

  it('scores a pasted record and reports a bad one as an input error', async () => {
    const record = JSON.parse(lines(join(ROOT, 'models/sonar-sample.jsonl'))[1]) as Record<string, number>;
    const js = PFAEngine.fromJson(modelText);
    await page.fill('#record', JSON.stringify(record));
    await page.click('#score');
    const shown = JSON.parse((await page.textContent('#output'))!) as { class: string };
    expect(shown.class).toBe((js.encode(js.action(js.decode(record))) as { class: string }).class);
    await page.fill('#record', JSON.stringify({ ...record, V7: 'loud' }));
    await page.click('#score');
    expect(await page.textContent('#error')).toBe('input error 1100: expected a double, found "loud" at input /V7');
    expect(await page.textContent('#output')).toBe('');
  });

  it('"score all" reports the accuracy of the expected predictions', async () => {
    const expected = lines(join(REFERENCE, 'data/sonar-naive-bayes.expected.jsonl')).map(
      (l) => JSON.parse(l) as string,
    );
    const [header, ...csv] = lines(join(REFERENCE, 'data/sonar.csv')).map((l) => l.trim().split(','));
    const truth = csv.map((r) => r[header.indexOf('Class')]);
    const correct = expected.filter((c, i) => c === truth[i]).length;
    expect((correct / truth.length).toFixed(4)).toBe('0.7308');

    await page.click('#score-all');
    await page.waitForFunction(() => document.getElementById('accuracy')!.textContent !== '–');
    expect(await page.textContent('#accuracy')).toBe((correct / truth.length).toFixed(4));
    expect(await page.getAttribute('#accuracy', 'data-correct')).toBe(String(correct));
    const classes = await page.evaluate(() =>
      (window as unknown as { pfaDemo: { all: { ok: boolean; output: { class: string } }[] } }).pfaDemo.all.map((r) =>
        r.ok ? r.output.class : null,
      ),
    );
    expect(classes).toEqual(expected);
    expect(await page.textContent('#all-status')).toMatch(/^208 rows in [\d.]+ ms/);
  });

  // Unions of scalars are v128 values in kernels (Wasm SIMD), and maps of them cross the boundary
  // in a layout of their own: the page runs such a module as it runs Node's.
  it("runs a module with scalar unions (Wasm SIMD) as the page's JS backend does", async () => {
    const U = ['null', 'string', 'double', 'boolean'];
    const doc = {
      input: { type: 'map', values: U },
      output: { type: 'map', values: U },
      action: [
        {
          'map.map': [
            'input',
            {
              params: [{ v: U }],
              ret: U,
              do: [
                {
                  cast: 'v',
                  cases: [
                    { as: 'double', named: 'd', do: { 'm.exp': { '*': ['d', 0.5] } } },
                    {
                      as: 'string',
                      named: 's',
                      do: { if: { '==': ['s', { string: 'x' }] }, then: { string: 'was x' }, else: 's' },
                    },
                    { as: 'boolean', named: 'b', do: { '!': 'b' } },
                    { as: 'null', named: 'n', do: 'n' },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const dir = mkdtempSync(join(tmpdir(), 'pfa-wasm-unions-'));
    try {
      const text = JSON.stringify(doc);
      writeFileSync(join(dir, 'unions.pfa.json'), text);
      expect(await compileCommand([join(dir, 'unions.pfa.json'), '-o', join(dir, 'unions.wasm')])).toBe(0);
      const wasm = [...readFileSync(join(dir, 'unions.wasm'))];
      const manifest = readFileSync(join(dir, 'unions.wasm.json'), 'utf8');
      const records = [
        '{"a": {"double": 1.5}, "b": null, "c": {"string": "x"}, "d": {"boolean": true}, "e": {"double": -0.25}}',
        '{}',
        '{"only": null}',
        '{"s": {"string": "kept"}, "t": {"string": "x"}, "n": null}',
      ];
      const [js, w, backend] = (await page.evaluate(`(async () => {
        const { PFAEngine } = await import('./pfa-wasm.js');
        const text = ${JSON.stringify(text)};
        const records = ${JSON.stringify(records)};
        const js = PFAEngine.fromJson(text);
        const w = await PFAEngine.create(text, { backend: 'wasm', precompiled: { wasm: new Uint8Array(${JSON.stringify(wasm)}), manifest: ${manifest}, documentText: text } });
        return [js, w].map((e) => records.map((r) => e.encodeText(e.action(e.decodeText(r))))).concat([w.backend]);
      })()`)) as [string[], string[], string];
      expect(backend).toBe('wasm');
      expect(w).toEqual(js);
      expect(js[0]).toBe(
        '{"a":{"double":2.117000016612675},"b":null,"c":{"string":"was x"},"d":{"boolean":false},"e":{"double":0.8824969025845955}}',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('asks for nothing but its own files and logs no error; screenshot kept', async () => {
    const origin = new URL(url).origin;
    expect(requests.filter((r) => !r.startsWith(`${origin}/`))).toEqual([]);
    expect([...new Set(requests.map((r) => new URL(r).pathname))].sort()).toEqual([
      '/',
      '/demo.js',
      '/pfa-wasm-runtime.js',
      '/pfa-wasm.js',
      '/sonar-naive-bayes.wasm',
      '/sonar-naive-bayes.wasm.json',
      '/sonar-rows.json',
    ]);
    await page.selectOption('#row', '0');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'browser-demo.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
