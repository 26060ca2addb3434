/**
 * Compiles a parsed `re` pattern (util/regexSyntax.ts) to a small instruction program and runs
 * it by backtracking, leftmost-first with greedy quantifiers, as Hadrian's engine (Joni) does.
 * Inputs are arrays of code points (strings) or bytes.
 *
 * Guard against catastrophic patterns: without back-references, the matcher remembers every
 * (choice point, position) pair it has tried and never tries one twice, so a search costs at
 * most O(choice points × input length) steps, however the pattern nests its quantifiers (the
 * "bit-state" idea of RE2's backtracker). That memo table is capped at MEMO_CELLS; patterns
 * with back-references (where the memo would be unsound) or inputs past the cap run unmemoized
 * under a step budget, and exceeding it raises RegexBudgetError. Counted repetitions are
 * expanded, so programs are capped at MAX_PROGRAM instructions.
 */
import { Node, RegexSyntaxError, hasBackrefs, nullable, parseRegex } from './regexSyntax.js';
import { firstChars, setRanges as rangesOf } from './regexClasses.js';

// biome-ignore lint/suspicious/noConstEnum: local to this file, so tsc and esbuild both inline it into the VM's switch
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

export const MAX_PROGRAM = 100_000;
const MEMO_CELLS = 1 << 22; // 16 MB of generation stamps
const STEP_BUDGET = 20_000_000;

/** What RegexBudgetError says (the kernel's engine raises the same message). */
export const BUDGET_MESSAGE = 'regular expression needs too many steps on this input';

export class RegexBudgetError extends Error {}

type CharTest = (c: number) => boolean;

/** Membership in sorted disjoint ranges: a table for the first 256 characters, a binary search past them. */
function rangeTest(ranges: readonly [number, number][]): CharTest {
  const table = new Uint8Array(256);
  for (const [lo, hi] of ranges) for (let c = lo; c <= Math.min(hi, 255); c++) table[c] = 1;
  return (c) => {
    if (c < 256) return table[c] === 1;
    let lo = 0,
      hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (c < ranges[mid][0]) hi = mid - 1;
      else if (c > ranges[mid][1]) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

export interface Program {
  readonly op: number[];
  readonly a: number[];
  readonly b: number[];
  readonly sets: CharTest[];
  /** Each set's characters (util/regexClasses.ts), which the kernel's engine reads from the encoding. */
  readonly setRanges: [number, number][][];
  /** For each Split instruction, its index among the splits (memo row); -1 elsewhere. */
  readonly splitId: number[];
  readonly splits: number;
  readonly groups: number;
  readonly marks: number;
  readonly memoizable: boolean;
  readonly anchored: boolean;
  /** The characters a match can start with (regexClasses.ts firstChars), or null: any. */
  readonly first: [number, number][] | null;
  readonly startsWith: CharTest | null;
}

export function compile(root: Node, groups: number, unicode: boolean): Program {
  const op: number[] = [],
    a: number[] = [],
    b: number[] = [];
  const sets: CharTest[] = [];
  const setRanges: [number, number][][] = [];
  let marks = 0;
  const emit = (o: Op, x = 0, y = 0): number => {
    if (op.length >= MAX_PROGRAM) throw new RegexSyntaxError('pattern too large');
    op.push(o);
    a.push(x);
    b.push(y);
    return op.length - 1;
  };
  const gen = (n: Node): void => {
    switch (n.t) {
      case 'char':
        emit(Op.Char, n.c);
        return;
      case 'any':
        emit(Op.Any);
        return;
      case 'set':
        setRanges.push(rangesOf(n, unicode));
        sets.push(rangeTest(setRanges[setRanges.length - 1]));
        emit(Op.Set, sets.length - 1);
        return;
      case 'bol':
        emit(Op.Bol);
        return;
      case 'eol':
        emit(Op.Eol);
        return;
      case 'backref':
        emit(Op.Backref, n.n);
        return;
      case 'group':
        emit(Op.Save, 2 * n.n);
        gen(n.body);
        emit(Op.Save, 2 * n.n + 1);
        return;
      case 'cat':
        n.items.forEach(gen);
        return;
      case 'alt': {
        const jumps: number[] = [];
        n.items.forEach((item, k) => {
          if (k < n.items.length - 1) {
            const split = emit(Op.Split);
            a[split] = op.length;
            gen(item);
            jumps.push(emit(Op.Jmp));
            b[split] = op.length;
          } else gen(item);
        });
        for (const j of jumps) a[j] = op.length;
        return;
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) gen(n.body);
        if (n.max === Infinity) {
          // L: split body, exit; body; [check no progress]; jmp L
          const guard = nullable(n.body);
          const r = guard ? marks++ : -1;
          const loop = emit(Op.Split);
          a[loop] = op.length;
          if (guard) emit(Op.Mark, r);
          gen(n.body);
          if (guard) emit(Op.Check, r);
          emit(Op.Jmp, loop);
          b[loop] = op.length;
        } else {
          // Nested optionals: x{0,3} = (x(x(x)?)?)?
          const exits: number[] = [];
          for (let k = n.min; k < n.max; k++) {
            const split = emit(Op.Split);
            a[split] = op.length;
            exits.push(split);
            gen(n.body);
          }
          for (const s of exits) b[s] = op.length;
        }
        return;
      }
    }
  };
  emit(Op.Save, 0);
  gen(root);
  emit(Op.Save, 1);
  emit(Op.Match);
  const splitId = op.map(() => -1);
  let splits = 0;
  op.forEach((o, pc) => {
    if (o === Op.Split) splitId[pc] = splits++;
  });
  const first = root.t === 'cat' ? root.items[0] : root;
  const starts = firstChars(root, unicode);
  return {
    op,
    a,
    b,
    sets,
    setRanges,
    splitId,
    splits,
    groups,
    marks,
    memoizable: !hasBackrefs(root),
    anchored: first !== undefined && first.t === 'bol',
    first: starts,
    startsWith: starts ? rangeTest(starts) : null,
  };
}

/**
 * Parses and compiles a pattern: a string's code points (a lone surrogate counts as one) with
 * Unicode classes, or bytes with ASCII ones. Throws RegexSyntaxError for a bad pattern.
 */
export function compilePattern(pattern: string | Uint8Array): Program {
  const unicode = typeof pattern === 'string';
  const parsed = parseRegex(unicode ? Array.from(pattern, (c) => c.codePointAt(0)!) : pattern);
  return compile(parsed.root, parsed.groups, unicode);
}

/**
 * The program as one list of i32s, the form the kernel's engine runs (assembly/lib/util/regexVm.ts
 * reads this layout; the opcodes are Op's numbers): a header of ENCODED_HEADER words (instruction
 * count, groups, marks, splits, memoizable, anchored, total length, the index of the first
 * characters' block or 0), four words per instruction (op, a, b, split id; a Set's `a` is the
 * index of its set's block), then each set's block and the first characters' block: a bitmap of
 * the first 256 characters in 8 words, the range count and the ranges (low, high).
 */
export const ENCODED_HEADER = 8;

export function encodeProgram(p: Program): number[] {
  const n = p.op.length;
  const out: number[] = [n, p.groups, p.marks, p.splits, p.memoizable ? 1 : 0, p.anchored ? 1 : 0, 0, 0];
  const sets = p.first ? [...p.setRanges, p.first] : p.setRanges;
  const blocks: number[] = [];
  let at = ENCODED_HEADER + 4 * n;
  for (const ranges of sets) {
    blocks.push(at);
    at += 9 + 2 * ranges.length;
  }
  if (p.first) out[7] = blocks[blocks.length - 1];
  for (let pc = 0; pc < n; pc++)
    out.push(p.op[pc], p.op[pc] === Op.Set ? blocks[p.a[pc]] : p.a[pc], p.b[pc], p.splitId[pc]);
  for (const ranges of sets) {
    const bits = new Array<number>(8).fill(0);
    for (const [lo, hi] of ranges) for (let c = lo; c <= Math.min(hi, 255); c++) bits[c >> 5] |= 1 << (c & 31);
    out.push(...bits, ranges.length);
    for (const [lo, hi] of ranges) out.push(lo, hi);
  }
  out[6] = out.length;
  return out;
}

/** Capture positions of a match: [start0, end0, start1, end1, …], -1 for groups that did not take part. */
export type Captures = Int32Array;

/** Runs one program over one input; successive searches share the memo table (stamped by generation). */
export class Matcher {
  private memo: Uint32Array | undefined;
  private generation = 0;
  private readonly useMemo: boolean;

  constructor(
    private readonly prog: Program,
    private readonly input: ArrayLike<number>,
  ) {
    this.useMemo = prog.memoizable && prog.splits * (input.length + 1) <= MEMO_CELLS;
  }

  /**
   * The first match starting at or after `from`, or undefined. Like Hadrian, a search that
   * starts at or past the end of the input finds nothing.
   */
  search(from: number): Captures | undefined {
    const { prog, input } = this;
    const n = input.length;
    if (from >= n) return undefined;
    let memo: Uint32Array | undefined;
    let gen = 0;
    if (this.useMemo && prog.splits > 0) {
      memo = this.memo ??= new Uint32Array(prog.splits * (n + 1));
      gen = ++this.generation;
    }
    const caps = new Int32Array(2 * (prog.groups + 1));
    const regs = new Int32Array(prog.marks);
    const stack: number[] = [];
    const { op, a, b, sets, splitId } = prog;
    let steps = 0;
    const last = prog.anchored ? Math.min(from, 0) : n;
    const { startsWith } = prog;
    for (let start = from; start <= last; start++) {
      // (a start whose character cannot begin a match fails: skipped, with the steps it would count)
      if (startsWith && (start >= n || !startsWith(input[start]))) continue;
      caps.fill(-1);
      stack.length = 0;
      let pc = 0,
        pos = start;
      for (;;) {
        let ok = true;
        if (!memo && ++steps > STEP_BUDGET) throw new RegexBudgetError(BUDGET_MESSAGE);
        switch (op[pc]) {
          case Op.Char:
            if (pos < n && input[pos] === a[pc]) {
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
            if (pos < n && sets[a[pc]](input[pos])) {
              pos++;
              pc++;
            } else ok = false;
            break;
          case Op.Split: {
            if (memo) {
              const cell = splitId[pc] * (n + 1) + pos;
              if (memo[cell] === gen) {
                ok = false;
                break;
              }
              memo[cell] = gen;
            }
            stack.push(0, b[pc], pos);
            pc = a[pc];
            break;
          }
          case Op.Jmp:
            pc = a[pc];
            break;
          case Op.Save:
            stack.push(1, a[pc], caps[a[pc]]);
            caps[a[pc]] = pos;
            pc++;
            break;
          case Op.Bol:
            if (pos === 0) pc++;
            else ok = false;
            break;
          case Op.Eol:
            if (pos === n || (pos === n - 1 && input[pos] === 10)) pc++;
            else ok = false;
            break;
          case Op.Backref: {
            const s = caps[2 * a[pc]],
              e = caps[2 * a[pc] + 1];
            if (s < 0 || e < 0 || pos + (e - s) > n) {
              ok = false;
              break;
            }
            for (let k = 0; k < e - s; k++)
              if (input[s + k] !== input[pos + k]) {
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
            if (!memo) {
              stack.push(2, a[pc], regs[a[pc]]);
              regs[a[pc]] = pos;
            }
            pc++;
            break;
          case Op.Check:
            // An iteration of a loop that consumed nothing fails (with the memo, revisiting the
            // loop's split at the same position does the same).
            if (!memo && regs[a[pc]] === pos) ok = false;
            else pc++;
            break;
          case Op.Match:
            return caps;
        }
        if (ok) continue;
        // Backtrack: undo saves down to the latest choice point.
        let resumed = false;
        while (stack.length > 0) {
          const y = stack.pop()!,
            x = stack.pop()!,
            kind = stack.pop()!;
          if (kind === 0) {
            pc = x;
            pos = y;
            resumed = true;
            break;
          }
          if (kind === 1) caps[x] = y;
          else regs[x] = y;
        }
        if (!resumed) break;
      }
    }
    return undefined;
  }
}
