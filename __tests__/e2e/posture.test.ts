// HTTPS posture through the committed dist: the audit in every run, enforcement in the same write.
import { createServer, type Server } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIssued } from '../support/fleet.js';
import { type ActionRun, runAction } from '../support/action.js';
import { type Chain, type Issued, makeChain, makeLeaf, makeRoot } from '../support/pki.js';
import { type Sandbox, sandboxEnv, useSandbox } from '../support/sandbox.js';

let chain: Chain;
let old: Issued;
let selfSignedOrigin: Server;
let originPort = 0;

beforeAll(async () => {
  chain = await makeChain({ leaf: { sans: ['example.com', '*.example.com'] } });
  old = await makeLeaf(chain.intermediate, {
    sans: ['*.example.com'],
    notAfter: new Date(Date.now() + 10 * 86_400_000),
  });
  // An origin CloudFront would answer 502 for: a self-signed certificate.
  const self = await makeRoot({ commonName: 'localhost' });
  selfSignedOrigin = createServer({ cert: self.pem, key: self.keyPem }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => selfSignedOrigin.listen(0, '127.0.0.1', resolve));
  originPort = (selfSignedOrigin.address() as { port: number }).port;
});
afterAll(
  () =>
    new Promise<void>((resolve) => (selfSignedOrigin ? selfSignedOrigin.close(() => resolve()) : resolve())),
);

const sandbox = useSandbox();

/** A distribution that serves plain HTTP and talks to its custom origin over HTTP only. */
function insecureDistribution(sb: Sandbox): string {
  const oldArn = importIssued(sb, old, chain.intermediate);
  const d = sb.createDistribution({ aliases: ['www.example.com'], certificateArn: oldArn });
  sb.changeDistribution(d.id, {
    set: {
      'DefaultCacheBehavior.ViewerProtocolPolicy': 'allow-all',
      'Origins.Items.Origin.DomainName': 'localhost',
      'Origins.Items.Origin.CustomOriginConfig.HTTPPort': '80',
      'Origins.Items.Origin.CustomOriginConfig.HTTPSPort': String(originPort),
      'Origins.Items.Origin.CustomOriginConfig.OriginProtocolPolicy': 'http-only',
      'Origins.Items.Origin.CustomOriginConfig.OriginSslProtocols.Quantity': '1',
      'Origins.Items.Origin.CustomOriginConfig.OriginSslProtocols.Items.SslProtocol': 'TLSv1',
    },
    remove: ['Origins.Items.Origin.S3OriginConfig', 'Origins.Items.Origin.OriginAccessControlId'],
  });
  return d.id;
}

function findings(run: ActionRun): string[] {
  const result = JSON.parse(run.outputs.result ?? '[]') as Array<{ findings: Array<{ code: string }> }>;
  return result.flatMap((r) => r.findings.map((f) => f.code));
}

const inputs = (id: string, extra: Record<string, string> = {}) => ({
  'distribution-ids': id,
  certificate: chain.leaf.pem + chain.intermediate.pem,
  'private-key': chain.leaf.keyPem,
  ...extra,
});

describe('HTTPS posture', () => {
  it('audits every run, in the result, the summary and warnings, and changes nothing unasked', async () => {
    const sb = sandbox();
    const id = insecureDistribution(sb);
    const run = await runAction(inputs(id, { 'dry-run': 'true' }), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(findings(run)).toEqual(
      expect.arrayContaining(['viewer-http-allowed', 'origin-http-only', 'rsa-certificate']),
    );
    expect(run.summary).toContain('### HTTPS posture');
    expect(run.stdout).toMatch(/::warning::.*viewer-http-allowed/);
    expect(Number(run.outputs['days-remaining'])).toBeGreaterThan(80);
  });

  it('enforces redirect-to-https in the same update, and refuses to switch an origin whose TLS would fail', async () => {
    const sb = sandbox();
    const id = insecureDistribution(sb);
    const before = sb.getDistribution(id);
    const run = await runAction(
      inputs(id, { 'viewer-protocol-policy': 'redirect-to-https', 'origin-protocol-policy': 'https-only' }),
      sandboxEnv(sb),
    );
    expect(run.exitCode, run.stdout).toBe(0);
    const after = sb.getDistribution(id);
    expect(after.version).toBe(before.version + 1); // one write carried both
    // The sandbox's plain view of the stored XML (Items children are arrays).
    const config = after.config as unknown as {
      DefaultCacheBehavior: { ViewerProtocolPolicy: string };
      Origins: { Items: { Origin: Array<{ CustomOriginConfig: { OriginProtocolPolicy: string } }> } };
    };
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Origins.Items.Origin[0]!.CustomOriginConfig.OriginProtocolPolicy).toBe('http-only');
    const reason = String((JSON.parse(run.outputs.result!) as Array<{ reason: string }>)[0]!.reason);
    expect(reason).toContain('allow-all -> redirect-to-https');
    expect(reason).toMatch(/origin .*localhost.*self-signed/);
    expect(findings(run)).not.toContain('viewer-http-allowed');
    expect(findings(run)).toContain('origin-http-only');
  });

  it('counts enforcement alone as an update, with the reason', async () => {
    const sb = sandbox();
    const id = insecureDistribution(sb);
    const first = await runAction(inputs(id), sandboxEnv(sb));
    expect(first.outputs['updated-distribution-ids']).toBe(id);
    const second = await runAction(inputs(id, { 'viewer-protocol-policy': 'https-only' }), sandboxEnv(sb));
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.outputs['updated-distribution-ids']).toBe(id);
    expect(second.outputs['certificate-arn']).toBe(first.outputs['certificate-arn']);
    expect(second.outputs.result).toContain('allow-all -> https-only');
  });
});
