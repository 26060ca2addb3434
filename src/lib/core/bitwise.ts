import { defineFunction } from '../registry.js';

function bitwise(name: string, int: (x: number, y: number) => number, long: (x: bigint, y: bigint) => bigint) {
  return defineFunction({
    name,
    sigs: ['(x: int, y: int) -> int', '(x: long, y: long) -> long'],
    wasm: (c) => `(${c.args[0]} ${name} ${c.args[1]})`,
    js: (site) => (site.sig === 0 ? int : long),
  });
}

export const bitAnd = bitwise(
  '&',
  (x, y) => x & y,
  (x, y) => x & y,
);
export const bitOr = bitwise(
  '|',
  (x, y) => x | y,
  (x, y) => x | y,
);
export const bitXor = bitwise(
  '^',
  (x, y) => x ^ y,
  (x, y) => x ^ y,
);
export const bitNot = defineFunction({
  name: '~',
  sigs: ['(x: int) -> int', '(x: long) -> long'],
  js: (site) => (site.sig === 0 ? (x: number) => ~x : (x: bigint) => ~x),
  wasm: (c) => `(~${c.args[0]})`,
});
