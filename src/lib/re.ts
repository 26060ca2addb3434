/**
 * The regular-expression library (spec sec. "Regular expressions and text pre-processing").
 * The dialect is POSIX extended syntax as Hadrian reads it (see util/regexSyntax.ts for what
 * that accepts, e.g. `\1` needs a group before it), matched leftmost-first by our own engine
 * (util/regexVm.ts), never by JavaScript's RegExp. String signatures match code points and
 * report code point positions; bytes signatures match and report raw bytes, each byte one
 * character (as Hadrian's ASCII encoding), so invalid UTF-8 is fine.
 *
 * Iteration follows Hadrian: each search starts where the previous match ended, and a search
 * that would start at or beyond the end finds nothing (so an empty haystack never matches).
 * Where Hadrian would loop forever (an empty match), the next search starts one character later.
 * Unset groups report [-1, -1] (and an empty string or bytes).
 */
import { defineFunction, defineNamespace } from './registry.js';
import { hasSurrogates } from './util/codepoints.js';
import { RegexSyntaxError } from './util/regexSyntax.js';
import { PatternCache } from './util/regexCache.js';
import { Captures, Matcher, Program, RegexBudgetError } from './util/regexVm.js';
import { reWasm } from './util/reWasm.js';

type Piece = string | Uint8Array;

/** A haystack as the matcher sees it, with slicing back into the original representation. */
interface Hay {
  readonly input: ArrayLike<number>;
  readonly n: number;
  slice(a: number, b: number): Piece;
  join(parts: Piece[]): Piece;
}

function codePoints(s: string): { cps: ArrayLike<number>; offsets?: number[] } {
  if (!hasSurrogates(s)) {
    const u = new Uint16Array(s.length);
    for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
    return { cps: u };
  }
  const cps: number[] = [],
    offsets: number[] = [];
  for (let i = 0; i < s.length; ) {
    offsets.push(i);
    const c = s.codePointAt(i)!;
    cps.push(c);
    i += c > 0xffff ? 2 : 1;
  }
  offsets.push(s.length);
  return { cps, offsets };
}

function stringHay(s: string): Hay {
  const { cps, offsets } = codePoints(s);
  return {
    input: cps,
    n: cps.length,
    slice: offsets ? (a, b) => s.slice(offsets[a], offsets[b]) : (a, b) => s.slice(a, b),
    join: (parts) => (parts as string[]).join(''),
  };
}

function bytesHay(x: Uint8Array): Hay {
  return {
    input: x,
    n: x.length,
    slice: (a, b) => x.slice(a, b),
    join: (parts) => {
      const arrays = parts as Uint8Array[];
      const out = new Uint8Array(arrays.reduce((k, p) => k + p.length, 0));
      let o = 0;
      for (const p of arrays) {
        out.set(p, o);
        o += p.length;
      }
      return out;
    },
  };
}

/** Every match, in order (see the module comment for how the searches advance). */
function allMatches(m: Matcher): Captures[] {
  const out: Captures[] = [];
  for (let pos = 0, found = m.search(0); found; found = m.search(pos)) {
    out.push(found);
    pos = found[1] > found[0] ? found[1] : found[1] + 1;
  }
  return out;
}

const pairs = (c: Captures): number[][] => {
  const out: number[][] = [];
  for (let i = 0; i < c.length; i += 2) out.push([c[i], c[i + 1]]);
  return out;
};

const pieces = (h: Hay, c: Captures): Piece[] => {
  const out: Piece[] = [];
  for (let i = 0; i < c.length; i += 2) out.push(c[i] < 0 ? h.slice(0, 0) : h.slice(c[i], c[i + 1]));
  return out;
};

type Run = (h: Hay, m: Matcher, replacement: Piece) => unknown;

function reFunction(name: string, code: number, ret: [string, string], run: Run, replaces = false) {
  const kernelName = `re${name[3].toUpperCase()}${name.slice(4)}`;
  const params = replaces ? ['haystack', 'pattern', 'replacement'] : ['haystack', 'pattern'];
  const sig = (t: string, r: string) => `(${params.map((p) => `${p}: ${t}`).join(', ')}) -> ${r}`;
  return defineFunction({
    name,
    sigs: [sig('string', ret[0]), sig('bytes', ret[1])],
    errors: { badPattern: code },
    // (the same engine in the kernel, assembly/lib/re.ts: util/reWasm.ts)
    wasm: reWasm(kernelName),
    js: (site) => {
      const bytes = site.sig === 1;
      const cache = new PatternCache((prog) => prog);
      const program = (pattern: string | Uint8Array): Program => {
        try {
          return cache.get(pattern);
        } catch (e) {
          if (e instanceof RegexSyntaxError) return site.fail('badPattern', `bad pattern: ${e.message}`);
          throw e;
        }
      };
      return (haystack: string | Uint8Array, pattern: string | Uint8Array, replacement: Piece) => {
        const prog = program(pattern);
        const h = bytes ? bytesHay(haystack as Uint8Array) : stringHay(haystack as string);
        try {
          return run(h, new Matcher(prog, h.input), replacement);
        } catch (e) {
          // Only patterns with back-references can get here (see util/regexVm.ts).
          if (e instanceof RegexBudgetError) return site.fail('badPattern', e.message);
          throw e;
        }
      };
    },
  });
}

const INTS: [string, string] = ['array<int>', 'array<int>'];
const INTS2: [string, string] = ['array<array<int>>', 'array<array<int>>'];

const index = reFunction('re.index', 35000, INTS, (_h, m) => {
  const c = m.search(0);
  return c ? [c[0], c[1]] : [];
});

const contains = reFunction('re.contains', 35010, ['boolean', 'boolean'], (_h, m) => m.search(0) !== undefined);

const count = reFunction('re.count', 35020, ['int', 'int'], (_h, m) => allMatches(m).length);

const rindex = reFunction('re.rindex', 35030, INTS, (_h, m) => {
  const all = allMatches(m);
  const c = all[all.length - 1];
  return c ? [c[0], c[1]] : [];
});

const groups = reFunction('re.groups', 35040, INTS2, (_h, m) => {
  const c = m.search(0);
  return c ? pairs(c) : [];
});

const indexall = reFunction('re.indexall', 35050, INTS2, (_h, m) => allMatches(m).map((c) => [c[0], c[1]]));

const findall = reFunction('re.findall', 35060, ['array<string>', 'array<bytes>'], (h, m) =>
  allMatches(m).map((c) => h.slice(c[0], c[1])),
);

const findfirst = reFunction('re.findfirst', 35070, ['union<string, null>', 'union<bytes, null>'], (h, m) => {
  const c = m.search(0);
  return c ? h.slice(c[0], c[1]) : null;
});

const findgroupsfirst = reFunction('re.findgroupsfirst', 35080, ['array<string>', 'array<bytes>'], (h, m) => {
  const c = m.search(0);
  return c ? pieces(h, c) : [];
});

const findgroupsall = reFunction('re.findgroupsall', 35090, ['array<array<string>>', 'array<array<bytes>>'], (h, m) =>
  allMatches(m).map((c) => pieces(h, c)),
);

const groupsall = reFunction('re.groupsall', 35100, ['array<array<array<int>>>', 'array<array<array<int>>>'], (_h, m) =>
  allMatches(m).map(pairs),
);

/** Replaces the given matches (in order) with the literal replacement. */
function replace(h: Hay, matches: Captures[], replacement: Piece): Piece {
  const out: Piece[] = [];
  let beg = 0;
  for (const c of matches) {
    out.push(h.slice(beg, c[0]), replacement);
    beg = c[1];
  }
  out.push(h.slice(beg, h.n));
  return h.join(out);
}

const replacefirst = reFunction(
  're.replacefirst',
  35110,
  ['string', 'bytes'],
  (h, m, r) => {
    const c = m.search(0);
    return replace(h, c ? [c] : [], r);
  },
  true,
);

const replacelast = reFunction(
  're.replacelast',
  35120,
  ['string', 'bytes'],
  (h, m, r) => {
    const all = allMatches(m);
    return replace(h, all.slice(-1), r);
  },
  true,
);

/** Pieces between matches; an empty piece before a match at 0 or after one at the end is dropped (as Hadrian). */
const split = reFunction('re.split', 35130, ['array<string>', 'array<bytes>'], (h, m) => {
  const all = allMatches(m);
  if (all.length === 0) return [h.slice(0, h.n)];
  const out: Piece[] = [];
  let beg = 0;
  for (const c of all) {
    out.push(h.slice(beg, c[0]));
    beg = c[1];
  }
  if (beg !== h.n) out.push(h.slice(beg, h.n));
  return all[0][0] === 0 ? out.slice(1) : out;
});

const replaceall = reFunction(
  're.replaceall',
  35140,
  ['string', 'bytes'],
  (h, m, r) => replace(h, allMatches(m), r),
  true,
);

export default defineNamespace('re', [
  index,
  contains,
  count,
  rindex,
  groups,
  indexall,
  findall,
  findfirst,
  findgroupsfirst,
  findgroupsall,
  groupsall,
  replacefirst,
  replacelast,
  split,
  replaceall,
]);
