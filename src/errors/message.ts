/**
 * One entry of the message catalog (messages.ts, runtime.ts): a kind, a code when the message has
 * one, and the template that words it. Call sites name the entry and give the place and the
 * template's arguments, so a message's wording, kind and code are decided here and nowhere else
 * (AssemblyScript's diagnosticMessages and esbuild's msg ids work this way).
 */
import { PfaError, PfaErrorDetails, PfaErrorKind } from './PfaError.js';

export class Message<A extends unknown[] = []> {
  constructor(
    readonly kind: PfaErrorKind,
    /** The wording; arguments are already text or numbers (callers print types with typeToString). */
    readonly text: (...args: A) => string,
    readonly code?: number,
  ) {}

  /** The error at a JSON Pointer into the document (none when `path` is undefined). */
  at(path: string | undefined, ...args: A): PfaError {
    return new PfaError(this.kind, this.text(...args), { path, code: this.code });
  }

  /** The error with no place (a running engine's, or one the caller places later: backend/js withPath). */
  error(...args: A): PfaError {
    return new PfaError(this.kind, this.text(...args), { code: this.code });
  }

  /** The error at a JSON Pointer into the input datum. */
  atInput(inputPath: string, ...args: A): PfaError {
    return new PfaError(this.kind, this.text(...args), { inputPath, code: this.code });
  }

  /** The error with the place given in full; `details.code` is for the path forms' codes (PATH_CODES). */
  with(details: PfaErrorDetails, ...args: A): PfaError {
    return new PfaError(this.kind, this.text(...args), { code: this.code, ...details });
  }
}

/** Makes the entries of one kind, as in `semantic((name: string) => ...)`. */
type Factory = <A extends unknown[]>(text: (...args: A) => string, code?: number) => Message<A>;

function factory(kind: PfaErrorKind): Factory {
  return (text, code) => new Message(kind, text, code);
}

export const syntax = factory('syntax');
export const semantic = factory('semantic');
export const init = factory('init');
export const input = factory('input');
export const runtime = factory('runtime');
export const timeout = factory('timeout');

/**
 * A catalog built at its first use: `lazyCatalog(() => ({ entry: runtime(...), ... }))` reads,
 * lists and freezes like the object `build` returns. A catalog's entries are wanted only when
 * something fails, so a process that never fails (a Lambda cold start, issue 17) neither compiles
 * nor runs the catalog's code: at module scope V8 parses a literal in full and generates its
 * bytecode, where the body of an arrow is only pre-parsed. Each trap fills the target first, so
 * the Proxy's invariants hold against a frozen target that has every entry.
 */
export function lazyCatalog<C extends object>(build: () => C): Readonly<C> {
  const target = {} as C;
  let filled = false;
  const fill = (): C => {
    if (!filled) {
      filled = true;
      Object.defineProperties(target, Object.getOwnPropertyDescriptors(build()));
      Object.freeze(target);
    }
    return target;
  };
  const refuse = (): false => {
    fill();
    return false;
  };
  return new Proxy(target, {
    get: (_, key) => Reflect.get(fill(), key),
    has: (_, key) => Reflect.has(fill(), key),
    ownKeys: () => Reflect.ownKeys(fill()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(fill(), key),
    isExtensible: () => Reflect.isExtensible(fill()),
    preventExtensions: () => Reflect.preventExtensions(fill()),
    // (frozen, as Object.freeze made the catalogs: writes fail, and throw in strict code)
    set: refuse,
    defineProperty: refuse,
    deleteProperty: refuse,
  });
}
