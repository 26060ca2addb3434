/**
 * The message catalog (src/errors): codes are unique unless SHARED_CODES says why not, sit in the
 * range codes.ts gives them, every message renders with each of its arguments in it, and no file
 * outside src/errors writes a code as a number (the library's `errors` tables name theirs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES, PATH_CODES, SHARED_CODES, mapKeyCode } from '../../src/errors/codes.js';
import { Message } from '../../src/errors/message.js';
import { documentMessages, schemaMessages } from '../../src/errors/messages.js';
import { checkMessages } from '../../src/errors/checkMessages.js';
import { engineMessages, inputMessages, runtimeMessages } from '../../src/errors/runtime.js';
import { PfaError } from '../../src/errors/PfaError.js';
import { LIMIT_CODES } from '../../src/limits.js';

const PHASES: Record<string, Record<string, Message<never[]>>> = {
  document: documentMessages,
  schema: schemaMessages,
  check: checkMessages,
  input: inputMessages,
  runtime: runtimeMessages,
  engine: engineMessages,
} as unknown as Record<string, Record<string, Message<never[]>>>;

const entries = Object.entries(PHASES).flatMap(([phase, msgs]) =>
  Object.entries(msgs).map(([name, m]) => ({ id: `${phase}.${name}`, m })),
);

/** The ranges codes.ts documents, as [low, high] inclusive. */
const RANGES: [number, number][] = [
  [1000, 1099],
  [1100, 1199],
  [1200, 1299],
  [2000, 2011],
  [3000, 3001],
];

describe('codes', () => {
  it('gives each name its own number, inside a documented range and below the library range', () => {
    const all = [...Object.values(CODES), ...Object.values(PATH_CODES), ...Object.values(PATH_CODES).map(mapKeyCode)];
    expect(new Set(all).size).toBe(all.length);
    for (const c of all) {
      expect(
        RANGES.some(([lo, hi]) => c >= lo && c <= hi),
        `code ${c}`,
      ).toBe(true);
    }
  });

  it('pairs each path form with its spec codes: index at the even code, key at the next', () => {
    expect(Object.values(PATH_CODES)).toEqual([2000, 2002, 2004, 2006, 2008, 2010]);
    expect(mapKeyCode(PATH_CODES.poolTo)).toBe(2011);
  });

  it('shares a code between messages only where SHARED_CODES says so, and SHARED_CODES lists no stale one', () => {
    const byCode = new Map<number, string[]>();
    for (const { id, m } of entries) if (m.code !== undefined) byCode.set(m.code, [...(byCode.get(m.code) ?? []), id]);
    for (const [code, ids] of byCode) {
      if (ids.length > 1) expect(SHARED_CODES.has(code), `${code} is shared by ${ids.join(', ')}`).toBe(true);
    }
    for (const code of SHARED_CODES) expect(byCode.get(code)?.length ?? 0, `shared code ${code}`).toBeGreaterThan(1);
  });

  it("uses every code: each is a message's, a limit's or a path form's", () => {
    const used = new Set<number>(
      [...entries.map(({ m }) => m.code), ...Object.values(LIMIT_CODES)].filter((c): c is number => c !== undefined),
    );
    for (const [name, code] of Object.entries(CODES)) expect(used.has(code), `CODES.${name}`).toBe(true);
  });
});

describe('messages', () => {
  it.each(entries)('$id renders every argument, and nothing undefined', ({ m }) => {
    const args = Array.from({ length: m.text.length }, (_x, i) => `‹arg${i}›`);
    const text = (m.text as (...a: string[]) => string)(...args);
    expect(text.length).toBeGreaterThan(0);
    for (const a of args) expect(text).toContain(a);
    expect(text).not.toMatch(/undefined|\[object |NaN/);
    expect(text).toBe(text.trim());
    // Messages are clauses that callers quote after "error: ", not sentences.
    expect(text).toMatch(/^[a-z"‹]/);
    expect(text).not.toMatch(/\.$/);
    expect(['syntax', 'semantic', 'init', 'runtime', 'user', 'timeout', 'input']).toContain(m.kind);
  });

  it("builds a PfaError with the entry's kind and code at the place given", () => {
    const e = checkMessages.unknownFunction.at('/action/0', 'm.nope');
    expect(e).toBeInstanceOf(PfaError);
    expect(e.toJSON()).toEqual({ kind: 'semantic', error: 'unknown function "m.nope"', code: 1003, path: '/action/0' });
    expect(inputMessages.missingField.atInput('/x', 'x', 'R').toJSON()).toEqual({
      kind: 'input',
      error: 'missing field "x" of record R',
      code: 1101,
      inputPath: '/x',
    });
    expect(
      runtimeMessages.mapKeyNotFound.with({ code: mapKeyCode(PATH_CODES.cell), path: '/action' }, 'z').toJSON(),
    ).toEqual({ kind: 'runtime', error: 'map key "z" not found', code: 2005, path: '/action' });
  });

  it('words a missing index or key as the spec does when the backend cannot name it (sec. 5.6)', () => {
    expect(runtimeMessages.arrayIndexNotFound.text()).toBe('array index not found');
    expect(runtimeMessages.mapKeyNotFound.text()).toBe('map key not found');
    expect(runtimeMessages.arrayIndexNotFound.text(2)).toBe('array index 2 not found');
  });
});

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/**
 * Code without comments, so that a comment may name a code ("code 1202") without tripping the
 * check; a block comment keeps its line breaks, so line numbers stay right.
 */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, '')).replace(/^\s*\/\/.*$/gm, '');
}

describe('codes as numbers', () => {
  const SRC = new URL('../../src/', import.meta.url).pathname;
  // A numeric literal given as a code: `code: 1000`, `code = 1000`, `code === 1000`,
  // `depthCode ?? 1000` (HTTP status codes aside), or the trailing number of an error
  // constructor call (`semanticError(m, pointer(path, 'fcn'), 1003)`).
  const PATTERNS = [
    /(\bcode|(?<![sS]tatus)Code)\s*(:|=|[!=]==?|\?\?)\s*-?\d/,
    /(Error|\.at|\.atInput|\.with)\(.*,\s*\d{4,5}\s*\)/,
  ];

  it('finds none outside src/errors', () => {
    const found: string[] = [];
    for (const file of sources(SRC)) {
      const rel = relative(SRC, file);
      if (rel.startsWith('errors/')) continue;
      withoutComments(readFileSync(file, 'utf8'))
        .split('\n')
        .forEach((line, i) => {
          if (PATTERNS.some((p) => p.test(line))) found.push(`src/${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('catches the forms the sources had, and not HTTP statuses or named codes', () => {
    // Source text as the scanner meets it: the placeholders are part of the sample, not templates.
    const samples = [
      "throw new PfaError('syntax', 'invalid JSON', { code: 1000 });",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a sample of source text
      'throw semanticError(`unknown function "${name}"`, path, 1003);',
      'let code = 1000;',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a sample of source text
      'if (!ft) throw semanticError(`unknown user function "${name}"`, pointer(path, \'fcn\'), 1003);',
      '{ code: options.depthCode ?? 1000 }',
    ];
    for (const s of ['send(res, { statusCode: 413 })', 'if (e.code === LIMIT_CODES.inputTooAmbiguous) throw e;']) {
      expect(
        PATTERNS.some((p) => p.test(s)),
        s,
      ).toBe(false);
    }
    for (const s of samples)
      expect(
        PATTERNS.some((p) => p.test(s)),
        s,
      ).toBe(true);
  });
});
