import { describe, expect, it } from 'vitest';
import {
  type Finding,
  type ServedCertificate,
  auditDistribution,
  behaviorsInEvaluationOrder,
} from '../../src/posture/index.js';
import {
  acmViewerCertificate,
  behavior,
  customOrigin,
  distributionConfig,
  s3Origin,
  vpcOrigin,
} from './fixtures.js';

const NOW = new Date('2026-05-01T00:00:00Z');
const DAY = 86_400_000;
const ecdsa: ServedCertificate = {
  keyAlgorithm: 'EC_prime256v1',
  notAfter: new Date(NOW.getTime() + 200 * DAY),
};
const codes = (findings: Finding[]): string[] => findings.map((f) => `${f.code} @ ${f.target}`);

describe('auditDistribution', () => {
  it('finds nothing on an HTTPS-only distribution with a fresh ECDSA certificate', () => {
    const config = distributionConfig({
      origins: [customOrigin('app', 'app.example.net'), s3Origin('assets')],
      behaviors: [behavior('/static/*', 'assets', 'https-only')],
    });
    expect(auditDistribution(config, undefined, ecdsa, NOW, 30)).toEqual([]);
  });

  describe('viewer-http-allowed', () => {
    it('reports every behavior that allows HTTP, path patterns in listed order, then the default', () => {
      const config = distributionConfig({
        defaultPolicy: 'allow-all',
        behaviors: [
          behavior('/img/*', 'app', 'allow-all'),
          behavior('/api/*', 'app', 'https-only'),
          behavior('/legacy/*', 'app', 'allow-all'),
          behavior('/login', 'app', 'redirect-to-https'),
        ],
      });
      const findings = auditDistribution(config, undefined, undefined, NOW, 30);
      expect(codes(findings)).toEqual([
        "viewer-http-allowed @ cache behavior '/img/*'",
        "viewer-http-allowed @ cache behavior '/legacy/*'",
        'viewer-http-allowed @ default cache behavior',
      ]);
      expect(findings[0]?.message).toMatch(/allow-all.*plain HTTP/);
    });

    it('evaluation order is the path patterns as listed, the default last', () => {
      const config = distributionConfig({
        behaviors: [behavior('/b/*', 'app', 'allow-all'), behavior('/a/*', 'app', 'allow-all')],
      });
      expect(behaviorsInEvaluationOrder(config).map((b) => b.target)).toEqual([
        "cache behavior '/b/*'",
        "cache behavior '/a/*'",
        'default cache behavior',
      ]);
    });

    it('does not report redirect-to-https or https-only', () => {
      const config = distributionConfig({
        behaviors: [behavior('/a/*', 'app', 'https-only')],
        defaultPolicy: 'redirect-to-https',
      });
      expect(auditDistribution(config, undefined, undefined, NOW, 30)).toEqual([]);
    });
  });

  describe('origin-http-only', () => {
    it('reports a custom origin that CloudFront reaches over plain HTTP', () => {
      const config = distributionConfig({
        origins: [customOrigin('app', 'app.example.net', { OriginProtocolPolicy: 'http-only' })],
      });
      const findings = auditDistribution(config, undefined, undefined, NOW, 30);
      expect(codes(findings)).toEqual(["origin-http-only @ origin 'app' (app.example.net)"]);
      expect(findings[0]?.message).toMatch(/not encrypted/);
    });

    it('does not report legacy SSL protocols on an http-only origin: they are never used', () => {
      const config = distributionConfig({
        origins: [
          customOrigin('app', 'app.example.net', {
            OriginProtocolPolicy: 'http-only',
            OriginSslProtocols: { Quantity: 3, Items: ['TLSv1', 'TLSv1.1', 'TLSv1.2'] },
          }),
        ],
      });
      expect(codes(auditDistribution(config, undefined, undefined, NOW, 30))).toEqual([
        "origin-http-only @ origin 'app' (app.example.net)",
      ]);
    });

    it('ignores S3 and VPC origins, which are not custom origins', () => {
      const config = distributionConfig({
        origins: [s3Origin('assets'), vpcOrigin('internal')],
        defaultTarget: 'assets',
        behaviors: [behavior('/internal/*', 'internal', 'https-only')],
      });
      expect(auditDistribution(config, undefined, undefined, NOW, 30)).toEqual([]);
    });
  });

  describe('origin-match-viewer-http', () => {
    const matchViewer = customOrigin('api', 'api.example.net', { OriginProtocolPolicy: 'match-viewer' });

    it('reports a match-viewer origin that a behavior allowing HTTP routes to, naming those behaviors', () => {
      const config = distributionConfig({
        origins: [customOrigin('app', 'app.example.net'), matchViewer],
        behaviors: [behavior('/api/*', 'api', 'allow-all'), behavior('/api/v2/*', 'api', 'https-only')],
      });
      const findings = auditDistribution(config, undefined, undefined, NOW, 30).filter(
        (f) => f.code !== 'viewer-http-allowed',
      );
      expect(findings).toEqual([
        {
          code: 'origin-match-viewer-http',
          target: "origin 'api' (api.example.net)",
          message:
            "Origin protocol policy is match-viewer and cache behavior '/api/*' allows HTTP: requests that arrive over HTTP reach this origin unencrypted.",
        },
      ]);
    });

    it('follows origin groups: every member may serve the request', () => {
      const config = distributionConfig({
        origins: [
          customOrigin('primary', 'primary.example.net', { OriginProtocolPolicy: 'match-viewer' }),
          customOrigin('secondary', 'secondary.example.net', { OriginProtocolPolicy: 'match-viewer' }),
        ],
        defaultTarget: 'failover',
        defaultPolicy: 'allow-all',
        originGroups: {
          Quantity: 1,
          Items: [
            {
              Id: 'failover',
              FailoverCriteria: { StatusCodes: { Quantity: 2, Items: [502, 503] } },
              Members: { Quantity: 2, Items: [{ OriginId: 'primary' }, { OriginId: 'secondary' }] },
            },
          ],
        },
      });
      expect(codes(auditDistribution(config, undefined, undefined, NOW, 30))).toEqual([
        'viewer-http-allowed @ default cache behavior',
        "origin-match-viewer-http @ origin 'primary' (primary.example.net)",
        "origin-match-viewer-http @ origin 'secondary' (secondary.example.net)",
      ]);
    });

    it('does not report match-viewer when every behavior routing to it requires HTTPS', () => {
      const config = distributionConfig({
        origins: [customOrigin('app', 'app.example.net'), matchViewer],
        behaviors: [behavior('/api/*', 'api', 'redirect-to-https'), behavior('/other/*', 'app', 'allow-all')],
      });
      expect(codes(auditDistribution(config, undefined, undefined, NOW, 30))).toEqual([
        "viewer-http-allowed @ cache behavior '/other/*'",
      ]);
    });
  });

  describe('origin-legacy-tls', () => {
    it.each([
      [['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2'], 'SSLv3, TLSv1, TLSv1.1'],
      [['TLSv1', 'TLSv1.2'], 'TLSv1'],
      [['TLSv1.1', 'TLSv1.2'], 'TLSv1.1'],
    ] as const)('reports %j, naming %s', (items, named) => {
      const config = distributionConfig({
        origins: [
          customOrigin('app', 'app.example.net', {
            OriginSslProtocols: { Quantity: items.length, Items: [...items] },
          }),
        ],
      });
      const findings = auditDistribution(config, undefined, undefined, NOW, 30);
      expect(codes(findings)).toEqual(["origin-legacy-tls @ origin 'app' (app.example.net)"]);
      expect(findings[0]?.message).toContain(`include ${named}:`);
    });

    it('reports it next to match-viewer, where HTTPS is used for HTTPS viewers', () => {
      const config = distributionConfig({
        origins: [
          customOrigin('app', 'app.example.net', {
            OriginProtocolPolicy: 'match-viewer',
            OriginSslProtocols: { Quantity: 2, Items: ['TLSv1.1', 'TLSv1.2'] },
          }),
        ],
      });
      expect(codes(auditDistribution(config, undefined, undefined, NOW, 30))).toEqual([
        "origin-legacy-tls @ origin 'app' (app.example.net)",
      ]);
    });
  });

  describe('legacy-minimum-protocol', () => {
    it.each(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016'] as const)(
      'reports %s with a custom certificate',
      (minimum) => {
        const config = distributionConfig({
          viewerCertificate: acmViewerCertificate({
            MinimumProtocolVersion: minimum,
            SSLSupportMethod: 'sni-only',
          }),
        });
        const findings = auditDistribution(config, undefined, undefined, NOW, 30);
        expect(codes(findings)).toEqual(['legacy-minimum-protocol @ viewer certificate']);
        expect(findings[0]?.message).toContain(`Minimum protocol version is ${minimum}`);
      },
    );

    it.each(['TLSv1.2_2018', 'TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'] as const)(
      'accepts %s',
      (minimum) => {
        const config = distributionConfig({
          viewerCertificate: acmViewerCertificate({ MinimumProtocolVersion: minimum }),
        });
        expect(auditDistribution(config, undefined, undefined, NOW, 30)).toEqual([]);
      },
    );

    it('is not reported with the CloudFront default certificate, which forces TLSv1', () => {
      const config = distributionConfig({
        viewerCertificate: {
          CloudFrontDefaultCertificate: true,
          MinimumProtocolVersion: 'TLSv1',
          CertificateSource: 'cloudfront',
        },
      });
      expect(auditDistribution(config, undefined, undefined, NOW, 30)).toEqual([]);
    });

    it('judges the viewer certificate as it will be after this run, not as read', () => {
      const config = distributionConfig({
        viewerCertificate: {
          CloudFrontDefaultCertificate: true,
          MinimumProtocolVersion: 'TLSv1',
          CertificateSource: 'cloudfront',
        },
      });
      // A planned ViewerCertificate does not carry the ARN yet (known only after the import).
      const planned = {
        CloudFrontDefaultCertificate: false,
        SSLSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1',
      } as const;
      expect(codes(auditDistribution(config, planned, undefined, NOW, 30))).toEqual([
        'legacy-minimum-protocol @ viewer certificate',
      ]);

      const legacy = distributionConfig({
        viewerCertificate: acmViewerCertificate({ MinimumProtocolVersion: 'TLSv1_2016' }),
      });
      expect(auditDistribution(legacy, acmViewerCertificate(), undefined, NOW, 30)).toEqual([]);
    });

    it('falls back to the config when no after-run viewer certificate is given', () => {
      const config = distributionConfig({
        viewerCertificate: acmViewerCertificate({ MinimumProtocolVersion: 'TLSv1.1_2016' }),
      });
      expect(codes(auditDistribution(config, undefined, undefined, NOW, 30))).toEqual([
        'legacy-minimum-protocol @ viewer certificate',
      ]);
    });

    it('reports an IAM certificate too', () => {
      const config = distributionConfig({
        viewerCertificate: {
          CloudFrontDefaultCertificate: false,
          IAMCertificateId: 'ASCAEXAMPLE',
          SSLSupportMethod: 'sni-only',
          MinimumProtocolVersion: 'TLSv1',
          CertificateSource: 'iam',
        },
      });
      expect(codes(auditDistribution(config, undefined, undefined, NOW, 30))).toEqual([
        'legacy-minimum-protocol @ viewer certificate',
      ]);
    });
  });

  describe('vip-ssl-support', () => {
    it('reports dedicated IP SSL support', () => {
      const config = distributionConfig({
        viewerCertificate: acmViewerCertificate({ SSLSupportMethod: 'vip' }),
      });
      const findings = auditDistribution(config, undefined, undefined, NOW, 30);
      expect(codes(findings)).toEqual(['vip-ssl-support @ viewer certificate']);
      expect(findings[0]?.message).toMatch(/billed every month.*sni-only/);
    });

    it('does not report sni-only or static-ip', () => {
      for (const method of ['sni-only', 'static-ip'] as const) {
        const config = distributionConfig({
          viewerCertificate: acmViewerCertificate({ SSLSupportMethod: method }),
        });
        expect(auditDistribution(config, undefined, undefined, NOW, 30)).toEqual([]);
      }
    });
  });

  describe('the served certificate', () => {
    const config = distributionConfig();

    it.each(['RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096'])(
      'reports %s as rsa-certificate',
      (keyAlgorithm) => {
        const findings = auditDistribution(config, undefined, { ...ecdsa, keyAlgorithm }, NOW, 30);
        expect(codes(findings)).toEqual(['rsa-certificate @ viewer certificate']);
        expect(findings[0]?.message).toContain(
          `an ${keyAlgorithm} key: an ECDSA P-256 key is as strong as RSA 3072`,
        );
      },
    );

    it('does not report an ECDSA certificate', () => {
      expect(auditDistribution(config, undefined, ecdsa, NOW, 30)).toEqual([]);
    });

    it('judges only the expiry of a certificate whose key type is unknown (an IAM one)', () => {
      const expired = { keyAlgorithm: undefined, notAfter: new Date(NOW.getTime() - DAY) };
      expect(codes(auditDistribution(config, undefined, expired, NOW, 30))).toEqual([
        'certificate-expired @ viewer certificate',
      ]);
    });

    it('reports a certificate that expires within the warning window, with the days left', () => {
      const notAfter = new Date(NOW.getTime() + 10 * DAY + 3_600_000);
      expect(auditDistribution(config, undefined, { ...ecdsa, notAfter }, NOW, 30)).toEqual([
        {
          code: 'certificate-expiring',
          target: 'viewer certificate',
          message:
            'The certificate expires in 10 days (2026-05-11T01:00:00.000Z): renew it before viewers get certificate errors.',
        },
      ]);
      const oneDay = new Date(NOW.getTime() + DAY + 1);
      expect(
        auditDistribution(config, undefined, { ...ecdsa, notAfter: oneDay }, NOW, 30)[0]?.message,
      ).toContain('in 1 day (');
    });

    it('does not report a certificate outside the window', () => {
      expect(
        auditDistribution(
          config,
          undefined,
          { ...ecdsa, notAfter: new Date(NOW.getTime() + 30 * DAY) },
          NOW,
          30,
        ),
      ).toEqual([]);
      expect(
        auditDistribution(
          config,
          undefined,
          { ...ecdsa, notAfter: new Date(NOW.getTime() + 30 * DAY - 1) },
          NOW,
          30,
        ),
      ).toHaveLength(1);
    });

    it('reports an expired certificate, from the instant of notAfter', () => {
      for (const notAfter of [NOW, new Date(NOW.getTime() - 5 * DAY)]) {
        const findings = auditDistribution(config, undefined, { ...ecdsa, notAfter }, NOW, 30);
        expect(codes(findings)).toEqual(['certificate-expired @ viewer certificate']);
        expect(findings[0]?.message).toContain(`expired on ${notAfter.toISOString()}`);
      }
    });

    it('reports an expired RSA certificate with both findings', () => {
      const findings = auditDistribution(
        config,
        undefined,
        { keyAlgorithm: 'RSA_2048', notAfter: new Date(NOW.getTime() - DAY) },
        NOW,
        30,
      );
      expect(findings.map((f) => f.code)).toEqual(['rsa-certificate', 'certificate-expired']);
    });
  });

  it('reports everything at once, in a stable order, each as one plain sentence', () => {
    const config = distributionConfig({
      origins: [
        customOrigin('app', 'app.example.net', { OriginProtocolPolicy: 'http-only' }),
        customOrigin('api', 'api.example.net', {
          OriginProtocolPolicy: 'match-viewer',
          OriginSslProtocols: { Quantity: 2, Items: ['TLSv1', 'TLSv1.2'] },
        }),
        s3Origin('assets'),
      ],
      defaultPolicy: 'allow-all',
      behaviors: [behavior('/api/*', 'api', 'allow-all'), behavior('/static/*', 'assets', 'allow-all')],
      viewerCertificate: acmViewerCertificate({ SSLSupportMethod: 'vip', MinimumProtocolVersion: 'TLSv1' }),
    });
    const findings = auditDistribution(
      config,
      undefined,
      { keyAlgorithm: 'RSA_2048', notAfter: new Date(NOW.getTime() + 3 * DAY) },
      NOW,
      30,
    );
    expect(codes(findings)).toEqual([
      "viewer-http-allowed @ cache behavior '/api/*'",
      "viewer-http-allowed @ cache behavior '/static/*'",
      'viewer-http-allowed @ default cache behavior',
      "origin-http-only @ origin 'app' (app.example.net)",
      "origin-match-viewer-http @ origin 'api' (api.example.net)",
      "origin-legacy-tls @ origin 'api' (api.example.net)",
      'legacy-minimum-protocol @ viewer certificate',
      'vip-ssl-support @ viewer certificate',
      'rsa-certificate @ viewer certificate',
      'certificate-expiring @ viewer certificate',
    ]);
    for (const f of findings) {
      expect(f.message).toMatch(/^[A-Z][^\n]*\.$/);
      expect(f.message.slice(0, -1)).not.toMatch(/\. [A-Z]/);
    }
  });
});
