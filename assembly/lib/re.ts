// The regular-expression library in kernels (src/lib/re.ts holds the JS forms, which these follow
// step for step): the same program (util/regexVm.ts), the same iteration. H is the haystack's type,
// String (code point positions) or Uint8Array (byte positions); P is a piece as the result holds it,
// a string's dictionary code (i32) or the bytes. A search that runs out of steps leaves the answer
// empty and reExhausted() true: the form then raises the function's badPattern error, as the JS
// form does.
import { ReMatcher } from "./util/regexVm";
import { codePointsOf, cpLength, textCode } from "./util/text";

let exhausted = false;

/** Whether the last re.* call ran out of steps (its answer is then not to be used). */
export function reExhausted(): bool {
  return exhausted;
}

// ---- Programs of patterns known only at run time: the host compiles them (HostCalls helper
// "regexProgram"); a collected kernel keeps the last CACHE_LIMIT by text (texts, not codes: a code
// can come to mean another text when the host's dictionary forgets). An arena kernel drops all it
// made at every call, so it asks again at each call.

// @ts-ignore: decorator
@inline const CACHE_LIMIT: i32 = 64;
const programs = new Map<String, Array<i32>>();

/** The program compiled from this pattern, or 0 if not kept. */
export function reCached(pattern: String): usize {
  if (ASC_RUNTIME == 0 || !programs.has(pattern)) return 0;
  return programs.get(pattern).dataStart;
}

/** Keeps the program the host compiled for this pattern; returns its address. */
export function reKeep(pattern: String, program: Array<i32>): usize {
  if (ASC_RUNTIME != 0) {
    if (programs.size >= CACHE_LIMIT) programs.clear();
    programs.set(pattern, program);
  }
  return program.dataStart;
}

/** A haystack as the matcher reads it, with slices in its own representation. */
class Hay<H> {
  readonly m: ReMatcher;
  /** A string's unit offset of each code point, when it has surrogate pairs (else they are equal). */
  private offsets: Array<i32> | null = null;
  /** Keeps the code points the matcher reads alive. */
  private cps: Array<i32> | null = null;

  constructor(prog: usize, readonly h: H) {
    exhausted = false;
    if (isString<H>()) {
      const s = changetype<String>(h);
      const count = cpLength(s);
      if (count == s.length) this.m = new ReMatcher(prog, changetype<usize>(s), 1, count);
      else {
        const cps = codePointsOf(s);
        const offsets = new Array<i32>(count + 1);
        let u = 0;
        for (let i = 0; i < count; i++) {
          unchecked((offsets[i] = u));
          u += unchecked(cps[i]) >= 0x10000 ? 2 : 1;
        }
        unchecked((offsets[count] = u));
        this.cps = cps;
        this.offsets = offsets;
        this.m = new ReMatcher(prog, cps.dataStart, 2, count);
      }
    } else {
      const b = changetype<Uint8Array>(h);
      this.m = new ReMatcher(prog, b.dataStart, 0, b.length);
    }
  }

  get n(): i32 {
    return this.m.n;
  }

  /** The characters [a, b). */
  slice(a: i32, b: i32): H {
    if (isString<H>()) {
      const s = changetype<String>(this.h);
      const offsets = this.offsets;
      if (offsets == null) return changetype<H>(s.substring(a, b));
      return changetype<H>(s.substring(unchecked(offsets[a]), unchecked(offsets[b])));
    }
    return changetype<H>(changetype<Uint8Array>(this.h).slice(a, b));
  }

  /** The first match at or after `from` (a copy of its captures), or null. */
  search(from: i32): StaticArray<i32> | null {
    if (!this.m.search(from)) {
      if (this.m.exhausted) exhausted = true;
      return null;
    }
    return StaticArray.slice<i32>(this.m.caps);
  }

  /** Every match, each search starting where the last ended (one later after an empty match). */
  all(): Array<StaticArray<i32>> {
    const out = new Array<StaticArray<i32>>(0);
    let pos = 0;
    for (let c = this.search(0); c != null; c = this.search(pos)) {
      const found = c!;
      out.push(found);
      pos = found[1] > found[0] ? found[1] : found[1] + 1;
    }
    return out;
  }
}

/** A slice as the result holds it: a string's code, or the bytes. */
// @ts-ignore: decorator
@inline function piece<H, P>(x: H): P {
  if (isInteger<P>()) return <P>textCode(changetype<String>(x));
  return changetype<P>(x);
}

function pair(c: StaticArray<i32>, i: i32): Array<i32> {
  const out = new Array<i32>(2);
  unchecked((out[0] = c[2 * i]));
  unchecked((out[1] = c[2 * i + 1]));
  return out;
}

function pairs(c: StaticArray<i32>): Array<Array<i32>> {
  const out = new Array<Array<i32>>(0);
  for (let i = 0; i < c.length; i += 2) out.push(pair(c, i >> 1));
  return out;
}

function pieces<H, P>(h: Hay<H>, c: StaticArray<i32>): Array<P> {
  const out = new Array<P>(0);
  for (let i = 0; i < c.length; i += 2) out.push(piece<H, P>(c[i] < 0 ? h.slice(0, 0) : h.slice(c[i], c[i + 1])));
  return out;
}

export function reIndex<H>(prog: usize, x: H): Array<i32> {
  const c = new Hay<H>(prog, x).search(0);
  return c == null ? new Array<i32>(0) : pair(c!, 0);
}

export function reContains<H>(prog: usize, x: H): bool {
  return new Hay<H>(prog, x).search(0) != null;
}

export function reCount<H>(prog: usize, x: H): i32 {
  return new Hay<H>(prog, x).all().length;
}

export function reRindex<H>(prog: usize, x: H): Array<i32> {
  const all = new Hay<H>(prog, x).all();
  return all.length == 0 ? new Array<i32>(0) : pair(all[all.length - 1], 0);
}

export function reGroups<H>(prog: usize, x: H): Array<Array<i32>> {
  const c = new Hay<H>(prog, x).search(0);
  return c == null ? new Array<Array<i32>>(0) : pairs(c!);
}

export function reIndexall<H>(prog: usize, x: H): Array<Array<i32>> {
  const all = new Hay<H>(prog, x).all();
  const out = new Array<Array<i32>>(all.length);
  for (let i = 0; i < all.length; i++) unchecked((out[i] = pair(all[i], 0)));
  return out;
}

export function reFindall<H, P>(prog: usize, x: H): Array<P> {
  const h = new Hay<H>(prog, x);
  const all = h.all();
  const out = new Array<P>(0);
  for (let i = 0; i < all.length; i++) out.push(piece<H, P>(h.slice(all[i][0], all[i][1])));
  return out;
}

/** The first match's text, or null (the form makes the union). */
export function reFindfirst<H>(prog: usize, x: H): H | null {
  const h = new Hay<H>(prog, x);
  const c = h.search(0);
  return c == null ? null : h.slice(c![0], c![1]);
}

export function reFindgroupsfirst<H, P>(prog: usize, x: H): Array<P> {
  const h = new Hay<H>(prog, x);
  const c = h.search(0);
  return c == null ? new Array<P>(0) : pieces<H, P>(h, c!);
}

export function reFindgroupsall<H, P>(prog: usize, x: H): Array<Array<P>> {
  const h = new Hay<H>(prog, x);
  const all = h.all();
  const out = new Array<Array<P>>(0);
  for (let i = 0; i < all.length; i++) out.push(pieces<H, P>(h, all[i]));
  return out;
}

export function reGroupsall<H>(prog: usize, x: H): Array<Array<Array<i32>>> {
  const all = new Hay<H>(prog, x).all();
  const out = new Array<Array<Array<i32>>>(all.length);
  for (let i = 0; i < all.length; i++) unchecked((out[i] = pairs(all[i])));
  return out;
}

/** The pieces joined: a string's, or the bytes'. */
function join<H>(parts: Array<H>): H {
  if (isString<H>()) return changetype<H>(changetype<Array<String>>(parts).join(""));
  let size = 0;
  for (let i = 0; i < parts.length; i++) size += changetype<Uint8Array>(parts[i]).length;
  const out = new Uint8Array(size);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = changetype<Uint8Array>(parts[i]);
    out.set(p, at);
    at += p.length;
  }
  return changetype<H>(out);
}

/** The haystack with the matches [first, end) of `all` replaced by the literal replacement. */
function replaced<H>(h: Hay<H>, all: Array<StaticArray<i32>>, first: i32, replacement: H): H {
  const out = new Array<H>(0);
  let beg = 0;
  for (let i = first; i < all.length; i++) {
    out.push(h.slice(beg, all[i][0]));
    out.push(replacement);
    beg = all[i][1];
  }
  out.push(h.slice(beg, h.n));
  return join<H>(out);
}

export function reReplacefirst<H>(prog: usize, x: H, replacement: H): H {
  const h = new Hay<H>(prog, x);
  const c = h.search(0);
  const all = new Array<StaticArray<i32>>(0);
  if (c != null) all.push(c!);
  return replaced<H>(h, all, 0, replacement);
}

export function reReplacelast<H>(prog: usize, x: H, replacement: H): H {
  const h = new Hay<H>(prog, x);
  const all = h.all();
  return replaced<H>(h, all, all.length > 0 ? all.length - 1 : 0, replacement);
}

export function reReplaceall<H>(prog: usize, x: H, replacement: H): H {
  const h = new Hay<H>(prog, x);
  return replaced<H>(h, h.all(), 0, replacement);
}

/** Pieces between matches; an empty piece before a match at 0 or after one at the end is dropped (as Hadrian). */
export function reSplit<H, P>(prog: usize, x: H): Array<P> {
  const h = new Hay<H>(prog, x);
  const all = h.all();
  const out = new Array<P>(0);
  if (all.length == 0) {
    out.push(piece<H, P>(h.slice(0, h.n)));
    return out;
  }
  let beg = 0;
  // (the piece before a match at 0 is empty and dropped)
  for (let i = 0; i < all.length; i++) {
    if (i > 0 || all[0][0] != 0) out.push(piece<H, P>(h.slice(beg, all[i][0])));
    beg = all[i][1];
  }
  if (beg != h.n) out.push(piece<H, P>(h.slice(beg, h.n)));
  return out;
}
