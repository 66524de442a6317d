// ACM, always in us-east-1: the only region CloudFront takes certificates from.
import {
  ACMClient,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  GetCertificateCommand,
  ImportCertificateCommand,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
  type KeyAlgorithm,
} from '@aws-sdk/client-acm';
import { X509Certificate } from 'node:crypto';
import { type AcmCertificate, normaliseSerial } from '../distribution.js';
import type { Tag } from '../settings.js';
import { AwsCallError } from './errors.js';

// ListCertificates returns only RSA_1024 and RSA_2048 certificates unless asked for every key type,
// so an EC or RSA 3072/4096 duplicate would be missed (AWS-FACTS.md).
const ALL_KEY_TYPES: KeyAlgorithm[] = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
];

export class Acm {
  constructor(readonly client: ACMClient) {}

  async describe(arn: string): Promise<AcmCertificate> {
    try {
      const out = await this.client.send(new DescribeCertificateCommand({ CertificateArn: arn }));
      const c = out.Certificate;
      return {
        arn,
        serial: c?.Serial ? normaliseSerial(c.Serial) : undefined,
        notAfter: c?.NotAfter,
        keyAlgorithm: c?.KeyAlgorithm,
        sans: c?.SubjectAlternativeNames ?? [],
        inUseBy: c?.InUseBy ?? [],
        extendedKeyUsages: (c?.ExtendedKeyUsages ?? []).flatMap((u) => (u.Name ? [u.Name] : [])),
        fingerprintSha256: undefined,
      };
    } catch (error) {
      throw new AwsCallError(`could not describe ACM certificate ${arn}`, error);
    }
  }

  /** SHA-256 of the DER of the certificate ACM holds at `arn`: proves "same leaf" exactly. */
  async fingerprint(arn: string): Promise<string> {
    try {
      const out = await this.client.send(new GetCertificateCommand({ CertificateArn: arn }));
      if (!out.Certificate) throw new Error('GetCertificate returned no certificate');
      return new X509Certificate(out.Certificate).fingerprint256.replace(/:/g, '').toLowerCase();
    } catch (error) {
      throw new AwsCallError(`could not read ACM certificate ${arn}`, error);
    }
  }

  /** Imported certificates that expire when our leaf does and name one of its domains. */
  async listLookalikes(notAfter: Date, names: readonly string[]): Promise<string[]> {
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    const arns: string[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const out = await this.client.send(
          new ListCertificatesCommand({
            Includes: { keyTypes: ALL_KEY_TYPES },
            MaxItems: 1000,
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
        );
        for (const s of out.CertificateSummaryList ?? []) {
          const sameExpiry =
            s.NotAfter !== undefined && Math.abs(s.NotAfter.getTime() - notAfter.getTime()) < 1000;
          const sameName =
            (s.DomainName !== undefined && wanted.has(s.DomainName.toLowerCase())) ||
            (s.SubjectAlternativeNameSummaries ?? []).some((n) => wanted.has(n.toLowerCase()));
          // NotAfter is absent from some summaries: keep those with a matching name and let Describe decide.
          if (s.CertificateArn && sameName && (s.NotAfter === undefined || sameExpiry))
            arns.push(s.CertificateArn);
        }
        nextToken = out.NextToken;
      } while (nextToken);
    } catch (error) {
      throw new AwsCallError('could not list ACM certificates', error);
    }
    return arns;
  }

  async import(bundle: {
    certificatePem: string;
    chainPem: string | undefined;
    privateKeyPem: string;
    arn?: string | undefined;
    tags: readonly Tag[];
  }): Promise<string> {
    const encoder = new TextEncoder();
    try {
      const out = await this.client.send(
        new ImportCertificateCommand({
          Certificate: encoder.encode(bundle.certificatePem),
          PrivateKey: encoder.encode(bundle.privateKeyPem),
          ...(bundle.chainPem ? { CertificateChain: encoder.encode(bundle.chainPem) } : {}),
          // Tags cannot be given on a re-import.
          ...(bundle.arn ? { CertificateArn: bundle.arn } : { Tags: bundle.tags.map((t) => ({ ...t })) }),
        }),
      );
      if (!out.CertificateArn) throw new Error('ImportCertificate returned no ARN');
      return out.CertificateArn;
    } catch (error) {
      throw new AwsCallError(
        bundle.arn
          ? `could not re-import the certificate into ${bundle.arn}`
          : 'could not import the certificate into ACM',
        error,
      );
    }
  }

  async tags(arn: string): Promise<Tag[]> {
    try {
      const out = await this.client.send(new ListTagsForCertificateCommand({ CertificateArn: arn }));
      return (out.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
    } catch (error) {
      throw new AwsCallError(`could not read the tags of ${arn}`, error);
    }
  }

  async delete(arn: string): Promise<void> {
    try {
      await this.client.send(new DeleteCertificateCommand({ CertificateArn: arn }));
    } catch (error) {
      throw new AwsCallError(`could not delete ${arn}`, error);
    }
  }
}
