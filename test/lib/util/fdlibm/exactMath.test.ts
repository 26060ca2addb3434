/**
 * The library's JS forms call only the exact members of V8's Math (correctly rounded by IEEE 754 or
 * integer operations, the same bits on every platform) and take every other function from the
 * fdlibm port (src/lib/util/fdlibm), which the Wasm kernels' Math is too (asconfig.json). V8's
 * exp, pow, sin... differ in the last bit between x64 and arm64 (./arm64.test.ts), so a call to one
 * of them, or a `**` whose result is not exact, would give a model different answers on different
 * machines and between the backends. AssemblyScript inside template strings is not JS: asc maps
 * its `Math` to FdlibmMath, so those texts are not checked here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const LIB = fileURLToPath(new URL('../../../../src/lib/', import.meta.url));
const FDLIBM = join(LIB, 'util/fdlibm');

/** Math members whose results do not depend on the platform: constants, IEEE's exact operations, integer helpers. */
const EXACT = new Set([
  'E',
  'LN10',
  'LN2',
  'LOG10E',
  'LOG2E',
  'PI',
  'SQRT1_2',
  'SQRT2',
  'abs',
  'ceil',
  'floor',
  'fround',
  'max',
  'min',
  'round',
  'sign',
  'sqrt',
  'trunc',
  'clz32',
  'imul',
  // not a math function: a seeded source is used instead wherever a model draws (src/lib/rand/)
  'random',
]);

/** `a ** b` is exact when b is an integer literal up to 2 (x * x), a is 2 (a power of two), or either is a bigint. */
function exactPower(e: ts.BinaryExpression): boolean {
  const lit = (n: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(n) ? lit(n.expression) : n);
  const a = lit(e.left),
    b = lit(e.right);
  if (ts.isBigIntLiteral(a) || ts.isBigIntLiteral(b)) return true;
  if (ts.isNumericLiteral(b) && ['0', '1', '2'].includes(b.text)) return true;
  return ts.isNumericLiteral(a) && a.text === '2';
}

/** Each non-exact Math member or `**` in one file's JS code, as "path:line: text". */
function offences(file: string, text = readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const at = (n: ts.Node) => `${relative(LIB, file)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  const visit = (n: ts.Node) => {
    if (
      ts.isPropertyAccessExpression(n) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === 'Math' &&
      !EXACT.has(n.name.text)
    ) {
      out.push(`${at(n)}: Math.${n.name.text}`);
    }
    if (ts.isElementAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Math')
      out.push(`${at(n)}: Math[...]`);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken && !exactPower(n))
      out.push(`${at(n)}: ${n.getText(sf)}`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('src/lib outside util/fdlibm', () => {
  it('calls no platform-dependent Math function and no inexact `**`', () => {
    const files = readdirSync(LIB, { recursive: true })
      .map((f) => join(LIB, String(f)))
      .filter((f) => f.endsWith('.ts') && !f.startsWith(FDLIBM));
    expect(files.length).toBeGreaterThan(50);
    expect(
      files.flatMap((f) => offences(f)),
      'use src/lib/util/fdlibm (fdlibm.exp, fdlibm.pow...) instead',
    ).toEqual([]);
  });

  it('would catch a call that is not exact', () => {
    // the second line is AS in a template string, with a JS substitution: only the latter is JS
    const text =
      'const a = Math.exp(1) + Math.sqrt(2) + 3 ** 0.5 + 2 ** 3 + 4 ** 2 + 5n ** BigInt(a);\n' +
      'const b = `Math.log(${' +
      'Math.tan(a)})`;\n';
    expect(offences(join(LIB, 'probe.ts'), text)).toEqual([
      'probe.ts:1: Math.exp',
      'probe.ts:1: 3 ** 0.5',
      'probe.ts:2: Math.tan',
    ]);
  });
});
