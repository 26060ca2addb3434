import { describe, expect, it } from 'vitest';
import { projectSample } from '../../src/conformance/sample.js';

const residual = {
  type: 'record',
  name: 'Input',
  fields: [
    { name: 'observation', type: { type: 'array', items: 'double' } },
    { name: 'prediciton', type: { type: 'array', items: 'double' } },
  ],
};

describe('projectSample', () => {
  it('drops record fields the schema does not declare, as runTest.convertIn did', () => {
    expect(projectSample({ observation: [1, 2], prediciton: [0.5], prediction: [1, 2, 3] }, residual)).toEqual({
      observation: [1, 2],
      prediciton: [0.5],
    });
  });

  it('follows arrays, maps, unions and named types', () => {
    const point = { type: 'record', name: 'P', namespace: 'geo', fields: [{ name: 'x', type: 'double' }] };
    const schema = {
      type: 'record',
      name: 'Input',
      fields: [
        { name: 'ps', type: { type: 'array', items: point } },
        { name: 'byName', type: { type: 'map', values: 'geo.P' } },
        { name: 'u', type: ['null', 'P', { type: 'array', items: 'P' }] },
      ],
    };
    const sample = { ps: [{ x: 1, junk: 1 }], byName: { a: { x: 2, junk: 2 } }, u: { P: { x: 3, junk: 3 } } };
    expect(projectSample(sample, schema)).toEqual({ ps: [{ x: 1 }], byName: { a: { x: 2 } }, u: { P: { x: 3 } } });
    expect(projectSample({ ...sample, u: { array: [{ x: 4, junk: 4 }] } }, schema)).toMatchObject({
      u: { array: [{ x: 4 }] },
    });
    expect(projectSample({ ...sample, u: null }, schema)).toMatchObject({ u: null });
  });

  it('leaves everything else to the decoder', () => {
    expect(
      projectSample(
        { x: 'nan', b: 'AAE=' },
        {
          type: 'record',
          name: 'R',
          fields: [
            { name: 'x', type: 'double' },
            { name: 'b', type: 'bytes' },
            { name: 'missing', type: 'int' },
          ],
        },
      ),
    ).toEqual({ x: 'nan', b: 'AAE=' });
    expect(projectSample(5n, 'long')).toBe(5n);
    expect(projectSample([1, 2], { type: 'record', name: 'R', fields: [] })).toEqual([1, 2]);
    expect(projectSample({ unknownTag: 1 }, ['null', 'int'])).toEqual({ unknownTag: 1 });
    expect(projectSample({ x: 1 }, 'Undefined')).toEqual({ x: 1 });
  });
});
