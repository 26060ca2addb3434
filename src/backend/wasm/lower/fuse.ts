/**
 * Fusion of an array's making with its reductions. In `let x = a.map(xs, f)` where every read of
 * `x` is the array argument of a reduction with a fold form (`a.sum(x)`), and in `a.sum(a.map(xs,
 * f))` (the reduction's argument is the producer's call itself), the array is never built:
 * the reductions consume the items inside a.map's loop (WasmItemsForm and WasmFold in
 * lib/registry.ts). Naive Bayes exports sum per-feature log-likelihoods this way (Sonar, aurelius).
 * `a.append(a.map(xs, f), item)` is the second kind with another argument: a.map's items go
 * straight into the appended array (AlpineNow).
 *
 * Why the answers and errors stay the JS backend's: the items are made by the same loop in the same
 * order (so f's errors and the clock checks happen where they did); each reduction adds the same
 * items in the same order; and anything a reduction can raise (an int overflow) is raised by its
 * `finish`, emitted where the reduction's call stands. `x` is never reassigned (`set` excludes it)
 * and is read nowhere else, so no code can see that the array does not exist. Arrays are values in
 * PFA: a reduction read twice, or inside a loop, gives the same result each time.
 */
import { Node } from '../../../ir/tree.js';
import { eachNode } from '../../../ir/walk.js';
import { heldAs } from './convert.js';

export type CallNode = Extract<Node, { k: 'call' }>;

/** For each fusable producer call (the value of a `let`), the reductions that read its result. */
export type FusionPlan = ReadonlyMap<CallNode, readonly CallNode[]>;

/** Finds the fusable `let` bindings of one frame (a routine or a user function, with its inline functions). */
export function planFusions(body: Node): FusionPlan {
  const producers = new Map<number, CallNode>();
  const readers = new Map<number, CallNode[]>();
  const excluded = new Set<number>();
  const consumedReads = new Set<Node>();
  const reads: Extract<Node, { k: 'symbol' }>[] = [];
  const direct = new Map<CallNode, readonly CallNode[]>();

  eachNode(body, (n) => {
    switch (n.k) {
      case 'let':
        n.values.forEach((v, i) => {
          if (v.k === 'call' && v.fn.wasmItems && v.type.kind === 'array') producers.set(n.slots[i], v);
        });
        break;
      case 'set':
        for (const s of n.slots) excluded.add(s);
        break;
      case 'symbol':
        reads.push(n);
        break;
      case 'call': {
        const a = n.args[0];
        if (!n.fn.wasmFold || a?.k !== 'value' || !takenAsIs(a.node.type, a.to)) break;
        // (a reduction with other arguments, a.append, finishes with them: only the producer that
        // is its own argument feeds it, so that it finishes once per producer loop)
        if (a.node.k === 'symbol' && n.args.length === 1) {
          consumedReads.add(a.node);
          const list = readers.get(a.node.slot) ?? [];
          list.push(n);
          readers.set(a.node.slot, list);
        } else if (a.node.k === 'call' && a.node.fn.wasmItems) {
          // `a.sum(a.map(...))`: the array is an argument no one else sees.
          direct.set(a.node, [n]);
        }
        break;
      }
    }
  });
  for (const r of reads) if (!consumedReads.has(r)) excluded.add(r.slot);

  const plan = new Map<CallNode, readonly CallNode[]>(direct);
  for (const [slot, producer] of producers) {
    const uses = readers.get(slot);
    if (uses && !excluded.has(slot)) plan.set(producer, uses);
  }
  return plan;
}

/** The reduction takes the array as it is: an array, and no conversion of its items on the way in. */
function takenAsIs(from: Node['type'], to: Node['type']): boolean {
  return from.kind === 'array' && heldAs(from, to);
}
