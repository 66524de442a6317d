// Builds a full DistributionConfig for seeding, modelled on what a real GetDistributionConfig
// returns for an S3-backed website distribution (element order as CloudFront sends it).
import { randomUUID } from 'node:crypto';
import { element, type XmlElement } from './xml.js';

export type ViewerCertificateSeed =
  | { cloudFrontDefaultCertificate: true }
  | {
      acmCertificateArn: string;
      sslSupportMethod?: 'sni-only' | 'vip' | 'static-ip';
      minimumProtocolVersion?: string;
      /** Deprecated fields as GetDistributionConfig returns them (default: filled in). */
      certificate?: string | null;
      certificateSource?: string | null;
    }
  | { iamCertificateId: string; sslSupportMethod?: string; minimumProtocolVersion?: string };

export interface DistributionSeed {
  /** Distribution id (default: random, like `E2QWRUHAPOMQZL`). */
  id?: string;
  aliases?: string[];
  /** Shorthand for `viewerCertificate: { acmCertificateArn }` with sni-only / TLSv1.2_2021. */
  certificateArn?: string;
  viewerCertificate?: ViewerCertificateSeed;
  callerReference?: string;
  comment?: string;
  enabled?: boolean;
  ipv6?: boolean;
  originDomainName?: string;
  priceClass?: string;
  httpVersion?: string;
  webAclId?: string;
  defaultRootObject?: string;
  staging?: boolean;
  /** `tenant-only` for a multi-tenant distribution. */
  connectionMode?: 'direct' | 'tenant-only';
  /** Status right after seeding (default Deployed: seeds are existing distributions). */
  status?: 'InProgress' | 'Deployed';
  /** Apply CloudFront's rules (default true). */
  validate?: boolean;
}

function list(name: string, itemName: string, items: string[]): XmlElement {
  return element(name, [
    element('Quantity', items.length),
    ...(items.length > 0
      ? [
          element(
            'Items',
            items.map((i) => element(itemName, i)),
          ),
        ]
      : []),
  ]);
}

const empty = (name: string) => element(name, [element('Quantity', 0)]);

function viewerCertificate(seed: DistributionSeed): XmlElement {
  const vc: ViewerCertificateSeed =
    seed.viewerCertificate ??
    (seed.certificateArn !== undefined
      ? { acmCertificateArn: seed.certificateArn }
      : { cloudFrontDefaultCertificate: true });
  if ('cloudFrontDefaultCertificate' in vc) {
    return element('ViewerCertificate', [
      element('CloudFrontDefaultCertificate', 'true'),
      element('SSLSupportMethod', 'vip'),
      element('MinimumProtocolVersion', 'TLSv1'),
      element('CertificateSource', 'cloudfront'),
    ]);
  }
  if ('iamCertificateId' in vc) {
    return element('ViewerCertificate', [
      element('CloudFrontDefaultCertificate', 'false'),
      element('IAMCertificateId', vc.iamCertificateId),
      element('SSLSupportMethod', vc.sslSupportMethod ?? 'sni-only'),
      element('MinimumProtocolVersion', vc.minimumProtocolVersion ?? 'TLSv1.2_2021'),
      element('Certificate', vc.iamCertificateId),
      element('CertificateSource', 'iam'),
    ]);
  }
  const certificate = vc.certificate === undefined ? vc.acmCertificateArn : vc.certificate;
  const source = vc.certificateSource === undefined ? 'acm' : vc.certificateSource;
  return element('ViewerCertificate', [
    element('CloudFrontDefaultCertificate', 'false'),
    element('ACMCertificateArn', vc.acmCertificateArn),
    element('SSLSupportMethod', vc.sslSupportMethod ?? 'sni-only'),
    element('MinimumProtocolVersion', vc.minimumProtocolVersion ?? 'TLSv1.2_2021'),
    ...(certificate === null ? [] : [element('Certificate', certificate)]),
    ...(source === null ? [] : [element('CertificateSource', source)]),
  ]);
}

export function buildDistributionConfig(seed: DistributionSeed): XmlElement {
  const origin = seed.originDomainName ?? 'sandbox-site.s3.us-east-1.amazonaws.com';
  const originId = origin;
  const methods = (name: string) => list(name, 'Method', ['HEAD', 'GET']);
  return element('DistributionConfig', [
    element('CallerReference', seed.callerReference ?? randomUUID()),
    list('Aliases', 'CNAME', seed.aliases ?? []),
    element('DefaultRootObject', seed.defaultRootObject ?? 'index.html'),
    element('Origins', [
      element('Quantity', 1),
      element('Items', [
        element('Origin', [
          element('Id', originId),
          element('DomainName', origin),
          element('OriginPath', ''),
          empty('CustomHeaders'),
          element('S3OriginConfig', [element('OriginAccessIdentity', '')]),
          element('ConnectionAttempts', 3),
          element('ConnectionTimeout', 10),
          element('OriginShield', [element('Enabled', 'false')]),
          element('OriginAccessControlId', 'E3SANDBOXOAC01'),
        ]),
      ]),
    ]),
    empty('OriginGroups'),
    element('DefaultCacheBehavior', [
      element('TargetOriginId', originId),
      element('TrustedSigners', [element('Enabled', 'false'), element('Quantity', 0)]),
      element('TrustedKeyGroups', [element('Enabled', 'false'), element('Quantity', 0)]),
      element('ViewerProtocolPolicy', 'redirect-to-https'),
      element('AllowedMethods', [
        element('Quantity', 2),
        element('Items', [element('Method', 'HEAD'), element('Method', 'GET')]),
        methods('CachedMethods'),
      ]),
      element('SmoothStreaming', 'false'),
      element('Compress', 'true'),
      empty('LambdaFunctionAssociations'),
      empty('FunctionAssociations'),
      element('FieldLevelEncryptionId', ''),
      element('GrpcConfig', [element('Enabled', 'false')]),
      // The managed CachingOptimized policy.
      element('CachePolicyId', '658327ea-f89d-4fab-a63d-7e88639e58f6'),
    ]),
    empty('CacheBehaviors'),
    element('CustomErrorResponses', [
      element('Quantity', 1),
      element('Items', [
        element('CustomErrorResponse', [
          element('ErrorCode', 404),
          element('ResponsePagePath', '/404.html'),
          element('ResponseCode', '404'),
          element('ErrorCachingMinTTL', 10),
        ]),
      ]),
    ]),
    element('Comment', seed.comment ?? ''),
    element('Logging', [
      element('Enabled', 'false'),
      element('IncludeCookies', 'false'),
      element('Bucket', ''),
      element('Prefix', ''),
    ]),
    element('PriceClass', seed.priceClass ?? 'PriceClass_All'),
    element('Enabled', seed.enabled === false ? 'false' : 'true'),
    viewerCertificate(seed),
    element('Restrictions', [
      element('GeoRestriction', [element('RestrictionType', 'none'), element('Quantity', 0)]),
    ]),
    element('WebACLId', seed.webAclId ?? ''),
    element('HttpVersion', seed.httpVersion ?? 'http2'),
    element('IsIPV6Enabled', seed.ipv6 === false ? 'false' : 'true'),
    element('ContinuousDeploymentPolicyId', ''),
    element('Staging', seed.staging ? 'true' : 'false'),
    ...(seed.connectionMode ? [element('ConnectionMode', seed.connectionMode)] : []),
  ]);
}
