/**
 * The version of the lowering and kernel ABI; manifests from another version are not used. A
 * precompiled module is matched by its document's and generated source's hashes and by this
 * version: the AssemblyScript runtime and library under assembly/ and the asc options in
 * asconfig.json are not in the generated source, so a change there must move this version on, or
 * old modules would keep the old runtime code. test/backend/wasm/version.test.ts checks their hash
 * (ASSEMBLY_SHA256) and fails until both are updated together.
 * Version 3: scalar unions are v128 values and maps of them cross the wire as arrays (wire.ts).
 * Version 4: errorDetail (the missing key or index an error message names) and the batch status slot's high half.
 * Version 5: the fdlibm port under assembly/lib/util/fdlibm (not yet the kernels' Math); one
 * log-gamma family for m.special and prob.dist (rt.distLnGammaKernel and
 * rt.distLnBeta forward to m.special's kernels; lnBeta uses Stirling's forms; erfc is Q(1/2, x^2)
 * on [1/2, 2)).
 * Version 5 also: rt.logEnd and the "pfa.log" import (the `log` special form).
 * Version 5 also: library calls run on the host (`pfa.call`, `pfa.take` and the call slots: strings).
 * Version 5 also: bytes and fixed values (assembly/lib/bytes.ts) and their wire layout; the host
 * imports strTest and strBytes (bytes.* on strings).
 * Version 5 also: the kernels' Math is the fdlibm port (asconfig.json `--use Math=FdlibmMath`, compiled in
 * through assembly/runtime.ts): kernels import no math from the host.
 * Version 6: numeric kernels for la.inverse, la.eigenBasis, the hypergeometric distribution and
 * the chi-square CDF (assembly/lib/util/chiSquare.ts, rt.chiSquareCdf).
 * Version 6 also: one host-call path for every library call run on the host: bytes and values of any
 * type cross (rt.hostResultWire, outAt, outDrop), the strTest and strBytes imports are gone, and a
 * failed call leaves what a try's filter reads in its slots (rt.hostSlotI32). time.* in the kernel
 * (assembly/lib/time.ts) with the "pfa.zoneOffset" import.
 * Version 7: text in kernels (assembly/lib/util/text.ts: the "pfa.text" and "pfa.intern" imports, the
 * mirror of texts, textForget); s.* runs in the kernel (assembly/lib/s.ts; s.number of a double by
 * assembly/lib/util/decimal.ts); the "pfa.strlen" import is gone. parse.* in the kernel (assembly/lib/parse.ts; jsonText.ts
 * decimalF64 shared with the text reader). The bytes conversions between text and bytes in the kernel
 * (assembly/lib/util/textBytes.ts).
 * Also in version 7: a map literal's values are stored in an array the map takes as its own (CodeMap's
 * constructor, rt.rawStatic), so a literal read only by known keys is never made (issue 18).
 * Also in version 7: wire readers make arrays without clearing (doubles copied whole) and read a
 * record of scalars at constant offsets, map writers go by position; model.cluster.closest keeps a
 * running minimum; squares are d * d, not pow(d, 2); a.append makes its array at the final length.
 * Version 8: re.* in the kernel (assembly/lib/re.ts, assembly/lib/util/regexVm.ts: the TS engine's
 * program, encoded as i32s; rt.re*, reCached, reKeep, reExhausted), no longer a library call on the host.
 * Also in version 8: a kernel links only what its code reaches (compile.ts gives asc model.ts as the one
 * entry file, not every assembly/ file: Sonar's module went from 100 to 36 KB and its exports from
 * 229 to 22); the text mirror's codes and epochs are static memory (assembly/lib/util/text.ts), so
 * a kernel without strings allocates no mirror; m.special's zeta table (assembly/lib/m/special.ts)
 * is made at the first log-gamma that reads it, not at every instance's start.
 * Also in version 8: metric.* over items of unions of several types and model.tree comparisons of fields
 * of any type (the field upcast to the value's type); s.repeat checks its length (MAX_STRING_LENGTH).
 * Also in version 8: pack and unpack lowered (lower/pack.ts, assembly/lib/util/pack.ts: rt.pack*, rt.unpack*).
 * Also in version 8: rt.clockSpend is inlined (a loop over a collection charged the clock through a call);
 * array literals, a.zipmap and a.zipmapWithIndex make their arrays at the final length without
 * clearing; map.add sizes its copy; in an arena module, arrays of references are not cleared
 * either (rt.rawArray, rt.rawStatic: no collector reads them).
 * Version 9: map.join fuses with the a.zipmap or a.map that makes its array, and an item made by
 * map.add is set into the joined map entry by entry (lower/fcnArgs.ts): neither the item maps nor
 * their array is made. A regex pattern held by a variable that a let binds to a literal and no set
 * assigns is compiled as the kernel is built, as a literal pattern is.
 * Also in 9: the text reader's fast path for number fields (assembly/lib/util/jsonFields.ts:
 * rt.jsonFieldF64, rt.jsonValueF64; the generated readTextLineFast, tried before readTextLine);
 * jsonText.ts split into jsonNumber.ts and eiselLemire.ts (its table), with no change of answers.
 * Also in 9: model.tree.simpleWalk (with simpleTest) and simpleTree walk a constant tree, or each
 * tree of a constant forest, from a table laid out at load time (assembly/lib/model/tree.ts,
 * rt.FlatTree, rt.flatIn). model.cluster's loop over the clusters charges the clock inline (rt.clockSpend).
 * Also in 9: a map made with another map's keys (map.map, map.zipmap) stores its values in an
 * array of its own and copies the keys in (lower/shapes.ts rule 7), so one read only through
 * entry walks, argmax and map.values is never made; a map literal of every field of a record of
 * doubles takes the record as its values' array. A small user function that calls none, given
 * such a map, is lowered in place at its call (Module.inlineCall).
 * Version 10: a.append fuses with the a.map or a.zipmap that makes its array (lib/a/basic.ts:
 * WasmFold.begin, finish with the other arguments); an array literal of every field of a record of
 * doubles is a view of the record, made as a copy (rt.arrayOfItems) only when read otherwise.
 * Also in 10: in an arena module an array and its buffer are one block (assembly/lib/util/arrays.ts
 * arenaArray); outI32, outI64 and outF64 are inlined into the generated writers.
 * Version 11: an arena module carves arrays and static arrays out of a chunk of its own by an
 * inlined bump (assembly/lib/util/arena.ts), and a call that took nothing from the stub allocator
 * skips asking it where it is (runtime.ts arenaDrop, UNTOUCHED).
 * Version 12: model.neural.simpleLayers, model.neighbor.nearestK and ballR, and model.svm.score
 * with m.kernel.linear compute four dot products or squared distances in one loop
 * (lib/util/lockstepWasm.ts), each in the JS form's order. Also in 12: the lowestN of nearestK and
 * model.cluster.closestN skips an item not below the last of the n kept (util/nearestWasm.ts).
 * Also in 12: generated writers reserve output room once per part of a fixed size (rt.outTake)
 * and store its slots at constant offsets. Also in 12: model.reg.linear with a datum of known
 * length sums term by term; a.argmax, a.max and kin (no lessThan) charge the clock as collection
 * loops do instead of asking per item; map.join of a.zipmap of a constant array of keys with
 * `map.add({}, k, v)` copies the keys and stores each value at a position laid out at load time
 * (lower/zipJoin.ts, CodeMap.withKeysOf), and a small user function given a constant is inlined.
 * Also in 12: the metric and model.cluster loops charge the clock before each run of 65,536 items
 * (lib/util/wasm.ts clockedLoop), so their items call nothing; a metric over vectors with no nulls
 * and no weights takes both weight sums as the item count.
 * Also in 12: a fused loop whose item function only computes is written twice (lower/speculate.ts):
 * a copy without per-item checks, then the checked loop when the first says a check could fail.
 * Version 13: model.svm.score sees through a kernel given its other parameters (a fill, a literal,
 * a cell, a symbol around an inline function: WasmFcn.passedRest) and computes the rbf, poly and
 * sigmoid kernels of four support vectors in lockstep; the m.kernel.* loops charge the clock
 * before each run of items (clockedLoop) and read the items through the arrays' data addresses.
 * Also in 13: a flat tree walk is charged to the clock once, not at each node; a.mode makes its
 * tables of distinct items once and returns a single most common item without sorting.
 */
export const COMPILER_VERSION = 'pfa-wasm-kernel-13';

/**
 * SHA-256 of assembly/**\/*.ts (sorted paths, each path, a newline, its text, a newline), then
 * asconfig.json the same way, at COMPILER_VERSION.
 */
export const ASSEMBLY_SHA256 = 'be83766d30bf0ab350ad831b07531352fa221dc21b9ac1e7fafc183868f3f526';
