/**
 * Compiled regular expressions by pattern, for patterns known only at run time. Patterns are
 * usually constants or drawn from a few values, so a small cache spares the compile at each call;
 * it is cleared when full (no eviction order to keep: a model with more live patterns than this
 * compiles as before). Used by the JS forms (lib/re.ts) and by the host's compile step for the
 * kernels (backend/wasm/hostCalls.ts regexProgram), which an arena kernel calls at every call.
 */
import { compilePattern } from './regexVm.js';

const LIMIT = 64;

/** A bytes pattern's key: one character per byte (in slices: a spread of millions would overflow the stack). */
function bytesKey(pattern: Uint8Array): string {
  let key = 'b';
  for (let i = 0; i < pattern.length; i += 8192) key += String.fromCharCode(...pattern.subarray(i, i + 8192));
  return key;
}

/** Keys of string and bytes patterns differ in their first character, so they never collide. */
const keyOf = (pattern: string | Uint8Array): string =>
  typeof pattern === 'string' ? `s${pattern}` : bytesKey(pattern);

/** `make(compilePattern(pattern))`, remembered by pattern; a bad pattern's RegexSyntaxError is thrown each time. */
export class PatternCache<T> {
  private readonly kept = new Map<string, T>();

  constructor(private readonly make: (program: ReturnType<typeof compilePattern>) => T) {}

  get(pattern: string | Uint8Array): T {
    const key = keyOf(pattern);
    let made = this.kept.get(key);
    if (made === undefined) {
      made = this.make(compilePattern(pattern));
      if (this.kept.size >= LIMIT) this.kept.clear();
      this.kept.set(key, made);
    }
    return made;
  }
}
