import type { DistributionConfig, ViewerCertificate } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import type { AcmCertificate, DistributionState } from '../../src/distribution.js';
import { withViewerCertificate } from '../../src/distribution.js';
import { type LeafFacts, type Observation, type PlanSettings, decide } from '../../src/plan.js';

const ARN = (n: string) => `arn:aws:acm:us-east-1:123456789012:certificate/${n}`;
const leaf: LeafFacts = {
  sans: ['example.com', '*.example.com'],
  notAfter: new Date('2027-03-01T00:00:00Z'),
  fingerprintSha256: 'aa'.repeat(32),
};
const settings: PlanSettings = {
  certificateArn: undefined,
  sslSupportMethod: 'sni-only',
  minimumProtocolVersion: undefined,
  allowOlderCertificate: false,
  enforcement: { viewerProtocolPolicy: undefined, originProtocolPolicy: undefined },
};

function distribution(
  id: string,
  aliases: string[],
  viewerCertificate?: ViewerCertificate,
  extra: Partial<DistributionConfig> = {},
): DistributionState {
  return {
    id,
    etag: `ETAG${id}`,
    config: {
      CallerReference: `ref-${id}`,
      Comment: 'site',
      Enabled: true,
      Aliases: { Quantity: aliases.length, Items: aliases },
      Origins: { Quantity: 1, Items: [{ Id: 'o', DomainName: 'origin.example.net' }] },
      DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'redirect-to-https' },
      ViewerCertificate: viewerCertificate ?? {
        CloudFrontDefaultCertificate: true,
        MinimumProtocolVersion: 'TLSv1',
        CertificateSource: 'cloudfront',
      },
      ...extra,
    } as DistributionConfig,
  };
}
const acmCert = (arn: string, vc: Partial<ViewerCertificate> = {}): ViewerCertificate => ({
  ACMCertificateArn: arn,
  SSLSupportMethod: 'sni-only',
  MinimumProtocolVersion: 'TLSv1.2_2021',
  CloudFrontDefaultCertificate: false,
  Certificate: arn,
  CertificateSource: 'acm',
  ...vc,
});
const record = (arn: string, over: Partial<AcmCertificate> = {}): AcmCertificate => ({
  arn,
  serial: '01',
  notAfter: new Date('2026-12-01T00:00:00Z'),
  keyAlgorithm: 'RSA_2048',
  sans: ['example.com'],
  inUseBy: [],
  extendedKeyUsages: ['TLS_WEB_SERVER_AUTHENTICATION', 'TLS_WEB_CLIENT_AUTHENTICATION'],
  fingerprintSha256: 'bb'.repeat(32),
  ...over,
});
function observation(states: DistributionState[], over: Partial<Observation> = {}): Observation {
  return {
    distributions: states.map((state) => ({ id: state.id, state })),
    certificates: new Map(),
    identicalArn: undefined,
    bystanders: [],
    originVerdicts: new Map(),
    iamCertificates: new Map(),
    ...over,
  };
}

describe('decide', () => {
  it('imports once and updates every covered distribution', () => {
    const plan = decide(
      leaf,
      observation([
        distribution('E1', ['example.com', 'www.example.com']),
        distribution('E2', ['shop.example.com']),
      ]),
      settings,
    );
    expect(plan.certificate).toEqual({ kind: 'import' });
    expect(plan.distributions.map((d) => d.decision.kind)).toEqual(['update', 'update']);
    const first = plan.distributions[0]!;
    expect(first.decision.reason).toContain('replace the CloudFront default certificate');
    expect(first.decision.kind === 'update' && first.decision.viewerCertificate).toEqual({
      CloudFrontDefaultCertificate: false,
      SSLSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
  });

  it('skips a distribution with an uncovered alias, lists it, and imports nothing when nothing is left', () => {
    const plan = decide(
      leaf,
      observation([distribution('E1', ['example.com', 'a.b.example.com', 'example.org'])]),
      settings,
    );
    const d = plan.distributions[0]!;
    expect(d.decision).toMatchObject({ kind: 'skip', uncoveredAliases: ['a.b.example.com', 'example.org'] });
    expect(d.decision.reason).toContain('a.b.example.com, example.org');
    expect(plan.certificate.kind).toBe('none');
  });

  it('skips distributions without aliases and multi-tenant ones', () => {
    const plan = decide(
      leaf,
      observation([
        distribution('E1', []),
        distribution('E2', ['example.com'], undefined, { ConnectionMode: 'tenant-only' }),
      ]),
      settings,
    );
    expect(plan.distributions.map((d) => d.decision.kind)).toEqual(['skip', 'skip']);
    expect(plan.distributions[0]!.decision.reason).toContain('no alternate domain names');
    expect(plan.distributions[1]!.decision.reason).toContain('tenant');
  });

  it('reports a read failure as failed with the AWS code, and plans the rest', () => {
    const obs: Observation = {
      ...observation([distribution('E2', ['example.com'])]),
      distributions: [
        {
          id: 'E1',
          failure: { code: 'NoSuchDistribution', message: 'The specified distribution does not exist.' },
        },
        { id: 'E2', state: distribution('E2', ['example.com']) },
      ],
    };
    const plan = decide(leaf, obs, settings);
    expect(plan.distributions[0]!.decision).toMatchObject({ kind: 'fail', code: 'NoSuchDistribution' });
    expect(plan.distributions[1]!.decision.kind).toBe('update');
    expect(plan.certificate.kind).toBe('import');
  });

  it('reuses an identical certificate already in ACM and leaves distributions on it unchanged', () => {
    const same = ARN('same');
    const plan = decide(
      leaf,
      observation(
        [distribution('E1', ['example.com'], acmCert(same)), distribution('E2', ['www.example.com'])],
        {
          identicalArn: same,
          certificates: new Map([
            [same, record(same, { fingerprintSha256: leaf.fingerprintSha256, notAfter: leaf.notAfter })],
          ]),
        },
      ),
      settings,
    );
    expect(plan.certificate).toMatchObject({ kind: 'reuse', arn: same });
    expect(plan.distributions.map((d) => d.decision.kind)).toEqual(['unchanged', 'update']);
  });

  it('is all unchanged and writes nothing on a re-run, however many distributions', () => {
    const same = ARN('same');
    const plan = decide(
      leaf,
      observation(
        [
          distribution('E1', ['example.com'], acmCert(same)),
          distribution('E2', ['www.example.com', 'shop.example.com'], acmCert(same)),
        ],
        {
          identicalArn: same,
          certificates: new Map([[same, record(same, { fingerprintSha256: leaf.fingerprintSha256 })]]),
        },
      ),
      settings,
    );
    expect(plan.certificate.kind).toBe('reuse');
    expect(plan.distributions.map((d) => d.decision.kind)).toEqual(['unchanged', 'unchanged']);
  });

  it('updates a distribution already on our certificate when its TLS settings differ', () => {
    const same = ARN('same');
    const plan = decide(
      leaf,
      observation([distribution('E1', ['example.com'], acmCert(same, { MinimumProtocolVersion: 'TLSv1' }))], {
        identicalArn: same,
      }),
      { ...settings, minimumProtocolVersion: 'TLSv1.2_2021' },
    );
    expect(plan.distributions[0]!.decision).toMatchObject({
      kind: 'update',
      reason: 'minimum protocol version TLSv1 -> TLSv1.2_2021',
    });
  });

  it('keeps the current minimum protocol version of a custom certificate, and defaults otherwise', () => {
    const old = ARN('old');
    const plan = decide(
      leaf,
      observation([
        distribution('E1', ['example.com'], acmCert(old, { MinimumProtocolVersion: 'TLSv1.2_2019' })),
        distribution('E2', ['example.com'], {
          CloudFrontDefaultCertificate: true,
          MinimumProtocolVersion: 'TLSv1',
        }),
        distribution(
          'E3',
          ['example.com'],
          acmCert(old, { MinimumProtocolVersion: 'SSLv3', SSLSupportMethod: 'vip' }),
        ),
      ]),
      { ...settings, sslSupportMethod: 'sni-only' },
    );
    const vc = plan.distributions.map((d) =>
      d.decision.kind === 'update' ? d.decision.viewerCertificate.MinimumProtocolVersion : d.decision.kind,
    );
    // SSLv3 is only allowed with vip: moving to sni-only raises it to TLSv1.
    expect(vc).toEqual(['TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1']);
    expect(plan.distributions[2]!.decision.reason).toContain('SSL support method vip -> sni-only');
  });

  it('keeps a vip distribution on vip (and its SSLv3 floor) when ssl-support-method is empty', () => {
    const old = ARN('old');
    const plan = decide(
      leaf,
      observation([
        distribution(
          'E1',
          ['example.com'],
          acmCert(old, { MinimumProtocolVersion: 'SSLv3', SSLSupportMethod: 'vip' }),
        ),
      ]),
      { ...settings, sslSupportMethod: undefined },
    );
    const d = plan.distributions[0]!.decision;
    expect(d.kind === 'update' && d.viewerCertificate).toMatchObject({
      SSLSupportMethod: 'vip',
      MinimumProtocolVersion: 'SSLv3',
    });
    expect(d.reason).not.toContain('SSL support method');
  });

  it('replaces an IAM certificate', () => {
    const plan = decide(
      leaf,
      observation([
        distribution('E1', ['example.com'], {
          IAMCertificateId: 'ASCAXYZ',
          SSLSupportMethod: 'sni-only',
          MinimumProtocolVersion: 'TLSv1.2_2021',
          CertificateSource: 'iam',
          Certificate: 'ASCAXYZ',
        }),
      ]),
      settings,
    );
    expect(plan.distributions[0]!.decision).toMatchObject({ kind: 'update' });
    expect(plan.distributions[0]!.decision.reason).toContain('IAM certificate ASCAXYZ');
  });

  describe('an IAM certificate and the downgrade guard', () => {
    const iam: ViewerCertificate = {
      IAMCertificateId: 'ASCAXYZ',
      SSLSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      CertificateSource: 'iam',
      Certificate: 'ASCAXYZ',
    };
    const decideWith = (notAfter: Date | undefined, allowOlderCertificate = false) =>
      decide(
        leaf,
        observation([distribution('E1', ['example.com'], iam)], {
          iamCertificates: notAfter === undefined ? new Map() : new Map([['ASCAXYZ', { notAfter }]]),
        }),
        { ...settings, allowOlderCertificate },
      ).distributions[0]!.decision;

    it('skips one that expires later than the leaf', () => {
      expect(decideWith(new Date('2027-06-01T00:00:00Z'))).toMatchObject({
        kind: 'skip',
        reason: expect.stringContaining('attached IAM certificate ASCAXYZ expires later: 2027-06-01'),
      });
    });

    it('replaces it with allow-older-certificate', () => {
      expect(decideWith(new Date('2027-06-01T00:00:00Z'), true)).toMatchObject({ kind: 'update' });
    });

    it('replaces one that expires sooner, saying when', () => {
      expect(decideWith(new Date('2026-12-24T00:00:00Z')).reason).toContain(
        'replace IAM certificate ASCAXYZ, which expires 2026-12-24',
      );
    });

    it('replaces one whose expiry is unknown (IAM could not be read), without a date', () => {
      const decision = decideWith(undefined);
      expect(decision).toMatchObject({ kind: 'update' });
      expect(decision.reason).toContain('replace IAM certificate ASCAXYZ');
      expect(decision.reason).not.toContain('expires');
    });

    it('ignores a stale IAMCertificateId next to an ACM certificate', () => {
      const plan = decide(
        leaf,
        observation(
          [distribution('E1', ['example.com'], acmCert(ARN('old'), { IAMCertificateId: 'ASCAXYZ' }))],
          {
            iamCertificates: new Map([['ASCAXYZ', { notAfter: new Date('2030-01-01T00:00:00Z') }]]),
          },
        ),
        settings,
      );
      expect(plan.distributions[0]!.decision).toMatchObject({ kind: 'update' });
    });
  });

  describe('downgrade guard', () => {
    const later = ARN('later');
    const obs = observation([distribution('E1', ['example.com'], acmCert(later))], {
      certificates: new Map([[later, record(later, { notAfter: new Date('2027-06-01T00:00:00Z') })]]),
    });
    it('skips a distribution whose certificate expires later', () => {
      const d = decide(leaf, obs, settings).distributions[0]!;
      expect(d.decision.kind).toBe('skip');
      expect(d.decision.reason).toContain('attached certificate expires later: 2027-06-01T00:00:00.000Z');
      expect(d.previousCertificateArn).toBe(later);
    });
    it('replaces it with allow-older-certificate', () => {
      expect(
        decide(leaf, obs, { ...settings, allowOlderCertificate: true }).distributions[0]!.decision.kind,
      ).toBe('update');
    });
    it('replaces an attached certificate that expires sooner', () => {
      const sooner = ARN('sooner');
      const plan = decide(
        leaf,
        observation([distribution('E1', ['example.com'], acmCert(sooner))], {
          certificates: new Map([[sooner, record(sooner)]]),
        }),
        settings,
      );
      expect(plan.distributions[0]!.decision.kind).toBe('update');
      expect(plan.distributions[0]!.decision.reason).toContain(
        'replace the attached ACM certificate, which expires 2026-12-01',
      );
    });
  });

  describe('certificate-arn', () => {
    const fixed = ARN('fixed');
    const s = { ...settings, certificateArn: fixed };
    it('re-imports when the content differs; distributions on the ARN are unchanged, others pointed at it', () => {
      const plan = decide(
        leaf,
        observation(
          [distribution('E1', ['example.com'], acmCert(fixed)), distribution('E2', ['www.example.com'])],
          {
            certificates: new Map([[fixed, record(fixed)]]),
          },
        ),
        s,
      );
      expect(plan.certificate).toEqual({ kind: 'reimport', arn: fixed });
      expect(plan.distributions[0]!.decision).toMatchObject({
        kind: 'unchanged',
        reason: expect.stringContaining('re-import updates it in place'),
      });
      expect(plan.distributions[1]!.decision.kind).toBe('update');
    });
    it('re-imports even when every listed distribution already uses the ARN', () => {
      const plan = decide(
        leaf,
        observation([distribution('E1', ['example.com'], acmCert(fixed))], {
          certificates: new Map([[fixed, record(fixed)]]),
        }),
        s,
      );
      expect(plan.certificate.kind).toBe('reimport');
    });
    it('does nothing when the ARN already holds this certificate', () => {
      const plan = decide(
        leaf,
        observation([distribution('E1', ['example.com'], acmCert(fixed))], {
          certificates: new Map([[fixed, record(fixed, { fingerprintSha256: leaf.fingerprintSha256 })]]),
        }),
        s,
      );
      expect(plan.certificate.kind).toBe('reuse');
      expect(plan.distributions[0]!.decision.kind).toBe('unchanged');
    });
    it.each([
      [{ keyAlgorithm: 'EC_prime256v1' }, 'key type would change from EC_prime256v1 to RSA_2048'],
      [{ sans: ['other.org'] }, 'shares no domain name'],
      [
        { extendedKeyUsages: ['TLS_WEB_SERVER_AUTHENTICATION', 'CODE_SIGNING'] },
        'drops the extended key usage CODE_SIGNING',
      ],
    ])('refuses a re-import ACM would refuse: %o', (existing, text) => {
      const ourLeaf = { ...leaf, keyAlgorithm: 'RSA_2048', extendedKeyUsage: ['serverAuth'] };
      const plan = decide(
        ourLeaf,
        observation([distribution('E1', ['example.com'], acmCert(fixed))], {
          certificates: new Map([[fixed, record(fixed, existing)]]),
        }),
        s,
      );
      expect(plan.certificate).toMatchObject({ kind: 'refused', reason: expect.stringContaining(text) });
      expect(plan.distributions[0]!.decision.kind).toBe('skip');
    });
    it('refuses to re-import a certificate that expires sooner than the one there, unless allowed', () => {
      const later = observation([distribution('E1', ['example.com'], acmCert(fixed))], {
        certificates: new Map([[fixed, record(fixed, { notAfter: new Date('2028-01-01T00:00:00Z') })]]),
      });
      const plan = decide(leaf, later, s);
      expect(plan.certificate).toMatchObject({
        kind: 'refused',
        reason: expect.stringContaining('expires later: 2028-01-01'),
      });
      expect(plan.distributions[0]!.decision.kind).toBe('skip');
      expect(decide(leaf, later, { ...s, allowOlderCertificate: true }).certificate.kind).toBe('reimport');
    });
    it('allows a re-import that only drops ClientAuth (as Let’s Encrypt did)', () => {
      const ourLeaf = { ...leaf, keyAlgorithm: 'RSA_2048', extendedKeyUsage: ['serverAuth'] };
      const plan = decide(
        ourLeaf,
        observation([distribution('E1', ['example.com'], acmCert(fixed))], {
          certificates: new Map([[fixed, record(fixed)]]),
        }),
        s,
      );
      expect(plan.certificate.kind).toBe('reimport');
    });
    it('refuses a re-import that would break a distribution using the ARN, listed or not', () => {
      const bystander = distribution('E9', ['shop.example.org'], acmCert(fixed));
      const plan = decide(
        leaf,
        observation(
          [distribution('E1', ['example.com'], acmCert(fixed)), distribution('E2', ['www.example.com'])],
          {
            certificates: new Map([[fixed, record(fixed)]]),
            bystanders: [bystander],
          },
        ),
        s,
      );
      expect(plan.certificate).toMatchObject({ kind: 'refused', reason: expect.stringContaining('E9') });
      expect(plan.distributions.map((d) => d.decision.kind)).toEqual(['skip', 'skip']);
    });
  });
});

describe('withViewerCertificate', () => {
  it('changes only ViewerCertificate and drops the legacy fields', () => {
    const state = distribution('E1', ['example.com'], {
      IAMCertificateId: 'X',
      CertificateSource: 'iam',
      Certificate: 'X',
      SSLSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1',
    });
    const vc = {
      ACMCertificateArn: ARN('n'),
      SSLSupportMethod: 'sni-only' as const,
      MinimumProtocolVersion: 'TLSv1.2_2021' as const,
      CloudFrontDefaultCertificate: false,
    };
    const next = withViewerCertificate(state.config, vc);
    expect(next.ViewerCertificate).toEqual(vc);
    const { ViewerCertificate: _a, ...rest } = next;
    const { ViewerCertificate: _b, ...before } = state.config;
    expect(rest).toEqual(before);
    expect(state.config.ViewerCertificate?.IAMCertificateId).toBe('X'); // input not mutated
  });
});
