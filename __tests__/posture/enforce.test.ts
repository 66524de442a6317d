import type { DistributionConfig } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { type Enforcement, type OriginVerdict, enforce, originsToSwitch } from '../../src/posture/index.js';
import { behavior, customOrigin, deepFreeze, distributionConfig, s3Origin, vpcOrigin } from './fixtures.js';

const NONE: Enforcement = { viewerProtocolPolicy: undefined, originProtocolPolicy: undefined };
const noVerdicts = new Map<string, OriginVerdict>();
const OK: OriginVerdict = { ok: true };

/** A frozen config (mutation would throw) and an untouched copy to compare against. */
function frozen(config: DistributionConfig): { input: DistributionConfig; original: DistributionConfig } {
  return { original: structuredClone(config), input: deepFreeze(structuredClone(config)) };
}

function mixedBehaviors(): DistributionConfig {
  return distributionConfig({
    origins: [customOrigin('app', 'app.example.net'), s3Origin('assets')],
    defaultPolicy: 'allow-all',
    behaviors: [
      behavior('/img/*', 'assets', 'allow-all'),
      behavior('/api/*', 'app', 'https-only'),
      behavior('/login', 'app', 'redirect-to-https'),
      behavior('/legacy/*', 'app', 'allow-all'),
    ],
  });
}

describe('enforce: viewer protocol policy', () => {
  it('changes nothing when nothing is asked', () => {
    const { input, original } = frozen(mixedBehaviors());
    const result = enforce(input, NONE, noVerdicts);
    expect(result).toEqual({ config: original, changes: [], refused: [] });
    expect(result.config).not.toBe(input);
  });

  it('redirect-to-https replaces allow-all only, leaving https-only and redirect-to-https alone', () => {
    const { input, original } = frozen(mixedBehaviors());
    const result = enforce(input, { ...NONE, viewerProtocolPolicy: 'redirect-to-https' }, noVerdicts);

    const expected = structuredClone(original);
    expected.CacheBehaviors!.Items![0]!.ViewerProtocolPolicy = 'redirect-to-https';
    expected.CacheBehaviors!.Items![3]!.ViewerProtocolPolicy = 'redirect-to-https';
    expected.DefaultCacheBehavior!.ViewerProtocolPolicy = 'redirect-to-https';
    expect(result.config).toStrictEqual(expected);
    expect(result.changes).toEqual([
      "cache behavior '/img/*': allow-all -> redirect-to-https",
      "cache behavior '/legacy/*': allow-all -> redirect-to-https",
      'default cache behavior: allow-all -> redirect-to-https',
    ]);
    expect(result.refused).toEqual([]);
    expect(input).toStrictEqual(original);
  });

  it('https-only replaces allow-all and redirect-to-https (a redirect still takes the plain-HTTP request)', () => {
    const { input, original } = frozen(mixedBehaviors());
    const result = enforce(input, { ...NONE, viewerProtocolPolicy: 'https-only' }, noVerdicts);

    const expected = structuredClone(original);
    for (const i of [0, 2, 3]) expected.CacheBehaviors!.Items![i]!.ViewerProtocolPolicy = 'https-only';
    expected.DefaultCacheBehavior!.ViewerProtocolPolicy = 'https-only';
    expect(result.config).toStrictEqual(expected);
    expect(result.changes).toEqual([
      "cache behavior '/img/*': allow-all -> https-only",
      "cache behavior '/login': redirect-to-https -> https-only",
      "cache behavior '/legacy/*': allow-all -> https-only",
      'default cache behavior: allow-all -> https-only',
    ]);
  });

  it('reports no change when every behavior already meets the target', () => {
    const { input, original } = frozen(
      distributionConfig({ behaviors: [behavior('/a/*', 'app', 'https-only')] }),
    );
    const result = enforce(input, { ...NONE, viewerProtocolPolicy: 'redirect-to-https' }, noVerdicts);
    expect(result).toEqual({ config: original, changes: [], refused: [] });
  });

  it('leaves origins alone when only the viewer policy is asked', () => {
    const { input, original } = frozen(
      distributionConfig({
        origins: [customOrigin('app', 'app.example.net', { OriginProtocolPolicy: 'http-only' })],
        defaultPolicy: 'allow-all',
      }),
    );
    const result = enforce(
      input,
      { ...NONE, viewerProtocolPolicy: 'redirect-to-https' },
      new Map([['app', OK]]),
    );
    expect(result.config.Origins).toStrictEqual(original.Origins);
    expect(result.changes).toEqual(['default cache behavior: allow-all -> redirect-to-https']);
  });
});

function mixedOrigins(): DistributionConfig {
  return distributionConfig({
    origins: [
      customOrigin('app', 'app.example.net', {
        OriginProtocolPolicy: 'http-only',
        OriginSslProtocols: { Quantity: 3, Items: ['TLSv1', 'TLSv1.1', 'TLSv1.2'] },
      }),
      customOrigin('api', 'api.example.net', { OriginProtocolPolicy: 'match-viewer', HTTPSPort: 8443 }),
      customOrigin('legacy', 'legacy.example.net', {
        OriginSslProtocols: { Quantity: 2, Items: ['TLSv1.1', 'TLSv1.2'] },
      }),
      customOrigin('good', 'good.example.net'),
      s3Origin('assets'),
      vpcOrigin('internal'),
    ],
  });
}

describe('originsToSwitch', () => {
  it('lists custom origins not yet https-only with exactly TLSv1.2, with their HTTPS port', () => {
    expect(originsToSwitch(mixedOrigins(), { ...NONE, originProtocolPolicy: 'https-only' })).toEqual([
      { id: 'app', domainName: 'app.example.net', port: 443 },
      { id: 'api', domainName: 'api.example.net', port: 8443 },
      { id: 'legacy', domainName: 'legacy.example.net', port: 443 },
    ]);
  });

  it('lists nothing when origin enforcement is not asked', () => {
    expect(originsToSwitch(mixedOrigins(), { ...NONE, viewerProtocolPolicy: 'https-only' })).toEqual([]);
  });

  it('defaults the port to 443 and treats missing SSL protocols as needing the switch', () => {
    const origin = customOrigin('bare', 'bare.example.net');
    origin.CustomOriginConfig!.HTTPSPort = undefined;
    delete origin.CustomOriginConfig!.OriginSslProtocols;
    expect(
      originsToSwitch(distributionConfig({ origins: [origin], defaultTarget: 'bare' }), {
        ...NONE,
        originProtocolPolicy: 'https-only',
      }),
    ).toEqual([{ id: 'bare', domainName: 'bare.example.net', port: 443 }]);
  });
});

describe('enforce: origin protocol policy', () => {
  const ORIGINS: Enforcement = { ...NONE, originProtocolPolicy: 'https-only' };

  it('switches origins with a passing verdict to https-only and TLSv1.2, and nothing else', () => {
    const { input, original } = frozen(mixedOrigins());
    const verdicts = new Map<string, OriginVerdict>([
      ['app', OK],
      ['api', OK],
      ['legacy', OK],
    ]);
    const result = enforce(input, ORIGINS, verdicts);

    const expected = structuredClone(original);
    for (const i of [0, 1, 2]) {
      const custom = expected.Origins!.Items![i]!.CustomOriginConfig!;
      custom.OriginProtocolPolicy = 'https-only';
      custom.OriginSslProtocols = { Quantity: 1, Items: ['TLSv1.2'] };
    }
    expect(result.config).toStrictEqual(expected);
    expect(result.changes).toEqual([
      "origin 'app' (app.example.net): http-only -> https-only, SSL protocols TLSv1, TLSv1.1, TLSv1.2 -> TLSv1.2",
      "origin 'api' (api.example.net): match-viewer -> https-only",
      "origin 'legacy' (legacy.example.net): SSL protocols TLSv1.1, TLSv1.2 -> TLSv1.2",
    ]);
    expect(result.refused).toEqual([]);
    expect(input).toStrictEqual(original);
  });

  it('refuses origins with a failed verdict or none at all, and leaves them exactly as they were', () => {
    const { input, original } = frozen(mixedOrigins());
    const verdicts = new Map<string, OriginVerdict>([
      ['app', { ok: false, reason: 'certificate does not name app.example.net' }],
      ['api', OK],
      ['legacy', { ok: false, reason: 'certificate has expired' }],
      ['good', OK],
    ]);
    const result = enforce(input, ORIGINS, verdicts);

    const expected = structuredClone(original);
    const api = expected.Origins!.Items![1]!.CustomOriginConfig!;
    api.OriginProtocolPolicy = 'https-only';
    api.OriginSslProtocols = { Quantity: 1, Items: ['TLSv1.2'] };
    expect(result.config).toStrictEqual(expected);
    expect(result.changes).toEqual(["origin 'api' (api.example.net): match-viewer -> https-only"]);
    expect(result.refused).toEqual([
      "origin 'app' (app.example.net): not switched to https-only: certificate does not name app.example.net",
      "origin 'legacy' (legacy.example.net): not restricted to TLSv1.2: certificate has expired",
    ]);
  });

  it('never switches blind: no verdict means refused', () => {
    const { input, original } = frozen(mixedOrigins());
    const result = enforce(input, ORIGINS, noVerdicts);
    expect(result.config).toStrictEqual(original);
    expect(result.changes).toEqual([]);
    expect(result.refused).toEqual([
      "origin 'app' (app.example.net): not switched to https-only: its TLS setup was not checked from the runner",
      "origin 'api' (api.example.net): not switched to https-only: its TLS setup was not checked from the runner",
      "origin 'legacy' (legacy.example.net): not restricted to TLSv1.2: its TLS setup was not checked from the runner",
    ]);
  });

  it('applies viewer and origin enforcement together in one config', () => {
    const base = mixedOrigins();
    base.DefaultCacheBehavior!.ViewerProtocolPolicy = 'allow-all';
    base.CacheBehaviors = { Quantity: 1, Items: [behavior('/api/*', 'api', 'allow-all')] };
    const { input, original } = frozen(base);
    const result = enforce(
      input,
      { viewerProtocolPolicy: 'redirect-to-https', originProtocolPolicy: 'https-only' },
      new Map([['api', OK]]),
    );

    const expected = structuredClone(original);
    expected.DefaultCacheBehavior!.ViewerProtocolPolicy = 'redirect-to-https';
    expected.CacheBehaviors!.Items![0]!.ViewerProtocolPolicy = 'redirect-to-https';
    const api = expected.Origins!.Items![1]!.CustomOriginConfig!;
    api.OriginProtocolPolicy = 'https-only';
    api.OriginSslProtocols = { Quantity: 1, Items: ['TLSv1.2'] };
    expect(result.config).toStrictEqual(expected);
    expect(result.changes).toEqual([
      "cache behavior '/api/*': allow-all -> redirect-to-https",
      'default cache behavior: allow-all -> redirect-to-https',
      "origin 'api' (api.example.net): match-viewer -> https-only",
    ]);
    expect(result.refused).toHaveLength(2);
  });

  it('shares no object with the input', () => {
    const input = mixedOrigins();
    const result = enforce(input, ORIGINS, new Map([['app', OK]]));
    expect(result.config.Origins).not.toBe(input.Origins);
    expect(result.config.Origins!.Items![3]).not.toBe(input.Origins!.Items![3]);
    expect(result.config.DefaultCacheBehavior).not.toBe(input.DefaultCacheBehavior);
  });
});
