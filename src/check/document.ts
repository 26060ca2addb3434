/**
 * Checking a whole document (spec sec. 2 and 3): top-level fields, named types, cells, pools,
 * user functions and the begin/action/end/merge routines, into a TypedEngine.
 */
import { AvroType, FcnType, T, mapOf, typeToString } from '../types/avro.js';
import { TypeNames } from '../types/schema.js';
import { CellSpec, DECLINE_OPTION, Node, PoolSpec, Routine, TypedEngine, UserFunction } from '../ir/tree.js';
import { library } from '../lib/index.js';
import { Frame, Scope } from './scope.js';
import { JsonValue } from '../document/json.js';
import { pointer } from '../errors/PfaError.js';
import { checkMessages as M } from '../errors/checkMessages.js';
import { CellInfo, CheckContext, expect, isObject, keysOf } from './context.js';
import { checkBlock } from './expr.js';
import { embedded } from './literals.js';

const TOP_LEVEL = [
  'name',
  'method',
  'input',
  'output',
  'begin',
  'action',
  'end',
  'fcns',
  'zero',
  'merge',
  'cells',
  'pools',
  'randseed',
  'doc',
  'version',
  'metadata',
  'options',
];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Registers every named type defined anywhere in the document, wherever a schema may appear. */
function collectTypes(json: JsonValue, path: string, names: TypeNames): void {
  if (Array.isArray(json)) {
    json.forEach((x, i) => {
      collectTypes(x, pointer(path, i), names);
    });
    return;
  }
  if (!isObject(json)) return;
  const keys = keysOf(json);
  for (const k of keys) {
    const v = json[k];
    const at = pointer(path, k);
    if ((k === 'type' && (keys.includes('value') || keys.includes('new'))) || k === 'as' || k === 'ret')
      names.collect(v, at);
    else if (k === 'params' && Array.isArray(v)) {
      v.forEach((p, i) => {
        if (isObject(p)) for (const n of keysOf(p)) names.collect(p[n], pointer(pointer(at, i), n));
      });
    } else if (k === 'value' && keys.includes('type'))
      continue; // embedded data, not code
    else collectTypes(v, at, names);
  }
}

function integerOption(doc: Record<string, JsonValue>, key: string): number | undefined {
  const opts = doc.options;
  if (!isObject(opts) || !(key in opts)) return undefined;
  const v = opts[key];
  if (typeof v !== 'bigint') throw M.optionNotInteger.at(pointer('/options', key), key);
  return Number(v);
}

/** An option listing library functions by name (DECLINE_OPTION): each must be one. */
function functionNamesOption(doc: Record<string, JsonValue>, key: string): string[] | undefined {
  const opts = doc.options;
  if (!isObject(opts) || !(key in opts)) return undefined;
  const v = opts[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && library.get(x) !== undefined))
    throw M.optionNotFunctionNames.at(pointer('/options', key), key);
  return v as string[];
}

export function checkDocument(doc: JsonValue): TypedEngine {
  if (!isObject(doc)) throw M.notAnObject.at('');
  for (const k of keysOf(doc)) if (!TOP_LEVEL.includes(k)) throw M.unknownTopLevel.at(pointer('', k), k);
  for (const k of ['input', 'output', 'action']) if (!(k in doc)) throw M.missingTopLevel.at('', k);
  const method = doc.method ?? 'map';
  if (method !== 'map' && method !== 'emit' && method !== 'fold') throw M.badMethod.at('/method');

  const names = new TypeNames();
  names.collect(doc.input, '/input');
  names.collect(doc.output, '/output');
  for (const section of ['cells', 'pools'] as const) {
    const s = doc[section];
    if (s === undefined) continue;
    if (!isObject(s)) throw M.notAnObjectField.at(`/${section}`, section);
    for (const n of keysOf(s))
      if (isObject(s[n]))
        names.collect((s[n] as Record<string, JsonValue>).type, pointer(pointer(`/${section}`, n), 'type'));
  }
  for (const k of ['fcns', 'begin', 'action', 'end', 'merge']) if (k in doc) collectTypes(doc[k], `/${k}`, names);

  const input = names.build(doc.input, '/input');
  const output = names.build(doc.output, '/output');

  const cellInfo = new Map<string, CellInfo>();
  const poolInfo = new Map<string, CellInfo>();
  const cellSpecs: { name: string; type: AvroType; init: unknown; shared: boolean; rollback: boolean }[] = [];
  const poolSpecs: typeof cellSpecs = [];
  for (const section of ['cells', 'pools'] as const) {
    const s = doc[section];
    if (!isObject(s)) continue;
    for (const n of keysOf(s)) {
      const at = pointer(`/${section}`, n);
      if (!NAME.test(n)) throw M.badCellOrPoolName.at(at, n, section === 'cells' ? 'cell' : 'pool');
      const spec = s[n];
      if (!isObject(spec)) throw M.cellShape.at(at);
      for (const k of keysOf(spec))
        if (!['type', 'init', 'shared', 'rollback', 'source'].includes(k)) throw M.unknownField.at(pointer(at, k), k);
      if (!('type' in spec)) throw M.missingType.at(at);
      const type = names.build(spec.type, pointer(at, 'type'));
      if (spec.source !== undefined && spec.source !== 'embedded') {
        throw M.sourceUnsupported.at(pointer(at, 'source'), JSON.stringify(spec.source));
      }
      const shared = spec.shared === true,
        rollback = spec.rollback === true;
      if (shared && rollback) throw M.sharedAndRollback.at(at);
      if (section === 'cells') {
        if (!('init' in spec)) throw M.cellNeedsInit.at(at);
        cellSpecs.push({ name: n, type, init: embedded(spec.init, type, pointer(at, 'init')), shared, rollback });
        cellInfo.set(n, { type, written: false });
      } else {
        const init = 'init' in spec ? embedded(spec.init, mapOf(type), pointer(at, 'init')) : new Map();
        poolSpecs.push({ name: n, type, init, shared, rollback });
        poolInfo.set(n, { type, written: false });
      }
    }
  }

  const fcnTypes = new Map<string, FcnType>();
  const fcnParamNames = new Map<string, string[]>();
  const fcnsJson = doc.fcns ?? Object.create(null);
  if (!isObject(fcnsJson)) throw M.notAnObjectField.at('/fcns', 'fcns');
  for (const n of keysOf(fcnsJson)) {
    const at = pointer('/fcns', n);
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(n)) throw M.badFunctionName.at(at, n);
    const f = fcnsJson[n];
    if (!isObject(f) || !Array.isArray(f.params) || !('ret' in f) || !('do' in f)) throw M.functionShape.at(at);
    const pnames: string[] = [];
    const params = f.params.map((p, i) => {
      if (!isObject(p) || keysOf(p).length !== 1) throw M.paramShape.at(pointer(pointer(at, 'params'), i));
      const pn = keysOf(p)[0];
      pnames.push(pn);
      return names.build(p[pn], pointer(pointer(pointer(at, 'params'), i), pn));
    });
    fcnTypes.set(n, { kind: 'fcn', params, ret: names.build(f.ret, pointer(at, 'ret')) });
    fcnParamNames.set(n, pnames);
  }

  const ctx: CheckContext = {
    names,
    fcnTypes,
    fcnParamNames,
    cells: cellInfo,
    pools: poolInfo,
    method,
    output,
    used: new Set(),
  };

  const fcns = new Map<string, UserFunction>();
  for (const n of keysOf(fcnsJson)) {
    const at = pointer('/fcns', n);
    const f = fcnsJson[n] as Record<string, JsonValue>;
    const type = fcnTypes.get(n)!;
    const frame = new Frame();
    const scope = new Scope(null, frame, false, false);
    const paramSlots = fcnParamNames
      .get(n)!
      .map((pn, i) => scope.declare(pn, type.params[i], pointer(pointer(at, 'params'), i)));
    const body = expect(checkBlock(f.do, pointer(at, 'do'), scope.child(), ctx), type.ret, `result of "u.${n}"`);
    fcns.set(n, { name: n, type, paramSlots, body, frameSize: frame.size, path: at });
  }

  const version =
    doc.version === undefined
      ? null
      : typeof doc.version === 'bigint'
        ? Number(doc.version)
        : (() => {
            throw M.notAnInteger.at('/version', 'version');
          })();
  const engineName =
    doc.name === undefined
      ? 'Engine_1'
      : typeof doc.name === 'string'
        ? doc.name
        : (() => {
            throw M.notAString.at('/name', '"name"');
          })();

  const routine = (key: string, symbols: Record<string, AvroType>, resultType: AvroType | null): Routine | null => {
    if (!(key in doc)) return null;
    const frame = new Frame();
    const root = new Scope(null, frame, false, false);
    const predefined: Record<string, number> = {};
    for (const [s, t] of Object.entries(symbols)) predefined[s] = root.declare(s, t, `/${key}`, true);
    let body: Node = checkBlock(doc[key], `/${key}`, root.child(), ctx);
    if (resultType)
      body = expect(body, resultType, `result of "${key}" (the engine's output type is ${typeToString(resultType)})`);
    return { body, frameSize: frame.size, predefined };
  };
  const common: Record<string, AvroType> = { name: T.string, instance: T.int, metadata: mapOf(T.string) };
  if (version !== null) common.version = T.int;
  const counters = { actionsStarted: T.long, actionsFinished: T.long };
  const tally: Record<string, AvroType> = method === 'fold' ? { tally: output } : {};
  const action = routine('action', { ...common, input, ...tally, ...counters }, method === 'emit' ? null : output)!;
  const begin = routine('begin', common, null);
  const end = routine('end', { ...common, ...tally, ...counters }, null);
  let merge: Routine | null = null;
  let zero: unknown = null;
  if (method === 'fold') {
    if (!('zero' in doc)) throw M.foldNeeds.at('', 'zero');
    if (!('merge' in doc)) throw M.foldNeeds.at('', 'merge');
    zero = embedded(doc.zero, output, '/zero');
    merge = routine('merge', { ...common, tallyOne: output, tallyTwo: output }, output);
  } else {
    if ('zero' in doc) throw M.onlyForFold.at('/zero', 'zero');
    if ('merge' in doc) throw M.onlyForFold.at('/merge', 'merge');
  }

  let randseed: bigint | null = null;
  if (doc.randseed !== undefined) {
    if (typeof doc.randseed !== 'bigint') throw M.notAnInteger.at('/randseed', 'randseed');
    randseed = doc.randseed;
  }
  const metadata = new Map<string, string>();
  if (doc.metadata !== undefined) {
    if (!isObject(doc.metadata)) throw M.metadataNotObject.at('/metadata');
    for (const k of keysOf(doc.metadata)) {
      const v = doc.metadata[k];
      if (typeof v !== 'string') throw M.metadataNotString.at(pointer('/metadata', k));
      metadata.set(k, v);
    }
  }
  const options: Record<string, unknown> = {};
  if (doc.options !== undefined) {
    if (!isObject(doc.options)) throw M.notAnObjectField.at('/options', 'options');
    for (const k of ['timeout', 'timeout.begin', 'timeout.action', 'timeout.end']) {
      const v = integerOption(doc, k);
      if (v !== undefined) options[k] = v;
    }
    const declined = functionNamesOption(doc, DECLINE_OPTION);
    if (declined !== undefined) options[DECLINE_OPTION] = declined;
  }

  const cells = new Map<string, CellSpec>(
    cellSpecs.map((c) => [c.name, { ...c, written: cellInfo.get(c.name)!.written }]),
  );
  const pools = new Map<string, PoolSpec>(
    poolSpecs.map((p) => [p.name, { ...p, written: poolInfo.get(p.name)!.written }]),
  );
  return {
    name: engineName,
    method,
    input,
    output,
    begin,
    action,
    end,
    merge,
    fcns,
    cells,
    pools,
    zero,
    randseed,
    version,
    metadata,
    options,
    doc: typeof doc.doc === 'string' ? doc.doc : null,
    used: ctx.used,
  } as TypedEngine;
}
