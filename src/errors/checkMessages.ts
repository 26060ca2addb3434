/**
 * The catalog of the type checker's messages (STYLE.md item 4; check, check/scope.ts), apart from
 * messages.ts (reading JSON and schemae), which code without the front end loads too. As there,
 * call sites give only the place and the arguments: `throw checkMessages.unknownCell.at(path, name)`.
 */
import { CODES } from './codes.js';
import { semantic, syntax } from './message.js';

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
  /** The option "wasm.decline" (backend/wasm/lower/decline.ts). */
  optionNotFunctionNames: semantic((key: string) => `option "${key}" must be an array of library function names`),
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
