import { describe, expect, it } from 'vitest';
import { InputError, readSettings } from '../../src/settings.js';

const base: Record<string, string> = {
  'distribution-ids': 'E1ABCDEF2GHIJK',
  certificate: '-----BEGIN CERTIFICATE-----',
  'private-key': '-----BEGIN PRIVATE KEY-----',
};
const ctx = (eventName: string, fromFork = false) => ({ eventName, fromFork });
const read =
  (overrides: Record<string, string> = {}) =>
  (name: string) =>
    ({ ...base, ...overrides })[name] ?? '';

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('readSettings', () => {
  it('applies the documented defaults', () => {
    const s = readSettings(read(), ctx('push'));
    expect(s).toMatchObject({
      distributionIds: ['E1ABCDEF2GHIJK'],
      roleToAssume: undefined,
      roleSessionName: 'cloudfront-certificate-deploy',
      audience: 'sts.amazonaws.com',
      awsRegion: 'us-east-1',
      dryRun: false,
      certificateArn: undefined,
      sslSupportMethod: undefined,
      minimumProtocolVersion: undefined,
      tags: [],
      waitForDeployment: false,
      waitTimeoutMinutes: 30,
      failOnSkip: true,
      allowOlderCertificate: false,
      deleteReplacedCertificates: false,
      expiryWarningDays: 30,
    });
  });

  it('splits distribution IDs on commas, whitespace and newlines, dropping duplicates', () => {
    const s = readSettings(
      read({ 'distribution-ids': ' E1ABCDEF2GHIJK,E2GHIJKL3MNOPQ\n E3ZZZZZZZZZZZZ  E1ABCDEF2GHIJK ' }),
      ctx('push'),
    );
    expect(s.distributionIds).toEqual(['E1ABCDEF2GHIJK', 'E2GHIJKL3MNOPQ', 'E3ZZZZZZZZZZZZ']);
  });

  it.each([
    [{ 'distribution-ids': '' }, 'distribution-ids', 'is required'],
    [
      { 'distribution-ids': 'd111111abcdef8.cloudfront.net' },
      'distribution-ids',
      'not a CloudFront distribution ID',
    ],
    [{ certificate: '  ' }, 'certificate', 'is required'],
    [{ 'private-key': '' }, 'private-key', 'is required'],
    [{ 'dry-run': 'maybe' }, 'dry-run', 'true, false, auto'],
    [{ 'role-to-assume': 'cert-deploy' }, 'role-to-assume', 'not an IAM role ARN'],
    [{ 'role-session-name': 'x' }, 'role-session-name', '2-64'],
    [{ 'aws-region': 'us east 1' }, 'aws-region', 'not an AWS region'],
    [
      { 'certificate-arn': 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' },
      'certificate-arn',
      'us-east-1',
    ],
    [{ 'certificate-arn': 'nope' }, 'certificate-arn', 'not an ACM certificate ARN'],
    [{ 'ssl-support-method': 'static-ip' }, 'ssl-support-method', 'sni-only, vip'],
    [{ 'minimum-protocol-version': 'TLSv1.2' }, 'minimum-protocol-version', 'TLSv1.2_2021'],
    [{ tags: 'novalue' }, 'tags', 'key=value'],
    [{ tags: 'aws:x=1' }, 'tags', 'reserved'],
    [{ 'wait-timeout-minutes': '0' }, 'wait-timeout-minutes', 'whole number'],
    [{ 'expiry-warning-days': '-3' }, 'expiry-warning-days', 'whole number'],
    [{ 'fail-on-skip': 'yes' }, 'fail-on-skip', 'true, false'],
    [{ 'viewer-protocol-policy': 'allow-all' }, 'viewer-protocol-policy', 'redirect-to-https, https-only'],
    [{ 'origin-protocol-policy': 'match-viewer' }, 'origin-protocol-policy', 'https-only'],
    [{ 'invalidate-paths': 'index.html' }, 'invalidate-paths', "must start with '/'"],
    [{ 'comment-on-pull-request': 'on' }, 'comment-on-pull-request', 'true, false'],
    [{ 'route53-hosted-zone-ids': 'auto, Z123' }, 'route53-hosted-zone-ids', 'cannot be mixed'],
    [{ 'route53-hosted-zone-ids': 'example.com' }, 'route53-hosted-zone-ids', 'not a hosted zone ID'],
    [{ 'route53-overwrite': 'maybe' }, 'route53-overwrite', 'true, false'],
  ])('refuses %o naming %s', (overrides, input, text) => {
    const error = inputError(() => readSettings(read(overrides), ctx('push')));
    expect(error.input).toBe(input);
    expect(error.message).toContain(`'${input}'`);
    expect(error.message).toContain(text);
  });

  it('turns dry run on for pull requests when auto, and lets a fork run without certificate material', () => {
    const pr = readSettings(read({ certificate: '', 'private-key': '' }), ctx('pull_request'));
    expect(pr.dryRun).toBe(true);
    expect(pr.pullRequestEvent).toBe(true);
    expect(pr.dryRunReason).toContain('pull_request');
    expect(readSettings(read(), ctx('pull_request_target')).dryRun).toBe(true);
    expect(readSettings(read(), ctx('push')).dryRun).toBe(false);
    expect(readSettings(read({ 'dry-run': 'true' }), ctx('push')).dryRun).toBe(true);
    expect(readSettings(read({ 'dry-run': 'false' }), ctx('pull_request')).dryRun).toBe(false);
  });

  it('lets a fork’s pull-request dry run go on with one of them empty (it has no secrets at all)', () => {
    expect(readSettings(read({ 'private-key': '' }), ctx('pull_request', true)).privateKey).toBe('');
    expect(inputError(() => readSettings(read({ 'private-key': '' }), ctx('push', true))).input).toBe(
      'private-key',
    );
  });

  it('refuses one of certificate / private-key empty on a same-repository pull-request dry run (a misspelt secret)', () => {
    expect(inputError(() => readSettings(read({ 'private-key': '' }), ctx('pull_request'))).input).toBe(
      'private-key',
    );
    expect(inputError(() => readSettings(read({ certificate: '' }), ctx('pull_request'))).input).toBe(
      'certificate',
    );
  });

  it('still requires the certificate on a pull request that is not a dry run, even from a fork', () => {
    expect(
      inputError(() => readSettings(read({ certificate: '', 'dry-run': 'false' }), ctx('pull_request', true)))
        .input,
    ).toBe('certificate');
  });

  it('parses the posture, invalidation and Route 53 inputs', () => {
    const s = readSettings(
      read({
        'viewer-protocol-policy': 'https-only',
        'origin-protocol-policy': 'https-only',
        'invalidate-paths': '/*\n/index.html, /*',
        'route53-hosted-zone-ids': '/hostedzone/Z0123ABC, Z0456DEF\nZ0123ABC',
      }),
      ctx('push'),
    );
    expect(s.enforcement).toEqual({ viewerProtocolPolicy: 'https-only', originProtocolPolicy: 'https-only' });
    expect(s.invalidatePaths).toEqual(['/*', '/index.html']);
    expect(s.route53HostedZoneIds).toEqual(['Z0123ABC', 'Z0456DEF']);
    expect(readSettings(read({ 'route53-hosted-zone-ids': 'AUTO' }), ctx('push')).route53HostedZoneIds).toBe(
      'auto',
    );
    expect(readSettings(read(), ctx('push')).route53HostedZoneIds).toEqual([]);
  });

  it('parses tags and enumerated inputs', () => {
    const s = readSettings(
      read({
        tags: 'team=web, env=prod\nowner = a=b',
        'ssl-support-method': 'vip',
        'minimum-protocol-version': 'TLSv1.2_2021',
      }),
      ctx('push'),
    );
    expect(s.tags).toEqual([
      { Key: 'team', Value: 'web' },
      { Key: 'env', Value: 'prod' },
      { Key: 'owner', Value: 'a=b' },
    ]);
    expect(s.sslSupportMethod).toBe('vip');
    expect(s.minimumProtocolVersion).toBe('TLSv1.2_2021');
  });
});
