// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub writes ${Name}
/**
 * deploy/batch.yaml read as CloudFormation reads it (short-form tags): every Ref, GetAtt and Sub
 * names a parameter, a resource (with an attribute its type has) or a pseudo parameter; every
 * resource type and property, nested ones included, is in CloudFormation's resource specification
 * (@aws-cdk/cfnspec); the policies reach S3 only under the input and output prefixes; the state
 * machine is a Distributed Map over the input prefix that invokes batch.handler. The references
 * of the HTTP template (deploy/template.yaml, SAM) are checked too.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, Tags, YAMLMap, YAMLSeq } from 'yaml';
import { specification } from '@aws-cdk/cfnspec';

const DIR = fileURLToPath(new URL('../../deploy/', import.meta.url));
/** The parts of the specification read here (a property may also be a union of types: not descended into). */
interface SpecProperty {
  Type?: string;
  ItemType?: string;
  PrimitiveType?: string;
  Required?: boolean;
}
interface SpecType {
  Properties?: Record<string, SpecProperty>;
  Attributes?: Record<string, unknown>;
}
const SPEC = specification() as unknown as {
  ResourceTypes: Record<string, SpecType>;
  PropertyTypes: Record<string, SpecType>;
};
const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

type Node = unknown;
const FNS: [string, string][] = [
  ['Ref', 'Ref'],
  ['Sub', 'Fn::Sub'],
  ['GetAtt', 'Fn::GetAtt'],
  ['If', 'Fn::If'],
  ['Not', 'Fn::Not'],
  ['Equals', 'Fn::Equals'],
  ['Join', 'Fn::Join'],
  ['Select', 'Fn::Select'],
  ['Split', 'Fn::Split'],
];
const TAGS: Tags = FNS.flatMap(([tag, key]) => [
  { tag: `!${tag}`, resolve: (s: string) => ({ [key]: key === 'Fn::GetAtt' ? s.split('.') : s }) },
  { tag: `!${tag}`, collection: 'seq' as const, resolve: (s: YAMLSeq) => ({ [key]: s.toJSON() }) },
  { tag: `!${tag}`, collection: 'map' as const, resolve: (s: YAMLMap) => ({ [key]: s.toJSON() }) },
]) as Tags;

function load(name: string): {
  Parameters: Record<string, Node>;
  Resources: Record<string, { Type: string; Properties?: Record<string, Node> }>;
  Outputs?: Record<string, Node>;
} {
  return parse(readFileSync(`${DIR}${name}`, 'utf8'), { customTags: TAGS });
}

/** Every intrinsic reference in the template: [function, what it names, where]. */
function references(node: Node, at: string, out: [string, string, string][] = []): [string, string, string][] {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) references(node[i], `${at}/${i}`, out);
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'Ref') out.push(['Ref', v as string, at]);
      else if (k === 'Fn::GetAtt') out.push(['GetAtt', (v as string[]).join('.'), at]);
      else if (k === 'Fn::Sub') {
        const [text, vars] = typeof v === 'string' ? [v, {}] : (v as [string, Record<string, Node>]);
        // ${Name} or ${Resource.Attribute}; ${!Literal} is text; variables of the list form are local.
        for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g))
          if (!(m[1] in vars)) out.push([m[1].includes('.') ? 'GetAtt' : 'Ref', m[1], at]);
        references(vars, at, out);
        continue;
      }
      references(v, `${at}/${k}`, out);
    }
  }
  return out;
}

function checkReferences(name: string) {
  const t = load(name);
  const refs = references({ Resources: t.Resources, Outputs: t.Outputs }, '');
  expect(refs.length).toBeGreaterThan(0);
  for (const [fn, target, at] of refs) {
    if (fn === 'Ref') {
      expect(target in t.Parameters || target in t.Resources || PSEUDO.has(target), `${name}${at}: Ref ${target}`).toBe(
        true,
      );
    } else {
      const [res, ...attr] = target.split('.');
      expect(res in t.Resources, `${name}${at}: GetAtt ${target} names no resource`).toBe(true);
      const spec = SPEC.ResourceTypes[t.Resources[res].Type];
      // SAM's types are not in the specification; their attributes are SAM's business.
      if (spec) expect(Object.keys(spec.Attributes ?? {}), `${name}${at}: ${target}`).toContain(attr.join('.'));
    }
  }
}

const isIntrinsic = (x: Node) =>
  x !== null &&
  typeof x === 'object' &&
  !Array.isArray(x) &&
  Object.keys(x).length === 1 &&
  /^(Ref|Fn::)/.test(Object.keys(x)[0]);

/** The value of a property against its specification: nested property types key by key. */
function checkValue(value: Node, spec: SpecProperty, resourceType: string, at: string) {
  if (isIntrinsic(value) || spec.PrimitiveType) return;
  const item = spec.Type === 'List' || spec.Type === 'Map' ? spec.ItemType : spec.Type;
  if (item === undefined) return;
  const values =
    spec.Type === 'List' ? (value as Node[]) : spec.Type === 'Map' ? Object.values(value as object) : [value];
  for (const v of values) {
    if (isIntrinsic(v)) continue;
    const type = SPEC.PropertyTypes[`${resourceType}.${item}`] ?? SPEC.PropertyTypes[item];
    expect(type, `${at}: property type ${item}`).toBeDefined();
    for (const [k, x] of Object.entries(v as object)) {
      expect(Object.keys(type.Properties ?? {}), `${at}: ${item} has no property ${k}`).toContain(k);
      checkValue(x, type.Properties![k], resourceType, `${at}/${k}`);
    }
  }
}

function checkProperties(name: string, skip: (type: string) => boolean) {
  const t = load(name);
  for (const [id, r] of Object.entries(t.Resources)) {
    if (skip(r.Type)) continue;
    const spec = SPEC.ResourceTypes[r.Type];
    expect(spec, `${name}: ${id}'s type ${r.Type}`).toBeDefined();
    const props = r.Properties ?? {};
    for (const [k, v] of Object.entries(props)) {
      expect(Object.keys(spec.Properties ?? {}), `${name}: ${r.Type} has no property ${k} (${id})`).toContain(k);
      // A local path that sam package / aws cloudformation package replaces with the uploaded zip.
      if (r.Type === 'AWS::Lambda::Function' && k === 'Code' && typeof v === 'string') continue;
      checkValue(v, spec.Properties![k], r.Type, `${name}: ${id}/${k}`);
    }
    for (const [k, p] of Object.entries(spec.Properties ?? {}))
      if (p.Required) expect(props, `${name}: ${id} needs ${k}`).toHaveProperty(k);
  }
}

describe('deploy/batch.yaml and deploy/template.yaml', () => {
  it('every Ref, GetAtt and Sub names a parameter, a resource or a pseudo parameter', () => {
    checkReferences('batch.yaml');
    checkReferences('template.yaml');
  });

  it('every resource type and property is in the CloudFormation resource specification', () => {
    checkProperties('batch.yaml', () => false);
    // The HTTP template's SAM resources are expanded by the transform; its plain ones are checked.
    checkProperties('template.yaml', (type) => type.startsWith('AWS::Serverless::'));
  });
});

describe('deploy/batch.yaml', () => {
  const t = load('batch.yaml');
  const statements = (role: string) =>
    (t.Resources[role].Properties!.Policies as { PolicyDocument: { Statement: Record<string, unknown>[] } }[]).flatMap(
      (p) => p.PolicyDocument.Statement,
    );
  const IN_OBJECTS = { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${InputBucket}/${InputPrefix}*' };
  const IN_BUCKET = { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${InputBucket}' };
  const OUT_OBJECTS = { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${OutputBucket}/${OutputPrefix}*' };
  const IN_PREFIX_ONLY = { StringLike: { 's3:prefix': { 'Fn::Sub': '${InputPrefix}*' } } };
  const actions = (s: Record<string, unknown>) => [s.Action].flat() as string[];

  it('grants S3 only under the input prefix (read) and the output prefix (write), nothing on *', () => {
    for (const role of ['BatchFunctionRole', 'StateMachineRole']) {
      for (const s of statements(role)) {
        expect(s.Effect).toBe('Allow');
        expect(JSON.stringify(s.Resource), `${role} ${s.Sid}`).not.toMatch(/"\*"|:::\*|^"\*/);
        for (const a of actions(s)) expect(a, `${role} ${s.Sid}`).not.toMatch(/\*/);
        const s3 = actions(s).filter((a) => a.startsWith('s3:'));
        if (s3.length === 0) continue;
        const reads = s3.every((a) => a === 's3:GetObject');
        if (s.Resource && JSON.stringify(s.Resource) === JSON.stringify(IN_BUCKET)) {
          expect(s3, `${role} ${s.Sid}`).toEqual(['s3:ListBucket']);
          expect(s.Condition, `${role} ${s.Sid}: listing only the input prefix`).toEqual(IN_PREFIX_ONLY);
        } else if (reads && JSON.stringify(s.Resource) === JSON.stringify(IN_OBJECTS)) {
          expect(role).toBe('BatchFunctionRole');
        } else {
          expect(s.Resource, `${role} ${s.Sid}: writes go under the output prefix only`).toEqual(OUT_OBJECTS);
          for (const a of s3)
            expect([
              's3:PutObject',
              's3:GetObject',
              's3:AbortMultipartUpload',
              's3:ListMultipartUploadParts',
            ]).toContain(a);
        }
      }
    }
    // The function reads objects only under the input prefix and writes only outputs.
    const fn = statements('BatchFunctionRole');
    expect(fn.filter((s) => actions(s).includes('s3:GetObject')).map((s) => s.Resource)).toEqual([IN_OBJECTS]);
    expect(fn.filter((s) => actions(s).includes('s3:PutObject')).map((s) => s.Resource)).toEqual([OUT_OBJECTS]);
    expect(statements('StateMachineRole').find((s) => actions(s).includes('lambda:InvokeFunction'))?.Resource).toEqual({
      'Fn::GetAtt': ['BatchFunction', 'Arn'],
    });
  });

  it('runs batch.handler from the zip with the output bucket and prefix the policies name', () => {
    const fn = t.Resources.BatchFunction.Properties as { Environment: { Variables: Record<string, unknown> } };
    expect(fn).toMatchObject({
      Code: 'dist/lambda.zip',
      Handler: 'batch.handler',
      Runtime: 'nodejs22.x',
      Role: { 'Fn::GetAtt': ['BatchFunctionRole', 'Arn'] },
    });
    expect(fn.Environment.Variables).toMatchObject({
      PFA_MODEL: { Ref: 'BundledModel' },
      PFA_OUTPUT_BUCKET: { Ref: 'OutputBucket' },
      PFA_OUTPUT_PREFIX: { Ref: 'OutputPrefix' },
      PFA_BATCH: { Ref: 'RecordsPerCall' },
    });
  });

  it('is a Distributed Map over the input prefix, its concurrency, batch size and failure tolerance parameters', () => {
    const sm = t.Resources.BatchStateMachine.Properties as { DefinitionString: { 'Fn::Sub': string } };
    const text = sm.DefinitionString['Fn::Sub'];
    const sample: Record<string, string> = {
      ItemsPerInvocation: '3',
      MaxConcurrency: '50',
      ToleratedFailurePercentage: '5',
    };
    const asl = JSON.parse(text.replace(/\$\{([^}]+)\}/g, (_, name: string) => sample[name] ?? `<${name}>`));
    const map = asl.States[asl.StartAt];
    expect(map).toMatchObject({
      Type: 'Map',
      MaxConcurrency: 50,
      ToleratedFailurePercentage: 5,
      ItemBatcher: { MaxItemsPerBatch: 3 },
      ItemReader: {
        Resource: 'arn:<AWS::Partition>:states:::s3:listObjectsV2',
        Parameters: { Bucket: '<InputBucket>', Prefix: '<InputPrefix>' },
      },
      ItemSelector: { bucket: '<InputBucket>', 'key.$': '$$.Map.Item.Value.Key' },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' } },
      ResultWriter: { Parameters: { Bucket: '<OutputBucket>' } },
    });
    expect(map.ResultWriter.Parameters.Prefix.startsWith('<OutputPrefix>')).toBe(true);
    const task = map.ItemProcessor.States[map.ItemProcessor.StartAt];
    expect(task.Parameters.FunctionName).toBe('<BatchFunction.Arn>');
    // Only Lambda's own transient errors are retried: a bad or missing object fails the same way again.
    for (const r of task.Retry) for (const e of r.ErrorEquals) expect(e).toMatch(/^Lambda\./);
  });
});
