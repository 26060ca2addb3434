/**
 * The document option "wasm.decline" (ARCHITECTURE.md "What still does not lower"): library
 * functions the Wasm lowering must not lower. A document that calls one, or passes one as a
 * function argument, is not lowered, for that reason and at that call's path: `--backend auto`
 * runs it on the JS backend and `--backend wasm` refuses it, as for any document that does not
 * lower. The option travels with the document, so every host (serve, the Lambda build and
 * handler, the cache, bench) honours it without a setting of its own.
 */
import { DECLINE_OPTION, FcnArg, Node, TypedEngine } from '../../../ir/tree.js';
import { children } from '../../../ir/walk.js';
import { NotLowerable } from '../types.js';

/** Throws NotLowerable at the first call (in document order) of a function the document declines. */
export function checkDeclined(engine: TypedEngine): void {
  const names = engine.options[DECLINE_OPTION] as readonly string[] | undefined;
  if (names === undefined || names.length === 0) return;
  const declined = new Set(names);
  const refused = (name: string, path: string) =>
    new NotLowerable(`${name} is declined by the document's option "${DECLINE_OPTION}"`, path);
  const libref = (f: FcnArg) => (f.k === 'libref' ? f.fn.name : null);
  const visit = (n: Node): void => {
    if (n.k === 'call') {
      if (declined.has(n.fn.name)) throw refused(n.fn.name, n.path);
      for (const a of n.args) {
        const name = a.k === 'fcn' ? libref(a.fcn) : null;
        if (name !== null && declined.has(name)) throw refused(name, n.path);
      }
    }
    children(n).forEach(visit);
  };
  for (const r of [engine.begin, engine.action, engine.end, engine.merge]) if (r) visit(r.body);
  for (const f of engine.fcns.values()) visit(f.body);
}
