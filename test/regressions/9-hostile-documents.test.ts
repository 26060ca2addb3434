/**
 * Issue 9: hostile documents. Text that tries to break out of generated AssemblyScript (quotes,
 * comment markers, newlines, U+2028/2029, backticks) never reaches the source; endless loops,
 * deep recursion, huge cells and documents, catastrophic regular expressions, unknown names: each
 * is a PfaError with its code and path, in bounded time.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PFAEngine, PfaError } from '../../src/index.js';
import { compileCommand } from '../../src/hosts/cli/compile.js';
import { Manifest } from '../../src/backend/wasm/artifact.js';
import { createHandler, HttpResponse } from '../../src/hosts/lambda/handler.js';
import { captureLog, v2Event } from '../hosts/lambda/fixtures.js';

// biome-ignore-start lint/suspicious/noTemplateCurlyInString: a template's ${ is one of the breakouts tried
const BREAKOUTS = [
  '"',
  "'",
  '`',
  '${x}',
  '*/',
  '/*',
  '//',
  '\n',
  '\r',
  '\u2028',
  '\u2029',
  '\\',
  '</script>',
  '\u0000',
  '"); unreachable(); ("',
  '*/ unreachable(); /*',
  '`; throw 1; `',
  "'); process.exit(1); ('",
];
// biome-ignore-end lint/suspicious/noTemplateCurlyInString: the breakouts end here
const HOSTILE = BREAKOUTS.map((h, i) => `x${i}${h}y`);

/** One document, three behaviours (so the Wasm backend compiles once): mode 0 answers the hostile strings, 1 loops forever, 2 recurses forever. */
const DOC = {
  name: 'hostile',
  doc: HOSTILE.join(' '),
  metadata: Object.fromEntries(HOSTILE.map((h, i) => [`k${i}`, h])),
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 'mode', type: 'int' },
      { name: 'probe', type: 'string' },
    ],
  },
  output: { type: 'array', items: 'string' },
  cells: {
    dict: {
      type: { type: 'map', values: 'string' },
      init: Object.fromEntries(HOSTILE.map((h, i) => [h, HOSTILE[(i + 1) % HOSTILE.length]])),
    },
  },
  fcns: { down: { params: [{ n: 'int' }], ret: 'int', do: [{ '+': [1, { 'u.down': [{ '+': ['n', 1] }] }] }] } },
  action: [
    { if: { '==': ['input.mode', 1] }, then: [{ while: true, do: [{ let: { z: 0 } }] }] },
    { if: { '==': ['input.mode', 2] }, then: [{ 'u.down': [0] }] },
    {
      type: { type: 'array', items: 'string' },
      new: [
        ...HOSTILE.map((h) => ({ string: h })),
        ...HOSTILE.map((h) => ({ cell: 'dict', path: [{ string: h }] })),
        {
          if: { '==': ['input.probe', { string: HOSTILE[0] }] },
          then: { string: 'same' },
          else: { string: 'different' },
        },
      ],
    },
  ],
};
const EXPECTED = [...HOSTILE, ...HOSTILE.map((_, i) => HOSTILE[(i + 1) % HOSTILE.length]), 'same'];

function errorOf(f: () => unknown): PfaError {
  try {
    f();
  } catch (e) {
    if (e instanceof PfaError) return e;
    throw e;
  }
  throw new Error('no error');
}

async function errorOfAsync(f: () => Promise<unknown>): Promise<PfaError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof PfaError) return e;
    throw e;
  }
  throw new Error('no error');
}

function timed<T>(f: () => T, maxMs: number): T {
  const t0 = Date.now();
  const out = f();
  expect(Date.now() - t0).toBeLessThan(maxMs);
  return out;
}

describe('text that tries to break out of generated code', () => {
  it('pfa-wasm compile: the source holds none of it; the module answers it exactly, like the JS backend; loops and recursion fail cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfa-hostile-'));
    const file = join(dir, 'hostile.pfa.json');
    const text = JSON.stringify(DOC);
    writeFileSync(file, text);
    expect(await compileCommand([file, '-o', join(dir, 'hostile.wasm'), '--source'])).toBe(0);
    const source = readFileSync(join(dir, 'hostile.ts'), 'utf8');
    // (The fixed header has quotes, backticks and comments of its own: look for the payloads.)
    for (const h of [...HOSTILE, ...BREAKOUTS.filter((b) => b.length > 3), '\u2028', '\u2029', '\u0000'])
      expect(source.includes(h), JSON.stringify(h)).toBe(false);

    const manifest = JSON.parse(readFileSync(join(dir, 'hostile.wasm.json'), 'utf8')) as Manifest;
    // No options.timeout in the document: the engine option supplies the default.
    const wasm = await PFAEngine.create(text, {
      backend: 'wasm',
      timeout: 300,
      precompiled: { wasm: readFileSync(join(dir, 'hostile.wasm')), manifest, documentText: text },
    });
    const js = await PFAEngine.create(text, { timeout: 300 });
    expect(wasm.backend).toBe('wasm');
    for (const engine of [js, wasm]) {
      expect(engine.action({ mode: 0, probe: HOSTILE[0] })).toEqual(EXPECTED);
      expect(engine.action({ mode: 0, probe: HOSTILE[0] + ' ' })).toEqual([...EXPECTED.slice(0, -1), 'different']);
      const loop = timed(() => errorOf(() => engine.action({ mode: 1, probe: '' })), 2000);
      expect([loop.kind, loop.message]).toEqual(['timeout', 'exceeded timeout of 300 milliseconds']);
      const deep = timed(() => errorOf(() => engine.action({ mode: 2, probe: '' })), 10_000);
      expect([deep.kind, deep.code]).toEqual(['runtime', 1200]);
      expect(engine.action({ mode: 0, probe: '' })).toHaveLength(EXPECTED.length); // and the engine still works
    }
  }, 120_000);

  it('a name that is not an identifier is a syntax error with its path, before any code is generated', async () => {
    for (const name of ['a"b', 'a*/b', 'a\nb', 'a\u2028b', 'a`b']) {
      const field = await errorOfAsync(() =>
        PFAEngine.create(
          { input: { type: 'record', name: 'R', fields: [{ name, type: 'int' }] }, output: 'int', action: [1] },
          { backend: 'wasm' },
        ),
      );
      expect([field.kind, field.path]).toEqual(['syntax', '/input/fields/0']);
      const fcn = await errorOfAsync(() =>
        PFAEngine.create(
          { input: 'int', output: 'int', fcns: { [name]: { params: [], ret: 'int', do: [1] } }, action: [1] },
          { backend: 'wasm' },
        ),
      );
      expect(fcn.kind).toBe('syntax');
      expect(fcn.path).toMatch(/^\/fcns/);
    }
  });
});

describe('loops and time', () => {
  const loop = (options?: object) => ({
    input: 'int',
    output: 'int',
    ...(options ? { options } : {}),
    action: [{ while: true, do: [{ let: { z: 0 } }] }, 1],
  });

  it('options.timeout in the document stops an endless loop (JS backend)', () => {
    const e = PFAEngine.fromJson(loop({ timeout: 200 }));
    const err = timed(() => errorOf(() => e.action(1)), 2000);
    expect([err.kind, err.message]).toEqual(['timeout', 'exceeded timeout of 200 milliseconds']);
  });

  it("the document's own timeout wins over the engine's default", () => {
    const e = PFAEngine.fromJson(loop({ timeout: 100 }), { timeout: 60_000 });
    expect(timed(() => errorOf(() => e.action(1)), 2000).message).toBe('exceeded timeout of 100 milliseconds');
  });

  it('no timeout anywhere: the handler default (PFA_TIMEOUT_MS) answers 422, and the next request works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfa-loop-'));
    const doc = {
      input: 'int',
      output: 'int',
      action: [{ if: { '<': ['input', 0] }, then: [{ while: true, do: [{ let: { z: 0 } }] }] }, 'input'],
    };
    writeFileSync(join(dir, 'loop.pfa.json'), JSON.stringify(doc));
    const handler = createHandler({
      config: {
        model: { kind: 'file', path: join(dir, 'loop.pfa.json') },
        backend: 'js',
        maxBodyBytes: 1 << 20,
        timeoutMs: 250,
        logLevel: 'error',
      },
      log: captureLog('error').logger,
    });
    const t0 = Date.now();
    const r = (await handler(v2Event({ body: '-1' }))) as HttpResponse;
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.statusCode).toBe(422);
    expect(JSON.parse(r.body).error).toBe('the model failed on this record: exceeded timeout of 250 milliseconds');
    expect(JSON.parse(((await handler(v2Event({ body: '7' }))) as HttpResponse).body)).toBe(7);
  });

  it('a bad timeout option is refused', () => {
    expect(() => PFAEngine.fromJson(loop(), { timeout: -1 })).toThrow(
      /timeout option must be a number of milliseconds/,
    );
  });
});

describe('size, depth and element limits of documents', () => {
  const small = { input: 'int', output: 'int', action: ['input'] };

  it('a 50 MB document: PfaError 1005 at once; maxDocumentSize raises the limit', () => {
    const text = JSON.stringify(small).replace('{', '{"doc": "' + 'x'.repeat(50 * 1024 * 1024) + '",');
    const err = timed(() => errorOf(() => PFAEngine.fromJson(text)), 1000);
    expect([err.kind, err.code]).toEqual(['syntax', 1005]);
    expect(err.message).toMatch(/over the limit of 33554432 \(maxDocumentSize\)/);
    expect(PFAEngine.fromJson(text, { limits: { maxDocumentSize: 64 * 1024 * 1024 } }).action(3)).toBe(3);
  });

  it('a cell of 10^8 elements: PfaError 1007, in JSON text, YAML and objects, without building it', () => {
    const huge = new Array(100_000_000); // holey: costs nothing until filled
    const doc = { ...small, cells: { big: { type: { type: 'array', items: 'int' }, init: huge } } };
    const err = timed(() => errorOf(() => PFAEngine.fromJson(doc)), 1000);
    expect([err.kind, err.code]).toEqual(['syntax', 1007]);
    expect(err.message).toMatch(/more than 10000000 JSON values \(maxDocumentElements\)/);
    // The same limit in text and YAML, shown with a lower maxDocumentElements so the text stays small.
    const cell = (n: number) =>
      JSON.stringify({
        ...small,
        cells: { big: { type: { type: 'array', items: 'int' }, init: new Array(n).fill(0) } },
      });
    expect(errorOf(() => PFAEngine.fromJson(cell(2000), { limits: { maxDocumentElements: 1000 } })).code).toBe(1007);
    expect(
      errorOf(() =>
        PFAEngine.fromYaml(
          `input: int\noutput: int\naction: [input]\ncells: {big: {type: {type: array, items: int}, init: [${new Array(2000).fill(0)}]}}`,
          { limits: { maxDocumentElements: 1000 } },
        ),
      ).code,
    ).toBe(1007);
    expect(PFAEngine.fromJson(cell(900), { limits: { maxDocumentElements: 1000 } }).action(1)).toBe(1);
  });

  it('a YAML alias bomb: a syntax error, quickly', () => {
    const levels = [
      'a: &a [1,1,1,1,1,1,1,1,1,1]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${new Array(10).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
    ];
    const err = timed(
      () => errorOf(() => PFAEngine.fromYaml(`${levels.join('\n')}\ninput: int\noutput: int\naction: [input]\n`)),
      2000,
    );
    expect([err.kind, err.code]).toEqual(['syntax', 1000]);
    expect(err.message).toMatch(/resource exhaustion/);
  });

  it('nesting: 100,000 levels in text, YAML or an object is PfaError 1006; 400 nested expressions compile and run', () => {
    let deep: unknown = 1;
    for (let k = 0; k < 100_000; k++) deep = { '+': [1, deep] };
    const asObject = timed(() => errorOf(() => PFAEngine.fromJson({ ...small, action: [deep] })), 2000);
    expect([asObject.code, asObject.path?.startsWith('/action/0/+/1/+/1/')]).toEqual([1006, true]);
    const asText = errorOf(() =>
      PFAEngine.fromJson(`{"input":"int","output":"int","action":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
    );
    expect(asText.code).toBe(1006);
    const asYaml = errorOf(() =>
      PFAEngine.fromYaml(`input: int\noutput: int\naction: ${'['.repeat(5000)}${']'.repeat(5000)}\n`),
    );
    expect(asYaml.code).toBe(1006);
    let ok: unknown = 'input';
    for (let k = 0; k < 400; k++) ok = { '+': [1, ok] };
    expect(PFAEngine.fromJson({ ...small, action: [ok] }).action(1)).toBe(401);
  });
});

describe('regular expressions, unknown functions and types', () => {
  it('a catastrophic pattern with a back-reference exhausts the step budget: PfaError with the re code and path', () => {
    const e = PFAEngine.fromJson({
      input: 'string',
      output: 'int',
      action: [{ 're.index': ['input', { string: '^(a|a)*\\1b' }] }, 0],
    });
    const err = timed(() => errorOf(() => e.action('a'.repeat(40))), 10_000);
    expect([err.kind, err.fcn, err.path]).toEqual(['runtime', 're.index', '/action/0']);
    expect(err.code).toBe(35000);
    expect(err.message).toMatch(/too many steps/);
  });

  it('nested quantifiers without back-references run in linear time (memoized)', () => {
    const e = PFAEngine.fromJson({
      input: 'string',
      output: 'boolean',
      action: [{ 're.contains': ['input', { string: '(a*)*b' }] }],
    });
    expect(timed(() => e.action('a'.repeat(20_000)), 5000)).toBe(false);
  });

  it('a pattern that expands past the program limit is a bad pattern', () => {
    const e = PFAEngine.fromJson({
      input: 'string',
      output: 'int',
      action: [{ 're.index': ['input', { string: 'a{1000}{1000}' }] }, 0],
    });
    const err = timed(() => errorOf(() => e.action('a')), 5000);
    expect([err.kind, err.code, err.fcn, err.path]).toEqual(['runtime', 35000, 're.index', '/action/0']);
    expect(err.message).toMatch(/pattern too large/);
  });

  it('unknown functions and types: semantic errors 1003 and 1002 with their paths', () => {
    expect(
      errorOf(() => PFAEngine.fromJson({ input: 'int', output: 'int', action: [{ 'm.nope': ['input'] }] })),
    ).toMatchObject({ kind: 'semantic', code: 1003, path: '/action/0' });
    expect(errorOf(() => PFAEngine.fromJson({ input: 'Nope', output: 'int', action: [1] }))).toMatchObject({
      kind: 'semantic',
      code: 1002,
      path: '/input',
    });
    expect(
      errorOf(() => PFAEngine.fromJson({ input: 'int', output: 'int', action: [{ 'u.nope': [] }] })),
    ).toMatchObject({ kind: 'semantic', code: 1003, path: '/action/0' });
  });
});
