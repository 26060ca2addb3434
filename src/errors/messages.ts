/**
 * The catalog of compile-time messages (STYLE.md item 4): reading a document (src/document),
 * its Avro schemae (types/schema.ts) and checking it (check, check/scope.ts). Each entry
 * has its kind, its code when it has one (codes.ts says which ranges mean what), and its wording;
 * call sites give only the place and the arguments: `throw checkMessages.unknownCell.at(path, name)`.
 * Runtime, input and engine messages are in runtime.ts.
 *
 * Arguments are text or numbers: callers print types with typeToString and values with jsonText,
 * so this module depends on nothing but the error class. Quoted names in the wording are the
 * document's own spellings ("let", "u.f", a field name), so users can search for them.
 */
import { CODES } from './codes.js';
import { semantic, syntax } from './message.js';

/** Reading text or an object into the document's JSON model (document/read.ts, document/json.ts). */
export const documentMessages = Object.freeze({
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
});

/** Avro schemae in a document (spec sec. 3; types/schema.ts). */
export const schemaMessages = Object.freeze({
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
});

/**
 * Checking a document (spec sec. 2-5; check, check/scope.ts). Several entries take the
 * document's key (`form`, `key`, `section`) so that one wording serves every place it fits.
 */
export const checkMessages = Object.freeze({
  // The document's top level (check/engine.ts)
  notAnObject: syntax(() => 'a PFA document is a JSON object'),
  unknownTopLevel: syntax((key: string) => `unknown top-level field "${key}"`),
  missingTopLevel: syntax((key: string) => `missing required top-level field "${key}"`),
  badMethod: syntax(() => '"method" must be "map", "emit" or "fold"'),
  /** "cells", "pools", "fcns", "options". */
  notAnObjectField: syntax((key: string) => `"${key}" must be an object`),
  /** "version", "randseed". */
  notAnInteger: syntax((key: string) => `"${key}" must be an integer`),
  optionNotInteger: semantic((key: string) => `option "${key}" must be an integer`),
  badCellOrPoolName: syntax((name: string, what: 'cell' | 'pool') => `"${name}" is not a valid ${what} name`),
  cellShape: syntax(() => 'a cell or pool is {"type": ..., "init": ...}'),
  unknownField: syntax((key: string) => `unknown field "${key}"`),
  missingType: syntax(() => 'missing "type"'),
  /** `source` is the JSON text of the "source" given. */
  sourceUnsupported: semantic(
    (source: string) => `"source": ${source} is not supported; embed the initial value in "init"`,
  ),
  sharedAndRollback: semantic(() => '"shared" and "rollback" cannot both be true'),
  cellNeedsInit: syntax(() => 'a cell needs "init"'),
  badFunctionName: syntax((name: string) => `"${name}" is not a valid function name`),
  functionShape: syntax(() => 'a function is {"params": [...], "ret": TYPE, "do": ...}'),
  paramShape: syntax(() => 'each parameter is {"name": TYPE}'),
  foldNeeds: syntax((key: string) => `a "fold" engine needs "${key}"`),
  onlyForFold: syntax((key: string) => `"${key}" is only for "fold" engines`),
  metadataNotObject: syntax(() => '"metadata" must be an object of strings'),
  metadataNotString: syntax(() => '"metadata" values must be strings'),

  // Any expression (check/context.ts, check/expr.ts); `what` names the place ('"if" condition', ...)
  typeMismatch: semantic(
    (what: string, expected: string, found: string) => `${what}: expected ${expected}, found ${found}`,
  ),
  incompatibleBranches: semantic((types: string) => `branches have incompatible types: ${types}`),
  notAString: syntax((what: string) => `${what} must be a string`),
  notABoolean: syntax((what: string) => `${what} must be true or false`),
  integerTooLarge: syntax((n: string) => `integer ${n} is too large for a long`),
  arrayNotExpression: syntax(
    () => 'an array is not an expression here (a string literal is ["text"]; several expressions need "do")',
  ),
  emptyBlock: syntax(() => 'an expression block must not be empty'),
  unexpectedKey: syntax((key: string) => `unexpected key "${key}" in this special form`),
  /** `keys` is the form's keys joined with ", " (empty: none). */
  notAForm: syntax((keys: string) => `not a recognised special form or function call (keys: ${keys || 'none'})`),
  fcnNotArgument: semantic(
    () =>
      'a function reference or definition can only be an argument of a library function or the "to" of attr, cell or pool',
  ),
  userErrorCode: syntax(() => '"code" of a user error must be a negative integer'),
  badFilter: syntax(() => '"filter" must be an array of error messages and codes'),
  stringLiteral: syntax(() => '"string" literal must be a string'),
  base64Literal: syntax(() => '"base64" literal must be base64 text'),
  /** The code is the input error's (1100-1106): the same fault as in an input datum. */
  embeddedMismatch: semantic((inputMessage: string) => `embedded value does not match its type: ${inputMessage}`),

  // Symbols and scopes (check/scope.ts, "let", "set")
  unknownSymbol: semantic((name: string) => `unknown symbol "${name}"`),
  badSymbolName: semantic((name: string) => `"${name}" is not a valid symbol name`),
  sealedScope: semantic(
    (name: string) => `symbol "${name}" cannot be declared here (the scope is sealed: wrap the expression in "do")`,
  ),
  shadowing: semantic(
    (name: string) => `symbol "${name}" is already declared in an enclosing scope (PFA forbids shadowing)`,
  ),
  readOnly: semantic((name: string) => `symbol "${name}" is read-only`),
  crossesSeal: semantic(
    (name: string) => `symbol "${name}" is declared outside a sealed scope and cannot be reassigned here`,
  ),
  unexpectedKeysBeside: syntax((form: string) => `unexpected keys beside "${form}"`),
  /** "let", "set", "ifnotnull". */
  bindingsShape: syntax((form: string) => `"${form}" takes an object of at least one symbol`),
  neverAssigned: semantic(
    (name: string) => `symbol "${name}" would never be assigned (its value always raises an error)`,
  ),

  // Control flow (check/expr.ts)
  /** "if", "ifnotnull", "unpack". */
  needsThen: syntax((form: string) => `"${form}" needs "then"`),
  condShape: syntax(() => '"cond" takes a non-empty array of {"if", "then"} clauses'),
  condClauseShape: syntax(() => 'each "cond" clause is {"if": CONDITION, "then": EXPRESSIONS}'),
  forNeeds: syntax(() => '"for" needs "while", "step" and "do"'),
  foreachNotArray: semantic((type: string) => `"foreach" iterates over an array, not ${type}`),
  forkeyNotMap: semantic((type: string) => `"forkey-forval" iterates over a map, not ${type}`),
  casesShape: syntax(() => '"cases" must be a non-empty array'),
  caseShape: syntax(() => 'a case is {"as": TYPE, "named": NAME, "do": EXPRESSIONS}'),
  caseNeverMatches: semantic(
    (caseType: string, valueType: string) => `case ${caseType} can never match a value of ${valueType}`,
  ),
  castNotCovered: semantic((type: string) => `"cast" cases do not cover ${type} (add a case or set "partial": true)`),
  ifnotnullNeedsUnion: semantic(
    (name: string, type: string) => `"ifnotnull" needs a union with null for "${name}", found ${type}`,
  ),
  /** Avro's one-branch ["null"] is a union with null, but leaves the symbol no type when not null. */
  ifnotnullNeedsOther: semantic(
    (name: string, type: string) => `"ifnotnull" needs a union of null and another type for "${name}", found ${type}`,
  ),

  // Paths: attr, cell, pool and dotted symbols (check/paths.ts)
  pathShape: syntax(() => '"path" must be a non-empty array'),
  pathFieldShape: syntax(() => 'a record field in a path must be a string literal (["name"])'),
  noSuchField: semantic((record: string, field: string) => `record ${record} has no field "${field}"`),
  cannotIndex: semantic((type: string) => `cannot index into ${type}`),
  unknownSymbolInPath: semantic((head: string, text: string) => `unknown symbol "${head}" (in "${text}")`),
  noSuchFieldInPath: semantic(
    (record: string, field: string, text: string) => `record ${record} has no field "${field}" (in "${text}")`,
  ),
  notAnIndexInPath: semantic((segment: string, text: string) => `"${segment}" is not an array index (in "${text}")`),
  cannotIndexInPath: semantic((type: string, text: string) => `cannot index into ${type} (in "${text}")`),
  unknownCell: semantic((name: string) => `unknown cell "${name}"`),
  unknownPool: semantic((name: string) => `unknown pool "${name}"`),
  poolDelAlone: syntax(() => '"pool" with "del" takes no other keys'),
  poolToNeedsInit: syntax(() => '"pool" with "to" needs "init", the value of a new item'),
  initWithoutTo: syntax(() => '"init" goes with "to"'),

  // "new" (check/new.ts)
  newArrayShape: syntax(() => '"new" of an array type takes a JSON array of expressions'),
  newObjectShape: syntax(() => '"new" of a map or record type takes a JSON object of expressions'),
  newMissingField: semantic((record: string, field: string) => `"new" record ${record} is missing field "${field}"`),
  newWrongType: semantic((type: string) => `"new" makes arrays, maps and records, not ${type}`),

  // Calls (check/calls.ts)
  unknownFunction: semantic((name: string) => `unknown function "${name}"`, CODES.unknownFunction),
  unknownUserFunction: semantic((name: string) => `unknown user function "${name}"`, CODES.unknownFunction),
  /** `signatures` is one "  name(params) -> ret" line per signature. */
  noSignature: semantic(
    (fcn: string, given: string, signatures: string) =>
      `no signature of "${fcn}" accepts (${given}); its signatures are:\n${signatures}`,
    CODES.noSignature,
  ),
  userArity: semantic(
    (name: string, params: number, given: number) => `"${name}" takes ${params} arguments, given ${given}`,
  ),
  paramsShape: syntax(() => '"params" must be an array of {name: type}'),
  fillShape: syntax(() => '"fill" must be an object of parameter names to expressions'),
  noParameterToFill: semantic((fcn: string, param: string) => `"${fcn}" has no parameter "${param}" to fill`),
  /** `found` is empty when the argument's type could not be resolved. */
  badFunctionArgument: semantic(
    (expected: string, found: string) => `function argument must be ${expected}${found ? `, found ${found}` : ''}`,
  ),
  emitOutsideEmit: semantic(() => '"emit" is only defined for engines with method "emit"'),
  emitArity: semantic(() => '"emit" takes exactly one argument'),
  callNeedsEnum: semantic((type: string) => `"call" needs an enum naming user functions, found ${type}`),
  argsShape: syntax(() => '"args" must be an array'),
  enumNamesNoFunction: semantic((symbol: string) => `enum symbol "${symbol}" names no user function`),
  userRejectsArguments: semantic((name: string) => `user function "u.${name}" does not accept these arguments`),
  enumReturnsDiffer: semantic(() => 'the functions named by the enum return incompatible types'),

  // "pack" and "unpack" (check/pack.ts)
  packShape: syntax(() => '"pack" takes an array of {FORMAT: EXPRESSION}'),
  packItemShape: syntax(() => 'each "pack" item is {FORMAT: EXPRESSION}'),
  unknownPackFormat: syntax((format: string) => `unknown pack format "${format}"`),
  unpackNeedsBytes: semantic((type: string) => `"unpack" needs bytes, found ${type}`),
  formatShape: syntax(() => '"format" must be a non-empty array of {NAME: FORMAT}'),
  formatItemShape: syntax(() => 'each "format" item is {NAME: FORMAT}'),
  /** `format` is the JSON text of what was given (it need not be a string). */
  unknownUnpackFormat: syntax((format: string) => `unknown unpack format ${format}`),
});
