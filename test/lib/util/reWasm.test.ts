/**
 * The re.* functions in kernels (lib/util/reWasm.ts, assembly/lib/re.ts): constant patterns are
 * compiled as the kernel is built, others by the host at the call (kept by text in a collected
 * kernel); answers, errors and the step budget equal the JS backend's (bothBackends compares them).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { score } from '../../helpers/pfa.js';
import { lowerDocument } from '../../../src/build/index.js';
import { RT } from '../../../src/backend/wasm/emit/names.js';
import { bothBackends } from '../../helpers/backends.js';

const ints = { type: 'array', items: 'int' };
const ints2 = { type: 'array', items: ints };
const strs = { type: 'array', items: 'string' };
const str = (s: string) => ({ string: s });

/** Every re.* function of `input` with one constant pattern (and replacement "<>"). */
function everyFunction(pattern: string): object {
  const p = str(pattern);
  const fields: [string, unknown, object][] = [
    ['index', ints, { 're.index': ['input', p] }],
    ['contains', 'boolean', { 're.contains': ['input', p] }],
    ['count', 'int', { 're.count': ['input', p] }],
    ['rindex', ints, { 're.rindex': ['input', p] }],
    ['groups', ints2, { 're.groups': ['input', p] }],
    ['indexall', ints2, { 're.indexall': ['input', p] }],
    ['findall', strs, { 're.findall': ['input', p] }],
    ['findfirst', ['string', 'null'], { 're.findfirst': ['input', p] }],
    ['findgroupsfirst', strs, { 're.findgroupsfirst': ['input', p] }],
    ['findgroupsall', { type: 'array', items: strs }, { 're.findgroupsall': ['input', p] }],
    ['groupsall', { type: 'array', items: ints2 }, { 're.groupsall': ['input', p] }],
    ['replacefirst', 'string', { 're.replacefirst': ['input', p, str('<>')] }],
    ['replacelast', 'string', { 're.replacelast': ['input', p, str('<>')] }],
    ['split', strs, { 're.split': ['input', p] }],
    ['replaceall', 'string', { 're.replaceall': ['input', p, str('<>')] }],
  ];
  return {
    input: 'string',
    output: { type: 'record', name: 'Out', fields: fields.map(([name, type]) => ({ name, type })) },
    action: { new: Object.fromEntries(fields.map(([name, , expr]) => [name, expr])), type: 'Out' },
  };
}

const TEXTS = ['', 'abc', 'k=v;x=y', 'héllo wörld ǅ 12', 'x😀y😀z', '😀a😀', 'aaa\n', 'A1 b22 C333', 'ab\uD800cd'];

describe('the two matchers read one program', () => {
  it('the kernel numbers the opcodes as the TS compiler does (the encoding carries them)', () => {
    const ops = (file: string) =>
      /enum Op \{([^}]*)\}/
        .exec(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8'))![1]
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    expect(ops('assembly/lib/util/regexVm.ts')).toEqual(ops('src/lib/util/regexVm.ts'));
    expect(ops('src/lib/util/regexVm.ts')).toContain('Match');
  });
});

/** A document whose pattern is bound by a `let`, and assigned again by a `set` when `reassigned`. */
function letPattern(reassigned: boolean): object {
  return {
    input: 'string',
    output: ints,
    action: [
      { let: { p: str('[0-9]+') } },
      ...(reassigned ? [{ if: { '==': ['input', str('')] }, then: [{ set: { p: str('x') } }] }] : []),
      { 're.index': ['input', 'p'] },
    ],
  };
}

describe('which patterns are constants', () => {
  const source = (doc: object) => {
    const { lowering } = lowerDocument(JSON.stringify(doc));
    if (!lowering.ok) throw new Error(lowering.reason);
    return lowering.lowered.source;
  };
  it('a variable that a let binds to a literal and no set assigns is compiled as the kernel is built', () => {
    expect(source(letPattern(false))).not.toContain(RT.reCached);
    expect(source(letPattern(true))).toContain(RT.reCached);
    expect(source({ input: 'string', output: ints, action: { 're.index': ['input', 'input'] } })).toContain(
      RT.reCached,
    );
  });
});

bothBackends(() => {
  describe('re.* with constant patterns (compiled as the kernel is built)', () => {
    it('through a variable, constant or assigned again', () => {
      expect(score(letPattern(false), ['a12b3', ''])).toEqual([[1, 3], []]);
      expect(score(letPattern(true), ['a12b3', ''])).toEqual([[1, 3], []]);
    });

    const patterns = [
      '(.)=(.)',
      '[[:alpha:]]+',
      '[^[:alnum:][:space:]]',
      '😀',
      '[😀-😂]?.',
      '^a|c$',
      'a*',
      '(a)(b)?',
      '([[:digit:]])\\1*',
      '[[:upper:]][[:lower:]]*|[[:punct:]]',
      'x{0,2}[y-z]',
      '.$',
    ];
    it.each(patterns)('%s', (pattern) => {
      const answers = score(everyFunction(pattern), TEXTS);
      expect(answers.every((a) => typeof a === 'object' && a !== null && !('error' in a))).toBe(true);
    });

    it('a bad constant pattern raises its error at the call, with the message of the JS form', () => {
      const [a] = score(everyFunction('a{2'), ['x']) as { error: string; code: number }[];
      expect(a).toMatchObject({ code: 35000 });
      expect(a.error).toMatch(/^bad pattern: /);
    });

    it('the step budget of a back-reference pattern, and a try that catches it by code', () => {
      const doc = {
        input: 'string',
        output: ['boolean', 'null'],
        action: { try: { 're.contains': ['input', str('(a*)*\\1b')] }, filter: [35010] },
      };
      expect(score(doc, ['a'.repeat(40), 'ab'])[0]).toBe(null);
      expect(score(everyFunction('(a*)*\\1b'), ['a'.repeat(40)])).toMatchObject([{ code: 35000 }]);
    });
  });

  describe('hostile patterns (regressions/9-hostile-documents) in the kernel too', () => {
    it('the step budget, the memo over nested quantifiers, the program limit', () => {
      const doc = (fn: string, pattern: string, output: unknown) => ({
        input: 'string',
        output,
        action: { [fn]: ['input', str(pattern)] },
      });
      expect(score(doc('re.index', '^(a|a)*\\1b', ints), ['a'.repeat(40)])).toMatchObject([
        { code: 35000, error: expect.stringMatching(/too many steps/) },
      ]);
      expect(score(doc('re.contains', '(a*)*b', 'boolean'), ['a'.repeat(20_000)])).toEqual([false]);
      expect(score(doc('re.index', 'a{1000}{1000}', ints), ['a'])).toMatchObject([
        { code: 35000, error: expect.stringMatching(/pattern too large/) },
      ]);
    });
  });

  describe('re.* with patterns known only at run time', () => {
    it('a collected kernel (a written cell) keeps programs by text, across calls', () => {
      const doc = {
        input: {
          type: 'record',
          name: 'In',
          fields: [
            { name: 's', type: 'string' },
            { name: 'p', type: 'string' },
          ],
        },
        output: { type: 'array', items: 'string' },
        cells: { seen: { type: 'int', init: 0 } },
        action: [{ cell: 'seen', to: { '+': [{ cell: 'seen' }, 1] } }, { 're.findall': ['input.s', 'input.p'] }],
      };
      const rows = [
        ['a1b22', '[0-9]+'],
        ['a1b22', '[a-z]'],
        ['a1b22', '[0-9]+'],
        ['x😀y', '.'],
        ['x', '('],
        ['a1b22', '[0-9]+'],
      ];
      const answers = score(
        doc,
        rows.map(([s, p]) => ({ s, p })),
      );
      expect(answers[0]).toEqual(['1', '22']);
      expect(answers[4]).toMatchObject({ code: 35060 });
    });

    it('bytes patterns', () => {
      const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');
      const doc = {
        input: 'bytes',
        output: { type: 'array', items: 'bytes' },
        action: { 're.split': ['input', { base64: b64('\xff+') }] },
      };
      expect(score(doc, [b64('a\xff\xffb'), b64('\xff')])).toEqual([[b64('a'), b64('b')], []]);
    });
  });
});
