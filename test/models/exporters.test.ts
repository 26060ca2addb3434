/**
 * Models written the way exporters write them (issue 16 §1): R's aurelius trees of `TreeNode`
 * records whose `value` is a one-branch union (`["double"]`) and whose `pass`/`fail` are unions of
 * the score and the node, walked by model.tree.simpleWalk with simpleTest (rpart; missingWalk and
 * simpleTree for one with missing values), a forest of them
 * voted (randomForest classification) or averaged (regression), a gbm sum of trees through a link
 * function, `try` around `s.int`, and `cast.fanoutDouble` one-hot features. Each loads and scores
 * on the JS backend with answers worked out by hand (or by an independent walker here); where it
 * lowers, the Wasm backend gives the same text, and where it does not, `auto` says why.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PFAEngine } from '../../src/index.js';
import { answer } from '../helpers/answers.js';

const model = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./exporters/${name}.pfa.json`, import.meta.url), 'utf8'));

function answers(e: PFAEngine, texts: readonly string[]): string[] {
  return texts.map((t) => answer(() => e.encodeText(e.action(e.decodeText(t)))));
}

/**
 * The JS backend's answers. `lowers`: true when the Wasm backend must run the document and agree;
 * else the reason `auto` must give for staying on the JS backend.
 */
async function score(doc: object, texts: readonly string[], lowers: true | RegExp): Promise<string[]> {
  const want = answers(PFAEngine.fromJson(doc, { backend: 'js' }), texts);
  const auto = await PFAEngine.create(doc, { backend: 'auto' });
  if (lowers === true) {
    expect(auto.backendNote).toBe('');
    expect(auto.backend).toBe('wasm');
    expect(answers(auto, texts)).toEqual(want);
  } else {
    expect(auto.backend).toBe('js');
    expect(auto.backendNote).toMatch(lowers);
  }
  return want;
}

const iris = (sl: number, sw: number, pl: number) =>
  JSON.stringify({ Sepal_Length: sl, Sepal_Width: sw, Petal_Length: pl });

describe('exporter-shaped models', () => {
  it('rpart: a regression tree with ["double"] split values, every path and a value on a split', async () => {
    const want = await score(
      model('rpart-regression'),
      [
        iris(5.0, 3.5, 1.4),
        iris(5.0, 2.5, 4.0),
        iris(6.0, 2.5, 4.0),
        iris(6.5, 3.0, 5.5),
        iris(6.5, 2.9, 4.9),
        iris(6.5, 3.0, 4.9),
        iris(5.15, 3.0, 2.45),
      ],
      true,
    );
    expect(want).toEqual(['0.246', '1.1', '1.3', '2.1', '1.77', '1.8', '1.3']);
  });

  it('rpart with missing values: missingWalk/missingTest take the missing branch; simpleTree', async () => {
    const want = await score(
      model('rpart-missing'),
      ['{"a": {"double": 0.5}, "b": 1}', '{"a": {"double": 3}, "b": 5}', '{"a": null, "b": -1}', '{"a": null, "b": 0}'],
      true,
    );
    expect(want).toEqual(['["low","small"]', '["high","big"]', '["b-neg","small"]', '["b-pos","small"]']);
  });

  it('randomForest: three trees in an array cell vote (a.mode; a three-way tie is the median)', async () => {
    const row = (pl: number, pw: number, sw: number) =>
      JSON.stringify({ Petal_Length: pl, Petal_Width: pw, Sepal_Width: sw });
    const want = await score(
      model('randomForest-classification'),
      [row(1.4, 0.2, 3), row(4.5, 1.5, 3), row(5.5, 2.0, 3), row(4.97, 1.8, 4), row(2.0, 1.0, 2)],
      true,
    );
    expect(want).toEqual(['"setosa"', '"versicolor"', '"virginica"', '"versicolor"', '"versicolor"']);
  });

  it('gbm: an initial value plus a sum of trees, through m.link.logit', async () => {
    const want = await score(
      model('gbm-bernoulli'),
      ['{"x1": 0, "x2": 0}', '{"x1": 1, "x2": 2}', '{"x1": 3, "x2": -2}'],
      true,
    );
    const logit = (f: number) => 1 / (1 + Math.exp(-f));
    // Leaves per row, summed left to right after the initial value -0.25.
    expect(want).toEqual(
      [-0.25 + (-0.125 + 0.0625 + 0.1), -0.25 + (0.375 + -0.5 + 0.1), -0.25 + (0.375 + 0.0625 + -0.3)].map((f) =>
        String(logit(f)),
      ),
    );
  });

  it('a randomForest regression of 120 generated trees, averaged, as an independent walk gives', async () => {
    const { doc, rows, expected } = generatedForest(120, 20);
    const want = await score(
      doc,
      rows.map((r) => JSON.stringify(r)),
      true,
    );
    expect(want).toEqual(expected.map(String));
  });

  it('try around s.int: null where it raises, on Wasm (s.int runs on the host)', async () => {
    const want = await score(
      model('try-s-int'),
      ['{"n": 42, "width": 5}', '{"n": -7, "width": -3}', '{"n": -7, "width": 4}'],
      true,
    );
    expect(want).toEqual(['{"string":"00042"}', 'null', '{"string":"-007"}']);
  });

  it('cast.fanoutDouble one-hot features into a linear model, on Wasm', async () => {
    const want = await score(
      model('fanout-onehot'),
      ['{"color": "green", "size": "L", "rooms": 3}', '{"color": "purple", "size": "S", "rooms": 9}'],
      true,
    );
    expect(want).toEqual([
      '{"features":[0,1,0,0,0,0,1,0,0,1,0],"score":11.25}',
      '{"features":[0,0,0,1,1,0,0,0,0,0,0],"score":10.375}',
    ]);
  });
});

interface Node {
  field: string;
  operator: string;
  value: { double: number };
  pass: Branch;
  fail: Branch;
}
type Branch = { double: number } | { TreeNode: Node };

/**
 * A forest as aurelius writes a randomForest regression (trees in an array cell, `value` a
 * one-branch union), random but fixed (a linear congruential generator), with rows to score and
 * the answers of a walk written here: a.mean sums the leaves left to right, then divides.
 */
function generatedForest(
  trees: number,
  n: number,
): { doc: object; rows: Record<string, number>[]; expected: number[] } {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const fields = ['x1', 'x2', 'x3'];
  const operators = ['<', '<=', '>', '>='];
  const grow = (depth: number): Node => {
    const branch = (): Branch =>
      depth > 0 && next() < 0.6 ? { TreeNode: grow(depth - 1) } : { double: Math.round(next() * 1000) / 100 };
    return {
      field: fields[Math.floor(next() * 3)],
      operator: operators[Math.floor(next() * 4)],
      value: { double: Math.round(next() * 100) / 10 },
      pass: branch(),
      fail: branch(),
    };
  };
  const forest = Array.from({ length: trees }, () => grow(5));
  const rows = Array.from({ length: n }, () => ({
    x1: Math.round(next() * 100) / 10,
    x2: Math.round(next() * 100) / 10,
    x3: Math.round(next() * 100) / 10,
  }));
  const test = (x: number, op: string, v: number) =>
    op === '<' ? x < v : op === '<=' ? x <= v : op === '>' ? x > v : x >= v;
  const walk = (node: Node, row: Record<string, number>): number => {
    const next = test(row[node.field], node.operator, node.value.double) ? node.pass : node.fail;
    return 'double' in next ? next.double : walk(next.TreeNode, row);
  };
  const expected = rows.map((r) => forest.reduce((s, t) => s + walk(t, r), 0) / trees);
  const doc = {
    input: { type: 'record', name: 'Input', fields: fields.map((name) => ({ name, type: 'double' })) },
    output: 'double',
    cells: {
      forest: {
        type: {
          type: 'array',
          items: {
            type: 'record',
            name: 'TreeNode',
            fields: [
              { name: 'field', type: { type: 'enum', name: 'TreeFields', symbols: fields } },
              { name: 'operator', type: 'string' },
              { name: 'value', type: ['double'] },
              { name: 'pass', type: ['double', 'TreeNode'] },
              { name: 'fail', type: ['double', 'TreeNode'] },
            ],
          },
        },
        init: forest,
      },
    },
    action: {
      'a.mean': {
        'a.map': [
          { cell: 'forest' },
          {
            params: [{ tree: 'TreeNode' }],
            ret: 'double',
            do: {
              'model.tree.simpleWalk': [
                'input',
                'tree',
                {
                  params: [{ d: 'Input' }, { t: 'TreeNode' }],
                  ret: 'boolean',
                  do: { 'model.tree.simpleTest': ['d', 't'] },
                },
              ],
            },
          },
        ],
      },
    },
  };
  return { doc, rows, expected };
}
