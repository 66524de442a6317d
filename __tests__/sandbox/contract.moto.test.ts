// Contract: the same scenario against the sandbox and against moto_server (an independent
// implementation of the same wire protocols). The SDK must see the same shapes -- the set of
// fields and their types, not their values -- from both, for every operation both implement.
import {
  DescribeCertificateCommand,
  GetCertificateCommand,
  ImportCertificateCommand,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
} from '@aws-sdk/client-acm';
import {
  CreateDistributionCommand,
  CreateInvalidationCommand,
  GetInvalidationCommand,
  ListInvalidationsCommand,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  ListDistributionsCommand,
  UpdateDistributionCommand,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { motoAvailable, startMoto, type Moto } from '../support/moto.js';
import { makeChain, type Chain } from '../support/pki.js';
import { startSandbox, type Sandbox } from '../support/sandbox.js';
import { ACMClient } from '@aws-sdk/client-acm';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { STSClient } from '@aws-sdk/client-sts';

type Shape = Record<string, string>;

/** `{ a: { b: [1] } }` -> `{ 'a': 'object', 'a.b': 'array', 'a.b[]': 'number' }`. */
function shapeOf(value: unknown, path = '', out: Shape = {}): Shape {
  const type =
    value instanceof Date ? 'date' : Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (path) out[path] = type;
  if (Array.isArray(value)) for (const item of value) shapeOf(item, `${path}[]`, out);
  else if (type === 'object') {
    for (const [k, v] of Object.entries(value as object)) {
      if (k === '$metadata' || v === undefined) continue;
      shapeOf(v, path ? `${path}.${k}` : k, out);
    }
  }
  return out;
}

interface Outcome {
  shape: Shape;
  error?: { name: string; status: number | undefined };
}

async function observe(p: Promise<unknown>): Promise<Outcome> {
  try {
    return { shape: shapeOf(await p) };
  } catch (err) {
    const e = err as { name: string; $metadata?: { httpStatusCode?: number } };
    return { shape: {}, error: { name: e.name, status: e.$metadata?.httpStatusCode } };
  }
}

/** The scenario: what the action does, in order. Returns each step's outcome. */
async function scenario(
  endpoint: string,
  chain: Chain,
  webIdentityToken: string,
  roleArn: string,
  fullConfig: DistributionConfig,
) {
  const settings = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDCONTRACTTEST0001', secretAccessKey: 'contract-secret' },
    maxAttempts: 1,
  };
  const acm = new ACMClient(settings);
  const cf = new CloudFrontClient(settings);
  const sts = new STSClient(settings);
  const steps: Record<string, Outcome> = {};
  const step = async <T>(name: string, p: Promise<T>): Promise<T> => {
    let result: T | undefined;
    steps[name] = await observe(p.then((r) => (result = r)));
    return result as T;
  };

  steps.AssumeRoleWithWebIdentity = await observe(
    sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: 'contract',
        WebIdentityToken: webIdentityToken,
      }),
    ),
  );
  const imported = await step(
    'ImportCertificate',
    acm.send(
      new ImportCertificateCommand({
        Certificate: Buffer.from(chain.leaf.pem),
        PrivateKey: Buffer.from(chain.leaf.keyPem),
        CertificateChain: Buffer.from(chain.intermediate.pem + chain.root.pem),
        Tags: [{ Key: 'app', Value: 'contract' }],
      }),
    ),
  );
  const arn = imported.CertificateArn!;
  await step('DescribeCertificate', acm.send(new DescribeCertificateCommand({ CertificateArn: arn })));
  await step('GetCertificate', acm.send(new GetCertificateCommand({ CertificateArn: arn })));
  await step(
    'ListCertificates',
    acm.send(new ListCertificatesCommand({ Includes: { keyTypes: ['RSA_2048', 'EC_prime256v1'] } })),
  );
  await step('ListTagsForCertificate', acm.send(new ListTagsForCertificateCommand({ CertificateArn: arn })));

  const created = await step(
    'CreateDistribution',
    cf.send(
      new CreateDistributionCommand({
        DistributionConfig: {
          ...fullConfig,
          CallerReference: `contract-${Date.now()}`,
          Aliases: { Quantity: 1, Items: ['www.example.com'] },
          ViewerCertificate: {
            ACMCertificateArn: arn,
            SSLSupportMethod: 'sni-only',
            MinimumProtocolVersion: 'TLSv1.2_2021',
          },
        },
      }),
    ),
  );
  const id = created.Distribution!.Id!;
  await step('GetDistribution', cf.send(new GetDistributionCommand({ Id: id })));
  const read = await step('GetDistributionConfig', cf.send(new GetDistributionConfigCommand({ Id: id })));
  await step(
    'UpdateDistribution',
    cf.send(
      new UpdateDistributionCommand({
        Id: id,
        IfMatch: read.ETag!,
        DistributionConfig: { ...read.DistributionConfig!, Comment: 'updated' },
      }),
    ),
  );
  await step('ListDistributions', cf.send(new ListDistributionsCommand({})));
  const invalidation = await step(
    'CreateInvalidation',
    cf.send(
      new CreateInvalidationCommand({
        DistributionId: id,
        InvalidationBatch: {
          CallerReference: `contract-${Date.now()}`,
          Paths: { Quantity: 1, Items: ['/index.html'] },
        },
      }),
    ),
  );
  await step(
    'GetInvalidation',
    cf.send(new GetInvalidationCommand({ DistributionId: id, Id: invalidation.Invalidation!.Id! })),
  );
  await step('ListInvalidations', cf.send(new ListInvalidationsCommand({ DistributionId: id })));
  steps['GetDistribution (missing)'] = await observe(
    cf.send(new GetDistributionCommand({ Id: 'EDOESNOTEXIST1' })),
  );
  steps['DescribeCertificate (missing)'] = await observe(
    acm.send(
      new DescribeCertificateCommand({
        CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
      }),
    ),
  );
  return steps;
}

/**
 * Fields moto returns that the sandbox leaves out, on purpose (moto rebuilds configs from its
 * own model and fills defaults that real AWS does not send back):
 */
const MOTO_ONLY: ReadonlyArray<[RegExp, string]> = [
  [
    /^Certificate\.(DomainValidationOptions|CreatedAt|RenewalSummary)/,
    'ACM-issued fields, absent for IMPORTED',
  ],
  [/^CertificateSummaryList\[\]\.(CreatedAt|Exported)$/, 'ACM-issued / exportable certificates only'],
  [
    /\.DefaultCacheBehavior\.(ForwardedValues|MinTTL|DefaultTTL|MaxTTL)/,
    'legacy cache settings; the config uses a CachePolicyId',
  ],
  [/\.DefaultCacheBehavior\.RealtimeLogConfigArn$/, 'moto sends an empty string for an unset field'],
  [/\.ViewerCertificate\.IAMCertificateId$/, 'moto sends an empty IAMCertificateId with an ACM certificate'],
  [
    /\.(TrustedSigners|TrustedKeyGroups|ActiveTrustedSigners|ActiveTrustedKeyGroups)\.Items$/,
    'moto sends <Items/> for Quantity 0',
  ],
  [/\.AliasICPRecordals/, 'China regions only'],
];

describe.skipIf(!motoAvailable())('contract with moto_server', () => {
  let moto: Moto;
  let sb: Sandbox;
  let chain: Chain;
  /** A full DistributionConfig as real GetDistributionConfig returns it (the sandbox's seed). */
  let fullConfig: DistributionConfig;
  beforeAll(async () => {
    [moto, sb, chain] = await Promise.all([startMoto(), startSandbox(), makeChain()]);
    const { id } = sb.createDistribution();
    const client = new CloudFrontClient({
      endpoint: sb.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDSEED', secretAccessKey: 's' },
    });
    fullConfig = (await client.send(new GetDistributionConfigCommand({ Id: id }))).DistributionConfig!;
    sb.reset();
  });
  afterAll(async () => {
    await Promise.all([moto?.close(), sb?.close()]);
  });

  test('the SDK sees the same shapes from both', async () => {
    const ours = await scenario(sb.url, chain, sb.issueIdToken(), sb.defaultRoleArn, fullConfig);
    const theirs = await scenario(
      moto.url,
      chain,
      sb.issueIdToken(),
      'arn:aws:iam::123456789012:role/contract',
      fullConfig,
    );

    const problems: string[] = [];
    for (const [name, motoOutcome] of Object.entries(theirs)) {
      const sandboxOutcome = ours[name]!;
      expect.soft(sandboxOutcome.error, `${name} failed on the sandbox`).toEqual(motoOutcome.error);
      for (const [path, type] of Object.entries(motoOutcome.shape)) {
        if (MOTO_ONLY.some(([re]) => re.test(path))) continue;
        const mine = sandboxOutcome.shape[path];
        if (mine === undefined) problems.push(`${name}: ${path} (${type}) is missing from the sandbox`);
        else if (mine !== type) problems.push(`${name}: ${path} is ${mine} on the sandbox, ${type} on moto`);
      }
    }
    expect(problems).toEqual([]);
    // Both really answered, with content.
    for (const name of [
      'DescribeCertificate',
      'GetDistribution',
      'UpdateDistribution',
      'ListDistributions',
    ]) {
      expect(Object.keys(theirs[name]!.shape).length, name).toBeGreaterThan(3);
    }
  });
});
