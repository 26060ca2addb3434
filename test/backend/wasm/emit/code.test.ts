/**
 * The block-aware emitter (emit/code.ts): every block is opened and closed by one call, and a
 * statement or block part whose braces would leave the nesting wrong is refused when written.
 */
import { describe, expect, it } from 'vitest';
import { Lines } from '../../../../src/backend/wasm/emit/code.js';

function written(f: (c: Lines) => void): string[] {
  const c = new Lines();
  f(c);
  return c.lines;
}

describe('emit/code: blocks opened and closed by calls', () => {
  it('writes a block as head, body, closing brace', () => {
    expect(written((c) => c.block('for (; i < n; i++)', () => c.emit('s += i;')))).toEqual([
      'for (; i < n; i++) {',
      's += i;',
      '}',
    ]);
  });

  it('writes if, if/else and else-if chains', () => {
    expect(written((c) => c.if_('x', () => c.emit('a();')))).toEqual(['if (x) {', 'a();', '}']);
    expect(
      written((c) =>
        c.if_(
          'x',
          () => c.emit('a();'),
          () => c.emit('b();'),
        ),
      ),
    ).toEqual(['if (x) {', 'a();', '} else {', 'b();', '}']);
    expect(
      written((c) =>
        c.ifChain(
          [
            ['x', () => c.emit('a();')],
            ['y', () => c.emit('b();')],
          ],
          () => c.emit('d();'),
        ),
      ),
    ).toEqual(['if (x) {', 'a();', '} else if (y) {', 'b();', '} else {', 'd();', '}']);
    expect(written((c) => c.ifChain([['x', () => c.emit('a();')]]))).toEqual(['if (x) {', 'a();', '}']);
  });

  it('writes switch cases, do/while and a cond chain whose closers share a line', () => {
    expect(
      written((c) =>
        c.switch_('switch (t)', [
          ['0', () => c.emit('a();')],
          ['2', () => c.emit('b();')],
        ]),
      ),
    ).toEqual(['switch (t) {', 'case 0: {', 'a();', 'break; }', 'case 2: {', 'b();', 'break; }', '}']);
    expect(written((c) => c.doWhile(() => c.emit('a();'), 'false'))).toEqual(['do {', 'a();', '} while (false);']);
    let conds = 0;
    const lines = written((c) =>
      c.elseNested(
        [
          [
            () => {
              c.emit('c0 = f();');
              conds++;
              return 'c0';
            },
            () => c.emit('r = 1;'),
          ],
          [
            () => {
              c.emit('c1 = g();');
              conds++;
              return 'c1';
            },
            () => c.emit('r = 2;'),
          ],
        ],
        () => c.emit('r = 3;'),
      ),
    );
    expect(lines).toEqual([
      'c0 = f();',
      'if (c0) {',
      'r = 1;',
      '} else {',
      'c1 = g();',
      'if (c1) {',
      'r = 2;',
      '} else {',
      'r = 3;',
      '}}',
    ]);
    expect(conds).toBe(2);
  });

  it('nests blocks written by bodies', () => {
    const lines = written((c) => c.block('while (true)', () => c.if_('done', () => c.emit('break;'))));
    expect(lines).toEqual(['while (true) {', 'if (done) {', 'break;', '}', '}']);
  });

  it('takes a group whose parts open and close several braces, and a part written late', () => {
    let t = '';
    const lines = written((c) =>
      c.group(
        ['if (a) { if (b) {', '} } else {', () => `${t} = 1; }`],
        [
          () => c.emit('x();'),
          () => {
            t = 't0';
            c.emit('t0 = 0;');
          },
        ],
      ),
    );
    expect(lines).toEqual(['if (a) { if (b) {', 'x();', '} } else {', 't0 = 0;', 't0 = 1; }']);
  });

  it('indents module-level code by block depth, and includes a finished body at the current depth', () => {
    const body = new Lines();
    body.block('for (;;)', () => body.emit('break;'));
    const c = new Lines('  ');
    c.block('function f(): void', () => {
      c.include(body);
      c.if_(
        'x',
        () => c.emit('a();'),
        () => c.emit('b();'),
      );
    });
    expect(c.text()).toBe(
      'function f(): void {\n  for (;;) {\n  break;\n  }\n  if (x) {\n    a();\n  } else {\n    b();\n  }\n}',
    );
  });

  it('refuses a statement with unbalanced braces: a lone brace cannot be written', () => {
    expect(() => written((c) => c.emit('}'))).toThrow(/unbalanced braces/);
    expect(() => written((c) => c.emit('for (;;) {'))).toThrow(/unbalanced braces/);
    expect(() => written((c) => c.emit('} else {'))).toThrow(/unbalanced braces/);
    expect(written((c) => c.emit('if (x) { a(); } else { b(); }'))).toEqual(['if (x) { a(); } else { b(); }']);
  });

  it('refuses block parts that do not open, reopen and close the same braces', () => {
    expect(() => written((c) => c.group(['if (a)', '}'], [() => {}]))).toThrow(/block head/);
    expect(() => written((c) => c.group(['if (a) { if (b) {', '}'], [() => {}]))).toThrow(/block end/);
    expect(() => written((c) => c.group(['if (a) {', '} } else {', '}'], [() => {}, () => {}]))).toThrow(
      /block middle/,
    );
    expect(() => written((c) => c.group(['if (a) {', '}', '}'], [() => {}, () => {}]))).toThrow(/block middle/);
    expect(() => written((c) => c.group(['if (a) {', '}', '}'], [() => {}]))).toThrow(/parts/);
  });
});
