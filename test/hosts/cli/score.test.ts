/**
 * `pfa-wasm score` end to end (files in, files out): the same lines as the JS backend scoring one
 * record at a time, on both backends and several batch sizes, in one thread and in workers; errors
 * on their lines; CRLF and a missing final newline; Avro container files (written here with avsc)
 * scored like the same rows as JSON lines.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import { main } from '../../../src/hosts/cli/main.js';
import { PFAEngine, PfaError, jsonText } from '../../../src/index.js';
import { defaultWasmPath } from '../../../src/backend/wasm/artifact.js';
import { compileArtifact } from '../../helpers/wasmArtifact.js';
import { REFERENCE } from '../../helpers/reference.js';
import { SONAR_MODEL } from '../lambda/fixtures.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pfa-score-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the JS backend answers for each line, one record at a time (the reference). */
function reference(documentText: string, lines: string[]): string[] {
  const engine = PFAEngine.fromJson(documentText);
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    try {
      const r = engine.action(engine.decodeText(line));
      if (engine.method === 'emit') for (const v of r as unknown[]) out.push(engine.encodeText(v));
      else out.push(engine.encodeText(r));
    } catch (e) {
      if (!(e instanceof PfaError)) throw e;
      out.push(jsonText({ error: e.message, code: e.code ?? null }));
    }
  }
  return out;
}

let file = 0;
/** Runs `pfa-wasm score` on the input bytes; the output lines and the stderr summary. */
async function score(
  model: string,
  input: string | Buffer,
  ...args: string[]
): Promise<{ code: number; lines: string[]; stderr: string }> {
  const n = file++;
  const inPath = join(dir, `in-${n}`);
  const outPath = join(dir, `out-${n}`);
  writeFileSync(inPath, input);
  const errors: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...m: unknown[]) => {
    errors.push(m.join(' '));
  });
  try {
    const code = await main(['score', model, '--input', inPath, '--output', outPath, ...args]);
    const text = code === 0 ? readFileSync(outPath, 'utf8') : '';
    expect(text === '' || text.endsWith('\n')).toBe(true);
    return { code, lines: text === '' ? [] : text.slice(0, -1).split('\n'), stderr: errors.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

const SONAR_TEXT = readFileSync(SONAR_MODEL, 'utf8');
const sonarRows = readFileSync(join(REFERENCE, 'data/sonar.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim());
/** A copy of the Sonar model with its compiled module beside it (compiled once, here). */
const sonarCopy = join(dir, 'sonar.pfa.json');

beforeAll(async () => {
  copyFileSync(SONAR_MODEL, sonarCopy);
  const { wasm, manifest } = await compileArtifact(SONAR_TEXT);
  writeFileSync(defaultWasmPath(sonarCopy), wasm);
  writeFileSync(`${defaultWasmPath(sonarCopy)}.json`, JSON.stringify(manifest));
}, 180_000);

describe('pfa-wasm score: the Sonar data', () => {
  const expected = () => reference(SONAR_TEXT, sonarRows);

  for (const backend of ['js', 'wasm']) {
    for (const batch of ['1', '7', '4096']) {
      it(`answers as the JS backend line for line (${backend}, batch ${batch})`, async () => {
        const r = await score(
          sonarCopy,
          sonarRows.join('\n') + '\n',
          '--backend',
          backend,
          '--batch',
          batch,
          '--workers',
          '0',
        );
        expect(r.code).toBe(0);
        expect(r.lines).toEqual(expected());
        expect(r.stderr).toMatch(new RegExp(`${sonarRows.length} records \\(0 failed\\) in [\\d.]+ s, \\d+ records/s`));
        if (backend === 'wasm') expect(r.stderr).toContain('wasm: using the precompiled module');
      });
    }
    it(`answers the same in two worker threads, in input order (${backend})`, async () => {
      // Three jobs of 1 MiB: answers come back from both workers and are written in order.
      const many = Array.from({ length: 16 }, () => sonarRows).flat();
      const r = await score(
        sonarCopy,
        many.join('\n') + '\n',
        '--backend',
        backend,
        '--batch',
        '100',
        '--workers',
        '2',
      );
      expect(r.code).toBe(0);
      expect(r.lines).toEqual(Array.from({ length: 16 }, () => expected()).flat());
      expect(r.stderr).toMatch(new RegExp(`${many.length} records \\(0 failed\\) .*, 2 worker threads`));
    }, 120_000);
  }
});

describe('pfa-wasm score: lines', () => {
  const rows = sonarRows;
  const bad = [
    rows[0],
    '{bad',
    rows[1].replace(/"V7":\s*[^,]+/, '"V7": "x"'),
    rows[2],
    '{}',
    rows[3].replace(/"V60":\s*/, '"V60": 1, "V61": '),
    '[1, 2',
    rows[4],
  ];

  for (const backend of ['js', 'wasm']) {
    it(`writes a failing record's error on its line and goes on (${backend})`, async () => {
      const r = await score(sonarCopy, bad.join('\n'), '--backend', backend, '--batch', '3');
      expect(r.code).toBe(0);
      expect(r.lines).toHaveLength(bad.length);
      const want = reference(
        SONAR_TEXT,
        bad.filter((l) => !l.startsWith('{bad') && !l.startsWith('[1')),
      );
      const malformed = (line: string) => JSON.parse(line) as { error: string; code: number };
      expect(malformed(r.lines[1])).toMatchObject({ code: 1000, error: expect.stringMatching(/^invalid JSON/) });
      expect(malformed(r.lines[6])).toMatchObject({ code: 1000, error: expect.stringMatching(/^invalid JSON/) });
      expect([0, 2, 3, 4, 5, 7].map((i) => r.lines[i])).toEqual(want);
      expect(JSON.parse(r.lines[2])).toMatchObject({ code: 1100 });
      expect(r.stderr).toContain(`${bad.length} records (5 failed)`);
    });
  }

  it('reads CRLF line endings, blank lines and a last line without newline', async () => {
    const text = `${rows[0]}\r\n\r\n${rows[1]}\r\n   \n${rows[2]}\n${rows[3]}`;
    const r = await score(SONAR_MODEL, text, '--backend', 'js');
    expect(r.lines).toEqual(reference(SONAR_TEXT, rows.slice(0, 4)));
  });

  it('writes one line per emitted value and none for a record that emits nothing', async () => {
    const model = join(dir, 'emit.pfa.json');
    const doc = {
      input: 'int',
      output: 'string',
      method: 'emit',
      action: [{ if: { '>': ['input', 0] }, then: [{ emit: [{ s: 'é' }] }, { emit: [{ 's.int': 'input' }] }] }],
    };
    writeFileSync(
      model,
      JSON.stringify(doc)
        .replace('{"s":"é"}', '{"string": "é"}')
        .replace('{"s.int":"input"}', '{"cast.json": ["input"]}'),
    );
    const r = await score(model, '3\n0\n-1\n"x"\n5\n', '--backend', 'js', '--batch', '2');
    expect(r.lines).toEqual([
      '"é"',
      '"3"',
      JSON.stringify({ error: 'expected an int (32-bit integer), found "x"', code: 1100 }),
      '"é"',
      '"5"',
    ]);
  });

  it('scores an engine that writes a cell in one thread even when --workers is given', async () => {
    const model = join(dir, 'count.pfa.json');
    writeFileSync(
      model,
      JSON.stringify({
        input: 'int',
        output: 'int',
        cells: { n: { type: 'int', init: 0 } },
        action: [{ cell: 'n', to: { '+': [{ cell: 'n' }, 'input'] } }, { cell: 'n' }],
      }),
    );
    const input = Array.from({ length: 3000 }, (_, i) => String(i % 7)).join('\n');
    const r = await score(model, input, '--backend', 'js', '--workers', '2', '--batch', '100');
    expect(r.lines).toEqual(reference(readFileSync(model, 'utf8'), input.split('\n')));
    expect(r.stderr).not.toContain('worker threads');
    expect(r.stderr).toContain('scoring in one thread: this engine keeps state between records');
  });

  it('stops quietly when the reader of its output goes away (| head)', async () => {
    const inPath = join(dir, 'epipe.jsonl');
    // Far more output than a pipe holds, so that writes go on after the reader has left.
    writeFileSync(inPath, Array.from({ length: 20000 }, (_, i) => sonarRows[i % sonarRows.length]).join('\n'));
    const entry = join(dir, 'run.mts');
    writeFileSync(
      entry,
      `import { main } from ${JSON.stringify(join(ROOT, 'src/hosts/cli/main.ts'))};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
    );
    const child = spawn(
      join(ROOT, 'node_modules/.bin/tsx'),
      [entry, 'score', SONAR_MODEL, '--backend', 'js', '--workers', '0', '--input', inPath],
      { cwd: ROOT },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = await once(child, 'exit');
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  }, 60_000);

  it('rejects bad options with usage (exit 2)', async () => {
    expect((await score(SONAR_MODEL, '', '--batch', '0')).code).toBe(2);
    expect((await score(SONAR_MODEL, '', '--format', 'csv')).code).toBe(2);
    expect((await score(SONAR_MODEL, '', '--workers', '-1')).code).toBe(2);
  });
});

/** Writes records to an Avro object container file with avsc. */
async function writeContainer(path: string, type: avro.Type, records: unknown[], blockSize?: number): Promise<void> {
  const encoder = avro.createFileEncoder(path, type, blockSize ? { blockSize } : undefined);
  for (const r of records) encoder.write(r);
  encoder.end();
  await once(encoder, 'finish');
  // The file stream closes after the encoder finishes.
  await new Promise((r) => setTimeout(r, 50));
}

/** avsc's long type writing bigints exactly. */
const LONG = avro.types.LongType.__with({
  fromBuffer: (b: Buffer) => b.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(n);
    return b;
  },
  fromJSON: (x: unknown) => BigInt(x as number),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

describe('pfa-wasm score: Avro container files', () => {
  const rows = sonarRows;

  it('scores the Sonar rows from a container file as from JSON lines (detected by its magic bytes)', async () => {
    const fields = Array.from({ length: 60 }, (_, i) => ({ name: `V${i + 1}`, type: 'double' }));
    // Another record name than the model's input type: the top-level record may have any name.
    const type = avro.Type.forSchema({ type: 'record', name: 'sonar.Row', fields } as avro.Schema);
    const path = join(dir, 'sonar.avro');
    await writeContainer(
      path,
      type,
      rows.map((l) => JSON.parse(l)),
      4096,
    );
    for (const backend of ['js', 'wasm']) {
      const r = await score(sonarCopy, readFileSync(path), '--backend', backend, '--batch', '7');
      expect(r.lines).toEqual(reference(SONAR_TEXT, rows));
    }
  });

  it('reads longs beyond 2^53 exactly, unions, maps, bytes, enums, and promotes int to long', async () => {
    const model = join(dir, 'echo.pfa.json');
    const input = {
      type: 'record',
      name: 'In',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'tag', type: ['null', 'string', 'double'] },
        { name: 'm', type: { type: 'map', values: 'double' } },
        { name: 'b', type: 'bytes' },
        { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } },
        { name: 'n', type: 'long' },
      ],
    };
    writeFileSync(model, JSON.stringify({ input, output: 'In', action: 'input' }));
    const writer = avro.Type.forSchema(
      {
        ...input,
        name: 'Written',
        fields: input.fields.map((f) => (f.name === 'n' ? { name: 'n', type: 'int' } : f)),
      } as avro.Schema,
      {
        wrapUnions: true,
        typeHook: (s: unknown) => (s === 'long' ? LONG : undefined),
      } as Partial<avro.ForSchemaOptions>,
    );
    const big = 2n ** 53n + 1n;
    const records = [
      { id: big, tag: null, m: { x: 1.5, y: -0.25 }, b: Buffer.from([0, 255, 7]), e: 'B', n: 7 },
      { id: -(2n ** 63n), tag: { string: 'é€' }, m: {}, b: Buffer.alloc(0), e: 'A', n: -1 },
      { id: 2n ** 63n - 1n, tag: { double: 0.1 }, m: { z: 1e300 }, b: Buffer.from('hi'), e: 'A', n: 0 },
    ];
    const path = join(dir, 'echo.avro');
    await writeContainer(path, writer, records);
    const jsonl = [
      `{"id": ${big}, "tag": null, "m": {"x": 1.5, "y": -0.25}, "b": "AP8H", "e": "B", "n": 7}`,
      `{"id": ${-(2n ** 63n)}, "tag": {"string": "é€"}, "m": {}, "b": "", "e": "A", "n": -1}`,
      `{"id": ${2n ** 63n - 1n}, "tag": {"double": 0.1}, "m": {"z": 1e300}, "b": "aGk=", "e": "A", "n": 0}`,
    ];
    const want = reference(readFileSync(model, 'utf8'), jsonl);
    expect(want[0]).toContain(`"id":${big}`);
    const r = await score(model, readFileSync(path), '--format', 'avro', '--backend', 'js');
    expect(r.lines).toEqual(want);
  });

  it('reads one-branch unions (aurelius\'s ["double"]) from a file, also written without the union, on both backends', async () => {
    const model = join(dir, 'one-branch.pfa.json');
    const E = { type: 'enum', name: 'E', namespace: 'ex', symbols: ['A', 'B'] };
    const input = {
      type: 'record',
      name: 'In',
      fields: [
        { name: 'v', type: ['double'] },
        { name: 'e', type: [E] },
        { name: 'm', type: { type: 'map', values: ['string'] } },
        { name: 'w', type: ['double'] },
      ],
    };
    writeFileSync(model, JSON.stringify({ input, output: 'In', action: 'input' }));
    // The writer's `w` is a plain double: Avro resolves it into the reader's one-branch union.
    const writer = avro.Type.forSchema(
      {
        ...input,
        fields: input.fields.map((f) => (f.name === 'w' ? { name: 'w', type: 'double' } : f)),
      } as avro.Schema,
      { wrapUnions: true } as Partial<avro.ForSchemaOptions>,
    );
    const records = [
      { v: { double: 2.45 }, e: { 'ex.E': 'B' }, m: { k: { string: 'x' } }, w: -0.5 },
      { v: { double: -1e300 }, e: { 'ex.E': 'A' }, m: {}, w: 0 },
    ];
    const path = join(dir, 'one-branch.avro');
    await writeContainer(path, writer, records);
    const want = reference(readFileSync(model, 'utf8'), [
      '{"v": {"double": 2.45}, "e": {"ex.E": "B"}, "m": {"k": {"string": "x"}}, "w": {"double": -0.5}}',
      '{"v": {"double": -1e300}, "e": {"ex.E": "A"}, "m": {}, "w": {"double": 0}}',
    ]);
    expect(want[0]).toBe('{"v":{"double":2.45},"e":{"ex.E":"B"},"m":{"k":{"string":"x"}},"w":{"double":-0.5}}');
    for (const backend of ['js', 'wasm']) {
      const r = await score(model, readFileSync(path), '--format', 'avro', '--backend', backend);
      expect(r.lines).toEqual(want);
    }
  });

  it('names both types when the file cannot be read as the input type', async () => {
    const type = avro.Type.forSchema({
      type: 'record',
      name: 'Row',
      fields: [{ name: 'V1', type: 'string' }],
    } as avro.Schema);
    const path = join(dir, 'wrong.avro');
    await writeContainer(path, type, [{ V1: 'x' }]);
    const r = await score(SONAR_MODEL, readFileSync(path), '--backend', 'js');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /the Avro file's schema \(record Row\) cannot be read as the engine's input type \(record \w+\)/,
    );
  });

  it('says so when --format avro is given something else, and when the input cannot be read', async () => {
    const r = await score(SONAR_MODEL, rows[0] + '\n', '--format', 'avro', '--backend', 'js');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the input is not a readable Avro object container file: invalid magic bytes');
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['score', SONAR_MODEL, '--backend', 'js', '--input', join(dir, 'no-such-file')])).toBe(1);
      expect(spy.mock.calls.flat().join('\n')).toMatch(/cannot read .*no-such-file: ENOENT/);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('pfa-wasm score: the compile cache', () => {
  it('compiles a model without a module beside it once; the next run and its workers read the cache', async () => {
    vi.stubEnv('PFA_WASM_CACHE', mkdtempSync(join(tmpdir(), 'pfa-cache-')));
    try {
      const model = join(mkdtempSync(join(tmpdir(), 'pfa-model-')), 'doubler.pfa.json');
      writeFileSync(
        model,
        JSON.stringify({ name: 'doubler', input: 'double', output: 'double', action: { '*': ['input', 2] } }),
      );
      const input = Array.from({ length: 500 }, (_, i) => String(i)).join('\n') + '\n';
      const want = Array.from({ length: 500 }, (_, i) => String(2 * i));
      const first = await score(model, input, '--workers', '0');
      expect(first.stderr).toMatch(/module compiled in \d+ ms and kept in the compile cache/);
      expect(first.lines).toEqual(want);
      const second = await score(model, input, '--workers', '2', '--batch', '50');
      expect(second.stderr).toMatch(/module from the compile cache/);
      expect(second.stderr).toContain('wasm: using the precompiled module');
      expect(second.stderr).toMatch(/2 worker threads/);
      expect(second.lines).toEqual(want);
      const js = await score(model, input, '--backend', 'js', '--workers', '0');
      expect(js.stderr).not.toMatch(/compile cache/);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 120_000);
});
