import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src/hosts/lambda/events.js';
import { functionUrlEvent, v1Event, v2Event } from './fixtures.js';

describe('parseEvent', () => {
  it('REST proxy (v1)', () => {
    expect(parseEvent(v1Event({ body: '{}', base64: true }))).toEqual({
      kind: 'http',
      format: 'v1',
      method: 'POST',
      path: '/score',
      body: Buffer.from('{}').toString('base64'),
      isBase64Encoded: true,
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      contentType: 'application/json',
    });
  });
  it('HTTP API (v2), with and without a stage', () => {
    expect(parseEvent(v2Event({ method: 'get', path: '/health' }))).toMatchObject({
      format: 'v2',
      method: 'GET',
      path: '/health',
      body: undefined,
    });
    expect(parseEvent(v2Event({ stage: 'prod', path: '/score', body: '1' }))).toMatchObject({
      path: '/score',
      body: '1',
    });
    expect(parseEvent(v2Event({ stage: 'prod', path: '/' }))).toMatchObject({ path: '/' });
  });
  it('function URL (v2 shape)', () => {
    expect(parseEvent(functionUrlEvent({ body: '[]' }))).toMatchObject({
      kind: 'http',
      format: 'v2',
      path: '/score',
      body: '[]',
      requestId: 'JKJaXmPLvHcESHA=',
    });
  });
  it('anything else is a direct invocation: the payload itself', () => {
    for (const payload of [
      { V1: 1 },
      [1, 2],
      3,
      null,
      'text',
      { records: [] },
      { httpMethod: 'POST' },
      { version: '2.0', body: '{}' },
    ]) {
      expect(parseEvent(payload)).toEqual({ kind: 'direct', payload });
    }
  });
});
