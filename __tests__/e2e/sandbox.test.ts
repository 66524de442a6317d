// The committed dist/index.js, run as the runner runs it, against the sandbox: an AWS that is as
// strict as the real one (ETags, alias coverage, hidden key types, throttling) and logs every call.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importIssued } from '../support/fleet.js';
import { type ActionRun, keyLines, runAction } from '../support/action.js';
import { type Chain, EC_P256, type Issued, makeChain, makeLeaf } from '../support/pki.js';
import {
  type DistributionSeed,
  type Sandbox,
  type SeededDistribution,
  sandboxEnv,
  useSandbox,
} from '../support/sandbox.js';

const WRITES = new Set([
  'ImportCertificate',
  'UpdateDistribution',
  'DeleteCertificate',
  'AddTagsToCertificate',
  'CreateInvalidation',
]);

let chain: Chain;
let old: Issued;
beforeAll(async () => {
  chain = await makeChain({ leaf: { sans: ['example.com', '*.example.com'] } });
  // What the distributions serve before the run: CloudFront refuses aliases without a custom
  // certificate, so seeds carry one that covers every alias used here and expires sooner.
  old = await makeLeaf(chain.intermediate, {
    sans: ['example.com', '*.example.com', 'a.b.example.com', 'other.example.org'],
    notAfter: new Date(Date.now() + 10 * 86_400_000),
  });
});

const sandbox = useSandbox();

/** A distribution as it is before renewal: serving the old certificate. */
function seed(sb: Sandbox, aliases: string[], extra: DistributionSeed = {}): SeededDistribution {
  const oldArn =
    sb.certificates().find((c) => c.certificatePem === old.pem)?.arn ??
    importIssued(sb, old, chain.intermediate);
  return sb.createDistribution({ aliases, certificateArn: oldArn, ...extra });
}

function inputs(sb: Sandbox, ids: string[], extra: Record<string, string> = {}): Record<string, string> {
  void sb;
  return {
    'distribution-ids': ids.join(','),
    certificate: chain.leaf.pem,
    'certificate-chain': chain.intermediate.pem,
    'private-key': chain.leaf.keyPem,
    ...extra,
  };
}

function calls(sb: Sandbox, operation?: string): string[] {
  return sb.requests
    .filter((r) => operation === undefined || r.operation === operation)
    .map((r) => `${r.operation} ${r.target ?? ''}`.trim());
}
function writes(sb: Sandbox): string[] {
  return sb.requests
    .filter((r) => WRITES.has(r.operation))
    .map((r) => `${r.operation} ${r.target ?? ''}`.trim());
}
/** `issued` as the IAM server certificate 'legacy' under /cloudfront/; returns its ID. */
function uploadToIam(sb: Sandbox, issued: Issued): string {
  return sb.uploadServerCertificate({ name: 'legacy', certificate: issued.pem, privateKey: issued.keyPem });
}

/** A distribution that serves IAM server certificate `iamId` (the legacy IAMCertificateId). */
function onIam(sb: Sandbox, iamId: string, aliases: string[]): SeededDistribution {
  return sb.createDistribution({
    aliases,
    viewerCertificate: {
      iamCertificateId: iamId,
      sslSupportMethod: 'sni-only',
      minimumProtocolVersion: 'TLSv1.2_2021',
    },
  });
}

/** A concurrent writer's change: the distribution now serves IAM server certificate `id`. */
function toIam(id: string) {
  return {
    set: {
      'ViewerCertificate.IAMCertificateId': id,
      'ViewerCertificate.Certificate': id,
      'ViewerCertificate.CertificateSource': 'iam',
    },
    remove: ['ViewerCertificate.ACMCertificateArn'],
  };
}

function result(run: ActionRun): Array<Record<string, unknown>> {
  return JSON.parse(run.outputs.result ?? '[]') as Array<Record<string, unknown>>;
}
/**
 * runAction() already fails a run that shows any line of the private-key input; this checks the
 * other half: every line of the key was handed to the runner to mask.
 */
function expectKeyMasked(run: ActionRun, keyPem = chain.leaf.keyPem): void {
  expect(run.masked).toEqual(expect.arrayContaining(keyLines(keyPem)));
}

describe('a deploy', () => {
  it('imports once, updates the covered distributions, skips the uncovered one', async () => {
    const sb = sandbox();
    const a = seed(sb, ['example.com', 'www.example.com']);
    const b = seed(sb, ['shop.example.com']);
    const c = seed(sb, ['a.b.example.com']);

    const run = await runAction(inputs(sb, [a.id, b.id, c.id], { 'fail-on-skip': 'false' }), sandboxEnv(sb));

    expect(run.exitCode, run.stdout).toBe(0);
    const arn = run.outputs['certificate-arn']!;
    expect(calls(sb, 'ImportCertificate')).toHaveLength(1);
    expect(writes(sb).sort()).toEqual(
      [`ImportCertificate ${arn}`, `UpdateDistribution ${a.id}`, `UpdateDistribution ${b.id}`].sort(),
    );
    for (const id of [a.id, b.id]) {
      expect(sb.getDistribution(id).viewerCertificate).toMatchObject({
        acmCertificateArn: arn,
        sslSupportMethod: 'sni-only',
        minimumProtocolVersion: 'TLSv1.2_2021',
      });
    }
    expect(sb.getDistribution(c.id).version).toBe(1);
    expect(run.outputs['updated-distribution-ids']).toBe(`${a.id},${b.id}`);
    expect(run.outputs['skipped-distribution-ids']).toBe(c.id);
    // The skipped one keeps the old certificate, which expires in 10 days: the soonest served.
    expect(run.outputs['days-remaining']).toBe('9');
    expect(result(run).find((r) => r.id === c.id)).toMatchObject({
      outcome: 'skipped',
      uncoveredAliases: ['a.b.example.com'],
    });
    expect(sb.certificate(arn)?.tags).toEqual(
      expect.arrayContaining([
        { Key: 'managed-by', Value: 'cloudfront-certificate-deploy' },
        { Key: 'repository', Value: 'octo/site' },
      ]),
    );
    expect(run.summary).toContain('a.b.example.com');
    expectKeyMasked(run);
  });

  it('sends every other field of the config back exactly as read', async () => {
    const sb = sandbox();
    const a = seed(sb, ['www.example.com'], {
      comment: 'keep me',
      priceClass: 'PriceClass_100',
      webAclId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1',
      ipv6: true,
    });
    const before = sb.getDistribution(a.id).config as Record<string, unknown>;
    const run = await runAction(inputs(sb, [a.id]), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    const after = sb.getDistribution(a.id).config as Record<string, unknown>;
    const { ViewerCertificate: _b, ...restBefore } = before;
    const { ViewerCertificate: _a, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
  });

  it('fails a distribution that does not exist, with the AWS code, and still updates the others', async () => {
    const sb = sandbox();
    const a = seed(sb, ['www.example.com']);
    const run = await runAction(inputs(sb, ['EMISSING000000', a.id]), sandboxEnv(sb));
    expect(run.exitCode).toBe(1);
    expect(run.outputs['failed-distribution-ids']).toBe('EMISSING000000');
    expect(run.outputs['updated-distribution-ids']).toBe(a.id);
    expect(result(run)[0]).toMatchObject({ outcome: 'failed', code: 'NoSuchDistribution' });
    expect(run.stdout).toContain('::error::Failed: EMISSING000000');
  });

  it('refuses a bad bundle before any AWS write, naming the input', async () => {
    const sb = sandbox();
    const other = await makeLeaf(chain.intermediate, { sans: ['example.com'], key: EC_P256 });
    const run = await runAction(
      inputs(sb, ['E1ABCDEF2GHIJK'], { 'private-key': other.keyPem }),
      sandboxEnv(sb),
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::.*private-key.*match/);
    // The reads go out while the bundle is validated (src/observe.ts); nothing else may.
    const reads = ['GetDistributionConfig', 'ListCertificates'];
    expect(sb.requests.filter((r) => !reads.includes(r.operation))).toEqual([]);
    expectKeyMasked(run, other.keyPem);
  });

  it('abandons the reads when the bundle fails: no read after the first wave', async () => {
    const sb = sandbox();
    const ids = Array.from({ length: 40 }, (_, i) => seed(sb, [`s${i}.example.com`]).id);
    // Reads slow enough that the bundle fails while the first wave (8 reads) is still in flight.
    sb.latency(500, 'GetDistributionConfig');
    const other = await makeLeaf(chain.intermediate, { sans: ['example.com'], key: EC_P256 });
    const run = await runAction(inputs(sb, ids, { 'private-key': other.keyPem }), sandboxEnv(sb));
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::.*private-key.*match/);
    // Let the first wave's requests finish on the server's side before counting them.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(calls(sb, 'GetDistributionConfig').length).toBeLessThanOrEqual(8);
    expect(sb.requests.filter((r) => WRITES.has(r.operation))).toEqual([]);
  });

  it('a bad bundle is reported before missing credentials', async () => {
    const sb = sandbox();
    const other = await makeLeaf(chain.intermediate, { sans: ['example.com'], key: EC_P256 });
    const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...env } = sandboxEnv(sb);
    const run = await runAction(inputs(sb, ['E1ABCDEF2GHIJK'], { 'private-key': other.keyPem }), env);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::.*private-key.*match/);
    expect(run.stdout).not.toContain('no AWS credentials');
    expect(sb.requests).toEqual([]);
    expectKeyMasked(run, other.keyPem);
  });
});

describe('re-runs', () => {
  it('make zero writes when nothing changed', async () => {
    const sb = sandbox();
    const a = seed(sb, ['www.example.com']);
    const first = await runAction(inputs(sb, [a.id]), sandboxEnv(sb));
    expect(first.exitCode, first.stdout).toBe(0);
    sb.clearRequests();

    const second = await runAction(inputs(sb, [a.id]), sandboxEnv(sb));
    expect(second.exitCode, second.stdout).toBe(0);
    expect(writes(sb)).toEqual([]);
    expect(second.outputs['unchanged-distribution-ids']).toBe(a.id);
    expect(second.outputs['certificate-arn']).toBe(first.outputs['certificate-arn']);
  });

  it('reuse an identical certificate a failed run left in ACM, even an EC one ListCertificates hides by default', async () => {
    const sb = sandbox();
    const ec = await makeChain({ key: EC_P256, leaf: { sans: ['www.example.com'] } });
    const existing = importIssued(sb, ec.leaf, ec.intermediate);
    const a = seed(sb, ['www.example.com']);
    const run = await runAction(
      {
        'distribution-ids': a.id,
        certificate: ec.leaf.pem + ec.intermediate.pem,
        'private-key': ec.leaf.keyPem,
      },
      sandboxEnv(sb),
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(calls(sb, 'ImportCertificate')).toEqual([]);
    expect(run.outputs['certificate-arn']).toBe(existing);
    expect(sb.getDistribution(a.id).viewerCertificate.acmCertificateArn).toBe(existing);
  });

  it('still work when the identity lookup fails: a warning, then a fresh import', async () => {
    const sb = sandbox();
    const a = seed(sb, ['www.example.com']);
    const first = await runAction(inputs(sb, [a.id]), sandboxEnv(sb));
    expect(first.exitCode, first.stdout).toBe(0);
    sb.clearRequests();
    sb.failNext('GetCertificate', {
      code: 'AccessDeniedException',
      message: 'not allowed',
      status: 400,
      times: 10,
    });
    const second = await runAction(inputs(sb, [a.id]), { ...sandboxEnv(sb), AWS_MAX_ATTEMPTS: '1' });
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.stdout).toMatch(
      /::warning::could not read ACM certificate .*AccessDeniedException.*not reused/,
    );
    expect(second.outputs['updated-distribution-ids']).toBe(a.id);
  });

  it('re-import into certificate-arn: users of the ARN are unchanged, others are pointed at it', async () => {
    const sb = sandbox();
    const old = await makeLeaf(chain.intermediate, {
      sans: ['example.com', '*.example.com'],
      notAfter: new Date(Date.now() + 10 * 86_400_000),
    });
    const fixed = importIssued(sb, old, chain.intermediate);
    const onArn = sb.createDistribution({ aliases: ['www.example.com'], certificateArn: fixed });
    const other = seed(sb, ['api.example.com']);
    const run = await runAction(
      inputs(sb, [onArn.id, other.id], { 'certificate-arn': fixed }),
      sandboxEnv(sb),
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(writes(sb).sort()).toEqual(
      [`ImportCertificate ${fixed}`, `UpdateDistribution ${other.id}`].sort(),
    );
    expect(run.outputs['unchanged-distribution-ids']).toBe(onArn.id);
    expect(run.outputs['updated-distribution-ids']).toBe(other.id);
    // Compare serials as numbers: ACM writes whole bytes ("0a:1b"), the generator may not.
    expect(BigInt(`0x${sb.certificate(fixed)!.serial.replace(/:/g, '')}`)).toBe(
      BigInt(`0x${chain.leaf.cert.serialNumber}`),
    );
  });

  it('never downgrade: a distribution whose certificate expires later is skipped unless allowed', async () => {
    const sb = sandbox();
    const later = await makeLeaf(chain.intermediate, {
      sans: ['www.example.com'],
      notAfter: new Date(Date.now() + 400 * 86_400_000),
    });
    const laterArn = importIssued(sb, later, chain.intermediate);
    const a = sb.createDistribution({ aliases: ['www.example.com'], certificateArn: laterArn });
    const run = await runAction(inputs(sb, [a.id], { 'fail-on-skip': 'false' }), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(result(run)[0]).toMatchObject({ outcome: 'skipped', previousCertificateArn: laterArn });
    expect(String(result(run)[0]!.reason)).toContain('attached certificate expires later');
    expect(writes(sb)).toEqual([]);

    const allowed = await runAction(
      inputs(sb, [a.id], { 'allow-older-certificate': 'true' }),
      sandboxEnv(sb),
    );
    expect(allowed.outputs['updated-distribution-ids']).toBe(a.id);
  });

  it('never downgrade an IAM server certificate either: its expiry comes from IAM', async () => {
    const sb = sandbox();
    const later = await makeLeaf(chain.intermediate, {
      sans: ['www.example.com'],
      notAfter: new Date(Date.now() + 400 * 86_400_000),
    });
    const iamId = uploadToIam(sb, later);
    const a = onIam(sb, iamId, ['www.example.com']);
    const run = await runAction(inputs(sb, [a.id], { 'fail-on-skip': 'false' }), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(result(run)[0]).toMatchObject({ outcome: 'skipped' });
    expect(String(result(run)[0]!.reason)).toContain(`attached IAM certificate ${iamId} expires later`);
    expect(calls(sb, 'ListServerCertificates')).toHaveLength(1);
    expect(writes(sb)).toEqual([]);

    const allowed = await runAction(
      inputs(sb, [a.id], { 'allow-older-certificate': 'true' }),
      sandboxEnv(sb),
    );
    expect(allowed.outputs['updated-distribution-ids']).toBe(a.id);
    expect(sb.getDistribution(a.id).viewerCertificate.acmCertificateArn).toBe(
      allowed.outputs['certificate-arn'],
    );
  });

  it('replaces an IAM server certificate that expires sooner, and says when it expires', async () => {
    const sb = sandbox();
    const iamId = uploadToIam(sb, old);
    const a = onIam(sb, iamId, ['www.example.com']);
    const run = await runAction(inputs(sb, [a.id]), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    const expires = old.cert.notAfter.toISOString().slice(0, 10);
    expect(result(run)[0]).toMatchObject({ outcome: 'updated' });
    expect(String(result(run)[0]!.reason)).toContain(
      `replace IAM certificate ${iamId}, which expires ${expires}`,
    );
  });

  it('when IAM cannot be read, warns that the expiry is not compared and goes on', async () => {
    const sb = sandbox();
    const iamId = uploadToIam(sb, old);
    const a = onIam(sb, iamId, ['www.example.com']);
    sb.failNext('ListServerCertificates', { code: 'AccessDenied', status: 403 });
    const run = await runAction(inputs(sb, [a.id]), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/::warning::.*AccessDenied.*the expiry of IAM certificate .* is not compared/);
    expect(run.outputs['updated-distribution-ids']).toBe(a.id);
  });

  it('a skipped distribution still serving an IAM certificate near expiry gets the expiry finding', async () => {
    const sb = sandbox();
    const iamId = uploadToIam(sb, old);
    // Our certificate does not cover this alias: the IAM one stays, and expires in 10 days.
    const a = onIam(sb, iamId, ['other.example.org']);
    const run = await runAction(inputs(sb, [a.id], { 'fail-on-skip': 'false' }), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(result(run)[0]).toMatchObject({
      outcome: 'skipped',
      findings: [expect.objectContaining({ code: 'certificate-expiring' })],
    });
  });

  it('reads nothing from IAM when no distribution serves an IAM certificate', async () => {
    const sb = sandbox();
    const a = seed(sb, ['www.example.com']);
    const run = await runAction(inputs(sb, [a.id]), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(sb.requests.filter((r) => r.service === 'iam')).toEqual([]);
  });
});

describe('races, throttling and partial failure', () => {
  it('re-reads after a concurrent write (412) and keeps the other writer’s change', async () => {
    const sb = sandbox();
    const a = seed(sb, ['www.example.com'], { comment: 'original' });
    sb.concurrentWrite(a.id, { set: { Comment: 'changed by someone else' } });
    const run = await runAction(inputs(sb, [a.id]), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    const updates = sb.requests.filter((r) => r.operation === 'UpdateDistribution');
    expect(updates.map((r) => r.status)).toEqual([412, 200]);
    expect(sb.getDistribution(a.id).comment).toBe('changed by someone else');
    expect(sb.getDistribution(a.id).viewerCertificate.acmCertificateArn).toBe(run.outputs['certificate-arn']);
  });

  it('after a 412, judges the certificate the other writer attached: a later one is not replaced', async () => {
    const sb = sandbox();
    const a = seed(sb, ['www.example.com']);
    const later = await makeLeaf(chain.intermediate, {
      sans: ['www.example.com'],
      notAfter: new Date(Date.now() + 400 * 86_400_000),
    });
    const laterArn = importIssued(sb, later, chain.intermediate);
    sb.concurrentWrite(a.id, {
      set: { 'ViewerCertificate.ACMCertificateArn': laterArn, 'ViewerCertificate.Certificate': laterArn },
    });
    const run = await runAction(inputs(sb, [a.id], { 'fail-on-skip': 'false' }), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(sb.getDistribution(a.id).viewerCertificate.acmCertificateArn).toBe(laterArn);
    expect(result(run)[0]).toMatchObject({ outcome: 'skipped' });
    expect(String(result(run)[0]!.reason)).toContain('attached certificate expires later');
  });

  it('after a 412, an IAM certificate the other writer attached is judged by its expiry too', async () => {
    const sb = sandbox();
    const a = seed(sb, ['www.example.com']);
    const later = await makeLeaf(chain.intermediate, {
      sans: ['www.example.com'],
      notAfter: new Date(Date.now() + 400 * 86_400_000),
    });
    const iamId = uploadToIam(sb, later);
    sb.concurrentWrite(a.id, toIam(iamId));
    const run = await runAction(inputs(sb, [a.id], { 'fail-on-skip': 'false' }), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(result(run)[0]).toMatchObject({ outcome: 'skipped' });
    expect(String(result(run)[0]!.reason)).toContain(`attached IAM certificate ${iamId} expires later`);
    expect(sb.getDistribution(a.id).viewerCertificate).toMatchObject({ iamCertificateId: iamId });
  });

  it('after a 412 to an IAM certificate whose expiry cannot be read, does not replace it', async () => {
    const sb = sandbox();
    const a = seed(sb, ['www.example.com']);
    const iamId = uploadToIam(sb, old);
    sb.concurrentWrite(a.id, toIam(iamId));
    sb.failNext('ListServerCertificates', { code: 'AccessDenied', status: 403 });
    const run = await runAction(inputs(sb, [a.id], { 'fail-on-skip': 'false' }), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(String(result(run)[0]!.reason)).toContain(
      `changed since it was read to IAM certificate ${iamId}, whose expiry could not be read (AccessDenied): not replaced`,
    );
    expect(sb.getDistribution(a.id).viewerCertificate).toMatchObject({ iamCertificateId: iamId });
  });

  it('rides out throttling with the SDK’s retries', async () => {
    const sb = sandbox();
    const ids = [seed(sb, ['a.example.com']).id, seed(sb, ['b.example.com']).id];
    sb.throttle('UpdateDistribution', { times: 3 });
    sb.throttle('ImportCertificate', { times: 1 });
    const run = await runAction(inputs(sb, ids), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['updated-distribution-ids']).toBe(ids.join(','));
    expect(sb.requests.filter((r) => r.errorCode === 'Throttling')).toHaveLength(3);
    expect(calls(sb, 'ImportCertificate')).toHaveLength(2); // one throttled, one through: still one certificate
    expect(sb.certificates()).toHaveLength(2); // the old one and ours
  });

  it('keeps to CloudFront’s write rate: a fleet under a rate limit is paced, not failed', async () => {
    const sb = sandbox();
    const ids = Array.from({ length: 12 }, (_, i) => seed(sb, [`site${i}.example.com`]).id);
    sb.rateLimit('UpdateDistribution', { perSecond: 4, burst: 2 });
    const run = await runAction(inputs(sb, ids), { ...sandboxEnv(sb), AWS_MAX_ATTEMPTS: '2' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['updated-distribution-ids']!.split(',')).toHaveLength(12);
    expect(
      sb.requests.some((r) => r.operation === 'UpdateDistribution' && r.errorCode === 'Throttling'),
    ).toBe(true);
    expect(run.stdout).toMatch(/Updated \w+ \(6 of 12, about \d+ s left\)/);
    // One annotation per finding for the whole fleet, not one per distribution.
    const rsa = run.stdout.split('\n').filter((l) => l.includes('(rsa-certificate)'));
    expect(rsa).toHaveLength(1);
    expect(rsa[0]).toMatch(/^::notice::/);
    for (const id of ids) expect(rsa[0]).toContain(id);
  });

  it('reports one failing distribution among several and finishes the job on a re-run', async () => {
    const sb = sandbox();
    const ids = ['a', 'b', 'c'].map((n) => seed(sb, [`${n}.example.com`]).id);
    sb.failNext('UpdateDistribution', {
      code: 'AccessDenied',
      message: 'User is not authorized',
      status: 403,
      target: ids[1]!,
    });
    const run = await runAction(inputs(sb, ids), sandboxEnv(sb));
    expect(run.exitCode).toBe(1);
    expect(run.outputs['failed-distribution-ids']).toBe(ids[1]);
    expect(run.outputs['updated-distribution-ids']).toBe(`${ids[0]},${ids[2]}`);
    expect(result(run)[1]).toMatchObject({ outcome: 'failed', code: 'AccessDenied' });
    expect(run.summary).toContain('AccessDenied');

    sb.clearRequests();
    const again = await runAction(inputs(sb, ids), sandboxEnv(sb));
    expect(again.exitCode, again.stdout).toBe(0);
    expect(writes(sb)).toEqual([`UpdateDistribution ${ids[1]}`]);
    expect(again.outputs['unchanged-distribution-ids']).toBe(`${ids[0]},${ids[2]}`);
  });

  it('fails, with the code, the distributions a failed re-import would have moved', async () => {
    const sb = sandbox();
    const soon = await makeLeaf(chain.intermediate, {
      sans: ['example.com', '*.example.com'],
      notAfter: new Date(Date.now() + 10 * 86_400_000),
    });
    const fixed = importIssued(sb, soon, chain.intermediate);
    const onArn = sb.createDistribution({ aliases: ['www.example.com'], certificateArn: fixed });
    sb.failNext('ImportCertificate', { code: 'ValidationException', message: 'bad chain', status: 400 });
    const run = await runAction(inputs(sb, [onArn.id], { 'certificate-arn': fixed }), sandboxEnv(sb));
    expect(run.exitCode).toBe(1);
    expect(run.outputs['failed-distribution-ids']).toBe(onArn.id);
    expect(run.outputs['unchanged-distribution-ids']).toBe('');
    expect(result(run)[0]).toMatchObject({ outcome: 'failed', code: 'ValidationException' });
    expect(run.stdout).toMatch(/::error::.*Nothing was changed: could not re-import .*ValidationException/);
    expect(run.summary).toContain('Failed, nothing was written');
    // Still on the certificate that expires in 10 days: the failed re-import changed nothing.
    expect(run.outputs['days-remaining']).toBe('9');
  });

  it('never retries an import that may have gone through (5xx), so ACM never holds two copies', async () => {
    const sb = sandbox();
    const a = seed(sb, ['www.example.com']);
    sb.failNext('ImportCertificate', { code: 'InternalFailure', message: 'try again', status: 500 });
    const run = await runAction(inputs(sb, [a.id]), sandboxEnv(sb));
    expect(run.exitCode).toBe(1);
    expect(calls(sb, 'ImportCertificate')).toHaveLength(1);
    expect(run.stdout).toMatch(/ACM may have imported it anyway: a re-run finds and reuses it/);
    expect(result(run)[0]).toMatchObject({ outcome: 'failed', code: 'InternalFailure' });
  });

  it('imports nothing and changes nothing when the import fails', async () => {
    const sb = sandbox();
    const a = seed(sb, ['www.example.com']);
    sb.failNext('ImportCertificate', {
      code: 'LimitExceededException',
      message: 'quota',
      status: 400,
      times: 10,
    });
    const run = await runAction(inputs(sb, [a.id]), { ...sandboxEnv(sb), AWS_MAX_ATTEMPTS: '1' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['failed-distribution-ids']).toBe(a.id);
    expect(calls(sb, 'UpdateDistribution')).toEqual([]);
    expect(run.summary).toContain('LimitExceededException');
  });
});

describe('pull requests', () => {
  it('dry run: the same plan, zero write calls', async () => {
    const sb = sandbox();
    const a = seed(sb, ['www.example.com']);
    const c = seed(sb, ['other.example.org']);
    const run = await runAction(inputs(sb, [a.id, c.id], { 'fail-on-skip': 'false' }), {
      ...sandboxEnv(sb),
      GITHUB_EVENT_NAME: 'pull_request',
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(writes(sb)).toEqual([]);
    expect(run.outputs['dry-run']).toBe('true');
    expect(run.outputs['updated-distribution-ids']).toBe(a.id);
    expect(result(run)[0]).toMatchObject({ outcome: 'would-update' });
    expect(run.summary).toContain('Dry run');
  });

  it('fork without secrets: a notice, not a failure', async () => {
    const run = await runAction(
      { 'distribution-ids': 'E1ABCDEF2GHIJK', certificate: '', 'private-key': '' },
      { GITHUB_EVENT_NAME: 'pull_request' },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain('::notice::No certificate was given');
  });

  it('a missing key secret: the certificate checked offline on a fork, an error naming the input on a same-repository pull request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfcd-event-'));
    const event = (fork: boolean): string => {
      const path = join(dir, `${fork}.json`);
      const head = fork ? 'someone/site' : 'octo/site';
      writeFileSync(
        path,
        JSON.stringify({
          pull_request: {
            number: 3,
            head: { repo: { fork, full_name: head } },
            base: { repo: { full_name: 'octo/site' } },
          },
        }),
      );
      return path;
    };
    const given = {
      'distribution-ids': 'E1ABCDEF2GHIJK',
      certificate: chain.leaf.pem + chain.intermediate.pem,
      'private-key': '',
    };
    const fork = await runAction(given, {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event(true),
    });
    expect(fork.exitCode, fork.stdout).toBe(0);
    // The certificate given is still checked, offline, and the summary says what could not be.
    expect(fork.stdout).toContain('validated offline only');
    expect(fork.summary).toContain('private-key: not given');
    expect(fork.summary).toContain('`example.com`');
    const same = await runAction(given, {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event(false),
    });
    expect(same.exitCode).toBe(1);
    expect(same.stdout).toContain("::error::Input 'private-key': is required");
  });

  it('fork with certificate material but no credentials: validated offline, says so', async () => {
    const run = await runAction(
      { ...inputs(sandbox(), ['E1ABCDEF2GHIJK']), 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' },
      { GITHUB_EVENT_NAME: 'pull_request' },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain('validated offline only');
    expect(run.summary).toContain('example.com');
  });
});

describe('OIDC', () => {
  const role = 'arn:aws:iam::123456789012:role/cert-deploy';

  it('assumes the role with the GitHub token and uses those credentials for every call', async () => {
    const sb = sandbox();
    sb.addRole({ arn: role, trust: { aud: 'sts.amazonaws.com', sub: 'repo:octo/site:*' } });
    sb.setOidcSubject('repo:octo/site:ref:refs/heads/main');
    const a = seed(sb, ['www.example.com']);
    const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...env } = sandboxEnv(sb);
    const run = await runAction(inputs(sb, [a.id], { 'role-to-assume': role }), env);
    expect(run.exitCode, run.stdout).toBe(0);
    const signed = sb.requests.filter((r) => r.service === 'cloudfront' || r.service === 'acm');
    expect(signed.length).toBeGreaterThan(0);
    expect(new Set(signed.map((r) => r.accessKeyId?.slice(0, 4)))).toEqual(new Set(['ASIA']));
  });

  it('explains a trust policy that does not match this repository', async () => {
    const sb = sandbox();
    sb.addRole({ arn: role, trust: { aud: 'sts.amazonaws.com', sub: 'repo:octo/other:*' } });
    sb.setOidcSubject('repo:octo/site:ref:refs/heads/main');
    const run = await runAction(inputs(sb, ['E1ABCDEF2GHIJK'], { 'role-to-assume': role }), sandboxEnv(sb));
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::.*AccessDenied.*trust policy.*sub/);
  });

  it('explains the wrong audience', async () => {
    const sb = sandbox();
    sb.addRole({ arn: role, trust: { aud: 'sts.amazonaws.com', sub: '*' } });
    const run = await runAction(
      inputs(sb, ['E1ABCDEF2GHIJK'], { 'role-to-assume': role, audience: 'example' }),
      sandboxEnv(sb),
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::.*audience input \('example'\)/);
  });

  it('explains a missing id-token: write permission', async () => {
    const sb = sandbox();
    const { ACTIONS_ID_TOKEN_REQUEST_URL: _u, ACTIONS_ID_TOKEN_REQUEST_TOKEN: _t, ...env } = sandboxEnv(sb);
    const run = await runAction(inputs(sb, ['E1ABCDEF2GHIJK'], { 'role-to-assume': role }), env);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('id-token: write');
    expect(sb.requests).toHaveLength(0);
  });
});
