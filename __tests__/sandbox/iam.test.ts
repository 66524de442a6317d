// The sandbox's IAM server certificates, driven by the real @aws-sdk/client-iam, and CloudFront
// serving one through IAMCertificateId. moto ignores PathPrefix, paging, the name rule and the real
// expiry (see the contract test), so these follow IAM's and CloudFront's documentation.
import { CreateDistributionCommand, type DistributionConfig } from '@aws-sdk/client-cloudfront';
import {
  IAMClient,
  ListServerCertificatesCommand,
  UploadServerCertificateCommand,
} from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, test } from 'vitest';
import { EC_P256, makeChain, makeLeaf, type Chain } from '../support/pki.js';
import { clientSettings, useSandbox, type Sandbox } from '../support/sandbox.js';
import { cloudFront, minimalConfig, rejection } from './fixtures.js';

const sandbox = useSandbox();
let chain: Chain;
beforeAll(async () => {
  chain = await makeChain({ leaf: { sans: ['www.example.com'] } });
});

const iam = (sb: Sandbox) => new IAMClient(clientSettings(sb));
const upload = (sb: Sandbox, name: string, path?: string, keyPem = chain.leaf.keyPem) =>
  iam(sb).send(
    new UploadServerCertificateCommand({
      ServerCertificateName: name,
      CertificateBody: chain.leaf.pem,
      PrivateKey: keyPem,
      CertificateChain: chain.intermediate.pem,
      ...(path ? { Path: path } : {}),
    }),
  );

describe('IAM server certificates', () => {
  test('an upload answers with the metadata, the real expiry included', async () => {
    const sb = sandbox();
    const out = await upload(sb, 'site', '/cloudfront/');
    expect(out.ServerCertificateMetadata).toMatchObject({
      Path: '/cloudfront/',
      ServerCertificateName: 'site',
      ServerCertificateId: expect.stringMatching(/^ASCA[A-Z0-9]{17}$/),
      Arn: `arn:aws:iam::${sb.accountId}:server-certificate/cloudfront/site`,
      Expiration: chain.leaf.cert.notAfter,
    });
    expect(sb.requests.map((r) => `${r.service} ${r.operation} ${r.status}`)).toEqual([
      'iam UploadServerCertificate 200',
    ]);
  });

  test('lists by path prefix, a page at a time', async () => {
    const sb = sandbox();
    await upload(sb, 'b', '/cloudfront/');
    await upload(sb, 'a', '/cloudfront/prod/');
    await upload(sb, 'elb', '/');
    const first = await iam(sb).send(
      new ListServerCertificatesCommand({ PathPrefix: '/cloudfront', MaxItems: 1 }),
    );
    expect(first.IsTruncated).toBe(true);
    const second = await iam(sb).send(
      new ListServerCertificatesCommand({ PathPrefix: '/cloudfront', Marker: first.Marker! }),
    );
    expect(second.IsTruncated).toBe(false);
    expect(
      [...first.ServerCertificateMetadataList!, ...second.ServerCertificateMetadataList!].map(
        (m) => m.ServerCertificateName,
      ),
    ).toEqual(['a', 'b']);
    const all = await iam(sb).send(new ListServerCertificatesCommand({}));
    expect(all.ServerCertificateMetadataList).toHaveLength(3);
  });

  test("refuses a name twice, and a key that is not the certificate's", async () => {
    const sb = sandbox();
    await upload(sb, 'site');
    const taken = await rejection(upload(sb, 'site'));
    expect(taken.name).toBe('EntityAlreadyExistsException');
    expect(taken.$metadata?.httpStatusCode).toBe(409);
    const other = await makeLeaf(chain.intermediate, { sans: ['www.example.com'], key: EC_P256 });
    const wrongKey = await rejection(upload(sb, 'other', '/cloudfront/', other.keyPem));
    expect(wrongKey.name).toBe('KeyPairMismatchException');
  });
});

describe('CloudFront with IAMCertificateId', () => {
  const withIam = (id: string, aliases: string[]): DistributionConfig => ({
    ...minimalConfig({ aliases }),
    ViewerCertificate: {
      IAMCertificateId: id,
      SSLSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    },
  });

  test('serves a server certificate uploaded under /cloudfront/ that covers the aliases', async () => {
    const sb = sandbox();
    const id = sb.uploadServerCertificate({
      name: 'site',
      certificate: chain.leaf.pem,
      privateKey: chain.leaf.keyPem,
    });
    const out = await cloudFront(sb).send(
      new CreateDistributionCommand({ DistributionConfig: withIam(id, ['www.example.com']) }),
    );
    expect(out.Distribution?.DistributionConfig?.ViewerCertificate).toMatchObject({
      IAMCertificateId: id,
      Certificate: id,
      CertificateSource: 'iam',
    });
  });

  test('refuses one outside /cloudfront/, and one that does not cover an alias', async () => {
    const sb = sandbox();
    const elsewhere = sb.uploadServerCertificate({
      name: 'elb',
      certificate: chain.leaf.pem,
      privateKey: chain.leaf.keyPem,
      path: '/',
    });
    const refused = await rejection(
      cloudFront(sb).send(
        new CreateDistributionCommand({ DistributionConfig: withIam(elsewhere, ['www.example.com']) }),
      ),
    );
    expect(refused.name).toBe('InvalidViewerCertificate');
    const id = sb.uploadServerCertificate({
      name: 'site',
      certificate: chain.leaf.pem,
      privateKey: chain.leaf.keyPem,
    });
    const uncovered = await rejection(
      cloudFront(sb).send(
        new CreateDistributionCommand({ DistributionConfig: withIam(id, ['shop.example.com']) }),
      ),
    );
    expect(uncovered.name).toBe('InvalidViewerCertificate');
  });
});
