// The read phase with the real SDK clients against the sandbox: which calls survey() and
// identify() make, and that ListCertificates goes out with the distribution reads, not after them.
import { ACMClient } from '@aws-sdk/client-acm';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Acm } from '../../src/aws/acm.js';
import { CloudFront } from '../../src/aws/cloudfront.js';
import { Iam, IAMClient } from '../../src/aws/iam.js';
import { loadBundle, type CertificateBundle } from '../../src/certificate/index.js';
import { type SurveyOptions, identify, survey } from '../../src/observe.js';
import { importIssued } from '../support/fleet.js';
import { type Chain, type Issued, makeChain, makeLeaf } from '../support/pki.js';
import { type Sandbox, clientSettings, useSandbox } from '../support/sandbox.js';

let chain: Chain;
let old: Issued;
let bundle: CertificateBundle;
beforeAll(async () => {
  chain = await makeChain({ leaf: { sans: ['*.example.com'] } });
  old = await makeLeaf(chain.intermediate, {
    sans: ['*.example.com'],
    notAfter: new Date(Date.now() + 5 * 86_400_000),
  });
  bundle = await loadBundle(
    { certificate: chain.leaf.pem + chain.intermediate.pem, privateKey: chain.leaf.keyPem },
    { now: new Date(), expiryWarningDays: 30 },
  );
});
const sandbox = useSandbox();

const FOREIGN_ARN = 'arn:aws:acm:us-east-1:999999999999:certificate/00000000-0000-0000-0000-000000000000';

function clients(sb: Sandbox) {
  return {
    acm: new Acm(new ACMClient(clientSettings(sb))),
    cloudfront: new CloudFront(new CloudFrontClient(clientSettings(sb))),
    iam: async () => new Iam(new IAMClient(clientSettings(sb))),
  };
}

function options(ids: string[], certificateArn?: string): SurveyOptions {
  return {
    distributionIds: ids,
    certificateArn,
    readConcurrency: 8,
    enforcement: { viewerProtocolPolicy: undefined, originProtocolPolicy: undefined },
    preflight: async () => ({ ok: true }),
  };
}

async function observeWith(sb: Sandbox, ids: string[], certificateArn?: string) {
  const aws = clients(sb);
  const warnings: string[] = [];
  const surveyed = await survey(aws, options(ids, certificateArn));
  warnings.push(...surveyed.warnings);
  const observation = await identify(bundle.leaf, surveyed, aws.acm, (m) => warnings.push(m));
  return { surveyed, observation, warnings };
}

const acmCalls = (sb: Sandbox): string[] =>
  sb.requests.filter((r) => r.service === 'acm').map((r) => r.operation);

describe('survey', () => {
  it('sends ListCertificates with the distribution reads: it answers before a slow read does', async () => {
    const sb = sandbox();
    const oldArn = importIssued(sb, old, chain.intermediate);
    const ids = [0, 1, 2].map(
      (i) => sb.createDistribution({ aliases: [`site${i}.example.com`], certificateArn: oldArn }).id,
    );
    // Were the list sent after the reads, it could only be logged after them.
    sb.latency(300, 'GetDistributionConfig');
    await survey(clients(sb), options(ids));
    expect(sb.requests.map((r) => r.operation)).toEqual([
      'ListCertificates',
      'GetDistributionConfig',
      'GetDistributionConfig',
      'GetDistributionConfig',
    ]);
  });

  it('takes an attached certificate from the list: a renewal needs no DescribeCertificate', async () => {
    const sb = sandbox();
    const oldArn = importIssued(sb, old, chain.intermediate);
    const ids = [0, 1].map(
      (i) => sb.createDistribution({ aliases: [`site${i}.example.com`], certificateArn: oldArn }).id,
    );
    const { observation, warnings } = await observeWith(sb, ids);
    expect(acmCalls(sb)).toEqual(['ListCertificates']);
    expect(observation.certificates.get(oldArn)).toMatchObject({
      arn: oldArn,
      notAfter: old.cert.notAfter,
      keyAlgorithm: 'RSA_2048',
    });
    expect(observation.identicalArn).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('describes only what the list lacks, and a certificate it cannot describe is a warning', async () => {
    const sb = sandbox();
    const id = sb.createDistribution({
      aliases: ['site.example.com'],
      certificateArn: FOREIGN_ARN,
      validate: false,
    }).id;
    const { observation, warnings } = await observeWith(sb, [id]);
    expect(acmCalls(sb)).toEqual(['ListCertificates', 'DescribeCertificate']);
    expect(observation.certificates.has(FOREIGN_ARN)).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/its expiry is not compared/)]);
  });

  it('a failed list costs only the reuse: attached certificates are then described', async () => {
    const sb = sandbox();
    const oldArn = importIssued(sb, old, chain.intermediate);
    const id = sb.createDistribution({ aliases: ['site.example.com'], certificateArn: oldArn }).id;
    sb.failNext('ListCertificates', { code: 'AccessDeniedException', status: 400 });
    const { observation, warnings } = await observeWith(sb, [id]);
    expect(acmCalls(sb)).toEqual(['ListCertificates', 'DescribeCertificate']);
    expect(observation.certificates.get(oldArn)?.notAfter).toEqual(old.cert.notAfter);
    expect(warnings).toEqual([expect.stringMatching(/an identical certificate cannot be reused/)]);
  });

  it('with certificate-arn: no list; the target is described and its other users are read', async () => {
    const sb = sandbox();
    const target = importIssued(sb, old, chain.intermediate);
    const listed = sb.createDistribution({ aliases: ['a.example.com'], certificateArn: target }).id;
    const bystander = sb.createDistribution({ aliases: ['b.example.com'], certificateArn: target }).id;
    const { surveyed, observation } = await observeWith(sb, [listed], target);
    expect(acmCalls(sb)).toEqual(['DescribeCertificate']);
    expect(surveyed.listed).toBeUndefined();
    expect(observation.bystanders.map((b) => b.id)).toEqual([bystander]);
  });

  it('reads the expiry of an IAM server certificate a distribution serves, across short pages', async () => {
    const sb = sandbox();
    const names = ['a-site', 'b-site', 'c-site'];
    const ids = names.map((name) =>
      sb.uploadServerCertificate({ name, certificate: old.pem, privateKey: old.keyPem }),
    );
    sb.limitIamPageSize(1);
    const id = sb.createDistribution({
      aliases: ['site.example.com'],
      viewerCertificate: {
        iamCertificateId: ids[2]!,
        sslSupportMethod: 'sni-only',
        minimumProtocolVersion: 'TLSv1.2_2021',
      },
    }).id;
    const { observation, warnings } = await observeWith(sb, [id]);
    expect(observation.iamCertificates.get(ids[2]!)?.notAfter).toEqual(old.cert.notAfter);
    expect(sb.requests.filter((r) => r.operation === 'ListServerCertificates')).toHaveLength(3);
    expect(warnings).toEqual([]);
  });

  it('a certificate-arn that cannot be described fails the read, naming the input', async () => {
    const sb = sandbox();
    const id = sb.createDistribution({ aliases: [] }).id;
    await expect(survey(clients(sb), options([id], FOREIGN_ARN))).rejects.toThrow(
      /Input 'certificate-arn': cannot use arn:aws:acm:us-east-1:999999999999/,
    );
  });
});

describe('identify', () => {
  it('a re-run: the attached certificate is ours, proven by one GetCertificate', async () => {
    const sb = sandbox();
    const ours = importIssued(sb, chain.leaf, chain.intermediate);
    const ids = [0, 1].map(
      (i) => sb.createDistribution({ aliases: [`site${i}.example.com`], certificateArn: ours }).id,
    );
    const { observation } = await observeWith(sb, ids);
    expect(observation.identicalArn).toBe(ours);
    expect(acmCalls(sb)).toEqual(['ListCertificates', 'GetCertificate']);
  });

  it('finds ours among the listed, unattached certificates and leaves look-alikes unfetched', async () => {
    const sb = sandbox();
    const oldArn = importIssued(sb, old, chain.intermediate);
    // Another name, same expiry: not a candidate. Same name, another expiry: not one either.
    const otherName = await makeLeaf(chain.intermediate, {
      sans: ['other.test'],
      notAfter: chain.leaf.cert.notAfter,
    });
    importIssued(sb, otherName, chain.intermediate);
    const ours = importIssued(sb, chain.leaf, chain.intermediate);
    const id = sb.createDistribution({ aliases: ['site.example.com'], certificateArn: oldArn }).id;
    const { observation } = await observeWith(sb, [id]);
    expect(observation.identicalArn).toBe(ours);
    expect(acmCalls(sb)).toEqual(['ListCertificates', 'GetCertificate']);
    expect(sb.requests.find((r) => r.operation === 'GetCertificate')?.target).toBe(ours);
  });

  it('a candidate with the same expiry and name but other content is fetched and not reused', async () => {
    const sb = sandbox();
    const twin = await makeLeaf(chain.intermediate, {
      sans: ['*.example.com'],
      notAfter: chain.leaf.cert.notAfter,
    });
    const twinArn = importIssued(sb, twin, chain.intermediate);
    const id = sb.createDistribution({ aliases: [] }).id;
    const { observation } = await observeWith(sb, [id]);
    expect(observation.identicalArn).toBeUndefined();
    expect(observation.certificates.get(twinArn)?.fingerprintSha256).toBe(
      createHash('sha256').update(twin.der).digest('hex'),
    );
    expect(acmCalls(sb)).toEqual(['ListCertificates', 'GetCertificate']);
  });

  it('a summary without names (as moto sends) is a candidate by its expiry alone', async () => {
    const sb = sandbox();
    const ours = importIssued(sb, chain.leaf, chain.intermediate);
    const id = sb.createDistribution({ aliases: ['site.example.com'], certificateArn: ours }).id;
    const aws = clients(sb);
    const surveyed = await survey(aws, options([id]));
    const nameless = new Map(
      [...surveyed.certificates].map(([arn, c]) => [arn, { ...c, sans: [] as string[] }]),
    );
    const observation = await identify(bundle.leaf, { ...surveyed, certificates: nameless }, aws.acm, () => {
      throw new Error('no warning expected');
    });
    expect(observation.identicalArn).toBe(ours);
  });

  it('does not look for a reusable copy when no distribution could be read', async () => {
    const sb = sandbox();
    importIssued(sb, chain.leaf, chain.intermediate);
    const { observation } = await observeWith(sb, ['EMISSING000000']);
    expect(observation.identicalArn).toBeUndefined();
    expect(acmCalls(sb)).toEqual(['ListCertificates']);
  });
});
