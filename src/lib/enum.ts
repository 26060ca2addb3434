/** The enum library (spec sec. "Enumeration types"): enum values are their symbol strings. */
import { defineFunction, defineNamespace } from './registry.js';
import { EnumType } from '../types/avro.js';

const toString_ = defineFunction({
  name: 'enum.toString',
  sigs: ['(x: enum A) -> string'],
  js: () => (x: string) => x,
});

/** The symbol's position in the enum's declaration, looked up in a table built at compile time. */
const toInt = defineFunction({
  name: 'enum.toInt',
  sigs: ['(x: enum A) -> int'],
  js: (site) => {
    const positions = new Map((site.bindings.A as EnumType).symbols.map((s, i) => [s, i]));
    return (x: string) => positions.get(x) as number;
  },
});

const numSymbols = defineFunction({
  name: 'enum.numSymbols',
  sigs: ['(x: enum A) -> int'],
  js: (site) => {
    const n = (site.bindings.A as EnumType).symbols.length;
    return () => n;
  },
});

export default defineNamespace('enum', [toString_, toInt, numSymbols]);
