// A decision tree laid out flat at load time, for the Wasm forms of model.tree.simpleWalk and
// simpleTree (src/lib/util/flatTreeWasm.ts, spec sec. "Decision and regression Trees"): each
// node's comparison is decided once, when the constant tree is loaded, into a code, and its
// children become offsets, so a walk reads a few words per node instead of following the node
// records and their union boxes. The generated code fills it (it knows the record classes); this
// file holds the layout.

/** Bytes per node: value (8), code (4), node index (4), pass (4), fail (4). */
// @ts-ignore: decorator
@inline export const FLAT_NODE: i32 = 24;

/**
 * The nodes of one tree in `cells` (FLAT_NODE bytes each, the root first), the node records for
 * comparisons the table does not decide (`nodes`, by index), and the leaves' values as the walk
 * returns them (`leaves`). A child is the byte offset of its node, or ~i for leaf i.
 */
export class FlatTree<N, L> {
  cells: Array<i32> = new Array<i32>(0);
  nodes: Array<N> = new Array<N>(0);
  leaves: Array<L> = new Array<L>(0);
  /** The address of node 0, set by `seal` once the tree is complete (cells no longer grows). */
  at: usize = 0;

  /** Appends a node with its code and value (children patched later); returns its index. */
  add(node: N, code: i32, value: i64): i32 {
    const i = this.nodes.length;
    this.nodes.push(node);
    const c = this.cells;
    c.push(<i32>value);
    c.push(<i32>(value >>> 32));
    c.push(code);
    c.push(i);
    c.push(0);
    c.push(0);
    return i;
  }

  /** Child `which` (0 pass, 1 fail) of node i is node j. */
  linkNode(i: i32, which: i32, j: i32): void {
    unchecked((this.cells[i * 6 + 4 + which] = j * FLAT_NODE));
  }

  /** Child `which` of node i is a leaf with this value. */
  linkLeaf(i: i32, which: i32, value: L): void {
    unchecked((this.cells[i * 6 + 4 + which] = ~this.leaves.length));
    this.leaves.push(value);
  }

  seal(): FlatTree<N, L> {
    this.at = this.cells.dataStart;
    return this;
  }
}

/** Whether string code x is among the codes of `items` (an Array<i32> by its address), as "in" tests it. */
// (Inlined: a forest's nodes are mostly such tests, a call each was a call per node per record.)
// @ts-ignore: decorator
@inline export function flatIn(items: usize, x: i32): bool {
  const a = changetype<Array<i32>>(items);
  const n = a.length;
  for (let j = 0; j < n; j++) if (unchecked(a[j]) == x) return true;
  return false;
}
