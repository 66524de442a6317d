// What the action knows about a distribution and the certificates it reads, and the one change it makes.
import type { DistributionConfig, ViewerCertificate } from '@aws-sdk/client-cloudfront';

/** A distribution as read: the full config and the ETag that must go back with any write. */
export interface DistributionState {
  readonly id: string;
  readonly etag: string;
  readonly config: DistributionConfig;
}

/** An AWS call that failed, kept as the code and message AWS gave. */
export interface AwsFailure {
  readonly code: string;
  readonly message: string;
}

/**
 * An ACM certificate as ListCertificates summarises it: enough to compare expiry and key type, and
 * to pick out the one certificate that could be ours (same expiry, a shared name).
 */
export interface AcmCertificateSummary {
  readonly arn: string;
  readonly notAfter: Date | undefined;
  readonly keyAlgorithm: string | undefined;
  readonly sans: readonly string[];
  /** ACM's EKU names, e.g. TLS_WEB_SERVER_AUTHENTICATION. */
  readonly extendedKeyUsages: readonly string[];
  /** SHA-256 of the DER, set when the PEM was fetched (GetCertificate) to confirm identity. */
  readonly fingerprintSha256: string | undefined;
}

/** An ACM certificate as DescribeCertificate shows it: the summary plus its serial and its users. */
export interface AcmCertificate extends AcmCertificateSummary {
  readonly serial: string | undefined; // serialKey(): lowercase hex, no colons, no leading zeros
  readonly inUseBy: readonly string[];
}

export function aliasesOf(config: DistributionConfig): string[] {
  return [...(config.Aliases?.Items ?? [])];
}

export function attachedAcmArn(config: DistributionConfig): string | undefined {
  const vc = config.ViewerCertificate;
  if (!vc || vc.CloudFrontDefaultCertificate === true) return undefined;
  return vc.ACMCertificateArn || undefined;
}

/** The IAM server certificate a distribution serves (IAMCertificateId), when not an ACM one. */
export function attachedIamId(config: DistributionConfig): string | undefined {
  const vc = config.ViewerCertificate;
  if (!vc || vc.CloudFrontDefaultCertificate === true || vc.ACMCertificateArn) return undefined;
  return vc.IAMCertificateId || undefined;
}

export function hasCustomCertificate(vc: ViewerCertificate | undefined): boolean {
  return (
    vc !== undefined &&
    vc.CloudFrontDefaultCertificate !== true &&
    Boolean(vc.ACMCertificateArn || vc.IAMCertificateId)
  );
}

/**
 * The config to send back: exactly as read, with only ViewerCertificate replaced. UpdateDistribution
 * replaces the whole config (no merge), so every other field must survive untouched. The deprecated
 * Certificate / CertificateSource / IAMCertificateId fields are dropped: GetDistributionConfig still
 * returns them and stale ones make the update fail ("Cannot specify IAMCertificateId and a
 * CertificateSource not equal to iam").
 */
export function withViewerCertificate(
  config: DistributionConfig,
  viewerCertificate: ViewerCertificate,
): DistributionConfig {
  return { ...structuredClone(config), ViewerCertificate: { ...viewerCertificate } };
}

/**
 * A serial number as a comparison key, whatever its spelling: ACM writes whole bytes with colons
 * ("0a:1b"), certificate facts whole bytes without ("0a1b"); both become "a1b".
 */
export function serialKey(serial: string): string {
  return serial
    .replace(/[^0-9a-fA-F]/g, '')
    .toLowerCase()
    .replace(/^0+(?=.)/, '');
}
