/**
 * Special forms lowered to Wasm (issue 16 sec. 2) answer, fail and log exactly as the JS backend,
 * the reference: the same values, the same errors (kind, code, message), the same cell state after.
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine } from '../../../src/index.js';
import { batchOutcomes, outcome } from './outcome.js';

/** Both backends on `doc`, the Wasm one required to have lowered it; the answers for `inputs`, checked equal. */
async function agree(doc: object, inputs: readonly unknown[]): Promise<string[]> {
  const js = PFAEngine.fromJson(doc, { backend: 'js' });
  const wasm = await PFAEngine.create(doc, { backend: 'wasm' });
  expect(wasm.backend).toBe('wasm');
  const want = inputs.map((x) => outcome(js, x));
  expect(inputs.map((x) => outcome(wasm, x))).toEqual(want);
  // (a fresh engine: cells written by the calls above would carry over)
  const fresh = await PFAEngine.create(doc, { backend: 'wasm' });
  expect(batchOutcomes(fresh, inputs)).toEqual(want);
  return want;
}

const fail = (code: number, message: string) => ({ error: message, code });

describe('try', () => {
  it('catches any runtime or user error without a filter; the value is a union with null', async () => {
    const doc = {
      input: 'int',
      output: ['null', 'int'],
      action: { try: [{ if: { '<': ['input', 0] }, then: fail(-7, 'negative'), else: { '//': [100, 'input'] } }] },
    };
    expect(await agree(doc, [5, -1, 0, 3])).toEqual(['{"int":20}', 'null', 'null', '{"int":33}']);
  });

  it('catches only the codes and messages its filter names; others go on', async () => {
    const doc = {
      input: 'int',
      output: ['null', 'int'],
      action: {
        try: [
          {
            cond: [
              { if: { '==': ['input', 1] }, then: fail(-1, 'one') },
              { if: { '==': ['input', 2] }, then: fail(-2, 'two') },
              { if: { '==': ['input', 3] }, then: { error: 'three' } },
            ],
            else: { '//': [10, 'input'] },
          },
        ],
        filter: [-1, 'three', 'integer division by zero'],
      },
    };
    const want = await agree(doc, [1, 2, 3, 0, 5]);
    expect(want).toEqual(['null', 'error user -2 two', 'null', 'null', '{"int":2}']);
  });

  it('stops failures inside loops, switches and user functions at its boundary, nested', async () => {
    const doc = {
      input: { type: 'array', items: 'int' },
      output: { type: 'array', items: ['null', 'int'] },
      cells: { seen: { type: 'int', init: 0 } },
      fcns: {
        check: {
          params: [{ x: 'int' }],
          ret: 'int',
          do: [
            {
              for: { i: 0 },
              while: { '<': ['i', 3] },
              step: { i: { '+': ['i', 1] } },
              do: [{ if: { '==': [{ '+': ['x', 'i'] }, 7] }, then: fail(-5, 'seven') }],
            },
            { cell: 'seen', to: { '+': [{ cell: 'seen' }, 1] } },
            { '+': [{ '*': ['x', 2] }, { '*': [1000, { cell: 'seen' }] }] },
          ],
        },
      },
      action: [
        { let: { out: { value: [], type: { type: 'array', items: ['null', 'int'] } } } },
        {
          foreach: 'x',
          in: 'input',
          do: [
            {
              set: {
                out: {
                  'a.append': [
                    'out',
                    {
                      try: [
                        { let: { inner: { try: { 'u.check': ['x'] }, filter: ['seven'] } } },
                        {
                          ifnotnull: { v: 'inner' },
                          then: { '+': ['v', { attr: 'input', path: ['x'] }] },
                          else: { '-': [0, 1] },
                        },
                      ],
                    },
                  ],
                },
              },
            },
          ],
        },
        'out',
      ],
    };
    const want = await agree(doc, [[1, 5, 6, 7, 100], [], [4, 2]]);
    // (x = 100 passes the inner try and fails on input[100], which only the outer one catches)
    // (x = 1: check gives 2 + 1000 * seen, plus input[1])
    expect(want).toEqual(['[{"int":1007},{"int":-1},{"int":-1},{"int":-1},null]', '[]', '[null,null]']);
  });

  it('matches a filter message naming a missing key or index', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'k', type: 'string' },
          { name: 'i', type: 'int' },
        ],
      },
      output: ['null', 'double'],
      cells: {
        table: { type: { type: 'map', values: { type: 'array', items: 'double' } }, init: { a: [1, 2], b: [3] } },
      },
      action: {
        try: {
          cell: 'table',
          path: [
            { attr: 'input', path: [{ string: 'k' }] },
            { attr: 'input', path: [{ string: 'i' }] },
          ],
        },
        filter: ['map key "zz" not found', 'array index 1 not found'],
      },
    };
    const want = await agree(doc, [
      { k: 'a', i: 1 },
      { k: 'zz', i: 0 },
      { k: 'yy', i: 0 },
      { k: 'b', i: 1 },
      { k: 'b', i: 2 },
    ]);
    expect(want).toEqual([
      '{"double":2}',
      'null',
      'error runtime 2005 map key "yy" not found',
      'null',
      'error runtime 2004 array index 2 not found',
    ]);
  });
});

describe('log', () => {
  it('hands the log hook the values and namespace the JS backend does, in order', async () => {
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'x', type: 'double' },
          { name: 'tags', type: { type: 'map', values: 'string' } },
        ],
      },
      output: 'double',
      action: [
        { log: [{ attr: 'input', path: [{ string: 'x' }] }, 'input', { string: 'plain' }] },
        {
          for: { i: 0 },
          while: { '<': ['i', 2] },
          step: { i: { '+': ['i', 1] } },
          do: [
            {
              log: [
                { new: ['i', { '*': ['i', 0.5] }], type: { type: 'array', items: 'double' } },
                { try: { '//': [1, 'i'] } },
              ],
              namespace: 'loop',
            },
          ],
        },
        { log: { '/': [{ attr: 'input', path: [{ string: 'x' }] }, 0] }, namespace: 'last' },
        { '*': [2, { attr: 'input', path: [{ string: 'x' }] }] },
      ],
    };
    const logs = (into: unknown[][]) => (values: unknown[], namespace: string | null) => {
      into.push([namespace, ...values]);
    };
    const jsLogs: unknown[][] = [],
      wasmLogs: unknown[][] = [];
    const js = PFAEngine.fromJson(doc, { backend: 'js', log: logs(jsLogs) });
    const wasm = await PFAEngine.create(doc, { backend: 'wasm', log: logs(wasmLogs) });
    expect(wasm.backend).toBe('wasm');
    const inputs = [
      { x: 1.5, tags: new Map([['a', 'é']]) },
      { x: -0, tags: new Map() },
    ];
    for (const x of inputs) expect(outcome(wasm, x)).toEqual(outcome(js, x));
    expect(jsLogs.length).toBe(8);
    expect(jsLogs[2]).toEqual(['loop', [1, 0.5], 1]);
    expect(wasmLogs).toEqual(jsLogs);
    // (a batch logs the same, record after record)
    wasmLogs.length = 0;
    wasm.scoreBatch(inputs);
    expect(wasmLogs).toEqual(jsLogs);
  });
});

describe('pools', () => {
  const doc = (rollback: boolean) => ({
    input: {
      type: 'record',
      name: 'In',
      fields: [
        { name: 'who', type: 'string' },
        { name: 'x', type: 'double' },
        { name: 'op', type: 'string' },
      ],
    },
    output: ['null', 'double'],
    pools: {
      totals: { type: { type: 'map', values: 'double' }, init: { ann: { n: 1, sum: 2.5 } }, rollback },
      names: { type: 'string', init: { a: 'x' } },
    },
    action: [
      {
        let: {
          who: { attr: 'input', path: [{ string: 'who' }] },
          x: { attr: 'input', path: [{ string: 'x' }] },
          op: { attr: 'input', path: [{ string: 'op' }] },
        },
      },
      {
        cond: [
          {
            if: { '==': ['op', { string: 'add' }] },
            then: {
              pool: 'totals',
              path: ['who', { string: 'sum' }],
              to: { params: [{ old: 'double' }], ret: 'double', do: { '+': ['old', 'x'] } },
              init: { value: { sum: 0, n: 0 }, type: { type: 'map', values: 'double' } },
            },
          },
          {
            if: { '==': ['op', { string: 'set' }] },
            then: {
              pool: 'totals',
              path: ['who'],
              to: { new: { sum: 'x', n: 1 }, type: { type: 'map', values: 'double' } },
              init: { value: {}, type: { type: 'map', values: 'double' } },
            },
          },
          { if: { '==': ['op', { string: 'del' }] }, then: { pool: 'totals', del: 'who' } },
          // (the update happens, then the action fails: a rollback pool goes back)
          {
            if: { '==': ['op', { string: 'bad' }] },
            then: [
              {
                pool: 'totals',
                path: ['who', { string: 'sum' }],
                to: 'x',
                init: { value: { sum: 0 }, type: { type: 'map', values: 'double' } },
              },
              fail(-3, 'bad'),
            ],
          },
        ],
      },
      {
        ifnotnull: { s: { try: { pool: 'totals', path: ['who', { string: 'sum' }] } } },
        then: { '+': ['s', { 'm.round': [{ 's.len': [{ pool: 'names', path: [{ string: 'a' }] }] }] }] },
        else: null,
      },
    ],
  });
  const inputs = [
    { who: 'ann', x: 1, op: 'add' },
    { who: 'bob', x: 4, op: 'add' },
    { who: 'bob', x: 0, op: 'get' },
    { who: 'cy', x: 0, op: 'get' },
    { who: 'ann', x: 9, op: 'bad' },
    { who: 'cy', x: 7, op: 'bad' },
    { who: 'bob', x: 3, op: 'set' },
    { who: 'ann', x: 0, op: 'del' },
    { who: 'ann', x: 0, op: 'get' },
    { who: 'zed', x: 0, op: 'del' },
  ];

  for (const rollback of [true, false]) {
    it(`read, update with init, delete and ${rollback ? 'roll back' : 'keep'} on a failed action, as the JS backend`, async () => {
      const js = PFAEngine.fromJson(doc(rollback), { backend: 'js' });
      const wasm = await PFAEngine.create(doc(rollback), { backend: 'wasm' });
      expect(wasm.backend).toBe('wasm');
      for (const x of inputs) {
        expect(outcome(wasm, x)).toEqual(outcome(js, x));
        expect(wasm.snapshot()).toEqual(js.snapshot());
      }
      const pools = js.snapshot().pools as Record<string, Record<string, unknown>>;
      expect(Object.keys(pools.totals).sort()).toEqual(rollback ? ['bob'] : ['bob', 'cy']);
      // (batched: the same answers and the same pools after)
      const fresh = await PFAEngine.create(doc(rollback), { backend: 'wasm' });
      const again = PFAEngine.fromJson(doc(rollback), { backend: 'js' });
      const want = inputs.map((x) => outcome(again, x));
      expect(batchOutcomes(fresh, inputs)).toEqual(want);
      expect(fresh.snapshot()).toEqual(again.snapshot());
    });
  }
});

describe('!!!', () => {
  it('negates a Kleene boolean given as a union in either order, a boolean or a null', async () => {
    const doc = {
      input: ['null', 'boolean'],
      output: { type: 'array', items: ['boolean', 'null'] },
      action: {
        new: [
          { '!!!': ['input'] },
          // (the same value as a union in the other branch order)
          {
            '!!!': [
              {
                cast: 'input',
                cases: [
                  { as: 'boolean', named: 'b', do: { upcast: 'b', as: ['boolean', 'null'] } },
                  { as: 'null', named: 'n', do: { upcast: 'n', as: ['boolean', 'null'] } },
                ],
              },
            ],
          },
          { '!!!': [true] },
          { '!!!': [null] },
        ],
        type: { type: 'array', items: ['boolean', 'null'] },
      },
    };
    expect(await agree(doc, [null, true, false])).toEqual([
      '[null,null,{"boolean":false},null]',
      '[{"boolean":false},{"boolean":false},{"boolean":false},null]',
      '[{"boolean":true},{"boolean":true},{"boolean":false},null]',
    ]);
  });
});

describe('try of a null value', () => {
  it('is null whether or not the body fails, and the failure stops at it', async () => {
    const doc = {
      input: 'int',
      output: 'int',
      cells: { n: { type: 'int', init: 0 } },
      action: [
        { try: { if: { '>': ['input', 2] }, then: fail(-1, 'big') } },
        { try: [{ cell: 'n', to: { '+': [{ cell: 'n' }, 'input'] } }, { error: 'always' }] },
        { cell: 'n' },
      ],
    };
    expect(await agree(doc, [1, 5])).toEqual(['1', '6']);
  });
});
