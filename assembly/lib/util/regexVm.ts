// The `re` library's matcher in kernels: the TS engine's (src/lib/util/regexVm.ts Matcher) step for
// step, on the program it compiles, encoded as i32s (encodeProgram there gives the layout: a
// header, four words per instruction, then each set's bitmap and ranges). A program lies in static
// memory (a constant pattern, compiled when the kernel is built) or in an Array<i32> the host
// compiled (a pattern known only at run time). Same leftmost-first backtracking, the same memo of
// (split, position) pairs when the pattern has no back-references and the table fits, and the same
// step budget otherwise, so a search that would raise RegexBudgetError in JS stops here too.

// @ts-ignore: decorator
@inline const HEADER: i32 = 8;
// @ts-ignore: decorator
@inline const MEMO_CELLS: i64 = 1 << 22;
// @ts-ignore: decorator
@inline const STEP_BUDGET: i32 = 20_000_000;

/** Opcodes: the TS Op enum's numbers, in its order. */
const enum Op {
  Char,
  Any,
  Set,
  Split,
  Jmp,
  Save,
  Bol,
  Eol,
  Backref,
  Mark,
  Check,
  Match,
}

/** Word i of the program at p. */
// @ts-ignore: decorator
@inline function word(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/** Whether c is in the set whose block starts at word `at`: its bitmap below 256, its ranges past. */
// @ts-ignore: decorator
@inline function inSet(p: usize, at: i32, c: i32): bool {
  if (c < 256) return ((word(p, at + (c >> 5)) >>> (c & 31)) & 1) != 0;
  let lo = 0,
    hi = word(p, at + 8) - 1;
  const r = at + 9;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < word(p, r + 2 * mid)) hi = mid - 1;
    else if (c > word(p, r + 2 * mid + 1)) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * One program over one input: bytes (width 0), UTF-16 units without surrogate pairs (1) or code
 * points (2), `n` characters at `input`. Successive searches share the memo (stamped by generation).
 */
export class ReMatcher {
  /** Capture positions of the last match: start and end of the whole match, then of each group. */
  readonly caps: StaticArray<i32>;
  /** Set when a search ran out of steps (the JS form's RegexBudgetError). */
  exhausted: bool = false;
  private readonly regs: StaticArray<i32>;
  private readonly stack: Array<i32> = new Array<i32>(0);
  private memo: StaticArray<u32> | null = null;
  private generation: u32 = 0;
  private readonly useMemo: bool;

  constructor(
    readonly prog: usize,
    readonly input: usize,
    readonly width: i32,
    readonly n: i32,
  ) {
    this.caps = new StaticArray<i32>(2 * (word(prog, 1) + 1));
    this.regs = new StaticArray<i32>(word(prog, 2));
    this.useMemo = word(prog, 4) != 0 && <i64>word(prog, 3) * <i64>(n + 1) <= MEMO_CELLS;
  }

  /** The character at pos (pos < n). */
  // @ts-ignore: decorator
  @inline at(pos: i32): i32 {
    const w = this.width;
    if (w == 1) return <i32>load<u16>(this.input + (<usize>pos << 1));
    if (w == 0) return <i32>load<u8>(this.input + <usize>pos);
    return load<i32>(this.input + (<usize>pos << 2));
  }

  /**
   * Whether a match starts at or after `from` (then in caps). Like Hadrian, a search that starts at
   * or past the end finds nothing. Sets `exhausted` (and finds nothing) past the step budget.
   */
  search(from: i32): bool {
    const p = this.prog;
    const n = this.n;
    if (from >= n) return false;
    const splits = word(p, 3);
    let memo: StaticArray<u32> | null = null;
    let gen: u32 = 0;
    if (this.useMemo && splits > 0) {
      if (this.memo == null) this.memo = new StaticArray<u32>(splits * (n + 1));
      memo = this.memo;
      gen = ++this.generation;
    }
    const caps = this.caps;
    const regs = this.regs;
    const stack = this.stack;
    let steps = 0;
    const last = word(p, 5) != 0 ? min(from, 0) : n;
    const starts = word(p, 7);
    for (let start = from; start <= last; start++) {
      // (a start whose character cannot begin a match fails: skipped, with the steps it would count)
      if (starts != 0) {
        while (start < n && !inSet(p, starts, this.at(start))) start++;
        if (start >= n || start > last) break;
      }
      for (let k = 0; k < caps.length; k++) unchecked((caps[k] = -1));
      stack.length = 0;
      let pc = 0,
        pos = start;
      for (;;) {
        let ok = true;
        if (memo == null && ++steps > STEP_BUDGET) {
          this.exhausted = true;
          return false;
        }
        const ins = HEADER + 4 * pc;
        const a = word(p, ins + 1);
        switch (word(p, ins)) {
          case Op.Char:
            if (pos < n && this.at(pos) == a) {
              pos++;
              pc++;
            } else ok = false;
            break;
          case Op.Any:
            if (pos < n) {
              pos++;
              pc++;
            } else ok = false;
            break;
          case Op.Set:
            if (pos < n && inSet(p, a, this.at(pos))) {
              pos++;
              pc++;
            } else ok = false;
            break;
          case Op.Split: {
            if (memo != null) {
              const cell = word(p, ins + 3) * (n + 1) + pos;
              if (unchecked(memo[cell]) == gen) {
                ok = false;
                break;
              }
              unchecked((memo[cell] = gen));
            }
            stack.push(0);
            stack.push(word(p, ins + 2));
            stack.push(pos);
            pc = a;
            break;
          }
          case Op.Jmp:
            pc = a;
            break;
          case Op.Save:
            stack.push(1);
            stack.push(a);
            stack.push(unchecked(caps[a]));
            unchecked((caps[a] = pos));
            pc++;
            break;
          case Op.Bol:
            if (pos == 0) pc++;
            else ok = false;
            break;
          case Op.Eol:
            if (pos == n || (pos == n - 1 && this.at(pos) == 10)) pc++;
            else ok = false;
            break;
          case Op.Backref: {
            const s = unchecked(caps[2 * a]),
              e = unchecked(caps[2 * a + 1]);
            if (s < 0 || e < 0 || pos + (e - s) > n) {
              ok = false;
              break;
            }
            for (let k = 0; k < e - s; k++)
              if (this.at(s + k) != this.at(pos + k)) {
                ok = false;
                break;
              }
            if (ok) {
              pos += e - s;
              pc++;
            }
            break;
          }
          case Op.Mark:
            if (memo == null) {
              stack.push(2);
              stack.push(a);
              stack.push(unchecked(regs[a]));
              unchecked((regs[a] = pos));
            }
            pc++;
            break;
          case Op.Check:
            // (an iteration of a loop that consumed nothing fails; with the memo, the loop's split does it)
            if (memo == null && unchecked(regs[a]) == pos) ok = false;
            else pc++;
            break;
          default:
            // (Op.Match)
            return true;
        }
        if (ok) continue;
        // Backtrack: undo saves down to the latest choice point.
        let resumed = false;
        while (stack.length > 0) {
          const y = stack.pop(),
            x = stack.pop(),
            kind = stack.pop();
          if (kind == 0) {
            pc = x;
            pos = y;
            resumed = true;
            break;
          }
          if (kind == 1) unchecked((caps[x] = y));
          else unchecked((regs[x] = y));
        }
        if (!resumed) break;
      }
    }
    return false;
  }
}
