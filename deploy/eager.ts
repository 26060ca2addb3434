/**
 * Compile hints for index.mjs (issue 17). V8 compiles a function lazily: the script's compile only
 * preparses it (to find its end and its free variables), and its first call parses it again, in
 * full, and makes its bytecode, each call to a new function paying a fixed cost too. A function
 * that every cold start calls pays all three; one that V8 compiles with the script pays only the
 * full parse. V8 compiles a function with its enclosing code when the function expression stands
 * in parentheses, as in `(function f() {})` or `(() => {})` (its heuristic for functions invoked
 * at once, "PIFE", https://v8.dev/blog/preparser#pife), and esbuild keeps such parentheses.
 *
 * An arrow function can be hinted in the source, though Biome's formatter drops the parentheses
 * (and createHandler's closures so hinted saved nothing measurable). A function declaration
 * cannot be: the source marks it with the comment EAGER just before it, which esbuild
 * keeps in place (a "legal" comment, build-lambda.ts's `legalComments: 'inline'`), and
 * `eagerFunctions` turns each marked declaration of index.mjs into a `var` holding the same
 * function in parentheses, at the top of the module, where a declaration is hoisted to (so a call
 * made while the module evaluates still finds it). Marked functions are those a cold start runs
 * (init and one request on the Wasm manifest path, as `node --log-function-events` lists them): a
 * function that is not called would cost a full parse instead of a preparse. Measured on the Sonar
 * zip (bench/cold-start.ts --instructions): 46 functions hinted, 141.4M → 138.8M instructions; all
 * 92 top-level functions of index.mjs hinted, 140.1M.
 */
import ts from 'typescript';

/** The marker, exactly as esbuild prints it. */
export const EAGER = '/*! @eager */';

/**
 * `code` (an esbuild output, ES module) with every top-level function declaration marked EAGER
 * hinted, and every marker removed. With `hint` false the markers are only removed (the chunks,
 * whose functions are on no cold start's path). A marker on anything else fails the build.
 */
export function eagerFunctions(code: string, name: string, hint: boolean): string {
  if (!code.includes(EAGER)) return code;
  if (!hint) return code.split(EAGER).join('');
  const file = ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const hinted: string[] = [];
  const cut: { start: number; end: number }[] = [];
  for (const s of file.statements) {
    const start = s.getFullStart();
    const marker = code.indexOf(EAGER, start);
    if (marker < 0 || marker >= s.getStart()) continue;
    if (!ts.isFunctionDeclaration(s) || !s.name || !s.body)
      throw new Error(`${name}: ${EAGER} marks something other than a function declaration at ${marker}`);
    hinted.push(`var ${s.name.text}=(${code.slice(s.getStart(), s.end)});`);
    cut.push({ start: marker, end: s.end });
  }
  let out = '';
  let at = 0;
  for (const c of cut) {
    out += code.slice(at, c.start);
    at = c.end;
  }
  out = hinted.join('') + out + code.slice(at);
  if (out.includes(EAGER)) throw new Error(`${name}: ${EAGER} marks something that is not at the top level`);
  return out;
}
