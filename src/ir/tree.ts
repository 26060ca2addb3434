/**
 * The typed tree: what the checker produces and both backends consume. Every node carries its
 * type and the JSON Pointer of the document node it came from. Local symbols are numbered slots
 * of the frame of the function (or routine) that declares them.
 */
import { AvroType, FcnType } from '../types/avro.js';
import { LibFunction } from '../lib/registry.js';
import { Resolution } from '../types/match.js';

export interface Base {
  readonly type: AvroType;
  readonly path: string;
}

export type PathStep =
  | { readonly kind: 'index'; readonly expr: Node } // array index (int)
  | { readonly kind: 'key'; readonly expr: Node } // map key (string)
  | { readonly kind: 'field'; readonly name: string }; // record field

/** A function given as an argument to a library function. */
export type FcnArg =
  | {
      readonly k: 'fcndef';
      readonly type: FcnType;
      readonly slots: readonly number[];
      readonly body: Node;
      readonly frameSize: number;
    }
  | { readonly k: 'userref'; readonly type: FcnType; readonly name: string; readonly fill: readonly (Node | null)[] }
  | {
      readonly k: 'libref';
      readonly type: FcnType;
      readonly fn: LibFunction;
      readonly resolution: Resolution;
      /** Which of the referenced function's parameters are filled (`fill`), and with what. */
      readonly fill: readonly (Node | null)[];
    }
  | { readonly k: 'emitref'; readonly type: FcnType };

export type Arg =
  | { readonly k: 'value'; readonly node: Node; readonly to: AvroType }
  | { readonly k: 'fcn'; readonly fcn: FcnArg; readonly to: FcnType };

export type Node = Base &
  (
    | { readonly k: 'literal'; readonly value: unknown }
    | { readonly k: 'symbol'; readonly slot: number; readonly name: string }
    | { readonly k: 'let'; readonly slots: readonly number[]; readonly values: readonly Node[] }
    | { readonly k: 'set'; readonly slots: readonly number[]; readonly values: readonly Node[] }
    | { readonly k: 'call'; readonly fn: LibFunction; readonly resolution: Resolution; readonly args: readonly Arg[] }
    | { readonly k: 'ucall'; readonly name: string; readonly args: readonly Node[] }
    | {
        readonly k: 'callenum';
        readonly which: Node;
        readonly names: readonly string[];
        readonly args: readonly Node[];
      }
    | { readonly k: 'emit'; readonly value: Node }
    | { readonly k: 'convert'; readonly value: Node }
    | { readonly k: 'do'; readonly body: readonly Node[] }
    | { readonly k: 'if'; readonly cond: Node; readonly then: Node; readonly else: Node | null }
    | { readonly k: 'cond'; readonly clauses: readonly { cond: Node; then: Node }[]; readonly else: Node | null }
    | { readonly k: 'while'; readonly cond: Node; readonly body: Node }
    | { readonly k: 'until'; readonly body: Node; readonly cond: Node }
    | { readonly k: 'for'; readonly init: Node; readonly cond: Node; readonly step: Node; readonly body: Node }
    | { readonly k: 'foreach'; readonly slot: number; readonly array: Node; readonly body: Node }
    | {
        readonly k: 'forkeyval';
        readonly keySlot: number;
        readonly valueSlot: number;
        readonly map: Node;
        readonly body: Node;
      }
    | { readonly k: 'newarray'; readonly items: readonly Node[] }
    | { readonly k: 'newmap'; readonly keys: readonly string[]; readonly values: readonly Node[] }
    | { readonly k: 'newrecord'; readonly fields: readonly string[]; readonly values: readonly Node[] }
    | {
        readonly k: 'attr';
        readonly target: Node;
        readonly steps: readonly PathStep[];
        readonly to: Node | FcnArg | null;
        readonly code: number;
      }
    | {
        readonly k: 'cell';
        readonly name: string;
        readonly steps: readonly PathStep[];
        readonly to: Node | FcnArg | null;
        readonly code: number;
      }
    | {
        readonly k: 'pool';
        readonly name: string;
        readonly steps: readonly PathStep[];
        readonly to: Node | FcnArg | null;
        readonly init: Node | null;
        readonly code: number;
      }
    | { readonly k: 'pooldel'; readonly name: string; readonly key: Node }
    | {
        readonly k: 'cast';
        readonly value: Node;
        readonly cases: readonly { type: AvroType; slot: number; body: Node }[];
        readonly partial: boolean;
      }
    | {
        readonly k: 'ifnotnull';
        readonly slots: readonly number[];
        readonly values: readonly Node[];
        readonly then: Node;
        readonly else: Node | null;
      }
    | { readonly k: 'error'; readonly message: string; readonly code: number | undefined }
    | { readonly k: 'try'; readonly value: Node; readonly filter: readonly (string | number)[] | null }
    | { readonly k: 'log'; readonly values: readonly Node[]; readonly namespace: string | null }
    | { readonly k: 'pack'; readonly items: readonly { format: string; value: Node }[] }
    | {
        readonly k: 'unpack';
        readonly bytes: Node;
        readonly slots: readonly number[];
        readonly formats: readonly string[];
        /** The type each slot binds (check/pack.ts parseFormat), in the order of `slots`. */
        readonly slotTypes: readonly AvroType[];
        readonly then: Node;
        readonly else: Node | null;
      }
  );

/** Whether a path's `to` (or any Node | FcnArg) is an expression rather than a function. */
export function isNode(x: Node | FcnArg): x is Node {
  return !(x.k === 'fcndef' || x.k === 'userref' || x.k === 'libref' || x.k === 'emitref');
}

/** A `convert` node's source type is its value's type; its own type is the target. */
export type ConvertNode = Extract<Node, { k: 'convert' }>;

export interface UserFunction {
  readonly name: string;
  readonly type: FcnType;
  readonly paramSlots: readonly number[];
  body: Node;
  frameSize: number;
  readonly path: string;
}

export interface CellSpec {
  readonly name: string;
  readonly type: AvroType;
  readonly init: unknown;
  readonly shared: boolean;
  readonly rollback: boolean;
  readonly written: boolean;
}
export interface PoolSpec {
  readonly name: string;
  readonly type: AvroType;
  readonly init: unknown;
  readonly shared: boolean;
  readonly rollback: boolean;
  readonly written: boolean;
}

/** A routine (begin, action, end, merge) with its frame size; predefined symbols sit in the first slots. */
export interface Routine {
  readonly body: Node;
  readonly frameSize: number;
  readonly predefined: Readonly<Record<string, number>>;
}

/** The document option naming library functions the Wasm lowering declines (backend/wasm/lower/decline.ts). */
export const DECLINE_OPTION = 'wasm.decline';

export interface TypedEngine {
  readonly name: string;
  readonly method: 'map' | 'emit' | 'fold';
  readonly input: AvroType;
  readonly output: AvroType;
  readonly begin: Routine | null;
  readonly action: Routine;
  readonly end: Routine | null;
  readonly merge: Routine | null;
  readonly fcns: ReadonlyMap<string, UserFunction>;
  readonly cells: ReadonlyMap<string, CellSpec>;
  readonly pools: ReadonlyMap<string, PoolSpec>;
  readonly zero: unknown;
  readonly randseed: bigint | null;
  readonly version: number | null;
  readonly metadata: ReadonlyMap<string, string>;
  readonly options: Readonly<Record<string, unknown>>;
  readonly doc: string | null;
  /** Library and user functions the document calls (for `pfa-wasm check`). */
  readonly used: ReadonlySet<string>;
}
