/** Literal forms (spec sec. 5.2): {"int": 3}, {"double": 1.5}, {"string": "x"}, {"base64": "..."}, {"type": T, "value": V}. */
import { T } from '../types/avro.js';
import { Node } from '../ir/tree.js';
import { JsonValue } from '../document/json.js';
import { PfaError, pointer } from '../errors/PfaError.js';
import { checkMessages as M } from '../errors/checkMessages.js';
import { decoderFor } from '../codec/avroJson.js';
import { base64Decode } from '../codec/base64.js';
import { stripAt } from '../types/schema.js';
import { CheckContext } from './context.js';

const FORMS = ['int', 'long', 'float', 'double', 'string', 'base64'];

/** Which literal form these keys make, if any. */
export function literalForm(keys: string[]): string | undefined {
  if (keys.length === 1 && FORMS.includes(keys[0])) return keys[0];
  if (keys.length === 2 && keys.includes('type') && keys.includes('value')) return 'value';
  return undefined;
}

/** Decodes embedded JSON of a known type; errors point into the document, not into an input. */
export function embedded(json: JsonValue, type: import('../types/avro.js').AvroType, path: string): unknown {
  try {
    return decoderFor(type)(stripAt(json), path);
  } catch (e) {
    if (e instanceof PfaError && e.kind === 'input')
      throw M.embeddedMismatch.with({ path: e.inputPath ?? path, code: e.code }, e.message);
    throw e;
  }
}

export function checkLiteral(o: { [k: string]: JsonValue }, form: string, path: string, ctx: CheckContext): Node {
  const at = pointer(path, form);
  switch (form) {
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return { k: 'literal', type: T[form], path, value: embedded(o[form], T[form], at) };
    case 'string':
      if (typeof o.string !== 'string') throw M.stringLiteral.at(at);
      return { k: 'literal', type: T.string, path, value: o.string };
    case 'base64': {
      const b = typeof o.base64 === 'string' ? base64Decode(o.base64) : undefined;
      if (!b) throw M.base64Literal.at(at);
      return { k: 'literal', type: T.bytes, path, value: b };
    }
    default: {
      const type = ctx.names.build(o.type, pointer(path, 'type'));
      return { k: 'literal', type, path, value: embedded(o.value, type, pointer(path, 'value')) };
    }
  }
}
