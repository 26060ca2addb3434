/**
 * Statements of generated AssemblyScript, written so that braces always balance (STYLE.md item 5;
 * ajv's CodeGen works this way): a block is opened and closed by one call, `block(head, body)`,
 * which writes `head {`, then what `body` writes, then `}`. A plain statement must balance its own
 * braces, so a lone `}` (or an opening brace left for someone else to close) is refused at once,
 * with the statement in the message, instead of failing later in asc or, worse, compiling into a
 * different nesting.
 */

/** `{` minus `}` in a line of generated code (string literals never occur in it: strings are dictionary codes). */
function braceBalance(text: string): { net: number; lowest: number } {
  let net = 0;
  let lowest = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 123) net++;
    else if (ch === 125) lowest = Math.min(lowest, --net);
  }
  return { net, lowest };
}

function unbalanced(what: string, text: string): Error {
  return new Error(`internal: generated code with unbalanced braces (${what}): ${text}`);
}

/** A writer of generated statements and blocks (a function body, module-level code); subclasses say where a finished line goes. */
export abstract class Statements {
  /** Blocks open at this point (for a check that every body closed what it opened). */
  private depth = 0;

  /** The blocks open where the next line goes. */
  protected get level(): number {
    return this.depth;
  }

  /** A finished line at block depth `depth` (0 outside every block this writer opened). */
  protected abstract push(line: string, depth: number): void;

  /** Every line written, in order, once every block is closed (for include). */
  protected abstract output(): readonly string[];

  /** One statement, or several on one line; its braces must balance (`{ a; b; }` is fine, `}` alone is not). */
  emit(statement: string): void {
    if (!statement) return;
    const b = braceBalance(statement);
    if (b.net !== 0 || b.lowest < 0) throw unbalanced('a statement', statement);
    this.push(statement, this.depth);
  }

  /** The lines another writer wrote (a function body into its declaration), at this depth. */
  include(other: Statements): void {
    if (other.depth !== 0) throw new Error('internal: a writer included with blocks still open');
    for (const line of other.output()) this.push(line, this.depth);
  }

  /** `head {`, the statements `body` writes, `}`. `head` is any statement prefix: `for (...)`, `if (x) y; else`. */
  block(head: string, body: () => void): void {
    this.group([`${head} {`, '}'], [body]);
  }

  /** `if (cond) {` then `} else {` otherwise `}` (no else part when `otherwise` is absent). */
  if_(cond: string, then: () => void, otherwise?: () => void): void {
    if (otherwise) this.group([`if (${cond}) {`, '} else {', '}'], [then, otherwise]);
    else this.block(`if (${cond})`, then);
  }

  /** `if (c0) {` b0 `} else if (c1) {` b1 ... `} else {` otherwise `}`: conditions are pure expressions. */
  ifChain(clauses: readonly (readonly [cond: string, body: () => void])[], otherwise?: () => void): void {
    const parts = clauses.map(([cond], i) => (i === 0 ? `if (${cond}) {` : `} else if (${cond}) {`));
    const bodies = clauses.map(([, body]) => body);
    if (otherwise) {
      parts.push('} else {');
      bodies.push(otherwise);
    }
    parts.push('}');
    this.group(parts, bodies);
  }

  /** `do {` body `} while (cond);` */
  doWhile(body: () => void, cond: string): void {
    this.group(['do {', `} while (${cond});`], [body]);
  }

  /** `switch (value) {` then `case k: {` body `break; }` per case `}`. */
  switch_(head: string, cases: readonly (readonly [label: string, body: () => void])[]): void {
    this.block(head, () => {
      for (const [label, body] of cases) this.group([`case ${label}: {`, 'break; }'], [body]);
    });
  }

  /**
   * PFA's `cond` shape: `if (c0) {` b0 `} else {`, then inside that else the statements that compute
   * c1 and `if (c1) {` b1 `} else {`, and so on, `otherwise` innermost; a clause's condition is
   * computed only when the ones before it were false. The chain's closing braces share one line.
   */
  elseNested(clauses: readonly (readonly [cond: () => string, body: () => void])[], otherwise?: () => void): void {
    const start = this.depth;
    for (const [cond, body] of clauses) {
      const c = cond();
      this.open(`if (${c}) {`);
      body();
      this.push('} else {', this.depth - 1);
    }
    otherwise?.();
    this.closeTo(start);
  }

  /**
   * The general form the others are made of: `parts[0]`, `bodies[0]`, `parts[1]`, ..., `parts[n]`.
   * The first part opens some braces (`if (a) { if (b) {`), each middle part closes some and leaves
   * at least one open (`} } else {`), the last closes all that are open. A part given as a function
   * is written when it is reached, so it can name a local its body declared (`x = f(t1); }`).
   */
  group(parts: readonly (string | (() => string))[], bodies: readonly (() => void)[]): void {
    if (parts.length !== bodies.length + 1 || bodies.length === 0)
      throw new Error(`internal: a block of ${parts.length} parts and ${bodies.length} bodies`);
    const text = (part: string | (() => string)) => (typeof part === 'string' ? part : part());
    const head = text(parts[0]);
    const opens = braceBalance(head);
    if (opens.net <= 0 || opens.lowest < 0) throw unbalanced('a block head', head);
    const start = this.depth;
    let open = opens.net;
    this.push(head, start);
    this.depth = start + open;
    bodies.forEach((body, i) => {
      body();
      if (this.depth !== start + open) throw unbalanced('a block body left braces open', head);
      const part = text(parts[i + 1]);
      const b = braceBalance(part);
      const last = i === bodies.length - 1;
      if (b.lowest < -open || (last ? open + b.net !== 0 : open + b.net <= 0))
        throw unbalanced(last ? 'a block end' : 'a block middle', part);
      open += b.net;
      this.push(part, start);
      this.depth = start + open;
    });
  }

  private open(head: string): void {
    const b = braceBalance(head);
    if (b.net !== 1 || b.lowest < 0) throw unbalanced('a block head', head);
    this.push(head, this.depth);
    this.depth++;
  }

  /** Closes every block opened since depth `start`, on one line. */
  private closeTo(start: number): void {
    if (this.depth < start) throw new Error('internal: a block closed twice');
    if (this.depth > start) this.push('}'.padEnd(this.depth - start, '}'), start);
    this.depth = start;
  }
}

/**
 * Statements collected into lines, each indented by `unit` once per block it is in (module-level
 * code: the kernel's entries and functions; the default '' keeps lines flat).
 */
export class Lines extends Statements {
  readonly lines: string[] = [];

  constructor(private readonly unit = '') {
    super();
  }

  protected push(line: string, depth: number): void {
    this.lines.push(this.unit.repeat(depth) + line);
  }

  protected output(): readonly string[] {
    return this.lines;
  }

  /** The source text (every block closed). */
  text(): string {
    return this.lines.join('\n');
  }
}

/** What a library form may write: statements and blocks (see WasmCall in lib/registry.ts). */
export type StatementWriter = Pick<
  Statements,
  'emit' | 'block' | 'if_' | 'ifChain' | 'doWhile' | 'switch_' | 'elseNested' | 'group'
>;

/** The writer methods of `s`, bound, to hand to code that must not see the rest of it. */
export function writerOf(s: Statements): StatementWriter {
  return {
    emit: (statement) => s.emit(statement),
    block: (head, body) => s.block(head, body),
    if_: (cond, then, otherwise) => s.if_(cond, then, otherwise),
    ifChain: (clauses, otherwise) => s.ifChain(clauses, otherwise),
    doWhile: (body, cond) => s.doWhile(body, cond),
    switch_: (head, cases) => s.switch_(head, cases),
    elseNested: (clauses, otherwise) => s.elseNested(clauses, otherwise),
    group: (parts, bodies) => s.group(parts, bodies),
  };
}
