/**
 * Bytes and fixed values in kernels (Uint8Arrays: backend/wasm/types.ts, assembly/lib/bytes.ts): they
 * cross the wire both ways, in containers and unions, compare in Avro order, and the bytes.* and
 * fixed.* forms answer as the JS backend does. Each document must lower; answers are compared as
 * Avro-JSON text on inputs that include malformed UTF-8 and UTF-16.
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine } from '../../../src/index.js';
import { tryLower } from '../../../src/backend/wasm/load.js';
import { mulberry32 } from '../../helpers/random.js';
import { answer as described } from '../../helpers/answers.js';

/** The output as Avro-JSON text, or the error's kind, code, input path and message. */
const answer = (e: PFAEngine, text: string): string => described(() => e.encodeText(e.action(e.decodeText(text))));

/** `raises`: some inputs make the document raise an error (compared too); else none may. */
async function same(doc: object, texts: readonly string[], raises = false): Promise<void> {
  const lowering = tryLower(PFAEngine.fromJson(doc, { backend: 'js' }).typed);
  expect(lowering.ok ? '' : `${lowering.reason} at ${lowering.path}`).toBe('');
  const js = PFAEngine.fromJson(doc, { backend: 'js' });
  const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
  expect(wasm.backend).toBe('wasm');
  const wants = texts.map((t) => answer(js, t));
  // (an error where none is raised is a broken input, which would test nothing)
  if (!raises) for (const [i, w] of wants.entries()) expect(w, texts[i]).not.toMatch(/^error/);
  else expect(new Set(wants.map((w) => w.startsWith('error'))).size).toBe(2);
  for (const [i, t] of texts.entries()) expect(answer(wasm, t), t).toBe(wants[i]);
}

/** JSON text of bytes as inputs carry them: base64. */
const text = (b: readonly number[]) => JSON.stringify(Buffer.from(b).toString('base64'));

/** Byte strings that probe the UTF-8 and UTF-16 validators at their edges, then random ones. */
function samples(): number[][] {
  const edges = [
    [],
    [0x41],
    [0x7f],
    [0x80],
    [0xff],
    [0xc2, 0x80],
    [0xc1, 0xbf],
    [0xc0, 0x80],
    [0xe0, 0xa0, 0x80],
    [0xe0, 0x9f, 0xbf],
    [0xed, 0x9f, 0xbf],
    [0xed, 0xa0, 0x80],
    [0xef, 0xbf, 0xbf],
    [0xf0, 0x90, 0x80, 0x80],
    [0xf0, 0x8f, 0xbf, 0xbf],
    [0xf4, 0x8f, 0xbf, 0xbf],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf5, 0x80, 0x80, 0x80],
    [0xe2, 0x82],
    [0xe2, 0x82, 0xac, 0x41],
    [0xd8, 0x3d, 0xde, 0x00],
    [0xd8, 0x3d],
    [0xde, 0x00, 0x00, 0x41],
    [0x3d, 0xd8, 0x00, 0xde],
    [0xfe, 0xff, 0x00, 0x41],
    [0xff, 0xfe, 0x41, 0x00],
    [0xff, 0xfe, 0x00, 0xd8],
    [0xfe, 0xff, 0x41],
    [0x00, 0x41, 0x00],
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  ];
  const rand = mulberry32(16);
  const random = Array.from({ length: 40 }, () =>
    Array.from({ length: Math.floor(rand() * 12) }, () =>
      rand() < 0.5 ? Math.floor(rand() * 128) : Math.floor(rand() * 256),
    ),
  );
  return [...edges, ...random];
}

describe('bytes values in Wasm kernels', () => {
  it('bytes.* forms, comparison and the wire agree with the JS backend', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'x', type: 'bytes' },
          { name: 'y', type: 'bytes' },
          { name: 'a', type: 'int' },
          { name: 'b', type: 'int' },
        ],
      },
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'len', type: 'int' },
          { name: 'sub', type: 'bytes' },
          { name: 'subto', type: 'bytes' },
          { name: 'ascii', type: 'boolean' },
          { name: 'latin1', type: 'boolean' },
          { name: 'utf8', type: 'boolean' },
          { name: 'utf16', type: 'boolean' },
          { name: 'utf16be', type: 'boolean' },
          { name: 'utf16le', type: 'boolean' },
          { name: 'cmp', type: 'int' },
          { name: 'eq', type: 'boolean' },
          { name: 'lt', type: 'boolean' },
          { name: 'big', type: 'bytes' },
          { name: 'lit', type: 'bytes' },
          { name: 'both', type: { type: 'array', items: 'bytes' } },
        ],
      },
      action: [
        {
          new: {
            len: { 'bytes.len': 'input.x' },
            sub: { 'bytes.subseq': ['input.x', 'input.a', 'input.b'] },
            subto: { 'bytes.subseqto': ['input.x', 'input.a', 'input.b', 'input.y'] },
            ascii: { 'bytes.isAscii': 'input.x' },
            latin1: { 'bytes.isLatin1': 'input.x' },
            utf8: { 'bytes.isUtf8': 'input.x' },
            utf16: { 'bytes.isUtf16': 'input.x' },
            utf16be: { 'bytes.isUtf16be': 'input.x' },
            utf16le: { 'bytes.isUtf16le': 'input.x' },
            cmp: { cmp: ['input.x', 'input.y'] },
            eq: { '==': ['input.x', 'input.y'] },
            lt: { '<': ['input.x', 'input.y'] },
            big: { max: ['input.x', 'input.y'] },
            lit: { base64: 'AP+A' },
            both: {
              'a.sort': { type: { type: 'array', items: 'bytes' }, new: ['input.x', 'input.y', { base64: 'AP+A' }] },
            },
          },
          type: 'Out',
        },
      ],
    };
    const xs = samples();
    const texts = xs.map((x, i) => {
      const y = xs[(i * 7 + 3) % xs.length];
      return `{"x": ${text(x)}, "y": ${text(i % 5 === 0 ? x : y)}, "a": ${(i % 7) - 3}, "b": ${(i % 11) - 2}}`;
    });
    await same(doc, texts);
  }, 60_000);

  it('fixed values, unions and maps of bytes agree with the JS backend', async () => {
    const F = { type: 'fixed', name: 'F', size: 4 };
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'f', type: F },
          { name: 'x', type: 'bytes' },
          { name: 'u', type: ['null', 'bytes', 'string'] },
          { name: 'm', type: { type: 'map', values: 'bytes' } },
        ],
      },
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'asBytes', type: 'bytes' },
          { name: 'over', type: 'F' },
          { name: 'cmp', type: 'int' },
          { name: 'u', type: ['bytes', 'string', 'null'] },
          { name: 'n', type: 'int' },
          { name: 'm', type: { type: 'map', values: 'bytes' } },
          { name: 'has', type: 'boolean' },
          { name: 'nn', type: ['bytes', 'string', 'null'] },
        ],
      },
      action: [
        {
          new: {
            asBytes: { 'fixed.toBytes': 'input.f' },
            over: { 'fixed.fromBytes': ['input.f', 'input.x'] },
            cmp: { cmp: ['input.f', { 'fixed.fromBytes': ['input.f', 'input.x'] }] },
            u: 'input.u',
            n: {
              cast: 'input.u',
              cases: [
                { as: 'bytes', named: 'b', do: { 'bytes.len': 'b' } },
                { as: 'string', named: 's', do: -1 },
                { as: 'null', named: 'z', do: -2 },
              ],
            },
            m: {
              'map.map': ['input.m', { params: [{ v: 'bytes' }], ret: 'bytes', do: { 'bytes.subseq': ['v', 1, 100] } }],
            },
            // (structural equality of bytes: wasmEquals)
            has: { 'a.contains': [{ 'map.values': 'input.m' }, { 'bytes.subseq': ['input.x', 0, 2] }] },
            nn: { ifnotnull: { v: 'input.u' }, then: 'v', else: { base64: 'AQI=' } },
          },
          type: 'Out',
        },
      ],
    };
    const xs = samples();
    const texts = xs.map((x, i) => {
      const f = [i & 255, (i * 37) & 255, 0x80 | i, 0xff - i];
      const u = i % 3 === 0 ? 'null' : i % 3 === 1 ? `{"bytes": ${text(x)}}` : '{"string": "s"}';
      return `{"f": ${text(f)}, "x": ${text(x)}, "u": ${u}, "m": {"a": ${text(x)}, "b": ${text(f)}}}`;
    });
    await same(doc, texts);
  }, 60_000);

  it('bytes.decode* and bytes.toBase64 make the strings of the JS backend, or its errors', async () => {
    // (a try without a filter gives null for the error: every decoder's answer shows in one record)
    const decoders = ['decodeAscii', 'decodeLatin1', 'decodeUtf8', 'decodeUtf16', 'decodeUtf16be', 'decodeUtf16le'];
    const doc = {
      input: 'bytes',
      output: {
        type: 'record',
        name: 'Decoded',
        fields: [...decoders.map((name) => ({ name, type: ['null', 'string'] })), { name: 'base64', type: 'string' }],
      },
      action: {
        new: {
          ...Object.fromEntries(decoders.map((f) => [f, { try: { [`bytes.${f}`]: 'input' } }])),
          base64: { 'bytes.toBase64': 'input' },
        },
        type: 'Decoded',
      },
    };
    await same(doc, samples().map(text));
    // an error outside a try: its code, message and path
    const raising = { input: 'bytes', output: 'string', action: { 'bytes.decodeUtf8': 'input' } };
    await same(raising, [text([0x41]), text([0xff])], true);
  }, 60_000);

  it('bytes.* on strings (their text in the kernel) agree with the JS backend, errors included', async () => {
    const tests = ['isAscii', 'isLatin1', 'isUtf8', 'isUtf16', 'isUtf16be', 'isUtf16le'];
    const conversions = [
      'encodeAscii',
      'encodeLatin1',
      'encodeUtf8',
      'encodeUtf16',
      'encodeUtf16be',
      'encodeUtf16le',
      'fromBase64',
    ];
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 's', type: 'string' },
          { name: 'which', type: 'int' },
        ],
      },
      output: {
        type: 'record',
        name: 'Out',
        fields: [...tests.map((name) => ({ name, type: 'boolean' })), { name: 'b', type: 'bytes' }],
      },
      action: [
        {
          new: {
            ...Object.fromEntries(tests.map((f) => [f, { [`bytes.${f}`]: 'input.s' }])),
            b: {
              cond: conversions.map((f, i) => ({
                if: { '==': ['input.which', i] },
                then: { [`bytes.${f}`]: 'input.s' },
              })),
              else: { base64: '' },
            },
          },
          type: 'Out',
        },
      ],
    };
    const strings = [
      '',
      'abc',
      'caf\u00e9',
      '\u20ac1',
      '\ud83d\ude00',
      '\ud800x',
      'x\udc00',
      'AP+A',
      'AQI=',
      'not base64!',
      'QQ',
      '\u00ff\u0100',
      '\u07ff\u0800\uffff\udbff\udfff',
      'QUJDRA',
      'QUJDRA==',
      'QUJDRA=',
      'QUJDR',
      '====',
      'QU=JD',
    ];
    const texts = strings.flatMap((s) => conversions.map((_, i) => `{"s": "${s}", "which": ${i}}`));
    await same(doc, texts, true);
  }, 60_000);
});
