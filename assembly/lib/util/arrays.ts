// Array stores without AssemblyScript's checks. AS's Array has no unchecked store operator (only
// StaticArray has "{}="), so `unchecked(a[i] = v)` on an Array still calls the growing setter, a
// call per element that binaryen does not inline. Kernels store only into arrays they made at
// their final length, so the store needs no check.

/** a[i] = v for an Array or a StaticArray whose length the caller knows is above i. */
// @ts-ignore: decorator
@inline export function setAt<A>(a: A, i: i32, v: valueof<A>): void {
  if (isArray<A>()) {
    // @ts-ignore: Array's data pointer
    store<valueof<A>>(a.dataStart + (<usize>i << alignof<valueof<A>>()), v);
    if (isManaged<valueof<A>>()) __link(changetype<usize>(a), changetype<usize>(v), true);
  } else {
    // @ts-ignore: StaticArray's unchecked store
    unchecked((a[i] = v));
  }
}
