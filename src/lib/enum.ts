/**
 * The enum library (spec sec. "Enumeration types"): enum values are their symbol strings in JS
 * and the symbol's index in Wasm (backend/wasm/types.ts).
 */
import { defineFunction, defineNamespace } from './registry.js';
import { EnumType } from '../types/avro.js';

const toString_ = defineFunction({
  name: 'enum.toString',
  sigs: ['(x: enum A) -> string'],
  js: () => (x: string) => x,
  // The symbols are constants, so each has a dictionary code; the index picks one (br_table).
  wasm: (c) => {
    const symbols = (c.site.bindings.A as EnumType).symbols;
    if (symbols.length === 1) return c.str(symbols[0]);
    const r = c.temp('i32', c.str(symbols[0]));
    c.switch_(
      `switch (${c.args[0]})`,
      symbols.slice(1).map((s, i) => [String(i + 1), () => c.emit(`${r} = ${c.str(s)};`)] as const),
    );
    return r;
  },
});

/** The symbol's position in the enum's declaration, looked up in a table built at compile time. */
const toInt = defineFunction({
  name: 'enum.toInt',
  sigs: ['(x: enum A) -> int'],
  js: (site) => {
    const positions = new Map((site.bindings.A as EnumType).symbols.map((s, i) => [s, i]));
    return (x: string) => positions.get(x) as number;
  },
  wasm: (c) => c.args[0],
});

const numSymbols = defineFunction({
  name: 'enum.numSymbols',
  sigs: ['(x: enum A) -> int'],
  js: (site) => {
    const n = (site.bindings.A as EnumType).symbols.length;
    return () => n;
  },
  wasm: (c) => String((c.site.bindings.A as EnumType).symbols.length),
});

export default defineNamespace('enum', [toString_, toInt, numSymbols]);
