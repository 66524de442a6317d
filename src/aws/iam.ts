// IAM server certificates: the legacy way to give CloudFront a certificate (IAMCertificateId). Read
// only to know the expiry of the one a distribution serves, so the downgrade guard covers it too.
// Loaded only when a listed distribution serves one.
import { IAMClient, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { AwsCallError } from './errors.js';

export { IAMClient };

export interface IamCertificate {
  readonly id: string;
  readonly name: string;
  readonly notAfter: Date | undefined;
}

// CloudFront uses only server certificates uploaded under this path.
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-procedures.html
const CLOUDFRONT_PATH = '/cloudfront';

export class Iam {
  constructor(readonly client: IAMClient) {}

  /** Every server certificate CloudFront could use, by its ID (what IAMCertificateId holds). */
  async serverCertificates(signal?: AbortSignal): Promise<Map<string, IamCertificate>> {
    const certificates = new Map<string, IamCertificate>();
    let marker: string | undefined;
    try {
      do {
        const out = await this.client.send(
          new ListServerCertificatesCommand({
            PathPrefix: CLOUDFRONT_PATH,
            MaxItems: 1000,
            ...(marker ? { Marker: marker } : {}),
          }),
          signal ? { abortSignal: signal } : {},
        );
        for (const m of out.ServerCertificateMetadataList ?? []) {
          if (!m.ServerCertificateId) continue;
          certificates.set(m.ServerCertificateId, {
            id: m.ServerCertificateId,
            name: m.ServerCertificateName ?? m.ServerCertificateId,
            notAfter: m.Expiration,
          });
        }
        marker = out.IsTruncated ? out.Marker : undefined;
      } while (marker);
    } catch (error) {
      throw new AwsCallError('could not list IAM server certificates', error);
    }
    return certificates;
  }
}
