/**
 * The Wasm forms of the `re` library (ARCHITECTURE.md "Regular expressions in kernels"): the
 * kernel runs the TS engine's program (util/regexVm.ts) with its own matcher (assembly/lib/re.ts,
 * assembly/lib/util/regexVm.ts). A constant string pattern is compiled as the kernel is built and
 * its program put in static memory; any other pattern is compiled by the host at the call
 * (WasmCall.regexProgram), and a collected kernel keeps a string pattern's program by its text.
 */
import { AvroType, UnionType } from '../../types/avro.js';
import { RT } from '../../backend/wasm/emit/names.js';
import type { WasmCall, WasmForm } from '../registry.js';
import { RegexSyntaxError } from './regexSyntax.js';
import { BUDGET_MESSAGE, compilePattern, encodeProgram } from './regexVm.js';

/** Functions whose result holds pieces of the haystack (strings as codes, or bytes). */
const PIECES = new Set(['reFindall', 'reFindgroupsfirst', 'reFindgroupsall', 'reSplit']);
const REPLACES = new Set(['reReplacefirst', 'reReplacelast', 'reReplaceall']);

/** The address of the call's program (argument 1): static for a constant pattern, else the host's. */
function programOf(c: WasmCall, bytes: boolean): string {
  const text = bytes ? undefined : c.constantText(1);
  if (text !== undefined) {
    try {
      return c.staticI32s(encodeProgram(compilePattern(text)));
    } catch (e) {
      if (!(e instanceof RegexSyntaxError)) throw e;
      // (a bad constant pattern: the host compiles it at the call and raises the error there, as JS)
    }
  }
  if (bytes) return c.temp('usize', `${c.regexProgram(c.args[1], 'badPattern')}.dataStart`);
  const pattern = c.temp('String', `${RT.textOf}(${c.args[1]})`);
  const prog = c.temp('usize', `${RT.reCached}(${pattern})`);
  c.if_(`${prog} == 0`, () => {
    const fresh = c.regexProgram(c.args[1], 'badPattern');
    c.emit(`${prog} = ${RT.reKeep}(${pattern}, ${fresh});`);
  });
  return prog;
}

/** The Wasm form of the re.* function whose kernel function (assembly/lib/re.ts) is `name`. */
export function reWasm(name: string): WasmForm {
  const fn = RT[name as keyof typeof RT];
  if (fn === undefined) throw new Error(`internal: no kernel function ${name}`);
  return (c) => {
    const bytes = c.site.sig === 1;
    const prog = programOf(c, bytes);
    const H = bytes ? 'Uint8Array' : 'String';
    const text = (i: number) => (bytes ? c.args[i] : `${RT.textOf}(${c.args[i]})`);
    const exhausted = () => c.emit(`if (${RT.reExhausted}()) ${c.fail('badPattern', BUDGET_MESSAGE)}`);
    const ret = c.site.ret as AvroType;
    if (REPLACES.has(name)) {
      const r = c.temp(H, `${fn}<${H}>(${prog}, ${text(0)}, ${text(2)})`);
      exhausted();
      return bytes ? r : c.temp('i32', `${RT.textCode}(${r})`);
    }
    if (name === 'reFindfirst') {
      const r = c.temp(`${H} | null`, `${fn}<${H}>(${prog}, ${text(0)})`);
      exhausted();
      const u = ret as UnionType;
      const none = u.types.findIndex((t) => t.kind === 'null');
      const out = c.temp(c.type(ret), c.zero(ret));
      c.if_(
        `${r} == null`,
        () => c.emit(`${out} = ${c.makeUnion(u, none)};`),
        () => c.emit(`${out} = ${c.makeUnion(u, 1 - none, bytes ? `${r}!` : `${RT.textCode}(${r}!)`)};`),
      );
      return out;
    }
    const types = PIECES.has(name) ? `${H}, ${bytes ? 'Uint8Array' : 'i32'}` : H;
    const r = c.temp(c.type(ret), `${fn}<${types}>(${prog}, ${text(0)})`);
    exhausted();
    return r;
  };
}
