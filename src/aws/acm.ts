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
import { type AcmCertificate, type AcmCertificateSummary, serialKey } from '../distribution.js';
import type { Tag } from '../settings.js';
import { AwsCallError, isErrorCode } from './errors.js';

const IMPORT_ATTEMPTS = 5;

// ListCertificates returns only RSA_1024 and RSA_2048 certificates unless asked for every key type,
// so an EC or RSA 3072/4096 duplicate would be missed.
// https://docs.aws.amazon.com/acm/latest/APIReference/API_Filters.html
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
  /**
   * `importer` sends ImportCertificate only, with the SDK's retries off: a retry after a timeout or a
   * 5xx may import a second copy when the first got through, and each import costs yearly quota.
   * import() retries only what certainly did not import: ACM's ThrottlingException.
   */
  constructor(
    readonly client: ACMClient,
    readonly importer: ACMClient = client,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  destroy(): void {
    this.client.destroy();
    if (this.importer !== this.client) this.importer.destroy();
  }

  async describe(arn: string, signal?: AbortSignal): Promise<AcmCertificate> {
    try {
      const out = await this.client.send(
        new DescribeCertificateCommand({ CertificateArn: arn }),
        signal ? { abortSignal: signal } : {},
      );
      const c = out.Certificate;
      return {
        arn,
        serial: c?.Serial ? serialKey(c.Serial) : undefined,
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

  /**
   * Every certificate in ACM (us-east-1) as ListCertificates summarises it, with every key type:
   * by default ListCertificates hides all but RSA_1024 and RSA_2048 (see ALL_KEY_TYPES).
   */
  async list(signal?: AbortSignal): Promise<AcmCertificateSummary[]> {
    const summaries: AcmCertificateSummary[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const out = await this.client.send(
          new ListCertificatesCommand({
            Includes: { keyTypes: ALL_KEY_TYPES },
            MaxItems: 1000,
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
          signal ? { abortSignal: signal } : {},
        );
        for (const s of out.CertificateSummaryList ?? []) {
          if (!s.CertificateArn) continue;
          summaries.push({
            arn: s.CertificateArn,
            notAfter: s.NotAfter,
            keyAlgorithm: s.KeyAlgorithm,
            // Empty when the summary leaves them out (moto does): unknown, not "none".
            sans: s.SubjectAlternativeNameSummaries ?? [],
            extendedKeyUsages: s.ExtendedKeyUsages ?? [],
            fingerprintSha256: undefined,
          });
        }
        nextToken = out.NextToken;
      } while (nextToken);
    } catch (error) {
      throw new AwsCallError('could not list ACM certificates', error);
    }
    return summaries;
  }

  async import(bundle: {
    certificatePem: string;
    chainPem: string | undefined;
    privateKeyPem: string;
    arn?: string | undefined;
    tags: readonly Tag[];
  }): Promise<string> {
    const encoder = new TextEncoder();
    const command = new ImportCertificateCommand({
      Certificate: encoder.encode(bundle.certificatePem),
      PrivateKey: encoder.encode(bundle.privateKeyPem),
      ...(bundle.chainPem ? { CertificateChain: encoder.encode(bundle.chainPem) } : {}),
      // Tags cannot be given on a re-import.
      ...(bundle.arn ? { CertificateArn: bundle.arn } : { Tags: bundle.tags.map((t) => ({ ...t })) }),
    });
    const doing = bundle.arn
      ? `could not re-import the certificate into ${bundle.arn}`
      : 'could not import the certificate into ACM';
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await this.importer.send(command);
        if (!out.CertificateArn) throw new Error('ImportCertificate returned no ARN');
        return out.CertificateArn;
      } catch (error) {
        if (isErrorCode(error, 'ThrottlingException') && attempt < IMPORT_ATTEMPTS) {
          await this.sleep(1000 * 2 ** (attempt - 1));
          continue;
        }
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        const unsure = status === undefined || status >= 500;
        throw new AwsCallError(
          unsure ? `${doing} (ACM may have imported it anyway: a re-run finds and reuses it)` : doing,
          error,
        );
      }
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
