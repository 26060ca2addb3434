/**
 * One generated AssemblyScript function being written: its statements, its locals (PFA symbol
 * slots and temporaries, all declared at the top) and what an early return gives back.
 */
import { AvroType } from '../../../types/avro.js';
import { AsTypes } from '../types.js';
import { Names, RT } from '../emit/names.js';
import { Statements } from '../emit/code.js';
import type { Node } from '../../../ir/tree.js';
import type { WasmFold } from '../../../lib/registry.js';
import type { FusionPlan } from './fuse.js';
import { Shapes } from './shapes.js';
import type { Speculation } from './speculate.js';

/** A block head that `break` leaves (a loop or a switch). */
const BREAKABLE_HEAD = /^\s*(for|while|do|switch)\b/;
/** A one-line statement holding a loop or a switch, whose `break` stays inside it. */
const BREAKABLE_INSIDE = /\b(for|while|do|switch)\s*[({]/;

/** One block level of a function body (the module's Lines use the same). */
const INDENT = '  ';

export class Fn extends Statements {
  private readonly decls: string[] = [];
  private readonly lines: string[] = [];
  private slots = new Map<number, string>();
  private slotTypes = new Map<number, AvroType>();
  /** The frame's fusable producers and their reductions (lower/fuse.ts); set before lowering. */
  fusion: FusionPlan = new Map();
  /** Reductions whose items a fused producer already fed: the call node's fold, to finish where it stands. */
  readonly folds = new Map<Node, WasmFold>();
  /** The frame's symbol slots that a `set` assigns (lower/shapes.ts assignedSlots); set before lowering. */
  assigned: ReadonlySet<number> = new Set();
  /** What is known of the keys of this frame's maps and string arrays (lower/shapes.ts). */
  readonly shapes = new Shapes();
  /** The locals of slots no `set` assigns: the only slot locals that get shape facts. */
  private readonly stableSlots = new Set<string>();
  private readonly slotLocals = new Set<string>();

  constructor(
    readonly names: Names,
    readonly types: AsTypes,
    /** What `return` gives back after a failure (the zero of the function's return type). */
    readonly failReturn: string,
  ) {
    super();
  }

  protected push(line: string, depth: number): void {
    this.lines.push(INDENT.repeat(depth) + line);
  }

  /** The declarations of every local, then the statements (without those of unread droppable locals). */
  protected output(): readonly string[] {
    const dead = this.deadLocals();
    // (an empty line is a `later` line left unfilled)
    if (dead.size === 0) return [...this.decls, ...this.lines.filter((l) => l !== '')];
    const keep = (line: string) => !dead.has(/^\s*(?:let )?(\w+)[:=\s]/.exec(line)?.[1] ?? '');
    return [...this.decls.filter(keep), ...this.lines.filter((l) => l !== '' && keep(l))];
  }

  /** Locals whose value nothing may need if no statement reads them (a map literal's map). */
  private readonly droppables: string[] = [];

  /**
   * `local` was just assigned a value made without effects (the map of a map literal, whose reads
   * by known key go to its values' array): if the finished function reads it nowhere, only copies
   * it into slot locals read nowhere, those statements are left out of the output.
   */
  droppable(local: string): void {
    this.droppables.push(local);
  }

  /**
   * The droppable locals no statement reads, and the slot locals they were copied into. A line
   * that assigns a dead local is left out, so what only it read may be dead too (a map read only
   * by map.values' dead view of it, lower/shapes.ts rule 7): the search runs until nothing changes.
   */
  private deadLocals(): ReadonlySet<string> {
    const dead = new Set<string>();
    if (this.droppables.length === 0) return dead;
    /**
     * Whether every line naming `local` assigns it (the droppable: its one assignment, made by temp
     * without effects; a slot: a copy of a local), assigns a dead local, or copies it into a slot
     * local that is dead too.
     */
    const unread = (local: string, seen: Set<string>, slot: boolean): boolean => {
      seen.add(local);
      const word = new RegExp(`\\b${local}\\b`);
      const assigns = slot ? new RegExp(`^${local} = \\w+!?;$`) : null;
      const copies: string[] = [];
      for (const line of this.lines) {
        if (!word.test(line)) continue;
        const t = line.trim();
        if (assigns ? assigns.test(t) : t.startsWith(`${local} = `) && !word.test(t.slice(local.length + 3))) continue;
        if (dead.has(/^(\w+) = /.exec(t)?.[1] ?? '')) continue;
        const copy = new RegExp(`^(s\\d+) = ${local};$`).exec(t);
        if (!copy || seen.has(copy[1]) || !this.slotLocals.has(copy[1])) return false;
        copies.push(copy[1]);
      }
      return copies.every((c) => unread(c, seen, true));
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const local of this.droppables) {
        if (dead.has(local)) continue;
        const seen = new Set<string>();
        if (!unread(local, seen, false)) continue;
        for (const l of seen) dead.add(l);
        changed = true;
      }
    }
    return dead;
  }

  /** A fresh local of AS type `asType` initialised to `init` (declared at the top, assigned here). */
  temp(asType: string, init: string): string {
    const name = this.names.mint('t');
    this.decls.push(`let ${name}: ${asType} = ${this.types.zeroOfAs(asType)};`);
    this.push(`${name} = ${init};`, this.level);
    this.noteValue(name, init);
    return name;
  }

  private readonly hints = new Map<string, string>();

  /**
   * Remembers where a local's value came from when it is an item of an array or a key of a map at a
   * loop index (`unchecked(a[i])`, `m.keyAt(i)`): a map lookup with that key then tries entry i first
   * (CodeMap.findHint). Naive Bayes and regression models look keys up in maps that list them in the
   * same order as the loop. Only a guess: findHint checks it, so a stale hint costs one compare.
   */
  noteValue(local: string, expr: string): void {
    const m = /^unchecked\(\w+\[(\w+)\]\)$/.exec(expr) ?? /^\w+\.keyAt\((\w+)\)$/.exec(expr);
    if (m) this.hints.set(local, m[1]);
    this.bound(local, expr);
  }

  /** Whether no `set` assigns slot local `local` (so what it holds is what it was bound to). */
  isStable(local: string): boolean {
    return this.stableSlots.has(local);
  }

  /** Whether any statement or local has been written. */
  get written(): boolean {
    return this.lines.length > 0 || this.decls.length > 0;
  }

  private readonly names_ = new Map<string, string>();

  /**
   * The local or global that a slot local no `set` assigns was bound to, when it was bound to a plain
   * name (`let ks = c42!`, an inlined call's argument: Module.inlineCall); else undefined.
   */
  boundName(local: string): string | undefined {
    return this.names_.get(local);
  }

  /** Keeps the shape facts (lower/shapes.ts) of a local just assigned `expr`. */
  bound(local: string, expr: string): void {
    if (this.stableSlots.has(local)) {
      if (/^\w+!?$/.test(expr)) this.names_.set(local, this.names_.get(expr) ?? expr);
      else this.names_.delete(local);
      this.shapes.slot(local, expr);
      if (/^\d+$/.test(expr)) this.constants.set(local, expr);
    } else if (!this.slotLocals.has(local)) this.shapes.temp(local, expr);
  }

  /** The stable slot locals bound to a literal number or string code (lower/expr.ts literal). */
  private readonly constants = new Map<string, string>();

  /**
   * The literal an expression is (a string's dictionary code, a number), directly or through a
   * variable that no `set` assigns and that a `let` bound to it: `let p = "[0-9]+"` is as constant
   * a pattern as the literal.
   */
  literalOf(expr: string): string | undefined {
    return /^\d+$/.test(expr) ? expr : this.constants.get(expr);
  }

  /** The index to try first when looking `local` up as a key (see noteValue). */
  hint(local: string): string | undefined {
    return this.hints.get(local);
  }

  /** A fresh local with no assignment yet. */
  local(asType: string): string {
    const name = this.names.mint('t');
    this.decls.push(`let ${name}: ${asType} = ${this.types.zeroOfAs(asType)};`);
    return name;
  }

  /** The local holding PFA symbol slot `slot`, declared on first use with the slot's type. */
  slot(slot: number, type: AvroType): string {
    let name = this.slots.get(slot);
    if (!name) {
      name = this.names.mint('s');
      this.slotLocals.add(name);
      if (!this.assigned.has(slot)) this.stableSlots.add(name);
      this.decls.push(`let ${name}: ${this.types.as(type)} = ${this.types.zero(type)};`);
      this.slots.set(slot, name);
      this.slotTypes.set(slot, type);
    }
    return name;
  }

  /**
   * Runs `body` with the frame of an inlined user function (lower/module.ts inlineCall): slots of
   * its own (fresh locals), its fusion plan and its reassigned slots; the caller's come back after.
   */
  inFrame<R>(fusion: FusionPlan, assigned: ReadonlySet<number>, body: () => R): R {
    const saved = { slots: this.slots, slotTypes: this.slotTypes, fusion: this.fusion, assigned: this.assigned };
    this.slots = new Map();
    this.slotTypes = new Map();
    this.fusion = fusion;
    this.assigned = assigned;
    try {
      return body();
    } finally {
      ({ slots: this.slots, slotTypes: this.slotTypes, fusion: this.fusion, assigned: this.assigned } = saved);
    }
  }

  existingSlot(slot: number): string | undefined {
    return this.slots.get(slot);
  }

  /** The type slot `slot` was declared with, if it has been. */
  slotType(slot: number): AvroType | undefined {
    return this.slotTypes.get(slot);
  }

  /**
   * How many `try` bodies enclose the code being written. Inside one a failure leaves by `break`,
   * not `return`: the body is a `do { } while (false)` and every loop or switch in it is followed
   * by a check that breaks on (AssemblyScript has no labelled break), so it reaches the try's
   * boundary, which decides whether the error is caught (lower/forms.ts lowerTry).
   */
  private tries = 0;

  /** Writes `body` as the inside of a `try`: failures in it go to just after it. */
  insideTry(body: () => void): void {
    this.tries++;
    try {
      super.group(['do {', '} while (false);'], [body]);
    } finally {
      this.tries--;
    }
  }

  /** How a failure leaves the code being written: the function, or the innermost try body. */
  private leave(): string {
    return this.tries > 0 ? 'break;' : `return ${this.failReturn};`;
  }

  /**
   * The speculative copy of a loop being written (lower/speculate.ts), if one is: a failure in it
   * raises nothing and leaves it (the checked copy raises the error), so its site (given as a
   * function) is not even made.
   */
  speculation: Speculation | undefined;

  /** Statement: record failure `site` and leave. */
  fail(site: number | (() => number)): string {
    if (this.speculation) return `{ ${site === 0 ? this.speculation.timeout() : this.speculation.bail()} }`;
    return `{ ${RT.fail}(${typeof site === 'number' ? site : site()}); ${this.leave()} }`;
  }

  /** Statement: record failure `site`, naming the value `detail` (an i32: rt.failWith), and leave. */
  failWith(site: number | (() => number), detail: string): string {
    if (this.speculation) return `{ ${this.speculation.bail()} }`;
    return `{ ${RT.failWith}(${typeof site === 'number' ? site : site()}, ${detail}); ${this.leave()} }`;
  }

  /** Statement: leave at once if a callee failed. */
  propagate(): string {
    if (this.speculation) return this.speculation.propagate();
    return `if (${RT.errorSite} != 0) ${this.leave()}`;
  }

  /** The check after a loop or switch that a failure inside leaves by `break` (a try body, a speculative copy). */
  private afterBreakable(): string | undefined {
    if (this.speculation) return this.speculation.after();
    return this.tries > 0 ? this.propagate() : undefined;
  }

  /** A loop or switch inside a try body is followed by a check: a failure in it broke out of it only. */
  override emit(statement: string): void {
    super.emit(statement);
    const after = BREAKABLE_INSIDE.test(statement) ? this.afterBreakable() : undefined;
    if (after) super.emit(after);
  }

  /**
   * A line to be written later, here (the test of a speculative copy's assumptions, known only
   * once its loop is written): `fill` sets it; an empty line is left out.
   */
  later(): (line: string) => void {
    const at = this.lines.length;
    const depth = this.level;
    this.lines.push('');
    return (line) => {
      this.lines[at] = line === '' ? '' : INDENT.repeat(depth) + line;
    };
  }

  /** Where the writing is (for `since` and `rollback`). */
  get mark(): { lines: number; decls: number } {
    return { lines: this.lines.length, decls: this.decls.length };
  }

  /** The statements written since `mark`, without their indentation. */
  since(mark: { lines: number }): string[] {
    return this.lines.slice(mark.lines).map((l) => l.trim());
  }

  /**
   * Forgets the statements written since `mark` (a speculative loop copy that gained nothing), at
   * the block depth of now, and the temporaries declared since (no one names them again); a slot
   * local stays declared, since the slot keeps its local.
   */
  rollback(mark: { lines: number; decls: number }): void {
    this.lines.length = mark.lines;
    const kept = this.decls.slice(mark.decls).filter((d) => this.slotLocals.has(/^let (\w+)/.exec(d)![1]));
    this.decls.splice(mark.decls, Infinity, ...kept);
  }

  override group(parts: readonly (string | (() => string))[], bodies: readonly (() => void)[]): void {
    let head = '';
    const first = parts[0];
    const rest = parts.slice(1);
    super.group([() => (head = typeof first === 'string' ? first : first()), ...rest], bodies);
    const after = BREAKABLE_HEAD.test(head) ? this.afterBreakable() : undefined;
    if (after) super.emit(after);
  }
}
