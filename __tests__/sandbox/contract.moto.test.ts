// Contract: the same scenario against the sandbox and against moto_server (an independent
// implementation of the same wire protocols). The SDK must see the same shapes -- the set of
// fields and their types, not their values -- from both, for every operation both implement:
// STS, ACM and CloudFront in one scenario, Route 53 (what src/dns reads) in another.
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
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  type Change,
} from '@aws-sdk/client-route-53';
import {
  IAMClient,
  ListServerCertificatesCommand,
  UploadServerCertificateCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bareId, normaliseName } from '../../src/dns/plan.js';
import { motoAvailable, startMoto, type Moto } from '../support/moto.js';
import { makeChain, makeLeaf, type Chain } from '../support/pki.js';
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

/** Each step's outcome by name; `step` records one and hands its result on. */
function recorder() {
  const steps: Record<string, Outcome> = {};
  const step = async <T>(name: string, p: Promise<T>): Promise<T> => {
    let result: T | undefined;
    steps[name] = await observe(p.then((r) => (result = r)));
    return result as T;
  };
  return { steps, step };
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
  const { steps, step } = recorder();

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

const ZONE = 'contract-example.com';
/** Sorts after ZONE (labels reversed), so a one-item page of ZONE's name is truncated. */
const OTHER_ZONE = 'other.contract-example.com';

/**
 * The Route 53 scenario: what src/dns does (find the zone by name, read it, list the record sets
 * at a name, write one batch, poll the change), plus the errors it must tell apart. `seedZone`
 * creates a hosted zone the way the server allows (moto: CreateHostedZone over the wire; the
 * sandbox: its own API) and returns its ID without the `/hostedzone/` prefix.
 */
async function route53Scenario(
  endpoint: string,
  seedZone: (client: Route53Client, name: string) => Promise<string>,
  cloudFrontDomain: string,
) {
  const r53 = new Route53Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDCONTRACTTEST0001', secretAccessKey: 'contract-secret' },
    maxAttempts: 1,
  });
  const { steps, step } = recorder();
  const zoneId = await seedZone(r53, ZONE);
  await seedZone(r53, OTHER_ZONE);

  const zones = await step(
    'ListHostedZonesByName',
    r53.send(new ListHostedZonesByNameCommand({ DNSName: ZONE })),
  );
  // One zone a page: the sandbox (like Route 53) answers IsTruncated with NextDNSName /
  // NextHostedZoneId, which zonesNamed() pages on; moto lists only ZONE (see SANDBOX_ONLY_ROUTE53).
  await step(
    'ListHostedZonesByName (page)',
    r53.send(new ListHostedZonesByNameCommand({ DNSName: ZONE, MaxItems: 1 })),
  );
  await step('GetHostedZone', r53.send(new GetHostedZoneCommand({ Id: zoneId })));

  const alias: Change = {
    Action: 'CREATE',
    ResourceRecordSet: {
      Name: `www.${ZONE}`,
      Type: 'A',
      AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: cloudFrontDomain, EvaluateTargetHealth: false },
    },
  };
  const cname: Change = {
    Action: 'CREATE',
    ResourceRecordSet: {
      Name: `*.${ZONE}`,
      Type: 'CNAME',
      TTL: 300,
      ResourceRecords: [{ Value: 'blog.example.net' }],
    },
  };
  const changed = await step(
    'ChangeResourceRecordSets',
    r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: { Comment: 'contract', Changes: [alias, cname] },
      }),
    ),
  );
  const listed = await step(
    'ListResourceRecordSets',
    r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId })),
  );
  // As recordSetsNamed() asks: from a name, a page at a time (truncated: NextRecordName/-Type).
  await step(
    'ListResourceRecordSets (from a name, page)',
    r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordName: ZONE, MaxItems: 1 })),
  );
  const change = await step(
    'GetChange',
    r53.send(new GetChangeCommand({ Id: bareId(changed?.ChangeInfo?.Id ?? 'missing') })),
  );

  steps['ChangeResourceRecordSets (CREATE of an existing set)'] = await observe(
    r53.send(
      new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: [cname] } }),
    ),
  );
  steps['GetHostedZone (missing)'] = await observe(
    r53.send(new GetHostedZoneCommand({ Id: 'Z0000000000000000MISSING' })),
  );
  steps['ListResourceRecordSets (missing zone)'] = await observe(
    r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: 'Z0000000000000000MISSING' })),
  );
  r53.destroy();

  // The values src/dns reads, normalised the way it normalises them (names: lowercase, no trailing
  // dot, `\052` -> `*`; IDs: no `/hostedzone/` or `/change/` prefix).
  const read = {
    // Only the zones of that name, as zonesNamed() keeps (moto lists no others anyway).
    zones: (zones?.HostedZones ?? [])
      .filter((z) => normaliseName(z.Name ?? '') === ZONE)
      .map((z) => `${normaliseName(z.Name ?? '')} private=${z.Config?.PrivateZone}`),
    zoneId: bareId(zones?.HostedZones?.[0]?.Id ?? '') === zoneId,
    records: (listed?.ResourceRecordSets ?? [])
      .filter((r) => r.Type !== 'NS' && r.Type !== 'SOA')
      .map((r) =>
        [
          normaliseName(r.Name ?? ''),
          r.Type,
          r.AliasTarget
            ? `alias ${r.AliasTarget.HostedZoneId} ${normaliseName(r.AliasTarget.DNSName ?? '')}`
            : (r.ResourceRecords ?? []).map((v) => v.Value).join(','),
        ].join(' '),
      )
      .sort(),
    changeId: bareId(change?.ChangeInfo?.Id ?? '') === bareId(changed?.ChangeInfo?.Id ?? ''),
    changeStatus: ['PENDING', 'INSYNC'].includes(change?.ChangeInfo?.Status ?? ''),
  };
  return { steps, read };
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

/**
 * Every field moto's answer has that the sandbox's lacks or types differently (bar `motoOnly`),
 * with `sandboxOnly` also every field only the sandbox's has (bar those), and (soft) every step
 * where one failed and the other did not, or with another error.
 */
function differences(
  ours: Record<string, Outcome>,
  theirs: Record<string, Outcome>,
  motoOnly: ReadonlyArray<[RegExp, string]>,
  sandboxOnly?: ReadonlyArray<[RegExp, string]>,
): string[] {
  const problems: string[] = [];
  for (const [name, motoOutcome] of Object.entries(theirs)) {
    const sandboxOutcome = ours[name];
    if (!sandboxOutcome) {
      problems.push(`${name}: not run on the sandbox`);
      continue;
    }
    expect.soft(sandboxOutcome.error, `${name} failed on the sandbox`).toEqual(motoOutcome.error);
    for (const [path, type] of Object.entries(motoOutcome.shape)) {
      if (motoOnly.some(([re]) => re.test(path))) continue;
      const mine = sandboxOutcome.shape[path];
      if (mine === undefined) problems.push(`${name}: ${path} (${type}) is missing from the sandbox`);
      else if (mine !== type) problems.push(`${name}: ${path} is ${mine} on the sandbox, ${type} on moto`);
    }
    if (!sandboxOnly) continue;
    for (const [path, type] of Object.entries(sandboxOutcome.shape)) {
      if (path in motoOutcome.shape || sandboxOnly.some(([re]) => re.test(path))) continue;
      problems.push(`${name}: ${path} (${type}) is only on the sandbox`);
    }
  }
  for (const name of Object.keys(ours)) {
    if (!(name in theirs)) problems.push(`${name}: not run on moto`);
  }
  return problems;
}

/** Route 53 fields moto returns that the sandbox leaves out, on purpose: */
const MOTO_ONLY_ROUTE53: ReadonlyArray<[RegExp, string]> = [
  [
    /^DelegationSet\.(Id|CallerReference)$/,
    'reusable delegation sets only; a zone with its own name servers gets just NameServers',
  ],
];

/**
 * Route 53 fields the sandbox returns and moto does not (checked too: src/dns reads the paging
 * fields, so the sandbox must not invent any), each as real Route 53 sends it:
 */
const SANDBOX_ONLY_ROUTE53: ReadonlyArray<[RegExp, string]> = [
  [
    /^(IsTruncated|MaxItems)$/,
    'required in ListHostedZonesByNameResponse; moto leaves them out (the SDK then has undefined)',
  ],
  [
    /^(NextDNSName|NextHostedZoneId)$/,
    'Route 53 lists the zones from DNSName on; moto only those named exactly that (never truncated here)',
  ],
  [/^ChangeInfo\.Comment$/, "Route 53 echoes the batch's Comment; moto drops it"],
];

/**
 * The IAM scenario: what src/aws/iam.ts reads (ListServerCertificates under /cloudfront) after
 * uploads the way a user makes them. moto ignores PathPrefix, MaxItems and Marker (it returns every
 * certificate on one page), accepts a name twice and reports a fixed Expiration (2012), so path
 * filtering, paging, the name rule and the expiry are checked against IAM's documentation in
 * __tests__/sandbox/iam.test.ts, not here.
 */
async function iamScenario(endpoint: string, chain: Chain, other: { pem: string; keyPem: string }) {
  const iam = new IAMClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDCONTRACTTEST0001', secretAccessKey: 'contract-secret' },
    maxAttempts: 1,
  });
  const { steps, step } = recorder();
  const upload = (name: string, path: string, pem: string, keyPem: string) =>
    iam.send(
      new UploadServerCertificateCommand({
        ServerCertificateName: name,
        Path: path,
        CertificateBody: pem,
        PrivateKey: keyPem,
        CertificateChain: chain.intermediate.pem,
      }),
    );
  await step('UploadServerCertificate', upload('site-a', '/cloudfront/', chain.leaf.pem, chain.leaf.keyPem));
  await upload('site-b', '/cloudfront/prod/', other.pem, other.keyPem);
  const listed = await step(
    'ListServerCertificates',
    iam.send(new ListServerCertificatesCommand({ PathPrefix: '/cloudfront' })),
  );
  iam.destroy();
  return {
    steps,
    read: (listed.ServerCertificateMetadataList ?? [])
      .filter((m) => m.Path?.startsWith('/cloudfront'))
      .map((m) => `${m.Path}${m.ServerCertificateName}`)
      .sort(),
  };
}

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

    expect(differences(ours, theirs, MOTO_ONLY)).toEqual([]);
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

  test('IAM server certificates: the SDK sees the same shapes and the same list from both', async () => {
    const other = await makeLeaf(chain.intermediate, { sans: ['other.example.com'] });
    const ours = await iamScenario(sb.url, chain, other);
    const theirs = await iamScenario(moto.url, chain, other);
    expect(differences(ours.steps, theirs.steps, [], [])).toEqual([]);
    expect(ours.read).toEqual(theirs.read);
    expect(theirs.read).toEqual(['/cloudfront/prod/site-b', '/cloudfront/site-a']);
  });

  test('Route 53: the SDK sees the same shapes from both', async () => {
    sb.reset();
    // The sandbox only accepts a CloudFront alias target that is one of its distributions
    // carrying the name as an alias; moto takes any name. Both get the same target.
    const { domainName } = sb.createDistribution({ aliases: [`www.${ZONE}`], validate: false });
    const sandboxRun = await route53Scenario(
      sb.url,
      (_, name) => Promise.resolve(sb.createHostedZone(name)),
      domainName,
    );
    const motoRun = await route53Scenario(
      moto.url,
      async (client, name) => {
        const out = await client.send(
          new CreateHostedZoneCommand({ Name: name, CallerReference: `contract-${name}-${Date.now()}` }),
        );
        return out.HostedZone!.Id!.replace(/^\/hostedzone\//, '');
      },
      domainName,
    );
    expect(differences(sandboxRun.steps, motoRun.steps, MOTO_ONLY_ROUTE53, SANDBOX_ONLY_ROUTE53)).toEqual([]);
    // What src/dns makes of the answers is the same (moto leaves `*` unescaped, alias DNS names
    // without the trailing dot and the `/change/` prefix off GetChange's ID; normalised away).
    expect(sandboxRun.read).toEqual(motoRun.read);
    expect(motoRun.read.records).toEqual([
      `*.${ZONE} CNAME blog.example.net`,
      `www.${ZONE} A alias Z2FDTNDATAQYW2 ${domainName}`,
    ]);
    // Both really answered, with content.
    for (const name of ['GetHostedZone', 'ListResourceRecordSets', 'GetChange']) {
      expect(Object.keys(motoRun.steps[name]!.shape).length, name).toBeGreaterThan(3);
    }
  });
});
