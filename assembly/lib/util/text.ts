// The text of strings in kernels (ARCHITECTURE.md "Strings in kernels"). A kernel's string stays a
// dictionary code (i32): equality, map keys and compareStrings need nothing else. A library form
// that reads text asks for it here (textOf), and the host writes the code's UTF-16 units into
// kernel memory; a form that makes a string interns it (textCode), and the host gives its code.
// Text is an AS String, UTF-16 like a JS string, so unit-based operations (indexOf, split, slices)
// give the JS forms' answers, lone surrogates included; positions in code points are counted by
// the helpers below, as src/lib/util/codepoints.ts counts them.
//
// The mirror (code -> String) is a direct-mapped cache of MIRROR_SIZE entries, bounded whatever the
// dictionary's size. An entry is valid only in the epoch it was made in: the host moves the epoch
// on (textForget) when its dictionary forgets input strings (a code may then name another text) and
// when another engine's host runs on a shared kernel (its dictionary is another one); an arena
// kernel moves it on at every drop, since the Strings lay above the mark.

// @ts-ignore: decorator
@external("pfa", "text")
declare function hostText(code: i32, ptr: usize, capacity: i32): i32;

// @ts-ignore: decorator
@external("pfa", "intern")
declare function hostIntern(ptr: usize, units: i32): i32;

/** Units the host can write without a second call (most strings of scoring inputs are short). */
// @ts-ignore: decorator
@inline const SCRATCH_UNITS: i32 = 256;
const SCRATCH: usize = memory.data(SCRATCH_UNITS << 1, 16);

// @ts-ignore: decorator
@inline const MIRROR_SIZE: i32 = 4096;
// Each entry's code and epoch (i32s) sit in static memory: zero when the kernel starts, never freed
// by an arena drop, and nothing is allocated for them. Only the texts, which the collector must
// see, are an array, and only a kernel that reads or makes text links it (asc compiles a global
// when code uses it; a kernel without strings links textForget alone, which never touches it).
const MIRROR_CODES: usize = memory.data(MIRROR_SIZE << 2, 16);
const MIRROR_EPOCHS: usize = memory.data(MIRROR_SIZE << 2, 16);
const mirrorTexts = new StaticArray<String | null>(MIRROR_SIZE);
/** Entries made in another epoch are not read (the epochs start at 0: no entry is valid). */
let textEpoch: i32 = 1;

/** Forgets every text the kernel holds (the host's dictionary changed, or an arena drop). */
export function textForget(): void {
  if (++textEpoch == i32.MAX_VALUE) {
    // (before the epoch would wrap round to an old entry's: clear them all)
    memory.fill(MIRROR_EPOCHS, 0, <usize>MIRROR_SIZE << 2);
    textEpoch = 1;
  }
}

// @ts-ignore: decorator
@inline function remember(code: i32, s: String): void {
  const slot = code & (MIRROR_SIZE - 1);
  store<i32>(MIRROR_CODES + (<usize>slot << 2), code);
  store<i32>(MIRROR_EPOCHS + (<usize>slot << 2), textEpoch);
  unchecked((mirrorTexts[slot] = s));
}

/** The text of the dictionary code `code`: from the mirror, or written into the kernel by the host. */
export function textOf(code: i32): String {
  const slot = code & (MIRROR_SIZE - 1);
  if (load<i32>(MIRROR_EPOCHS + (<usize>slot << 2)) == textEpoch && load<i32>(MIRROR_CODES + (<usize>slot << 2)) == code)
    return changetype<String>(unchecked(mirrorTexts[slot]));
  const n = hostText(code, SCRATCH, SCRATCH_UNITS);
  const s = changetype<String>(__new(<usize>n << 1, idof<String>()));
  if (n <= SCRATCH_UNITS) memory.copy(changetype<usize>(s), SCRATCH, <usize>n << 1);
  else hostText(code, changetype<usize>(s), n);
  remember(code, s);
  return s;
}

/** The dictionary code of a string made in the kernel: the host interns it (its text is kept here). */
export function textCode(s: String): i32 {
  const code = hostIntern(changetype<usize>(s), s.length);
  remember(code, s);
  return code;
}

/** Codes of made strings, in order (s.split). */
export function textCodes(parts: Array<String>): Array<i32> {
  const n = parts.length;
  const out = new Array<i32>(n);
  for (let i = 0; i < n; i++) unchecked((out[i] = textCode(unchecked(parts[i]))));
  return out;
}

/** The texts of string codes, in order (s.join). */
export function textsOf(codes: Array<i32>): Array<String> {
  const n = codes.length;
  const out = new Array<String>(n);
  for (let i = 0; i < n; i++) unchecked((out[i] = textOf(unchecked(codes[i]))));
  return out;
}

// ---- Code points (src/lib/util/codepoints.ts): a high surrogate followed by a low one is one code
// point; a lone surrogate counts as one, as JS string iteration treats it.

/** UTF-16 units of the code point that starts at unit i (1 or 2). */
// @ts-ignore: decorator
@inline export function cpUnits(s: String, i: i32, n: i32): i32 {
  const c = <u32>s.charCodeAt(i);
  return c - 0xd800 < 0x400 && i + 1 < n && (<u32>s.charCodeAt(i + 1) & 0xfc00) == 0xdc00 ? 2 : 1;
}

/** The code point that starts at unit i. */
export function cpAt(s: String, i: i32, n: i32): i32 {
  const c = s.charCodeAt(i);
  if (cpUnits(s, i, n) == 1) return c;
  return ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00) + 0x10000;
}

/** Code points among the first `units` units of s. */
export function cpCount(s: String, units: i32): i32 {
  const n = s.length;
  let count = 0;
  for (let i = 0; i < units; i += cpUnits(s, i, n)) count++;
  return count;
}

/** Number of code points in s (s.len). */
export function cpLength(s: String): i32 {
  return cpCount(s, s.length);
}

/** UTF-16 offset of code point index cp (0 <= cp <= cpLength(s)). */
export function unitOffset(s: String, cp: i32): i32 {
  const n = s.length;
  let i = 0;
  for (let k = 0; k < cp && i < n; k++) i += cpUnits(s, i, n);
  return i;
}

/** The code points of s (an Array<i32>). */
export function codePointsOf(s: String): Array<i32> {
  const n = s.length;
  const out = new Array<i32>(0);
  for (let i = 0; i < n; i += cpUnits(s, i, n)) out.push(cpAt(s, i, n));
  return out;
}

/** The string of some code points (String.fromCodePoint for each). */
export function fromCodePoints(cps: Array<i32>): String {
  let units = 0;
  for (let i = 0; i < cps.length; i++) units += unchecked(cps[i]) >= 0x10000 ? 2 : 1;
  const s = changetype<String>(__new(<usize>units << 1, idof<String>()));
  let at = changetype<usize>(s);
  for (let i = 0; i < cps.length; i++) {
    const c = unchecked(cps[i]);
    if (c >= 0x10000) {
      store<u16>(at, <u16>(((c - 0x10000) >> 10) + 0xd800));
      store<u16>(at, <u16>(((c - 0x10000) & 0x3ff) + 0xdc00), 2);
      at += 4;
    } else {
      store<u16>(at, <u16>c);
      at += 2;
    }
  }
  return s;
}
