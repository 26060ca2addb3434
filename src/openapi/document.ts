/**
 * An OpenAPI 3.1 document for a model: POST /score with request and response schemas derived from
 * the model's input and output types (see schema.ts), GET /health and GET /openapi.json. The seed
 * relied on API Gateway for documentation and request validation; this is what it needs.
 */
import type { PFAEngine } from '../engine.js';
import { SchemaBuilder, JsonSchema } from './schema.js';

const ERROR: JsonSchema = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    code: { type: ['integer', 'null'], description: 'the PFA error code, when there is one' },
    path: { type: ['string', 'null'], description: 'JSON Pointer into the request body' },
  },
  required: ['error', 'code', 'path'],
};

export interface OpenApiOptions {
  /** Server URL(s) to list; none by default. */
  servers?: string[];
  version?: string;
}

/** What the document needs of an engine (the Lambda handler's may run without the front end). */
export type DescribedEngine = Pick<PFAEngine, 'name' | 'method' | 'inputType' | 'outputType'>;

export function openApiDocument(engine: DescribedEngine, options: OpenApiOptions = {}): Record<string, unknown> {
  const b = new SchemaBuilder();
  const input = b.schema(engine.inputType);
  const output = b.schema(engine.outputType);
  const one =
    engine.method === 'emit'
      ? { type: 'array', items: output, description: 'the values emitted for the record' }
      : output;
  // Hyphenated keys: an Avro name cannot hold a hyphen, so a record called Input cannot collide.
  const components = { ...b.components, 'pfa-input': input, 'pfa-output': one, 'pfa-error': ERROR };
  const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });
  const answer = (description: string) => ({
    description,
    content: { 'application/json': { schema: ref('pfa-error') } },
  });
  const methodNote = {
    map: 'one output per record',
    emit: 'for each record, the list of values it emitted',
    fold: 'for each record, the running tally after it (kept per server process or Lambda container)',
  }[engine.method];

  return {
    openapi: '3.1.0',
    info: {
      title: `PFA model ${engine.name}`,
      version: options.version ?? '1',
      description: `Scores records with the PFA model "${engine.name}" (method ${engine.method}: ${methodNote}).`,
    },
    ...(options.servers?.length ? { servers: options.servers.map((url) => ({ url })) } : {}),
    paths: {
      '/score': {
        post: {
          operationId: 'score',
          summary: 'Score one record or a batch',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  anyOf: [
                    { ...ref('pfa-input'), description: 'one record; the answer is one result' },
                    {
                      type: 'array',
                      items: ref('pfa-input'),
                      description: 'a batch; the answer is a list of results in order',
                    },
                    {
                      type: 'object',
                      properties: { records: { type: 'array', items: ref('pfa-input') } },
                      required: ['records'],
                      additionalProperties: false,
                      description: 'a batch; the answer is a list of results in order',
                    },
                  ],
                },
              },
            },
          },
          responses: {
            200: {
              description: `the result (${methodNote}), or the list of results for a batch`,
              headers: {
                'Server-Timing': {
                  description: 'init (first request of a process), decode and score durations in ms',
                  schema: { type: 'string' },
                },
              },
              content: {
                'application/json': {
                  schema: { anyOf: [ref('pfa-output'), { type: 'array', items: ref('pfa-output') }] },
                },
              },
            },
            400: answer('unparsable JSON, or a record that does not match the input type (path names the field)'),
            413: answer('the body is over the size limit'),
            422: answer('the model raised an error on a record (path names the record)'),
            503: answer('the model could not be loaded; the next request tries again'),
          },
        },
      },
      '/health': {
        get: {
          operationId: 'health',
          responses: {
            200: {
              description: 'the model is loaded',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      status: { const: 'ok' },
                      model: { type: 'string' },
                      method: { type: 'string' },
                      backend: { type: 'string' },
                      source: { type: 'string' },
                      sha256: { type: 'string' },
                    },
                  },
                },
              },
            },
            503: answer('the model could not be loaded'),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          responses: { 200: { description: 'this document', content: { 'application/json': {} } } },
        },
      },
    },
    components: { schemas: components },
  };
}
