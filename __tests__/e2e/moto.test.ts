// The committed dist/index.js, run as the runner runs it, against moto_server: an independent
// implementation of the CloudFront and ACM wire protocols.
import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  CloudFrontClient,
  CreateDistributionCommand,
  GetDistributionConfigCommand,
} from '@aws-sdk/client-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyLines, runAction } from '../support/action.js';
import { type Moto, motoAvailable, startMoto } from '../support/moto.js';
import { makeChain, type Chain } from '../support/pki.js';

const credentials = { accessKeyId: 'AKIAMOTOTEST', secretAccessKey: 'moto-secret' };

describe.skipIf(!motoAvailable())('dist/index.js against moto_server', () => {
  let moto: Moto;
  let cloudfront: CloudFrontClient;
  let acm: ACMClient;
  let chain: Chain;

  beforeAll(async () => {
    [moto, chain] = await Promise.all([
      startMoto(),
      makeChain({ leaf: { sans: ['example.com', '*.example.com'] } }),
    ]);
    cloudfront = new CloudFrontClient({ region: 'us-east-1', endpoint: moto.url, credentials });
    acm = new ACMClient({ region: 'us-east-1', endpoint: moto.url, credentials });
  });
  afterAll(async () => {
    cloudfront?.destroy();
    acm?.destroy();
    await moto?.close();
  });

  async function createDistribution(aliases: string[]): Promise<string> {
    const out = await cloudfront.send(
      new CreateDistributionCommand({
        DistributionConfig: {
          CallerReference: `ref-${Math.random()}`,
          Comment: 'e2e',
          Enabled: true,
          Aliases: { Quantity: aliases.length, Items: aliases },
          Origins: {
            Quantity: 1,
            Items: [
              {
                Id: 'origin',
                DomainName: 'origin.example.net',
                CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' },
              },
            ],
          },
          DefaultCacheBehavior: {
            TargetOriginId: 'origin',
            ViewerProtocolPolicy: 'redirect-to-https',
            CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
          },
        },
      }),
    );
    return out.Distribution!.Id!;
  }

  it('imports once, updates covered distributions, skips an uncovered one, and never prints the key', async () => {
    const covered1 = await createDistribution(['example.com', 'www.example.com']);
    const covered2 = await createDistribution(['shop.example.com']);
    const uncovered = await createDistribution(['a.b.example.com']);

    const run = await runAction(
      {
        'distribution-ids': `${covered1}, ${covered2}\n${uncovered}`,
        certificate: chain.leaf.pem,
        'certificate-chain': chain.intermediate.pem,
        'private-key': chain.leaf.keyPem,
      },
      {
        AWS_ENDPOINT_URL: moto.url,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      },
    );

    // fail-on-skip defaults to true: the step fails, after reporting everything.
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(`::error::Skipped: ${uncovered}`);
    const arn = run.outputs['certificate-arn'];
    expect(arn).toMatch(/^arn:aws:acm:us-east-1:\d{12}:certificate\//);
    expect(run.outputs['updated-distribution-ids']).toBe(`${covered1},${covered2}`);
    expect(run.outputs['skipped-distribution-ids']).toBe(uncovered);
    expect(run.outputs['failed-distribution-ids']).toBe('');
    expect(run.outputs['dry-run']).toBe('false');
    expect(run.outputs['certificate-fingerprint']).toMatch(/^[0-9a-f]{64}$/);
    const result = JSON.parse(run.outputs.result ?? '[]') as Array<Record<string, unknown>>;
    expect(result.find((r) => r.id === uncovered)).toMatchObject({
      outcome: 'skipped',
      uncoveredAliases: ['a.b.example.com'],
    });

    const certificates = await acm.send(new ListCertificatesCommand({}));
    expect(certificates.CertificateSummaryList?.map((c) => c.CertificateArn)).toEqual([arn]);
    for (const id of [covered1, covered2]) {
      const config = await cloudfront.send(new GetDistributionConfigCommand({ Id: id }));
      expect(config.DistributionConfig?.ViewerCertificate).toMatchObject({
        ACMCertificateArn: arn,
        SSLSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }
    const untouched = await cloudfront.send(new GetDistributionConfigCommand({ Id: uncovered }));
    expect(untouched.DistributionConfig?.ViewerCertificate?.ACMCertificateArn).toBeFalsy();

    expect(run.summary).toContain('### Distributions');
    expect(run.summary).toContain(covered1);
    for (const line of keyLines(chain.leaf.keyPem)) {
      expect(run.everything).not.toContain(line);
      expect(run.masked).toContain(line);
    }
  });
  it('a re-run with nothing changed imports nothing and updates nothing', async () => {
    const id = await createDistribution(['rerun.example.com']);
    const env = {
      AWS_ENDPOINT_URL: moto.url,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    };
    const inputs = {
      'distribution-ids': id,
      certificate: chain.leaf.pem,
      'certificate-chain': chain.intermediate.pem,
      'private-key': chain.leaf.keyPem,
    };
    const first = await runAction(inputs, env);
    expect(first.exitCode, first.stdout).toBe(0);
    const arn = first.outputs['certificate-arn'];
    const count = async (): Promise<number> =>
      (await acm.send(new ListCertificatesCommand({}))).CertificateSummaryList?.length ?? 0;
    const certificatesBefore = await count();
    const before = await cloudfront.send(new GetDistributionConfigCommand({ Id: id }));

    const second = await runAction(inputs, env);
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.outputs['certificate-arn']).toBe(arn);
    expect(second.outputs['updated-distribution-ids']).toBe('');
    expect(second.outputs['unchanged-distribution-ids']).toBe(id);
    expect(await count()).toBe(certificatesBefore);
    const after = await cloudfront.send(new GetDistributionConfigCommand({ Id: id }));
    expect(after.ETag).toBe(before.ETag);
  });
});
