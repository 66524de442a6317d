// DistributionConfig fixtures shaped like GetDistributionConfig output: every field the API returns,
// so enforcement tests can prove that nothing but the intended fields changed.
import type {
  CacheBehavior,
  DistributionConfig,
  Origin,
  ViewerCertificate,
  ViewerProtocolPolicy,
} from '@aws-sdk/client-cloudfront';

export const ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0f3c1d2e-aaaa-bbbb-cccc-123456789abc';

export function customOrigin(
  id: string,
  domainName: string,
  over: Partial<NonNullable<Origin['CustomOriginConfig']>> = {},
): Origin {
  return {
    Id: id,
    DomainName: domainName,
    OriginPath: '',
    CustomHeaders: { Quantity: 1, Items: [{ HeaderName: 'X-Origin-Verify', HeaderValue: 'secret-value' }] },
    CustomOriginConfig: {
      HTTPPort: 80,
      HTTPSPort: 443,
      OriginProtocolPolicy: 'https-only',
      OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] },
      OriginReadTimeout: 30,
      OriginKeepaliveTimeout: 5,
      ...over,
    },
    ConnectionAttempts: 3,
    ConnectionTimeout: 10,
    OriginShield: { Enabled: false },
    OriginAccessControlId: '',
  };
}

export function s3Origin(id: string): Origin {
  return {
    Id: id,
    DomainName: `${id}.s3.us-east-1.amazonaws.com`,
    OriginPath: '',
    CustomHeaders: { Quantity: 0 },
    S3OriginConfig: { OriginAccessIdentity: '', OriginReadTimeout: 30 },
    ConnectionAttempts: 3,
    ConnectionTimeout: 10,
    OriginShield: { Enabled: false },
    OriginAccessControlId: 'E2OACEXAMPLE',
  };
}

export function vpcOrigin(id: string): Origin {
  return {
    Id: id,
    DomainName: 'internal-alb-123.us-east-1.elb.amazonaws.com',
    OriginPath: '',
    CustomHeaders: { Quantity: 0 },
    VpcOriginConfig: { VpcOriginId: 'vo_0123456789abcdef', OriginReadTimeout: 30, OriginKeepaliveTimeout: 5 },
    ConnectionAttempts: 3,
    ConnectionTimeout: 10,
    OriginShield: { Enabled: false },
    OriginAccessControlId: '',
  };
}

export function behavior(
  pathPattern: string,
  targetOriginId: string,
  viewerProtocolPolicy: ViewerProtocolPolicy,
): CacheBehavior {
  return {
    PathPattern: pathPattern,
    TargetOriginId: targetOriginId,
    TrustedSigners: { Enabled: false, Quantity: 0 },
    TrustedKeyGroups: { Enabled: false, Quantity: 0 },
    ViewerProtocolPolicy: viewerProtocolPolicy,
    AllowedMethods: {
      Quantity: 2,
      Items: ['HEAD', 'GET'],
      CachedMethods: { Quantity: 2, Items: ['HEAD', 'GET'] },
    },
    SmoothStreaming: false,
    Compress: true,
    LambdaFunctionAssociations: { Quantity: 0 },
    FunctionAssociations: {
      Quantity: 1,
      Items: [
        { FunctionARN: 'arn:aws:cloudfront::123456789012:function/rewrite', EventType: 'viewer-request' },
      ],
    },
    FieldLevelEncryptionId: '',
    CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    OriginRequestPolicyId: '88a5eaf4-2fd4-4709-b370-b4c650ea3fcf',
  };
}

export const acmViewerCertificate = (over: Partial<ViewerCertificate> = {}): ViewerCertificate => ({
  CloudFrontDefaultCertificate: false,
  ACMCertificateArn: ARN,
  SSLSupportMethod: 'sni-only',
  MinimumProtocolVersion: 'TLSv1.2_2021',
  Certificate: ARN,
  CertificateSource: 'acm',
  ...over,
});

export interface ConfigShape {
  origins?: Origin[];
  behaviors?: CacheBehavior[];
  defaultTarget?: string;
  defaultPolicy?: ViewerProtocolPolicy;
  viewerCertificate?: ViewerCertificate;
  originGroups?: DistributionConfig['OriginGroups'];
}

/** A distribution with no findings unless `shape` introduces them. */
export function distributionConfig(shape: ConfigShape = {}): DistributionConfig {
  const origins = shape.origins ?? [customOrigin('app', 'app.example.net')];
  const behaviors = shape.behaviors ?? [];
  const { PathPattern: _ignored, ...defaultBehavior } = behavior(
    '*',
    shape.defaultTarget ?? 'app',
    shape.defaultPolicy ?? 'redirect-to-https',
  );
  return {
    CallerReference: 'terraform-20240101000000000000000001',
    Aliases: { Quantity: 2, Items: ['example.com', 'www.example.com'] },
    DefaultRootObject: 'index.html',
    Origins: { Quantity: origins.length, Items: origins },
    OriginGroups: shape.originGroups ?? { Quantity: 0 },
    DefaultCacheBehavior: defaultBehavior,
    CacheBehaviors: behaviors.length ? { Quantity: behaviors.length, Items: behaviors } : { Quantity: 0 },
    CustomErrorResponses: {
      Quantity: 1,
      Items: [{ ErrorCode: 404, ResponsePagePath: '/404.html', ResponseCode: '404', ErrorCachingMinTTL: 10 }],
    },
    Comment: 'www',
    Logging: { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '' },
    PriceClass: 'PriceClass_100',
    Enabled: true,
    ViewerCertificate: shape.viewerCertificate ?? acmViewerCertificate(),
    Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
    WebACLId: '',
    HttpVersion: 'http2and3',
    IsIPV6Enabled: true,
    ContinuousDeploymentPolicyId: '',
    Staging: false,
  };
}

/** Freeze a value deeply, so any mutation of an input throws in strict-mode test code. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
