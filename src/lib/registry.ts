/**
 * The library registry (STYLE.md items 2-3): every PFA library function is one `LibFunction`
 * object, defined once in the file of its namespace (`m.link.logit` in `lib/m/link.ts`), holding
 * its spec name, signatures, named error codes, JS form and, where it has one, Wasm form. The type
 * checker, both backends, the docs and the coverage report all read this one table.
 */
import { PfaError } from '../errors/PfaError.js';
import { AvroType, FcnType } from '../types/avro.js';
import { Signature, parseSignature } from './sig.js';
import type { StatementWriter } from '../backend/wasm/emit/code.js';

export type ErrorCodes = Record<string, number>;

/** Services of the engine that some functions need (random numbers, logging). */
export interface EngineServices {
  /** Uniform double in [0, 1) from the engine's seeded generator (`randseed`). */
  random(): number;
}

/** What a JS factory knows about its call site, all resolved at compile time. */
export interface CallSite<E extends ErrorCodes = ErrorCodes> {
  /** Parameter types after the signature's labels were bound (arguments arrive converted to these). */
  readonly params: readonly (AvroType | FcnType)[];
  readonly ret: AvroType;
  /** The types bound to the signature's labels, e.g. `bindings.A`. */
  readonly bindings: Readonly<Record<string, AvroType>>;
  /** Which of the function's signatures matched (index into `sigs`). */
  readonly sig: number;
  readonly engine: EngineServices;
  /** Throws the runtime error `name` of this function, with its spec code. */
  fail(name: keyof E & string, message?: string): never;
}

/** A runtime implementation: arguments already evaluated (or thunks, for `lazy` functions). */
// biome-ignore lint/suspicious/noExplicitAny: each implementation takes its own signature's types; with unknown[] none would be assignable (parameters are contravariant)
export type JsImpl = (...args: any[]) => unknown;

/** A function argument as the Wasm lowering sees it: calling it inlines its body. */
export interface WasmFcn {
  readonly params: readonly AvroType[];
  readonly ret: AvroType;
  /** Emits the call with these (pure) argument expressions; returns the (pure) result expression. */
  apply(args: readonly string[]): string;
  /** The same call as an item of a producer (WasmItemsForm), lowered only when a consumer asks. */
  item(args: readonly string[]): WasmItem;
  /**
   * When the argument only calls one library function with its own parameters, in order and of
   * the same types, first (`{"fcn": "model.tree.simpleTest"}`, or a function whose body is that
   * call; the function's other parameters: passedRest):
   * that function's name. A form may then do what the call does in its own way, same answers.
   */
  readonly passesTo?: string;
  /**
   * With passesTo: the called function's parameters after the passed ones, when each is fixed for
   * the whole call of the form (a `fill`, a literal, a cell read whole: `{"fcn": "m.kernel.rbf",
   * "fill": {"gamma": 0.5}}`, or a body `m.kernel.rbf(x, y, 0.5)`). Lowers them where it is called
   * and returns pure expressions in parameter order, so a form can read them once, before its loop.
   */
  passedRest?(): readonly string[];
}

/**
 * One item of a producer, not yet lowered (WasmItemsForm): its consumer asks for it once, as a
 * value or, if it reads a map item entry by entry (map.join), as entries.
 */
export interface WasmItem {
  /** Lowers the item; returns its (pure) value expression. */
  value(): string;
  /**
   * Lowers a map item as its entries, in an order whose sets rebuild it (WasmEntriesForm), without
   * making the map, and returns undefined; where the item's expression has no such form, lowers it
   * as value() does and returns the value.
   */
  entries(each: (key: string, value: string) => void): string | undefined;
}

/**
 * What a Wasm form is given at its call site (backend/wasm/lower). Argument expressions are pure
 * (locals and literals): a form may use them any number of times. Statements go through `emit`,
 * in order; the returned string is a pure expression for the result.
 */
export interface WasmCall extends StatementWriter {
  readonly site: Pick<CallSite, 'params' | 'ret' | 'bindings' | 'sig'>;
  readonly args: readonly string[];
  /**
   * The Avro types of the argument expressions, where known (a direct call): they can differ from
   * `site.params`, e.g. a union in another branch order. Absent for a library function passed as an argument.
   */
  readonly argTypes?: readonly (AvroType | undefined)[];
  fcn(i: number): WasmFcn;
  /** The AssemblyScript type that represents an Avro type. */
  type(t: AvroType): string;
  /** Declares a fresh local in the current function and returns its name. */
  temp(asType: string, init: string): string;
  // (statements and blocks: StatementWriter, emit/code.ts; a block is opened and closed by one call)
  /** A statement that raises the named error of this function and returns from the kernel function. */
  fail(name: string, message?: string): string;
  /**
   * A statement that raises a runtime error for which the spec has no code (the JS form's uncoded
   * PfaError with this message, such as a length limit) and returns from the kernel function.
   */
  failUncoded(message: string): string;
  /**
   * Emits a check that fails with the named error unless f64 `x` is finite. In the speculative copy
   * of a fused loop (backend/wasm/lower/speculate.ts) the check is deferred to the loop's end, so
   * what the form writes after it must be safe to run with any x (arithmetic, no conversion to an
   * integer or index): its result is then thrown away.
   */
  requireFinite(x: string, name: string): void;
  /** A statement for the top of a loop body: fails with a timeout when the host says time is up. */
  clock(): string;
  /**
   * The same for a loop over a collection, cheaper per item: at item `index` (an i32 counting from
   * 0) with `remaining` items left, it charges items to the budget 65,536 at a time (rt.clockSpend).
   */
  clockAt(index: string, remaining: string): string;
  /**
   * The item count of an array expression when the lowering knows it as the kernel is built (an
   * array of known keys, lower/shapes.ts), else undefined: a loop over it can charge the clock once.
   */
  knownLength?(array: string): number | undefined;
  /**
   * When argument `i` is a constant map and argument `j` a map whose keys are known when the kernel
   * is built (a literal's, lower/shapes.ts): `same`, an i32 set at load time, 1 when the two have
   * the same key set; `value(index)`, the value in map j of the key of map i's entry at `index`
   * (read only when same is 1). Else undefined.
   */
  alignedEntries?(i: number, j: number): { same: string; value: (index: string) => string } | undefined;
  /**
   * Where the entries of map expression `map` are, when it was made with another map's keys
   * (lower/shapes.ts rule 7): its size, its keys (a StaticArray<i32>) and its values (a
   * StaticArray, by entry index), pure expressions. Forms that walk entries read these, so that
   * the map itself need not be made. Else undefined.
   */
  entriesOf?(map: string): { size: string; keys: string; store: string } | undefined;
  /**
   * Says that local `out`, just assigned without effects (a map made by `new CodeMap(n, store)` with
   * keys copied in), holds a map with these entries (rule 7): if no statement reads it, it is not
   * made.
   */
  madeWith?(out: string, entries: { size: string; keys: string; store: string }): void;
  /** The length and items (a StaticArray) of array expression `array` when it is a view (madeView), else undefined. */
  viewOf?(array: string): { length: string; items: string } | undefined;
  /** Says that local `array`, just assigned without effects, holds these items (as madeWith). */
  madeView?(array: string, view: { length: string; items: string }): void;
  /**
   * Runs this call's JS form on the host (backend/wasm/lower/hostCall.ts): for functions of text,
   * whose strings the host holds. Returns the (pure) result expression.
   */
  onHost(): string;
  /**
   * The keys a set gives the items of `items` (an array expression of items of type `t`): the base64
   * of each item's Avro encoding (spec "Set or set-like functions"), text the host makes and interns.
   * An Array<i32> of their codes, in item order.
   */
  setKeys(t: AvroType, items: string): string;
  /** The text of argument `i` when it is a constant string (a literal, or a variable no `set` assigns bound to one), else undefined. */
  constantText(i: number): string | undefined;
  /** The address of these i32s in static memory (a data segment of the module). */
  staticI32s(values: readonly number[]): string;
  /**
   * An Array<i32>: the program the host compiles from `pattern`, an expression of the type of
   * parameter 1 (re.*'s pattern: string or bytes; layout: src/lib/util/regexVm.ts encodeProgram). A
   * bad pattern fails at the call with the function's error `name`, worded as the JS form words it.
   */
  regexProgram(pattern: string, name: string): string;
  /** The code points of a string (an Array<i32>), read from the text the kernel mirrors. */
  codePoints(s: string): string;
  /** The string (its code) of the code points in an Array<i32>: made in the kernel and interned. */
  fromCodePoints(cps: string): string;
  /**
   * Calls a kernel function made once per module for `kind` and `key` (a type), with parameters
   * of the AS types `params` and result `ret`: `body` writes it through its own WasmCall, given the
   * parameter names, and returns the result. A body may ask for the same helper again (equality of
   * a recursive record calls itself). Returns a local holding the result; a failure inside (the
   * clock) leaves the caller too.
   */
  helper(
    kind: string,
    key: AvroType,
    params: readonly string[],
    ret: string,
    body: (c: WasmCall, params: readonly string[]) => string,
    args: readonly string[],
  ): string;
  /** Gives up lowering this call; the engine then runs in JS, and --explain prints the reason. */
  unsupported(reason: string): never;
  /** Literal printers (one printer for numbers: NaN, infinities, -0, exact bits). */
  f64(x: number): string;
  i64(x: bigint): string;
  /** Dictionary code of a constant string. */
  str(s: string): string;
  /** The expression for field `name` of a record value of type `t`. */
  field(t: AvroType, record: string, name: string): string;
  /**
   * When argument `i` is an entry of a constant map or array (read from a cell the document never
   * writes), the value `derive(entry)` for that entry, computed once per entry at load time (derive
   * returns a pure AS expression of the entry, without errors); otherwise null. Used to move work
   * that depends only on model parameters out of the per-record path, with the same operations.
   */
  perEntry(i: number, asType: string, derive: (entry: string) => string): string | null;
  /**
   * perEntry, and also for an argument that is itself a constant (an unwritten cell): `derive`'s
   * value for it, computed once at load time into a global. Else null.
   */
  loadTimeOf(i: number, asType: string, derive: (value: string) => string): string | null;
  /**
   * The name of a function made once per module for `kind` and `key`, as `helper` makes it, but
   * not called here: for code that runs at load time (a perEntry or loadTimeOf `derive`).
   */
  loadHelper(
    kind: string,
    key: object,
    params: readonly string[],
    ret: string,
    body: (c: WasmCall, params: readonly string[]) => string,
  ): string;
  /** The byte offset of field `name` in the class of record type `t` (an AS expression). */
  fieldOffset(t: AvroType, name: string): string;
  /** Whether argument i is an entry of a constant container (perEntry then gives tables). */
  isEntry(i: number): boolean;
  /**
   * When argument `i` is an entry of a constant container: an i32 condition, true from the first
   * entry (in the loop's order) for which `test(entry)` holds on, found once at load time (test is
   * a pure AS boolean expression of the entry, without errors); otherwise null. A form checks
   * per item what `test` flags only where this holds, so an error is raised at the same item.
   * `false` in a speculative copy of a loop that has tested, before it, that no item is flagged.
   */
  fromFirstEntry(i: number, test: (entry: string) => string): string | null;
  /** Constructs a record of type `t` from field expressions, in field order. */
  record(t: AvroType, fields: readonly string[]): string;
  /** The value held in branch `i` of a union value (read it only when its tag is i). */
  branch(t: AvroType, union: string, i: number): string;
  /** The tag (branch index) of a union value of type `t`: an i32 expression. */
  tag(t: AvroType, union: string): string;
  /** A start value for a local of type t that is always assigned before it is read. */
  zero(t: AvroType): string;
  /** A union value of type `t` holding `value` in branch `i` (no value for a null branch). */
  makeUnion(t: AvroType, i: number, value?: string): string;
  /**
   * The value `expr` of type `from` as a value of type `to`, which accepts `from`: numbers
   * promoted, containers item by item, a value into its union branch, a union into another union
   * keeping each value's branch (lower/convert.ts). May emit statements.
   */
  convert(expr: string, from: AvroType, to: AvroType): string;
  /** convert of a union value known not to hold null (checked before), into a `to` without null. */
  convertPresent(expr: string, from: AvroType, to: AvroType): string;
}

/** A Wasm form: an AssemblyScript template for one call site (see backend/wasm/lower). */
export type WasmForm = (call: WasmCall) => string;

/** The Wasm form of a function of text: the kernel runs its JS form on the host (WasmCall.onHost). */
export const onHost: WasmForm = (c) => c.onHost();

/**
 * The items of the array a function makes (a.map), one at a time and in order, without the array:
 * the form calls `count` with the number of items (a pure expression) before its loop, then emits
 * the loop and calls `each` inside it with each item and its index. The lowering uses it when the
 * array is only reduced (lower/fuse.ts): the reductions' `wasmFold` steps go there.
 */
export type WasmItemsForm = (
  call: WasmCall,
  each: (item: WasmItem, index: string) => void,
  count: (items: string) => void,
) => void;

/**
 * The entries of the map a function makes (map.add), without the map: the form emits statements
 * that give `each` pure key and value expressions such that setting them in order into a map
 * (a key given again keeps its first place and takes the later value) rebuilds the result, as
 * map.join's sets do. The lowering uses it for a map item that only a join reads (lower/fcnArgs.ts).
 */
export type WasmEntriesForm = (call: WasmCall, each: (key: string, value: string) => void) => void;

/**
 * A reduction of the array argument (`args[0]`) in item order, in two parts, so that the lowering
 * can feed it items another form makes (WasmItemsForm) instead of a built array: `step` consumes one
 * item (its statements run inside the producer's loop, so it must not fail); `finish` is emitted
 * where the call itself stands (an error such as an overflow is raised there, in its place) and
 * returns the result. Accumulators are declared by the fold form itself, before the loop. The
 * function's own `wasm` form runs the same fold over a loop (foldEach in lib/util/wasm.ts): one
 * definition, the same operations in the same order on both paths.
 */
export interface WasmFold {
  /** The number of items, before the first step (a fold that makes an array at its final length). */
  begin?(items: string): void;
  step(item: string, index: string): void;
  /**
   * For a reduction of maps that reads each item entry by entry (map.join): consumes one entry of
   * the current item, so that an item given as entries (WasmItem.entries) is never made.
   */
  entry?(key: string, value: string): void;
  /**
   * `rest`: the reduction's other arguments (a.append's item), evaluated after the items, as the
   * JS backend evaluates them; such a reduction is fused only with the producer that is its own
   * argument, so that its finish runs once per producer loop (lower/fuse.ts).
   */
  finish(rest: readonly string[]): string;
}
export type WasmFoldForm = (call: WasmCall) => WasmFold;

export interface LibFunctionSpec<E extends ErrorCodes> {
  name: string;
  /** Signatures in the compact notation of lib/sig.ts, in the spec's order. */
  sigs: string[];
  /** Named error codes, e.g. `{ intOverflow: 18000 }`: the only place these numbers appear. */
  errors?: E;
  /** Called once per call site; returns the closure that runs each time. */
  js: (site: CallSite<E>) => JsImpl;
  wasm?: WasmForm;
  /** For functions that make an array: its items without the array (see WasmItemsForm). */
  wasmItems?: WasmItemsForm;
  /** For reductions of one array: the reduction as a fold (see WasmFold). */
  wasmFold?: WasmFoldForm;
  /** For functions that make a map: its entries without the map (see WasmEntriesForm). */
  wasmEntries?: WasmEntriesForm;
  /** Arguments arrive as zero-argument thunks (short-circuit operators). */
  lazy?: boolean;
  nondeterministic?: 'pseudorandom' | 'unstable' | 'unordered';
  /** Signatures the spec marks deprecated, by index, with the version. */
  deprecated?: Record<number, string>;
}

export interface LibFunction<E extends ErrorCodes = ErrorCodes> extends Omit<LibFunctionSpec<E>, 'sigs'> {
  readonly signatures: readonly Signature[];
  readonly errors: E;
}

export function defineFunction<E extends ErrorCodes = Record<never, number>>(spec: LibFunctionSpec<E>): LibFunction<E> {
  const signatures = spec.sigs.map((s) => parseSignature(s));
  return { ...spec, errors: (spec.errors ?? {}) as E, signatures };
}

export interface Namespace {
  readonly prefix: string;
  readonly functions: readonly LibFunction[];
}

/**
 * Groups the functions of one namespace. Fails loudly on a duplicate name, a name outside the
 * prefix, or error codes that do not share one block of ten (the spec numbers each function's
 * errors from a base, e.g. 18000, 18001).
 */
export function defineNamespace(prefix: string, functions: LibFunction[]): Namespace {
  const seen = new Set<string>();
  for (const f of functions) {
    if (seen.has(f.name)) throw new Error(`library: ${f.name} is defined twice in ${prefix || '(core)'}`);
    seen.add(f.name);
    const inside =
      prefix === ''
        ? !f.name.includes('.') || /^[^a-z]/.test(f.name)
        : f.name.startsWith(prefix + '.') && !f.name.slice(prefix.length + 1).includes('.');
    if (!inside) throw new Error(`library: ${f.name} does not belong in namespace "${prefix}"`);
    const codes = Object.values(f.errors as ErrorCodes);
    if (codes.length > 0) {
      const base = Math.floor(Math.min(...codes) / 10) * 10;
      if (codes.some((c) => c < base || c >= base + 10))
        throw new Error(`library: ${f.name} has error codes outside one block of ten`);
    }
  }
  return { prefix, functions };
}

/** Turns an error name like "intOverflow" into the message "int overflow". */
export function errorMessage(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

export function makeFail<E extends ErrorCodes>(
  fn: LibFunction<E>,
): (name: keyof E & string, message?: string) => never {
  return (name, message) => {
    const code = fn.errors[name];
    throw new PfaError('runtime', message ?? errorMessage(name), { code, fcn: fn.name });
  };
}
