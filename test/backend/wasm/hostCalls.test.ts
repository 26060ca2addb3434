/**
 * Library calls run on the host (lower/hostCall.ts, hostCalls.ts): values of every type cross both
 * ways (bytes by address, the rest on the wire), errors come back with the JS backend's code,
 * message and path, a `try` with a `filter` reads what the host left in the call slots, and the
 * seeded generator gives both backends the same draws. Each document calls many functions, so one
 * asc run covers them; every document must lower, and answers are compared with the JS backend's.
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine, PfaError } from '../../../src/index.js';
import { tryLower } from '../../../src/backend/wasm/load.js';
import { compileSource } from '../../../src/backend/wasm/compile.js';
import { makeManifest } from '../../../src/backend/wasm/artifact.js';
import { loadModel } from '../../../src/hosts/compiled/index.js';

/** The output as Avro-JSON text, or the error's kind, code, path and message. */
function answer(e: PFAEngine, text: string): string {
  try {
    return e.encodeText(e.action(e.decodeText(text)));
  } catch (err) {
    if (!(err instanceof PfaError)) throw err;
    return `error ${err.kind} ${err.code} ${err.path} ${err.message}`;
  }
}

/** Scores the texts on both backends; some must fail when `raises`, else none may. */
async function same(doc: object, texts: readonly string[], raises = false): Promise<string[]> {
  const js = PFAEngine.fromJson(doc, { backend: 'js' });
  const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
  expect(wasm.backend, wasm.backendNote).toBe('wasm');
  const wants = texts.map((t) => answer(js, t));
  expect(
    wants.some((w) => w.startsWith('error')),
    wants.join('\n'),
  ).toBe(raises);
  for (const [i, t] of texts.entries()) expect(answer(wasm, t), t).toBe(wants[i]);
  return wants;
}

const TEXT = {
  type: 'record',
  name: 'In',
  fields: [
    { name: 's', type: 'string' },
    { name: 'p', type: 'string' },
  ],
};

describe('library calls run on the host', () => {
  // (re.* runs in the kernel; a pattern known only at run time is compiled by a host helper)
  it('re.* of run-time patterns: array results, bytes arguments and bad patterns', async () => {
    const doc = {
      input: TEXT,
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'index', type: { type: 'array', items: 'int' } },
          {
            name: 'groupsall',
            type: { type: 'array', items: { type: 'array', items: { type: 'array', items: 'int' } } },
          },
          { name: 'findall', type: { type: 'array', items: 'string' } },
          { name: 'split', type: { type: 'array', items: 'string' } },
          { name: 'bytesFirst', type: ['null', 'bytes'] },
          { name: 'count', type: 'int' },
          { name: 'replaced', type: 'string' },
        ],
      },
      action: {
        new: {
          index: { 're.index': ['input.s', 'input.p'] },
          groupsall: { 're.groupsall': ['input.s', 'input.p'] },
          findall: { 're.findall': ['input.s', 'input.p'] },
          split: { 're.split': ['input.s', 'input.p'] },
          bytesFirst: {
            're.findfirst': [{ 'bytes.encodeUtf8': 'input.s' }, { 'bytes.encodeUtf8': 'input.p' }],
          },
          count: { 're.count': ['input.s', 'input.p'] },
          replaced: { 're.replaceall': ['input.s', 'input.p', { string: '<>' }] },
        },
        type: 'Out',
      },
    };
    const rows = [
      ['abcabc', 'b(c)'],
      ['héllo wörld', '[öé]'],
      ['a,b,,c', ','],
      ['x😀y😀', '😀'],
      ['', 'a*'],
      ['aaa', '(a)(b)?'],
    ];
    await same(
      doc,
      rows.map(([s, p]) => JSON.stringify({ s, p })),
    );
    // a bad pattern raises re's error at the call, with its message
    await same(doc, [JSON.stringify({ s: 'x', p: '(' }), JSON.stringify({ s: 'x', p: 'x' })], true);
  });

  it('cast.json and cast.avro of values of any type, map.toset and map.in of records', async () => {
    const item = {
      type: 'record',
      name: 'Item',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'x', type: ['null', 'double', 'string'] },
        { name: 'tags', type: { type: 'map', values: 'int' } },
      ],
    };
    const doc = {
      input: { type: 'array', items: item },
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'json', type: 'string' },
          { name: 'avro', type: 'bytes' },
          { name: 'jsonInt', type: 'string' },
          { name: 'set', type: { type: 'map', values: 'Item' } },
          { name: 'hasFirst', type: 'boolean' },
          { name: 'hasOther', type: 'boolean' },
        ],
      },
      action: [
        { let: { set: { 'map.toset': 'input' } } },
        {
          new: {
            json: { 'cast.json': 'input' },
            avro: { 'cast.avro': 'input' },
            jsonInt: { 'cast.json': { 'a.len': 'input' } },
            set: 'set',
            hasFirst: {
              if: { '>': [{ 'a.len': 'input' }, 0] },
              then: { 'map.in': ['set', 'input.0'] },
              else: false,
            },
            hasOther: {
              'map.in': [
                'set',
                {
                  new: { name: { string: 'none' }, x: null, tags: { value: {}, type: { type: 'map', values: 'int' } } },
                  type: 'Item',
                },
              ],
            },
          },
          type: 'Out',
        },
      ],
    };
    const it = (name: string, x: unknown, tags: Record<string, number>) => ({ name, x, tags });
    await same(doc, [
      JSON.stringify([]),
      JSON.stringify([it('a', null, {})]),
      JSON.stringify([
        it('a', { double: 1.5 }, { k: 1 }),
        it('a', { double: 1.5 }, { k: 1 }),
        it('b', { string: 'é' }, {}),
      ]),
      JSON.stringify([it('z', { double: -0 }, { a: -1, b: 2 }), it('y', { double: 1e300 }, {})]),
    ]);
  });

  it('bytes.decode* and bytes.toBase64 on bytes; a try with a filter around them and around host calls', async () => {
    const doc = {
      input: 'bytes',
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'utf8', type: ['null', 'string'] },
          { name: 'ascii', type: ['null', 'string'] },
          { name: 'latin1', type: 'string' },
          { name: 'utf16', type: ['string', 'null'] },
          { name: 'base64', type: 'string' },
          { name: 're', type: [{ type: 'array', items: 'int' }, 'null'] },
        ],
      },
      action: {
        new: {
          // (a bad pattern compiled by the host helper: its error is caught by its code too)
          re: { try: { 're.index': [{ string: 'a((b' }, { 'bytes.decodeLatin1': 'input' }] }, filter: [35000] },
          // caught by its message, by its code, not caught by another function's code
          utf8: { try: { 'bytes.decodeUtf8': 'input' }, filter: ['invalid bytes'] },
          ascii: { try: { 'bytes.decodeAscii': 'input' }, filter: [16090] },
          latin1: { 'bytes.decodeLatin1': 'input' },
          utf16: { try: { 'bytes.decodeUtf16be': 'input' }, filter: [16110, 'no such message'] },
          base64: { 'bytes.toBase64': 'input' },
        },
        type: 'Out',
      },
    };
    const b64 = (b: number[]) => JSON.stringify(Buffer.from(b).toString('base64'));
    await same(doc, [b64([]), b64([0x41, 0x42]), b64([0xc3, 0xa9, 0x41, 0x42]), b64([0xe9, 0x41]), b64([0x28, 0x28])]);
    // odd-length UTF-16 is not caught (the filter names other errors): it raises at its path
    await same(doc, [b64([0x41]), b64([0x41, 0x42])], true);
  });

  it('rand.bytes, rand.string and rand.uuid4 draw the same stream as the JS backend', async () => {
    const doc = {
      input: 'int',
      output: { type: 'array', items: 'string' },
      randseed: 12345,
      action: [
        { let: { b: { 'rand.bytes': ['input'] } } },
        { let: { p: { 'rand.bytes': ['input', { 'bytes.encodeUtf8': { string: 'xyz' } }] } } },
        { let: { r: { 'rand.bytes': ['input', 250, 256] } } },
        {
          new: [
            { 'bytes.toBase64': 'b' },
            { 'rand.string': ['input'] },
            { 'bytes.toBase64': 'p' },
            { 'rand.string': ['input', { string: 'aé😀' }] },
            { 'bytes.toBase64': 'r' },
            { 'rand.uuid4': [] },
            { 'rand.string': ['input', 65, 70] },
          ],
          type: { type: 'array', items: 'string' },
        },
      ],
    };
    const wants = await same(doc, ['1', '5', '40', '3']);
    expect(new Set(wants).size).toBe(4);
    await same(doc, ['0', '2'], true);
  });

  it('time.* in zones, and their errors', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'T',
        fields: [
          { name: 'ts', type: 'double' },
          { name: 'zone', type: 'string' },
        ],
      },
      output: { type: 'array', items: 'double' },
      action: {
        type: { type: 'array', items: 'double' },
        new: [
          { 'time.year': ['input.ts', 'input.zone'] },
          { 'time.dayOfYear': ['input.ts', 'input.zone'] },
          { 'time.hourOfDay': ['input.ts', 'input.zone'] },
          { 'time.dayOfWeek': ['input.ts', 'input.zone'] },
          { if: { 'time.isWeekend': ['input.ts', 'input.zone'] }, then: 1, else: 0 },
          { if: { 'time.isHourOfDay': ['input.ts', 'input.zone', 9, 17] }, then: 1, else: 0 },
          { 'time.makeTimestamp': [2024, 3, 10, 2, 30, 0, 5, 'input.zone'] },
        ],
      },
    };
    const at = (ts: number, zone: string) => JSON.stringify({ ts, zone });
    await same(doc, [
      at(0, ''),
      at(1710054000.5, 'America/New_York'),
      at(-62135596800, 'Asia/Kolkata'),
      at(1e9, 'Europe/London'),
    ]);
    await same(doc, [at(0, 'Not/AZone'), at(1e12, 'UTC')], true);
  });

  it('a precompiled module runs wire values and a filtered try from the manifest alone (the browser runtime)', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'R',
        namespace: 'x.y',
        fields: [
          { name: 'tag', type: { type: 'enum', name: 'Tag', symbols: ['A', 'B'] } },
          { name: 'b', type: 'bytes' },
        ],
      },
      output: { type: 'array', items: 'string' },
      action: {
        type: { type: 'array', items: 'string' },
        new: [
          { 'cast.json': 'input' },
          { 'cast.json': { 're.groups': [{ 'cast.json': 'input.tag' }, { string: '(A)|(B)' }] } },
          // (a pattern known only at run time: the host helper compiles it)
          {
            're.replaceall': [
              { 'cast.json': 'input.tag' },
              { 's.substr': [{ 'cast.json': 'input.tag' }, 1, 2] },
              { string: '*' },
            ],
          },
          {
            ifnotnull: { s: { try: { 'bytes.decodeUtf8': 'input.b' }, filter: [16110] } },
            then: 's',
            else: { string: '-' },
          },
        ],
      },
    };
    const js = PFAEngine.fromJson(doc, { backend: 'js' });
    const lowering = tryLower(js.typed);
    if (!lowering.ok) throw new Error(`not lowered: ${lowering.reason}`);
    const { binary } = await compileSource(lowering.lowered.source);
    const model = await loadModel(
      binary,
      JSON.stringify(makeManifest(JSON.stringify(doc), lowering.lowered, binary, js.typed)),
    );
    const inputs = [
      { tag: 'A', b: 'QUJD' },
      { tag: 'B', b: Buffer.from([0xff]).toString('base64') },
    ];
    const got = inputs.map((x) => JSON.stringify(model.score(x)));
    const want = inputs.map((x) => JSON.stringify(js.encode(js.action(js.decode(x)))));
    expect(got).toEqual(want);
    expect(want[1]).toContain('"-"');
  }, 120_000);

  it('wire values cross in a batch, between the outputs of earlier records', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'R',
        fields: [
          { name: 'a', type: { type: 'array', items: 'double' } },
          { name: 's', type: 'string' },
        ],
      },
      output: {
        type: 'record',
        name: 'O',
        fields: [
          { name: 'j', type: 'string' },
          { name: 'g', type: { type: 'array', items: { type: 'array', items: 'int' } } },
          { name: 'in', type: 'boolean' },
        ],
      },
      action: {
        new: {
          j: { 'cast.json': 'input' },
          g: { 're.groups': ['input.s', { string: '(a+)(b)?' }] },
          in: { 'map.in': [{ 'map.toset': 'input.a' }, 1.5] },
        },
        type: 'O',
      },
    };
    const js = PFAEngine.fromJson(doc, { backend: 'js' });
    const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
    expect(wasm.backend, wasm.backendNote).toBe('wasm');
    const records = Array.from({ length: 300 }, (_, i) => ({
      a: Array.from({ length: i % 9 }, (_, k) => k * 0.5),
      s: 'x'.repeat(i % 5) + 'a'.repeat(i % 3) + (i % 2 ? 'b' : ''),
    }));
    const want = records.map((r) => JSON.stringify(js.encode(js.action(js.decode(r)))));
    const got = wasm.scoreBatch(records.map((r) => wasm.decode(r)));
    expect(got.map((v) => (v instanceof PfaError ? v.message : JSON.stringify(wasm.encode(v))))).toEqual(want);
    expect(new Set(want).size).toBeGreaterThan(20);
  });
});
