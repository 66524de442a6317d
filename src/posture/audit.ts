// The HTTPS posture of a distribution: where plain HTTP or legacy TLS is still possible, what the
// viewer certificate setup costs, and how close the certificate is to expiry. Pure: no I/O, no
// clock but the one passed in. Every run reports these, dry runs included.
import type {
  CacheBehavior,
  DistributionConfig,
  Origin,
  ViewerCertificate,
} from '@aws-sdk/client-cloudfront';

export type FindingCode =
  | 'viewer-http-allowed'
  | 'origin-http-only'
  | 'origin-match-viewer-http'
  | 'origin-legacy-tls'
  | 'legacy-minimum-protocol'
  | 'vip-ssl-support'
  | 'rsa-certificate'
  | 'certificate-expiring'
  | 'certificate-expired';

export interface Finding {
  /** Stable: part of the `result` output, so workflows may match on it. */
  readonly code: FindingCode;
  /** 'default cache behavior' | "cache behavior '/api/*'" | "origin 'my-origin' (origin.example.com)" | 'viewer certificate' */
  readonly target: string;
  /** One plain sentence that says why it matters. */
  readonly message: string;
}

/** The certificate the distribution serves (after this run), as ACM describes it. */
export interface ServedCertificate {
  /** ACM names: RSA_2048, EC_prime256v1, ...; unknown for an IAM server certificate. */
  readonly keyAlgorithm: string | undefined;
  readonly notAfter: Date;
}

const DAY = 86_400_000;

/** Viewer security policies that still accept TLS 1.0 or 1.1 (or SSLv3). */
const LEGACY_MINIMUM_PROTOCOLS: ReadonlySet<string> = new Set([
  'SSLv3',
  'TLSv1',
  'TLSv1_2016',
  'TLSv1.1_2016',
]);
/** Origin SSL protocols that no maintained origin needs any more (RFC 7568, RFC 8996). */
const LEGACY_ORIGIN_PROTOCOLS: ReadonlySet<string> = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

/** A cache behavior with the name reports use for it. */
export interface NamedBehavior {
  readonly target: string;
  readonly behavior: Pick<CacheBehavior, 'TargetOriginId' | 'ViewerProtocolPolicy'>;
}

/**
 * Cache behaviors in CloudFront's evaluation order: the path patterns in the order listed (the
 * first match wins), then the default, which only serves what no pattern matched.
 */
export function behaviorsInEvaluationOrder(config: DistributionConfig): NamedBehavior[] {
  const byPattern = (config.CacheBehaviors?.Items ?? []).map((behavior) => ({
    target: `cache behavior '${behavior.PathPattern ?? ''}'`,
    behavior,
  }));
  const fallback = config.DefaultCacheBehavior
    ? [{ target: 'default cache behavior', behavior: config.DefaultCacheBehavior }]
    : [];
  return [...byPattern, ...fallback];
}

/**
 * Origins whose traffic CloudFront may send over HTTP or TLS of our choosing. S3 REST origins
 * (S3OriginConfig) and VPC origins (VpcOriginConfig) are configured elsewhere and not here.
 * An S3 *website* endpoint is a custom origin: it is audited like any other.
 */
export function isCustomOrigin(origin: Origin): boolean {
  return (
    origin.CustomOriginConfig !== undefined &&
    origin.S3OriginConfig === undefined &&
    origin.VpcOriginConfig === undefined
  );
}

export function describeOrigin(origin: Origin): string {
  return `origin '${origin.Id ?? ''}' (${origin.DomainName ?? ''})`;
}

/**
 * Whether the viewer certificate is a custom one. A planned ViewerCertificate may not carry its
 * ARN yet (it is known only after the import), so an explicit CloudFrontDefaultCertificate: false
 * counts as custom too.
 */
function servesCustomCertificate(vc: ViewerCertificate | undefined): boolean {
  if (vc === undefined || vc.CloudFrontDefaultCertificate === true) return false;
  return Boolean(vc.ACMCertificateArn || vc.IAMCertificateId) || vc.CloudFrontDefaultCertificate === false;
}

/**
 * Findings for one distribution. `viewerCertificate` is the ViewerCertificate as it will be after
 * this run (undefined: the one in `config` stays). `certificate` is what that certificate is, when
 * known. `expiryWarningDays`: a certificate that expires within that many days is reported.
 */
export function auditDistribution(
  config: DistributionConfig,
  viewerCertificate: ViewerCertificate | undefined,
  certificate: ServedCertificate | undefined,
  now: Date,
  expiryWarningDays: number,
): Finding[] {
  return [
    ...auditBehaviors(config),
    ...auditOrigins(config),
    ...auditViewerCertificate(viewerCertificate ?? config.ViewerCertificate),
    ...(certificate ? auditCertificate(certificate, now, expiryWarningDays) : []),
  ];
}

function auditBehaviors(config: DistributionConfig): Finding[] {
  return behaviorsInEvaluationOrder(config)
    .filter(({ behavior }) => behavior.ViewerProtocolPolicy === 'allow-all')
    .map(({ target }) => ({
      code: 'viewer-http-allowed',
      target,
      message:
        'Viewer protocol policy is allow-all: CloudFront serves these requests over plain HTTP, where anyone on the network can read or change them.',
    }));
}

function auditOrigins(config: DistributionConfig): Finding[] {
  const findings: Finding[] = [];
  const allowingHttp = behaviorsAllowingHttpByOrigin(config);
  for (const origin of config.Origins?.Items ?? []) {
    if (!isCustomOrigin(origin)) continue;
    const target = describeOrigin(origin);
    const custom = origin.CustomOriginConfig;
    const policy = custom?.OriginProtocolPolicy;
    if (policy === 'http-only') {
      findings.push({
        code: 'origin-http-only',
        target,
        message:
          'Origin protocol policy is http-only: traffic between CloudFront and this origin is not encrypted, whatever the viewer used.',
      });
    } else if (policy === 'match-viewer') {
      const behaviors = allowingHttp.get(origin.Id ?? '') ?? [];
      if (behaviors.length > 0) {
        findings.push({
          code: 'origin-match-viewer-http',
          target,
          message: `Origin protocol policy is match-viewer and ${behaviors.join(', ')} ${behaviors.length === 1 ? 'allows' : 'allow'} HTTP: requests that arrive over HTTP reach this origin unencrypted.`,
        });
      }
    }
    // With http-only the SSL protocols are never used: only report them where HTTPS can happen.
    const legacy = (custom?.OriginSslProtocols?.Items ?? []).filter((p) => LEGACY_ORIGIN_PROTOCOLS.has(p));
    if (policy !== 'http-only' && legacy.length > 0) {
      findings.push({
        code: 'origin-legacy-tls',
        target,
        message: `Origin SSL protocols include ${legacy.join(', ')}: CloudFront may fall back to a broken protocol with this origin, and any maintained server speaks TLSv1.2.`,
      });
    }
  }
  return findings;
}

/**
 * For each origin id, the behaviors (by report name) that allow HTTP and route to it, directly or
 * through an origin group (any member may serve the request).
 */
function behaviorsAllowingHttpByOrigin(config: DistributionConfig): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const group of config.OriginGroups?.Items ?? []) {
    if (group.Id === undefined) continue;
    groups.set(
      group.Id,
      (group.Members?.Items ?? []).flatMap((m) => (m.OriginId === undefined ? [] : [m.OriginId])),
    );
  }
  const result = new Map<string, string[]>();
  for (const { target, behavior } of behaviorsInEvaluationOrder(config)) {
    if (behavior.ViewerProtocolPolicy !== 'allow-all' || behavior.TargetOriginId === undefined) continue;
    const originIds = groups.get(behavior.TargetOriginId) ?? [behavior.TargetOriginId];
    for (const id of originIds) result.set(id, [...(result.get(id) ?? []), target]);
  }
  return result;
}

function auditViewerCertificate(vc: ViewerCertificate | undefined): Finding[] {
  // With the CloudFront default certificate (*.cloudfront.net) CloudFront forces TLSv1 and nothing
  // can be changed: a finding there would be noise nobody can act on.
  if (!servesCustomCertificate(vc)) return [];
  const findings: Finding[] = [];
  const minimum = vc?.MinimumProtocolVersion;
  if (minimum !== undefined && LEGACY_MINIMUM_PROTOCOLS.has(minimum)) {
    findings.push({
      code: 'legacy-minimum-protocol',
      target: 'viewer certificate',
      message: `Minimum protocol version is ${minimum}: viewers may still connect with ${minimum === 'SSLv3' ? 'SSLv3, ' : ''}TLS 1.0 or 1.1, which are deprecated (RFC 8996); TLSv1.2_2021 is the policy AWS recommends.`,
    });
  }
  if (vc?.SSLSupportMethod === 'vip') {
    findings.push({
      code: 'vip-ssl-support',
      target: 'viewer certificate',
      message:
        'SSL support method is vip: dedicated IP addresses are billed every month, while SNI (sni-only) costs nothing extra and is supported by nearly every client.',
    });
  }
  return findings;
}

function auditCertificate(certificate: ServedCertificate, now: Date, expiryWarningDays: number): Finding[] {
  const findings: Finding[] = [];
  if (certificate.keyAlgorithm?.toUpperCase().startsWith('RSA')) {
    findings.push({
      code: 'rsa-certificate',
      target: 'viewer certificate',
      message: `The certificate has an ${certificate.keyAlgorithm} key: an ECDSA P-256 key is as strong as RSA 3072 and makes every TLS handshake much cheaper.`,
    });
  }
  const left = certificate.notAfter.getTime() - now.getTime();
  const expires = certificate.notAfter.toISOString();
  if (left <= 0) {
    findings.push({
      code: 'certificate-expired',
      target: 'viewer certificate',
      message: `The certificate expired on ${expires}: viewers get certificate errors until it is replaced.`,
    });
  } else if (left < expiryWarningDays * DAY) {
    const days = Math.floor(left / DAY);
    findings.push({
      code: 'certificate-expiring',
      target: 'viewer certificate',
      message: `The certificate expires in ${days} day${days === 1 ? '' : 's'} (${expires}): renew it before viewers get certificate errors.`,
    });
  }
  return findings;
}
