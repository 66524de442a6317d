// The sandbox's ACM, driven by the real @aws-sdk/client-acm.
import {
  AddTagsToCertificateCommand,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  GetCertificateCommand,
  ImportCertificateCommand,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
  paginateListCertificates,
  type ImportCertificateCommandInput,
} from '@aws-sdk/client-acm';
import { describe, expect, test } from 'vitest';
import { EC_P256, makeChain, makeLeaf, makeRoot, toPkcs1, toSec1, type Chain } from '../support/pki.js';
import { useSandbox, type Sandbox } from '../support/sandbox.js';
import { acm, rejection } from './fixtures.js';

const sandbox = useSandbox();
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const DAY = 86_400_000;

const bytes = (s: string) => new TextEncoder().encode(s);

function wireInput(
  chain: Chain,
  extra: Partial<ImportCertificateCommandInput> = {},
): ImportCertificateCommandInput {
  return {
    Certificate: bytes(chain.leaf.pem),
    PrivateKey: bytes(chain.leaf.keyPem),
    CertificateChain: bytes(chain.intermediate.pem + chain.root.pem),
    ...extra,
  };
}

async function importOverWire(sb: Sandbox, chain: Chain, extra: Partial<ImportCertificateCommandInput> = {}) {
  const out = await acm(sb).send(new ImportCertificateCommand(wireInput(chain, extra)));
  return out.CertificateArn!;
}

async function validationMessage(sb: Sandbox, input: ImportCertificateCommandInput): Promise<string> {
  const err = await rejection(acm(sb).send(new ImportCertificateCommand(input)));
  expect(err.name).toBe('ValidationException');
  return err.message;
}

describe('import, describe, get', () => {
  test('DescribeCertificate reports the facts of the imported leaf the way ACM prints them', async () => {
    const sb = sandbox();
    const chain = await makeChain({ leaf: { sans: ['example.com', 'www.example.com'] } });
    const arn = await importOverWire(sb, chain, { Tags: [{ Key: 'owner', Value: 'tests' }] });
    expect(arn).toMatch(/^arn:aws:acm:us-east-1:123456789012:certificate\/[0-9a-f-]{36}$/);
    expect(sb.requests).toMatchObject([
      { service: 'acm', operation: 'ImportCertificate', target: arn, status: 200 },
    ]);

    const { Certificate: c } = await acm(sb).send(new DescribeCertificateCommand({ CertificateArn: arn }));
    const serialHex = chain.leaf.cert.serialNumber.toLowerCase();
    expect(c).toMatchObject({
      CertificateArn: arn,
      DomainName: 'example.com',
      SubjectAlternativeNames: ['example.com', 'www.example.com'],
      Serial: serialHex.match(/../g)!.join(':'),
      KeyAlgorithm: 'RSA_2048',
      Type: 'IMPORTED',
      Status: 'ISSUED',
      InUseBy: [],
    });
    expect(c!.Serial).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2})+$/);
    expect(c!.NotAfter!.getTime()).toBe(chain.leaf.cert.notAfter.getTime());
    expect(c!.NotBefore!.getTime()).toBe(chain.leaf.cert.notBefore.getTime());
    expect(c!.ImportedAt).toBeInstanceOf(Date);
    expect(c!.ExtendedKeyUsages!.map((e) => e.Name)).toEqual([
      'TLS_WEB_SERVER_AUTHENTICATION',
      'TLS_WEB_CLIENT_AUTHENTICATION',
    ]);

    const got = await acm(sb).send(new GetCertificateCommand({ CertificateArn: arn }));
    expect(got.Certificate).toBe(chain.leaf.pem);
    expect(got.CertificateChain).toBe(chain.intermediate.pem + chain.root.pem);
    const tags = await acm(sb).send(new ListTagsForCertificateCommand({ CertificateArn: arn }));
    expect(tags.Tags).toEqual([{ Key: 'owner', Value: 'tests' }]);
    await acm(sb).send(
      new AddTagsToCertificateCommand({
        CertificateArn: arn,
        Tags: [
          { Key: 'owner', Value: 'ci' },
          { Key: 'app', Value: 'site' },
        ],
      }),
    );
    const after = await acm(sb).send(new ListTagsForCertificateCommand({ CertificateArn: arn }));
    expect(after.Tags).toEqual([
      { Key: 'owner', Value: 'ci' },
      { Key: 'app', Value: 'site' },
    ]);
  });

  test('PKCS#1 and SEC1 keys (with an EC PARAMETERS block) are accepted; a self-signed leaf needs no chain', async () => {
    const sb = sandbox();
    const rsa = await makeChain();
    await importOverWire(sb, rsa, { PrivateKey: bytes(toPkcs1(rsa.leaf.keyPem)) });
    const ec = await makeChain({ key: EC_P256 });
    await importOverWire(sb, ec, { PrivateKey: bytes(toSec1(ec.leaf.keyPem, true)) });
    const self = await makeRoot({
      isCa: false,
      sans: ['self.example.com'],
      commonName: 'self.example.com',
      fresh: true,
    });
    await acm(sb).send(
      new ImportCertificateCommand({ Certificate: bytes(self.pem), PrivateKey: bytes(self.keyPem) }),
    );
  });

  test('the region of the ARN is the region the client signed for', async () => {
    const sb = sandbox();
    const out = await acm(sb, { region: 'eu-west-1' }).send(
      new ImportCertificateCommand(wireInput(await makeChain())),
    );
    expect(out.CertificateArn).toMatch(/^arn:aws:acm:eu-west-1:/);
    const err = await rejection(
      acm(sb).send(new DescribeCertificateCommand({ CertificateArn: out.CertificateArn })),
    );
    expect(err.name).toBe('ResourceNotFoundException');
  });

  test('ImportCertificate refuses what ACM refuses', async () => {
    const sb = sandbox();
    const chain = await makeChain();
    const otherKey = await makeLeaf(chain.intermediate, { fresh: true });
    const expired = await makeLeaf(chain.intermediate, {
      notBefore: new Date(Date.now() - 100 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const future = await makeLeaf(chain.intermediate, { notBefore: new Date(Date.now() + DAY) });
    const strangerRoot = await makeRoot({ fresh: true, commonName: 'Stranger Root' });

    expect(
      await validationMessage(
        sb,
        wireInput(chain, { Certificate: bytes(chain.leaf.pem + chain.intermediate.pem) }),
      ),
    ).toContain('The certificate field contains more than one certificate');
    expect(await validationMessage(sb, wireInput(chain, { PrivateKey: bytes(otherKey.keyPem) }))).toMatch(
      /does not match/,
    );
    expect(await validationMessage(sb, wireInput({ ...chain, leaf: expired }))).toMatch(/expired/);
    expect(await validationMessage(sb, wireInput({ ...chain, leaf: future }))).toMatch(/not in effect yet/);
    expect(
      await validationMessage(sb, {
        Certificate: bytes(chain.leaf.pem),
        PrivateKey: bytes(chain.leaf.keyPem),
      }),
    ).toBe('Could not validate the certificate with the certificate chain.');
    expect(await validationMessage(sb, wireInput(chain, { CertificateChain: bytes(strangerRoot.pem) }))).toBe(
      'Could not validate the certificate with the certificate chain.',
    );
    // Out of order: the root first.
    expect(
      await validationMessage(
        sb,
        wireInput(chain, { CertificateChain: bytes(chain.root.pem + chain.intermediate.pem) }),
      ),
    ).toBe('Could not validate the certificate with the certificate chain.');
    expect(
      await validationMessage(sb, wireInput(chain, { Certificate: bytes('not a certificate') })),
    ).toMatch(/PEM/);
    expect(
      await validationMessage(
        sb,
        wireInput(chain, { PrivateKey: bytes(chain.leaf.keyPem + 'x'.repeat(5200)) }),
      ),
    ).toMatch(/privateKey.*5120/);
    expect(sb.certificates()).toEqual([]);
  });
});

describe('ListCertificates', () => {
  test('hides every key type but RSA_1024 and RSA_2048 unless Includes.keyTypes asks', async () => {
    const sb = sandbox();
    const rsa = await importOverWire(sb, await makeChain());
    const ec = await importOverWire(sb, await makeChain({ key: EC_P256 }));
    const rsa3072 = await importOverWire(sb, await makeChain({ key: { kind: 'rsa', bits: 3072 } }));
    const list = async (keyTypes?: string[]) =>
      (
        await acm(sb).send(
          new ListCertificatesCommand(keyTypes ? { Includes: { keyTypes: keyTypes as never } } : {}),
        )
      ).CertificateSummaryList!.map((s) => s.CertificateArn);

    expect(await list()).toEqual([rsa]);
    expect(await list(['EC_prime256v1'])).toEqual([ec]);
    expect(await list(['RSA_2048', 'RSA_3072', 'EC_prime256v1'])).toEqual([rsa, ec, rsa3072]);
    const summary = (await acm(sb).send(new ListCertificatesCommand({}))).CertificateSummaryList![0]!;
    expect(summary).toMatchObject({
      CertificateArn: rsa,
      KeyAlgorithm: 'RSA_2048',
      InUse: false,
      Type: 'IMPORTED',
    });
    expect(summary.SubjectAlternativeNameSummaries).toEqual(['example.com', '*.example.com']);
    expect(summary.NotAfter).toBeInstanceOf(Date);
  });

  test('hides certificates without a domain name unless Includes is given', async () => {
    const sb = sandbox();
    const chain = await makeChain();
    const domainless = await makeLeaf(chain.intermediate, { commonName: '', sans: [] });
    const arn = await importOverWire(sb, { ...chain, leaf: domainless });
    expect((await acm(sb).send(new ListCertificatesCommand({}))).CertificateSummaryList).toEqual([]);
    const listed = await acm(sb).send(new ListCertificatesCommand({ Includes: { keyTypes: ['RSA_2048'] } }));
    expect(listed.CertificateSummaryList!.map((s) => s.CertificateArn)).toEqual([arn]);
  });

  test('pages with MaxItems / NextToken', async () => {
    const sb = sandbox();
    const chain = await makeChain();
    const arns: string[] = [];
    for (let i = 0; i < 5; i++) arns.push(await importOverWire(sb, chain));
    const first = await acm(sb).send(new ListCertificatesCommand({ MaxItems: 2 }));
    expect(first.CertificateSummaryList).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const seen: string[] = [];
    for await (const page of paginateListCertificates({ client: acm(sb), pageSize: 2 }, {})) {
      seen.push(...page.CertificateSummaryList!.map((s) => s.CertificateArn!));
    }
    expect(seen).toEqual(arns);
  });
});

describe('DeleteCertificate', () => {
  test('ResourceInUseException while a distribution uses the certificate', async () => {
    const sb = sandbox();
    const chain = await makeChain();
    const used = await importOverWire(sb, chain);
    const unused = await importOverWire(sb, chain);
    const { arn: distributionArn } = sb.createDistribution({
      aliases: ['www.example.com'],
      certificateArn: used,
    });

    const described = await acm(sb).send(new DescribeCertificateCommand({ CertificateArn: used }));
    expect(described.Certificate!.InUseBy).toEqual([distributionArn]);
    const err = await rejection(acm(sb).send(new DeleteCertificateCommand({ CertificateArn: used })));
    expect(err.name).toBe('ResourceInUseException');

    await acm(sb).send(new DeleteCertificateCommand({ CertificateArn: unused }));
    const gone = await rejection(acm(sb).send(new DescribeCertificateCommand({ CertificateArn: unused })));
    expect(gone.name).toBe('ResourceNotFoundException');
  });
});

describe('re-import', () => {
  test('keeps the ARN and the associations; CloudFront serves the new leaf with no update', async () => {
    const sb = sandbox();
    const first = await makeChain();
    const arn = await importOverWire(sb, first);
    const { id, etag } = sb.createDistribution({ aliases: ['www.example.com'], certificateArn: arn });
    const renewed = await makeLeaf(first.intermediate, { eku: [SERVER_AUTH] }); // ClientAuth dropped: allowed

    const out = await acm(sb).send(
      new ImportCertificateCommand(wireInput({ ...first, leaf: renewed }, { CertificateArn: arn })),
    );
    expect(out.CertificateArn).toBe(arn);
    const view = sb.certificate(arn)!;
    expect(view.imports).toBe(2);
    expect(view.serial).toBe(renewed.cert.serialNumber.toLowerCase().match(/../g)!.join(':'));
    expect(view.inUseBy).toEqual([sb.getDistribution(id).arn]);
    expect(sb.getDistribution(id).etag).toBe(etag);
    expect(sb.certificates()).toHaveLength(1);
  });

  test('refuses a new key type, losing every domain name, losing ServerAuth, and tags', async () => {
    const sb = sandbox();
    const first = await makeChain();
    const arn = await importOverWire(sb, first);
    const reimport = (chain: Chain, extra: Partial<ImportCertificateCommandInput> = {}) =>
      validationMessage(sb, wireInput(chain, { CertificateArn: arn, ...extra }));

    const ec = await makeChain({ key: EC_P256 });
    expect(await reimport(ec)).toMatch(/key algorithm/);
    const otherNames = await makeLeaf(first.intermediate, { sans: ['other.test'] });
    expect(await reimport({ ...first, leaf: otherNames })).toMatch(/domain name/);
    const clientOnly = await makeLeaf(first.intermediate, { eku: [CLIENT_AUTH] });
    expect(await reimport({ ...first, leaf: clientOnly })).toMatch(/extended key usages/);
    expect(await reimport(first, { Tags: [{ Key: 'a', Value: 'b' }] })).toMatch(/tags/);

    const sameNameSubset = await makeLeaf(first.intermediate, { sans: ['example.com'] });
    await expect(
      acm(sb).send(
        new ImportCertificateCommand(wireInput({ ...first, leaf: sameNameSubset }, { CertificateArn: arn })),
      ),
    ).resolves.toBeDefined();
  });
});
