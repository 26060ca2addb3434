/**
 * The exported entry points of a kernel module around its lowered routines: pfaAction and
 * pfaActionBatch (read the input, run the action, write the output or the error site, roll
 * cells back on failure), pfaBegin and pfaEnd, and the shapes of module-level functions.
 */
import { AvroType } from '../../../types/avro.js';
import { Node } from '../../../ir/tree.js';
import { RT } from '../emit/names.js';
import { Lines } from '../emit/code.js';
import { Fn } from './fn.js';
import { planFusions } from './fuse.js';
import { assignedSlots } from './shapes.js';
import { lowerExpr } from './expr.js';
import { convert } from './convert.js';
import type { Module } from './module.js';

export function lowerRoutine(
  mod: Module,
  exportName: string,
  body: Node,
  params: Record<string, [string, AvroType]>,
  kind: 'action' | 'other',
): void {
  const e = mod.engine;
  const inner = mod.names.mint('r');
  // An action's value goes out (and into the tally) as the declared output type: a narrower body
  // (a double where the output is a union with null) is converted into it.
  const retType = kind === 'action' && e.method !== 'emit' ? e.output : body.type;
  const fn = new Fn(mod.names, mod.types, mod.types.zero(retType));
  fn.fusion = planFusions(body);
  fn.assigned = assignedSlots(body);
  mod.predefinedMap = new Map(Object.entries(params).map(([k, [local]]) => [k, local]));
  const result = convert(fn, lowerExpr(mod, fn, body), body.type, retType);
  const sig = Object.values(params)
    .map(([local, t]) => `${local}: ${mod.types.as(t)}`)
    .join(', ');
  mod.functions.push(functionSource(`function ${inner}(${sig}): ${mod.types.as(retType)}`, fn, result));
  const reads = 'input' in params ? `inPos = inPtr; const input = ${readInput(mod)};` : '';
  const args = routineArgs(params, 'started', 'finished');
  const out: string[] = [];
  if (kind === 'action' && e.method !== 'emit') {
    if (e.method === 'fold') out.push('gTally = r;');
    out.push(`${RT.outStart}();`, mod.wire.write(e.output, 'r'));
  }
  const rb = kind === 'action' ? rollback(mod) : { save: '', restore: '' };
  mod.functions.push(
    entry(`export function ${exportName}(inPtr: usize, started: f64, finished: f64, instance: i32): i32`, (c) => {
      c.emit(`${RT.arenaReset}();`);
      c.emit(`${RT.errorSite} = 0;`);
      c.emit(reads);
      c.emit(rb.save);
      c.emit(`const r = ${inner}(${args.join(', ')});`);
      c.emit(`if (${RT.errorSite} != 0) { ${spaced(rb.restore)}return ${RT.errorSite}; }`);
      for (const statement of out) c.emit(statement);
      c.emit('return 0;');
    }),
  );
  if (kind === 'action') mod.functions.push(batchEntry(mod, inner, params));
}

/** Whether nothing the engine computes outlives a call: no cell or pool is written, no fold tally is kept. */
export function stateless(mod: Module): boolean {
  const e = mod.engine;
  return e.method !== 'fold' && ![...e.cells.values(), ...e.pools.values()].some((c) => c.written);
}

/**
 * The expression that reads the action's input from the wire. A record of scalars is read into one
 * instance made at load time, not allocated per call, when nothing can keep it past the call: no
 * cell or pool is written and no fold tally is kept (records are values: nothing changes one in place).
 */
function readInput(mod: Module): string {
  const e = mod.engine;
  if (mod.inputReader === undefined) {
    const fill = stateless(mod) ? mod.wire.readInto(e.input, 'target') : null;
    if (fill === null) mod.inputReader = null;
    else {
      const c = mod.types.record(e.input as Extract<AvroType, { kind: 'record' }>);
      const g = mod.names.mint('gIn');
      const reader = mod.names.mint('rdIn');
      const zeros = (e.input as Extract<AvroType, { kind: 'record' }>).fields.map((f) => mod.types.zero(f.type));
      const read = mod.nullableGlobal(g, c.name);
      mod.loadTimeSets.push(`${g} = new ${c.name}(${zeros.join(', ')});`);
      mod.functions.push(`function ${reader}(target: ${c.name}): ${c.name} { ${fill} return target; }`);
      mod.inputReader = `${reader}(${read})`;
    }
  }
  return mod.inputReader ?? mod.wire.read(e.input);
}

/**
 * Cells and pools declared with rollback: their values before an action, put back when it fails (spec
 * sec. 3.7, as the JS backend does). PFA values are immutable, so keeping the reference is a copy.
 */
function rollback(mod: Module): { save: string; restore: string } {
  const cells = [...mod.engine.cells.values()].filter((c) => c.rollback && c.written);
  const pools = [...mod.engine.pools.values()].filter((p) => p.rollback && p.written);
  const g = [...cells.map((c) => mod.cell(c.name, '')), ...pools.map((p) => mod.pool(p.name, ''))];
  return {
    save: g.map((x) => `const rb_${x} = ${x};`).join(' '),
    restore: g.map((x) => `${x} = rb_${x};`).join(' '),
  };
}

/**
 * `pfaActionBatch`: n records read one after another from the input wire, scored in one call.
 * Each record writes a status slot (0, or 1 + its error site, with the site's detail in the high
 * half: rt.outStatus) and then, when it succeeded, its
 * output (none for emit engines). A failing record does not stop the batch; its input was read
 * whole before the action ran, so the next record starts where it should.
 */
function batchEntry(mod: Module, inner: string, params: Record<string, [string, AvroType]>): string {
  const e = mod.engine;
  const args = routineArgs(params, 's', 'f');
  const ok = e.method === 'emit' ? '' : `${e.method === 'fold' ? 'gTally = r; ' : ''}${mod.wire.write(e.output, 'r')}`;
  const rb = rollback(mod);
  return entry(
    'export function pfaActionBatch(inPtr: usize, n: i32, started: f64, finished: f64, instance: i32): i32',
    (c) => {
      c.emit(`${RT.arenaReset}();`);
      c.emit(`${RT.outStart}();`);
      c.emit('inPos = inPtr;');
      c.emit('let s = started, f = finished;');
      c.block('for (let i = 0; i < n; i++)', () => {
        c.emit(`${RT.batchRecord}(i);`);
        c.emit(`${RT.errorSite} = 0;`);
        c.emit(`const input = ${readInput(mod)};`);
        c.emit('s += 1;');
        c.emit(rb.save);
        c.emit(`const r = ${inner}(${args.join(', ')});`);
        c.emit(`if (${RT.errorSite} != 0) { ${spaced(rb.restore)}${RT.outStatus}(); ${RT.recordDone}(); continue; }`);
        c.emit('f += 1;');
        c.emit(`${RT.outStatus}();`);
        c.emit(ok);
        c.emit(`${RT.recordDone}();`);
      });
      c.emit(`${RT.batchRecord}(n);`);
      c.emit(`${RT.errorSite} = 0;`);
      c.emit('return 0;');
    },
  );
}
/** A module-level function: `head {`, what `body` writes (indented by block), `}`. */
export function entry(head: string, body: (c: Lines) => void): string {
  const c = new Lines('  ');
  c.block(head, () => body(c));
  return c.text();
}

/**
 * A lowered routine or user function: its locals and statements, then `return result;`, written
 * as the function's own last statement (so Fn.droppable sees that it reads `result`).
 */
export function functionSource(head: string, fn: Fn, result: string): string {
  fn.emit(`return ${result};`);
  return entry(head, (c) => c.include(fn));
}

/** A statement followed by a space, or nothing for an empty one. */
function spaced(statement: string): string {
  return statement ? `${statement} ` : '';
}

/** The arguments of a routine's inner function, in its parameter order, from an entry's locals. */
function routineArgs(params: Record<string, [string, AvroType]>, started: string, finished: string): string[] {
  const from: Record<string, string> = {
    input: 'input',
    tally: 'gTally',
    actionsStarted: `<i64>${started}`,
    actionsFinished: `<i64>${finished}`,
    instance: 'instance',
  };
  return Object.keys(params).map((k) => from[k]);
}
