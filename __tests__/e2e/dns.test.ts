// Route 53 alias records through the committed dist: created for apex and www, nothing in a dry run.
import { beforeAll, describe, expect, it } from 'vitest';
import { importIssued } from '../support/fleet.js';
import { runAction } from '../support/action.js';
import { type Chain, type Issued, makeChain, makeLeaf } from '../support/pki.js';
import { type Sandbox, sandboxEnv, useSandbox } from '../support/sandbox.js';

let chain: Chain;
let old: Issued;
beforeAll(async () => {
  chain = await makeChain({ leaf: { sans: ['example.com', '*.example.com'] } });
  old = await makeLeaf(chain.intermediate, {
    sans: ['example.com', '*.example.com'],
    notAfter: new Date(Date.now() + 5 * 86_400_000),
  });
});
const sandbox = useSandbox();

function site(sb: Sandbox, ipv6: boolean): { id: string; domainName: string; zone: string } {
  const oldArn = importIssued(sb, old, chain.intermediate);
  const d = sb.createDistribution({
    aliases: ['example.com', 'www.example.com'],
    certificateArn: oldArn,
    ipv6,
  });
  return { id: d.id, domainName: d.domainName, zone: sb.createHostedZone('example.com') };
}
const inputs = (id: string, extra: Record<string, string>) => ({
  'distribution-ids': id,
  certificate: chain.leaf.pem + chain.intermediate.pem,
  'private-key': chain.leaf.keyPem,
  ...extra,
});
const aliasRecords = (sb: Sandbox, zone: string) =>
  sb
    .recordSets(zone)
    .filter((r) => r.aliasTarget)
    .map((r) => `${r.name} ${r.type}`)
    .sort();

describe('route53-hosted-zone-ids', () => {
  it('points apex and www at the distribution with alias A and AAAA records', async () => {
    const sb = sandbox();
    const s = site(sb, true);
    const run = await runAction(inputs(s.id, { 'route53-hosted-zone-ids': 'auto' }), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(aliasRecords(sb, s.zone)).toEqual([
      'example.com. A',
      'example.com. AAAA',
      'www.example.com. A',
      'www.example.com. AAAA',
    ]);
    const records = JSON.parse(run.outputs['dns-records']!) as Array<{ status: string; target: string }>;
    expect(records.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created']);
    expect(new Set(records.map((r) => r.target))).toEqual(new Set([s.domainName]));
    expect(run.summary).toContain('Route 53');

    const again = await runAction(inputs(s.id, { 'route53-hosted-zone-ids': s.zone }), sandboxEnv(sb));
    expect(
      (JSON.parse(again.outputs['dns-records']!) as Array<{ status: string }>).map((r) => r.status),
    ).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });

  it('dry run: shows the records it would create and changes nothing', async () => {
    const sb = sandbox();
    const s = site(sb, false);
    const run = await runAction(
      inputs(s.id, { 'route53-hosted-zone-ids': 'auto', 'dry-run': 'true' }),
      sandboxEnv(sb),
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(sb.requests.filter((r) => r.operation === 'ChangeResourceRecordSets')).toEqual([]);
    expect(
      (JSON.parse(run.outputs['dns-records']!) as Array<{ status: string }>).map((r) => r.status),
    ).toEqual(['would-create', 'would-create']);
  });

  it('makes no Route 53 call when the input is empty, and refuses a malformed zone ID before any call', async () => {
    const sb = sandbox();
    const s = site(sb, false);
    const run = await runAction(inputs(s.id, {}), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(sb.requests.filter((r) => r.service === 'route53')).toEqual([]);
    expect(run.outputs['dns-records']).toBe('[]');

    sb.clearRequests();
    const bad = await runAction(inputs(s.id, { 'route53-hosted-zone-ids': 'example.com' }), sandboxEnv(sb));
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain(
      "::error::Input 'route53-hosted-zone-ids': 'example.com' is not a hosted zone ID",
    );
    expect(sb.requests).toEqual([]);
  });
});
