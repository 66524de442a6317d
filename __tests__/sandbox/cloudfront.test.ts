// The sandbox's CloudFront, driven by the real @aws-sdk/client-cloudfront.
import {
  CreateDistributionCommand,
  CreateInvalidationCommand,
  GetInvalidationCommand,
  ListInvalidationsCommand,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  ListDistributionsCommand,
  paginateListDistributions,
  UpdateDistributionCommand,
  waitUntilDistributionDeployed,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront';
import { describe, expect, test } from 'vitest';
import { EC_P256 } from '../support/pki.js';
import { useSandbox, type Sandbox } from '../support/sandbox.js';
import { cloudFront, importLeaf, minimalConfig, rejection } from './fixtures.js';

let clockOffsetMs = 0;
const sandbox = useSandbox({ now: () => new Date(Date.now() + clockOffsetMs) });

const UNCOVERED =
  "The certificate that is attached to your distribution doesn't cover the alternate domain name (CNAME) that you're trying to add.";

async function readConfig(sb: Sandbox, id: string) {
  const out = await cloudFront(sb).send(new GetDistributionConfigCommand({ Id: id }));
  return { config: out.DistributionConfig!, etag: out.ETag! };
}

function update(sb: Sandbox, id: string, config: DistributionConfig, ifMatch: string | undefined) {
  return cloudFront(sb).send(
    new UpdateDistributionCommand({
      Id: id,
      DistributionConfig: config,
      ...(ifMatch ? { IfMatch: ifMatch } : {}),
    }),
  );
}

function withCertificate(config: DistributionConfig, arn: string): DistributionConfig {
  return {
    ...config,
    ViewerCertificate: {
      ...config.ViewerCertificate,
      ACMCertificateArn: arn,
      Certificate: arn,
      CertificateSource: 'acm',
    },
  };
}

describe('distributions and ETags', () => {
  test('create answers 201 with Location and ETag; get and update rotate the ETag', async () => {
    const sb = sandbox();
    const { arn } = await importLeaf(sb);
    const client = cloudFront(sb);
    const created = await client.send(
      new CreateDistributionCommand({
        DistributionConfig: minimalConfig({ aliases: ['www.example.com'], certificateArn: arn }),
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.ETag).toMatch(/^E[A-Z0-9]{13}$/);
    const id = created.Distribution!.Id!;
    expect(created.Location).toBe(`https://cloudfront.amazonaws.com/2020-05-31/distribution/${id}`);
    expect(created.Distribution).toMatchObject({
      Status: 'InProgress',
      ARN: `arn:aws:cloudfront::123456789012:distribution/${id}`,
    });
    expect(created.Distribution!.DomainName).toMatch(/^d[a-z0-9]{13}\.cloudfront\.net$/);

    const { config, etag } = await readConfig(sb, id);
    expect(etag).toBe(created.ETag);
    const got = await client.send(new GetDistributionCommand({ Id: id }));
    expect(got.ETag).toBe(etag);
    expect(got.Distribution!.Status).toBe('Deployed'); // deployDelayMs 0

    const updated = await update(sb, id, { ...config, Comment: 'changed' }, etag);
    expect(updated.ETag).not.toBe(etag);
    expect(updated.Distribution!.Status).toBe('InProgress');
    expect(sb.getDistribution(id)).toMatchObject({ comment: 'changed', etag: updated.ETag, version: 2 });
  });

  test('a stale If-Match gets 412 PreconditionFailed; a missing one InvalidIfMatchVersion', async () => {
    const sb = sandbox();
    const { id } = sb.createDistribution();
    const { config, etag } = await readConfig(sb, id);
    await update(sb, id, { ...config, Comment: 'first' }, etag);

    const stale = await rejection(update(sb, id, { ...config, Comment: 'second' }, etag));
    expect(stale.name).toBe('PreconditionFailed');
    expect(stale.$metadata?.httpStatusCode).toBe(412);
    const missing = await rejection(update(sb, id, config, undefined));
    expect(missing.name).toBe('InvalidIfMatchVersion');
    expect(missing.$metadata?.httpStatusCode).toBe(400);
    expect(sb.getDistribution(id).comment).toBe('first');
  });

  test('NoSuchDistribution is 404', async () => {
    const err = await rejection(
      cloudFront(sandbox()).send(new GetDistributionConfigCommand({ Id: 'E0000000000000' })),
    );
    expect(err.name).toBe('NoSuchDistribution');
    expect(err.$metadata?.httpStatusCode).toBe(404);
  });

  test('every field the client sends back is stored as sent, single-item lists included', async () => {
    const sb = sandbox();
    const old = await importLeaf(sb);
    const next = await importLeaf(sb, { sans: ['www.example.com'] });
    const { id } = sb.createDistribution({
      aliases: ['www.example.com'],
      certificateArn: old.arn,
      comment: '  spaced & <odd>  ',
    });
    const before = sb.getDistribution(id).config as Record<string, unknown>;

    const { config, etag } = await readConfig(sb, id);
    expect(config.Aliases).toEqual({ Quantity: 1, Items: ['www.example.com'] });
    await update(sb, id, withCertificate(config, next.arn), etag);

    const after = sb.getDistribution(id);
    const { ViewerCertificate: vcAfter, ...restAfter } = after.config as Record<string, unknown>;
    const { ViewerCertificate: vcBefore, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    expect(vcBefore).not.toEqual(vcAfter);
    expect(after.viewerCertificate).toEqual({
      cloudFrontDefaultCertificate: false,
      acmCertificateArn: next.arn,
      sslSupportMethod: 'sni-only',
      minimumProtocolVersion: 'TLSv1.2_2021',
      certificate: next.arn,
      certificateSource: 'acm',
    });
    expect(after.comment).toBe('  spaced & <odd>  ');
  });

  test('Quantity must match the number of Items', async () => {
    const sb = sandbox();
    const { arn } = await importLeaf(sb);
    const config = minimalConfig({ aliases: ['a.example.com'], certificateArn: arn });
    config.Aliases = { Quantity: 2, Items: ['a.example.com'] };
    const err = await rejection(
      cloudFront(sb).send(new CreateDistributionCommand({ DistributionConfig: config })),
    );
    expect(err.name).toBe('InvalidArgument');
  });

  test('an alias can belong to one distribution only (CNAMEAlreadyExists, 409)', async () => {
    const sb = sandbox();
    const { arn } = await importLeaf(sb);
    sb.createDistribution({ aliases: ['www.example.com'], certificateArn: arn });
    const err = await rejection(
      cloudFront(sb).send(
        new CreateDistributionCommand({
          DistributionConfig: minimalConfig({ aliases: ['WWW.example.com'], certificateArn: arn }),
        }),
      ),
    );
    expect(err.name).toBe('CNAMEAlreadyExists');
    expect(err.$metadata?.httpStatusCode).toBe(409);
  });

  test('ListDistributions pages with Marker / NextMarker', async () => {
    const sb = sandbox();
    const ids = Array.from({ length: 5 }, () => sb.createDistribution().id);
    const client = cloudFront(sb);
    const first = await client.send(new ListDistributionsCommand({ MaxItems: 2 }));
    expect(first.DistributionList).toMatchObject({ IsTruncated: true, Quantity: 2, MaxItems: 2 });
    expect(first.DistributionList!.Items![0]!.ETag).toBe(sb.getDistribution(ids[0]!).etag);
    const seen: string[] = [];
    for await (const page of paginateListDistributions({ client, pageSize: 2 }, {})) {
      seen.push(...(page.DistributionList?.Items ?? []).map((d) => d.Id!));
    }
    expect(seen).toEqual(ids);
    expect(sb.requests.filter((r) => r.operation === 'ListDistributions')).toHaveLength(4);
  });
});

describe('viewer certificate rules', () => {
  async function seeded(sb: Sandbox, aliases: string[]) {
    const current = await importLeaf(sb, { sans: aliases.map((a) => a.toLowerCase().replace(/\.$/, '')) });
    const { id } = sb.createDistribution({ aliases, certificateArn: current.arn });
    return { id, ...(await readConfig(sb, id)) };
  }

  test.each([
    // [SANs of the new certificate, alias, covered?]
    [['*.example.com'], 'www.example.com', true],
    [['*.example.com'], 'WWW.Example.COM.', true],
    [['*.example.com'], 'example.com', false],
    [['*.example.com'], 'a.b.example.com', false],
    [['www.example.com'], '*.example.com', false],
    [['*.example.com'], '*.example.com', true],
    [['example.com'], 'www.example.com', false],
  ])('SANs %j and alias %s: covered = %s', async (sans, alias, covered) => {
    const sb = sandbox();
    const { id, config, etag } = await seeded(sb, [alias]);
    const next = await importLeaf(sb, { sans, commonName: '' });
    const attempt = update(sb, id, withCertificate(config, next.arn), etag);
    if (covered) {
      await expect(attempt).resolves.toBeDefined();
    } else {
      const err = await rejection(attempt);
      expect(err.name).toBe('InvalidViewerCertificate');
      expect(err.message).toContain(UNCOVERED);
    }
  });

  test('the certificate must exist in us-east-1 ACM', async () => {
    const sb = sandbox();
    const { id, config, etag } = await seeded(sb, ['www.example.com']);
    const elsewhere = await importLeaf(sb, {}, { region: 'eu-west-1' });
    const missing = elsewhere.arn.replace('eu-west-1', 'us-east-1');
    for (const arn of [elsewhere.arn, missing]) {
      const err = await rejection(update(sb, id, withCertificate(config, arn), etag));
      expect(err.name).toBe('InvalidViewerCertificate');
      expect(err.message).toMatch(/doesn't exist, isn't in us-east-1 region/);
    }
  });

  test('CloudFront refuses EC P-384 (which ACM imports) and takes EC P-256', async () => {
    const sb = sandbox();
    const { id, config, etag } = await seeded(sb, ['www.example.com']);
    const p384 = await importLeaf(sb, {}, { key: { kind: 'ec', curve: 'P-384' } });
    expect(sb.certificate(p384.arn)!.keyAlgorithm).toBe('EC_secp384r1');
    const err = await rejection(update(sb, id, withCertificate(config, p384.arn), etag));
    expect(err.name).toBe('InvalidViewerCertificate');
    const p256 = await importLeaf(sb, {}, { key: EC_P256 });
    await expect(update(sb, id, withCertificate(config, p256.arn), etag)).resolves.toBeDefined();
  });

  test('stale deprecated fields conflict with a new ACMCertificateArn', async () => {
    const sb = sandbox();
    const { id, config, etag } = await seeded(sb, ['www.example.com']);
    const next = await importLeaf(sb);
    const vc = config.ViewerCertificate!;
    const attempts: DistributionConfig[] = [
      { ...config, ViewerCertificate: { ...vc, ACMCertificateArn: next.arn } }, // Certificate still the old ARN
      {
        ...config,
        ViewerCertificate: {
          ...vc,
          ACMCertificateArn: next.arn,
          Certificate: next.arn,
          CertificateSource: 'iam',
        },
      },
      {
        ...config,
        ViewerCertificate: {
          ...vc,
          CloudFrontDefaultCertificate: true,
          ACMCertificateArn: next.arn,
          Certificate: undefined,
          CertificateSource: undefined,
        },
      },
    ];
    for (const attempt of attempts) {
      const err = await rejection(update(sb, id, attempt, etag));
      expect(err.name).toBe('InvalidViewerCertificate');
    }
    const noLegacy = {
      ...config,
      ViewerCertificate: {
        ...vc,
        ACMCertificateArn: next.arn,
        Certificate: undefined,
        CertificateSource: undefined,
      },
    };
    await expect(update(sb, id, noLegacy, etag)).resolves.toBeDefined();
    expect(sb.getDistribution(id).viewerCertificate).toMatchObject({
      certificate: next.arn,
      certificateSource: 'acm',
    });
  });

  test('an ACM certificate needs SSLSupportMethod and MinimumProtocolVersion', async () => {
    const sb = sandbox();
    const { id, config, etag } = await seeded(sb, ['www.example.com']);
    const vc = config.ViewerCertificate!;
    const noMethod = await rejection(
      update(sb, id, { ...config, ViewerCertificate: { ...vc, SSLSupportMethod: undefined } }, etag),
    );
    expect(noMethod.name).toBe('InvalidViewerCertificate');
    const noVersion = await rejection(
      update(sb, id, { ...config, ViewerCertificate: { ...vc, MinimumProtocolVersion: undefined } }, etag),
    );
    expect(noVersion.name).toBe('InvalidMinimumProtocolVersion');
  });

  test('aliases need a custom certificate; the default one is stored as vip / TLSv1', async () => {
    const sb = sandbox();
    const client = cloudFront(sb);
    const err = await rejection(
      client.send(
        new CreateDistributionCommand({
          DistributionConfig: minimalConfig({ aliases: ['www.example.com'] }),
        }),
      ),
    );
    expect(err.name).toBe('InvalidViewerCertificate');
    const created = await client.send(
      new CreateDistributionCommand({ DistributionConfig: minimalConfig({}) }),
    );
    expect(created.Distribution!.DistributionConfig!.ViewerCertificate).toEqual({
      CloudFrontDefaultCertificate: true,
      SSLSupportMethod: 'vip',
      MinimumProtocolVersion: 'TLSv1',
      CertificateSource: 'cloudfront',
    });
  });
});

describe('deployment and InUseBy', () => {
  test('InProgress until the deploy delay passes; the old certificate stays in use meanwhile', async () => {
    const sb = sandbox();
    sb.setDeployDelay(60_000);
    const old = await importLeaf(sb);
    const next = await importLeaf(sb);
    const { id, arn: distributionArn } = sb.createDistribution({
      aliases: ['www.example.com'],
      certificateArn: old.arn,
    });
    expect(sb.getDistribution(id).status).toBe('Deployed');
    const { config, etag } = await readConfig(sb, id);
    await update(sb, id, withCertificate(config, next.arn), etag);

    expect(sb.getDistribution(id).status).toBe('InProgress');
    expect(sb.certificate(old.arn)!.inUseBy).toEqual([distributionArn]);
    expect(sb.certificate(next.arn)!.inUseBy).toEqual([distributionArn]);

    clockOffsetMs = 61_000;
    try {
      const got = await cloudFront(sb).send(new GetDistributionCommand({ Id: id }));
      expect(got.Distribution!.Status).toBe('Deployed');
      expect(sb.certificate(old.arn)!.inUseBy).toEqual([]);
      await waitUntilDistributionDeployed(
        { client: cloudFront(sb), maxWaitTime: 5, minDelay: 1 },
        { Id: id },
      );
    } finally {
      clockOffsetMs = 0;
    }
  });
});

describe('invalidations', () => {
  test('CreateInvalidation, GetInvalidation, ListInvalidations; a repeated CallerReference is idempotent', async () => {
    const sb = sandbox();
    sb.setDeployDelay(60_000);
    const { id } = sb.createDistribution();
    const client = cloudFront(sb);
    const batch = {
      CallerReference: 'deploy-1',
      Paths: { Quantity: 2, Items: ['/index.html', '/assets/*'] },
    };
    const created = await client.send(
      new CreateInvalidationCommand({ DistributionId: id, InvalidationBatch: batch }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.Invalidation).toMatchObject({ Status: 'InProgress', InvalidationBatch: batch });
    const invalidationId = created.Invalidation!.Id!;
    expect(invalidationId).toMatch(/^I[A-Z0-9]+$/);
    expect(created.Location).toBe(
      `https://cloudfront.amazonaws.com/2020-05-31/distribution/${id}/invalidation/${invalidationId}`,
    );
    const distribution = await client.send(new GetDistributionCommand({ Id: id }));
    expect(distribution.Distribution!.InProgressInvalidationBatches).toBe(1);

    const again = await client.send(
      new CreateInvalidationCommand({ DistributionId: id, InvalidationBatch: batch }),
    );
    expect(again.Invalidation!.Id).toBe(invalidationId);
    const clash = await rejection(
      client.send(
        new CreateInvalidationCommand({
          DistributionId: id,
          InvalidationBatch: { ...batch, Paths: { Quantity: 1, Items: ['/other'] } },
        }),
      ),
    );
    expect(clash.name).toBe('InvalidationBatchAlreadyExists');

    sb.deployNow(id);
    const got = await client.send(new GetInvalidationCommand({ DistributionId: id, Id: invalidationId }));
    expect(got.Invalidation!.Status).toBe('Completed');
    const list = await client.send(new ListInvalidationsCommand({ DistributionId: id }));
    expect(list.InvalidationList).toMatchObject({
      Quantity: 1,
      Items: [{ Id: invalidationId, Status: 'Completed' }],
    });
    expect(sb.invalidations(id)).toMatchObject([{ id: invalidationId, paths: ['/index.html', '/assets/*'] }]);

    const badPath = await rejection(
      client.send(
        new CreateInvalidationCommand({
          DistributionId: id,
          InvalidationBatch: { CallerReference: 'deploy-2', Paths: { Quantity: 1, Items: ['index.html'] } },
        }),
      ),
    );
    expect(badPath.name).toBe('InvalidArgument');
    const missing = await rejection(
      client.send(
        new CreateInvalidationCommand({ DistributionId: 'E0000000000000', InvalidationBatch: batch }),
      ),
    );
    expect(missing.name).toBe('NoSuchDistribution');
  });
});
