/**
 * The catalog of compile-time messages (STYLE.md item 4): reading a document (src/document)
 * and its Avro schemae (types/schema.ts); checking it is checkMessages.ts, apart because readers
 * of JSON and schemae alone (the Lambda's cold path) need not load it. Each entry
 * has its kind, its code when it has one (codes.ts says which ranges mean what), and its wording;
 * call sites give only the place and the arguments: `throw checkMessages.unknownCell.at(path, name)`.
 * Runtime, input and engine messages are in runtime.ts.
 *
 * Arguments are text or numbers: callers print types with typeToString and values with jsonText,
 * so this module depends on nothing but the error class. Quoted names in the wording are the
 * document's own spellings ("let", "u.f", a field name), so users can search for them.
 */
import { CODES } from './codes.js';
import { lazyCatalog, semantic, syntax } from './message.js';

/** Reading text or an object into the document's JSON model (document/read.ts, document/json.ts). */
export const documentMessages = lazyCatalog(() => ({
  /** `what` is the reader's word for the fault ("bad number", "unexpected end", ...). */
  invalidJson: syntax((what: string, at: number) => `invalid JSON: ${what} at character ${at}`, CODES.invalidText),
  /** Text that JSON.parse refused, when only the fact is known (the engine's scoreText, the Lambda's body). */
  notJson: syntax(() => 'invalid JSON', CODES.invalidText),
  /** The code is the caller's: a document's depth limit (1006) or a JSON reader's own (1000). */
  jsonTooDeep: syntax(
    (max: number, at: number) => `invalid JSON: nesting deeper than ${max} at character ${at}`,
    CODES.invalidText,
  ),
  invalidYaml: syntax((firstLine: string) => `invalid YAML: ${firstLine}`, CODES.invalidText),
  yamlTooDeep: syntax(
    () => 'invalid YAML: the document nests too deeply for the YAML reader (maxDocumentDepth)',
    CODES.documentTooDeep,
  ),
  tooLarge: syntax(
    (length: number, max: number) =>
      `the document has ${length} characters, over the limit of ${max} (maxDocumentSize)`,
    CODES.documentTooLarge,
  ),
  tooDeep: syntax(
    (max: number) => `the document nests deeper than ${max} levels (maxDocumentDepth)`,
    CODES.documentTooDeep,
  ),
  tooManyJsonValues: syntax(
    (max: number) => `the document has more than ${max} JSON values (maxDocumentElements)`,
    CODES.documentTooManyElements,
  ),
  tooManyYamlValues: syntax(
    (max: number) => `the document has more than ${max} values (maxDocumentElements)`,
    CODES.documentTooManyElements,
  ),
  /** A compile phase exhausted the JS stack (PFAEngine's stackSafe): the same limit as tooDeep, met later. */
  tooDeepToCompile: semantic(
    () => 'the document nests too deeply to compile (the call stack was exhausted): nest expressions less deeply',
    CODES.documentTooDeep,
  ),
}));

/** Avro schemae in a document (spec sec. 3; types/schema.ts). */
export const schemaMessages = lazyCatalog(() => ({
  needsName: syntax((type: string) => `a ${type} schema needs a "name" string`, CODES.badSchema),
  badName: syntax((fullName: string) => `"${fullName}" is not a valid Avro name`, CODES.badSchema),
  definedTwice: syntax(
    (fullName: string, firstPath: string) => `type "${fullName}" is defined twice, differently (first at ${firstPath})`,
    CODES.badSchema,
  ),
  emptyUnion: syntax(() => 'an empty union is not a type', CODES.badSchema),
  unionInUnion: syntax(() => 'a union may not directly contain a union', CODES.badSchema),
  /** Avro: one branch per type; named types are told apart by full name (a branch's JSON tag). */
  unionBranchTwice: syntax((tag: string) => `a union may not hold two branches of type "${tag}"`, CODES.badSchema),
  /** Avro: primitive type names may not be defined, in any namespace. */
  primitiveName: syntax(
    (fullName: string) => `"${fullName}" names a primitive type and cannot be defined`,
    CODES.badSchema,
  ),
  /** Avro: a field's default is a value of its type; `why` is the input decoder's message. */
  defaultMismatch: syntax((why: string) => `the default does not match the field's type: ${why}`, CODES.badSchema),
  /** `found` is the JSON text of what stood there, or "nothing". */
  notASchema: syntax(
    (found: string) => `expected an Avro schema (string, object or array), found ${found}`,
    CODES.badSchema,
  ),
  arrayNeedsItems: syntax(() => 'an array schema needs "items"', CODES.badSchema),
  mapNeedsValues: syntax(() => 'a map schema needs "values"', CODES.badSchema),
  unknownSchema: syntax((json: string) => `unknown schema ${json}`, CODES.badSchema),
  unknownTypeName: semantic((name: string) => `unknown type name "${name}"`, CODES.unknownTypeName),
  fixedNeedsSize: syntax(() => 'a fixed schema needs a non-negative integer "size"', CODES.badSchema),
  enumNeedsSymbols: syntax(() => 'an enum schema needs "symbols", an array of names', CODES.badSchema),
  enumSymbolsRepeat: syntax(() => 'enum symbols must be distinct', CODES.badSchema),
  recordNeedsFields: syntax(() => 'a record schema needs "fields", an array', CODES.badSchema),
  fieldNeedsName: syntax(() => 'a record field needs a valid "name"', CODES.badSchema),
  fieldNeedsType: syntax((field: string) => `field "${field}" needs a "type"`, CODES.badSchema),
  fieldTwice: syntax((field: string) => `field "${field}" appears twice`, CODES.badSchema),
}));
