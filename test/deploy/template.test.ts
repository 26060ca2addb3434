// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub writes ${Name}
/**
 * The SAM template, read as CloudFormation reads it (short-form intrinsic tags): the function runs
 * the zip that build:lambda writes, as index.handler on nodejs22.x, behind an HTTP API with
 * POST /score, with the handler's environment and an S3 read policy for the model bucket only.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, Tags, YAMLSeq } from 'yaml';

const DIR = fileURLToPath(new URL('../../deploy/', import.meta.url));

const scalar = (name: string, key: string) => ({ tag: `!${name}`, resolve: (s: string) => ({ [key]: s }) });
const seq = (name: string, key: string) => ({
  tag: `!${name}`,
  collection: 'seq' as const,
  resolve: (s: YAMLSeq) => ({ [key]: s.toJSON() }),
});
const CFN_TAGS: Tags = [
  scalar('Ref', 'Ref'),
  scalar('Sub', 'Fn::Sub'),
  scalar('GetAtt', 'Fn::GetAtt'),
  seq('If', 'Fn::If'),
  seq('Not', 'Fn::Not'),
  seq('Equals', 'Fn::Equals'),
  seq('Sub', 'Fn::Sub'),
] as Tags;

const template = parse(readFileSync(`${DIR}template.yaml`, 'utf8'), { customTags: CFN_TAGS });
const fn = template.Resources.ScoreFunction;

describe('deploy/template.yaml', () => {
  it('is a SAM template whose function runs the built zip as index.handler on nodejs22.x', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(fn.Type).toBe('AWS::Serverless::Function');
    expect(fn.Properties).toMatchObject({
      CodeUri: 'dist/lambda.zip',
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      Architectures: [{ Ref: 'Architecture' }],
    });
    expect(template.Parameters.Architecture.AllowedValues).toEqual(['arm64', 'x86_64']);
    // build:lambda names its model model/<file>: the default must be the bundled demo model's path.
    expect(template.Parameters.BundledModel.Default).toBe('model/sonar-naive-bayes.pfa.json');
  });

  it('sets the handler environment, bundle or S3 by condition', () => {
    const vars = fn.Properties.Environment.Variables;
    expect(Object.keys(vars).sort()).toEqual([
      'PFA_BACKEND',
      'PFA_LOG_LEVEL',
      'PFA_MAX_BODY_BYTES',
      'PFA_MODEL',
      'PFA_MODEL_S3_URI',
    ]);
    expect(vars.PFA_MODEL).toEqual({ 'Fn::If': ['ModelInS3', { Ref: 'AWS::NoValue' }, { Ref: 'BundledModel' }] });
    expect(vars.PFA_MODEL_S3_URI).toEqual({
      'Fn::If': ['ModelInS3', { 'Fn::Sub': 's3://${ModelBucket}/${ModelKey}' }, { Ref: 'AWS::NoValue' }],
    });
    expect(template.Parameters.Backend.AllowedValues).toEqual(['auto', 'js', 'wasm']);
    expect(template.Conditions.ModelInS3).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ModelBucket' }, ''] }] });
  });

  it('reads S3 only in the model bucket', () => {
    expect(fn.Properties.Policies).toEqual([
      { 'Fn::If': ['ModelInS3', { S3ReadPolicy: { BucketName: { Ref: 'ModelBucket' } } }, { Ref: 'AWS::NoValue' }] },
    ]);
  });

  it('routes POST /score, GET /health and GET /openapi.json through one HTTP API', () => {
    const events = Object.values(fn.Properties.Events) as { Type: string; Properties: Record<string, unknown> }[];
    expect(events.map((e) => [e.Type, e.Properties.Method, e.Properties.Path])).toEqual([
      ['HttpApi', 'POST', '/score'],
      ['HttpApi', 'GET', '/health'],
      ['HttpApi', 'GET', '/openapi.json'],
    ]);
    for (const e of events) expect(e.Properties.ApiId).toEqual({ Ref: 'ScoreApi' });
    expect(template.Resources.ScoreApi.Type).toBe('AWS::Serverless::HttpApi');
    expect(template.Outputs.ScoreUrl.Value).toEqual({
      'Fn::Sub': 'https://${ScoreApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/score',
    });
  });
});

describe('deploy/loadtest.yml', () => {
  const load = parse(readFileSync(`${DIR}loadtest.yml`, 'utf8'));
  const csv = readFileSync(`${DIR}sonar-rows.csv`, 'utf8').trim().split('\n');

  it('is the seed scenario: 10 arrivals/s for 60 s, one Sonar row per POST /score from the CSV', () => {
    expect(load.config.phases).toEqual([{ name: 'seed', duration: 60, arrivalRate: 10 }]);
    expect(load.config.payload).toMatchObject({ path: 'sonar-rows.csv', skipHeader: true, cast: true });
    expect(load.config.payload.fields).toEqual(csv[0].split(','));
    expect(csv).toHaveLength(209);
    const post = load.scenarios[0].flow[0].post;
    expect(post.url).toBe('/score');
    expect(Object.keys(post.json)).toEqual(csv[0].split(','));
    expect(post.json.V60).toBe('{{ V60 }}');
  });
});
