/**
 * What the expression checker carries around: the document's named types, user functions, cells,
 * pools, the method (for `emit`), and helpers to coerce a typed node to an expected type.
 */
import { AvroType, FcnType, T, accepts, narrowest, typeToString } from '../types/avro.js';
import { TypeNames } from '../types/schema.js';
import { Node } from '../ir/tree.js';
import { needsConversion } from '../types/convert.js';
import { checkMessages as M } from '../errors/checkMessages.js';
import { JsonValue } from '../document/json.js';

export interface CellInfo {
  readonly type: AvroType;
  written: boolean;
}

export interface CheckContext {
  readonly names: TypeNames;
  readonly fcnTypes: ReadonlyMap<string, FcnType>;
  readonly fcnParamNames: ReadonlyMap<string, readonly string[]>;
  readonly cells: ReadonlyMap<string, CellInfo>;
  readonly pools: ReadonlyMap<string, CellInfo>;
  readonly method: 'map' | 'emit' | 'fold';
  readonly output: AvroType;
  /** Functions called, for `pfa-wasm check`'s summary. */
  readonly used: Set<string>;
}

/** Nodes whose type is the spec's bottom type (they never return: `error`, or branches that all end in one). */
export const bottoms = new WeakSet<Node>();

export function isBottom(n: Node): boolean {
  return bottoms.has(n);
}

/** Wraps `node` in a conversion when its JS representation changes on the way to `to`. */
export function coerce(node: Node, to: AvroType): Node {
  if (isBottom(node)) return node;
  if (!needsConversion(node.type, to)) return node;
  return { k: 'convert', type: to, path: node.path, value: node };
}

/** Checks that `to` accepts the node's type, then coerces it. */
export function expect(node: Node, to: AvroType, what: string): Node {
  if (!isBottom(node) && !accepts(to, node.type)) {
    throw M.typeMismatch.at(node.path, what, typeToString(to), typeToString(node.type));
  }
  return coerce(node, to);
}

/** The narrowest supertype of branch results, ignoring branches that never return. */
export function joinTypes(nodes: readonly Node[], path: string): AvroType {
  const live = nodes.filter((n) => !isBottom(n));
  if (live.length === 0) return T.null;
  const t = narrowest(live.map((n) => n.type));
  if (!t) throw M.incompatibleBranches.at(path, live.map((n) => typeToString(n.type)).join(', '));
  return t;
}

export function isObject(x: unknown): x is { [k: string]: JsonValue } {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The keys of a JSON object other than the "@" locator mark. */
export function keysOf(o: { [k: string]: JsonValue }): string[] {
  return Object.keys(o).filter((k) => k !== '@');
}

export function requireString(x: JsonValue | undefined, what: string, path: string): string {
  if (typeof x !== 'string') throw M.notAString.at(path, what);
  return x;
}

export function requireBoolean(x: JsonValue | undefined, what: string, path: string): boolean {
  if (typeof x !== 'boolean') throw M.notABoolean.at(path, what);
  return x;
}
