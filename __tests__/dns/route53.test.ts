// ensureAliasRecords with the real Route53Client (and CloudFrontClient for the alias targets)
// against the sandbox: what lands in the zone, and which calls were made.
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { GetHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { CloudFront } from '../../src/aws/cloudfront.js';
import {
  type AliasDistribution,
  type DnsReport,
  aliasRecordsStep,
  type EnsureAliasRecordsInput,
  dnsRecordsOutput,
  ensureAliasRecords,
  readAliasTargets,
  renderDnsSection,
} from '../../src/dns/index.js';
import type { Outcome, OutcomeKind } from '../../src/outcome.js';
import { type Sandbox, clientSettings, useSandbox } from '../support/sandbox.js';

const sandbox = useSandbox();

interface Site {
  id: string;
  domainName: string;
  aliases: string[];
}

function site(sb: Sandbox, aliases: string[], opts: { ipv6?: boolean } = {}): Site {
  // validate: false seeds aliases without a certificate; Route 53 does not care which one is attached.
  const d = sb.createDistribution({ aliases, ipv6: opts.ipv6 ?? true, validate: false });
  return { id: d.id, domainName: d.domainName, aliases };
}

function outcome(s: Site, kind: OutcomeKind = 'updated'): Outcome {
  return {
    id: s.id,
    aliases: s.aliases,
    outcome: kind,
    reason: 'test',
    uncoveredAliases: [],
    previousCertificateArn: undefined,
  };
}

/** The alias targets as main would read them: one GetDistribution per eligible distribution. */
async function targets(sb: Sandbox, outcomes: Outcome[]): Promise<AliasDistribution[]> {
  const cloudfront = new CloudFront(new CloudFrontClient(clientSettings(sb)));
  try {
    const read = await readAliasTargets(outcomes, cloudfront);
    expect(read.problems).toEqual([]);
    return read.distributions;
  } finally {
    cloudfront.client.destroy();
  }
}

async function ensure(
  sb: Sandbox,
  distributions: AliasDistribution[],
  overrides: Partial<EnsureAliasRecordsInput> = {},
): Promise<DnsReport> {
  const client = overrides.client ?? new Route53Client(clientSettings(sb));
  const clock = { ms: 0 };
  try {
    return await ensureAliasRecords({
      zones: 'auto',
      overwrite: false,
      dryRun: false,
      wait: false,
      distributions,
      client,
      sleep: () => Promise.reject(new Error('no wait expected')),
      now: () => clock.ms,
      timeoutMs: 600_000,
      info: () => {},
      ...overrides,
    });
  } finally {
    client.destroy();
  }
}

const route53Calls = (sb: Sandbox) =>
  sb.requests.filter((r) => r.service === 'route53').map((r) => r.operation);

const summary = (report: DnsReport) => report.records.map((r) => `${r.name} ${r.type} ${r.status}`);

/** The zone's alias records, as `name type -> target`. */
const aliasRecords = (sb: Sandbox, zoneId: string) =>
  sb
    .recordSets(zoneId)
    .filter((r) => r.aliasTarget)
    .map((r) => `${r.name} ${r.type} -> ${r.aliasTarget?.dnsName} (${r.aliasTarget?.hostedZoneId})`);

describe('ensureAliasRecords against the sandbox', () => {
  it('creates apex and www records (A and AAAA) in one batch', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const s = site(sb, ['example.com', 'www.example.com']);
    const report = await ensure(sb, await targets(sb, [outcome(s)]));

    expect(summary(report)).toEqual([
      'example.com A created',
      'example.com AAAA created',
      'www.example.com A created',
      'www.example.com AAAA created',
    ]);
    expect(report.problems).toEqual([]);
    expect(aliasRecords(sb, zone)).toEqual([
      `example.com. A -> ${s.domainName}. (Z2FDTNDATAQYW2)`,
      `example.com. AAAA -> ${s.domainName}. (Z2FDTNDATAQYW2)`,
      `www.example.com. A -> ${s.domainName}. (Z2FDTNDATAQYW2)`,
      `www.example.com. AAAA -> ${s.domainName}. (Z2FDTNDATAQYW2)`,
    ]);
    expect(route53Calls(sb).filter((o) => o === 'ChangeResourceRecordSets')).toHaveLength(1);
    expect(report.records.every((r) => r.changeId && r.zoneId === zone)).toBe(true);
    expect(sb.requests.filter((r) => r.operation === 'GetDistribution').map((r) => r.target)).toEqual([s.id]);
  });

  it('leaves identical records unchanged and sends no change', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const s = site(sb, ['example.com', 'www.example.com']);
    const distributions = await targets(sb, [outcome(s, 'unchanged')]);
    await ensure(sb, distributions);
    const before = sb.recordSets(zone);
    sb.clearRequests();

    const again = await ensure(sb, distributions);
    expect(summary(again)).toEqual([
      'example.com A unchanged',
      'example.com AAAA unchanged',
      'www.example.com A unchanged',
      'www.example.com AAAA unchanged',
    ]);
    expect(route53Calls(sb)).not.toContain('ChangeResourceRecordSets');
    expect(sb.recordSets(zone)).toEqual(before);
  });

  it('treats records someone else made the same way (trailing dot, upper case) as unchanged', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const s = site(sb, ['example.com'], { ipv6: false });
    sb.putRecordSet(zone, {
      name: 'EXAMPLE.com',
      type: 'A',
      aliasTarget: {
        hostedZoneId: 'Z2FDTNDATAQYW2',
        dnsName: s.domainName.toUpperCase(),
        evaluateTargetHealth: false,
      },
    });
    const report = await ensure(sb, await targets(sb, [outcome(s)]));
    expect(summary(report)).toEqual(['example.com A unchanged']);
    expect(route53Calls(sb)).not.toContain('ChangeResourceRecordSets');
  });

  it('refuses records that point elsewhere and writes the rest', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const other = site(sb, ['old.example.org'], { ipv6: false });
    const s = site(sb, ['example.com', 'www.example.com', 'api.example.com', 'blog.example.com'], {
      ipv6: false,
    });
    sb.putRecordSet(zone, { name: 'www.example.com', type: 'A', ttl: 300, values: ['192.0.2.10'] });
    sb.putRecordSet(zone, { name: 'api.example.com', type: 'CNAME', ttl: 300, values: ['api.example.net'] });
    sb.putRecordSet(zone, {
      name: 'blog.example.com',
      type: 'A',
      aliasTarget: { hostedZoneId: 'Z2FDTNDATAQYW2', dnsName: other.domainName, evaluateTargetHealth: false },
    });
    const before = sb.recordSets(zone).filter((r) => r.name !== 'example.com.');

    const report = await ensure(sb, await targets(sb, [outcome(s)]));
    expect(report.records.map((r) => [r.name, r.status, r.reason])).toEqual([
      ['example.com', 'created', `alias A record -> ${s.domainName}`],
      [
        'www.example.com',
        'refused',
        'the A record www.example.com points at 192.0.2.10; set route53-overwrite: true to replace it',
      ],
      [
        'api.example.com',
        'refused',
        'a CNAME record points api.example.com at api.example.net; set route53-overwrite: true to replace it',
      ],
      [
        'blog.example.com',
        'refused',
        `the A record blog.example.com points at another CloudFront distribution (${other.domainName}); set route53-overwrite: true to replace it`,
      ],
    ]);
    expect(sb.recordSets(zone).filter((r) => r.name !== 'example.com.')).toEqual(before);
    expect(renderDnsSection(report)).toContain('1 created, 0 overwritten, 0 unchanged, 3 refused');
  });

  it('route53-overwrite: true replaces them, deleting the CNAME in the same batch', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const s = site(sb, ['www.example.com', 'api.example.com'], { ipv6: false });
    sb.putRecordSet(zone, { name: 'www.example.com', type: 'A', ttl: 300, values: ['192.0.2.10'] });
    sb.putRecordSet(zone, { name: 'api.example.com', type: 'CNAME', ttl: 60, values: ['api.example.net'] });

    const report = await ensure(sb, await targets(sb, [outcome(s)]), { overwrite: true });
    expect(summary(report)).toEqual(['www.example.com A overwritten', 'api.example.com A overwritten']);
    expect(sb.recordSets(zone).filter((r) => r.type !== 'NS' && r.type !== 'SOA')).toEqual([
      {
        name: 'api.example.com.',
        type: 'A',
        aliasTarget: {
          hostedZoneId: 'Z2FDTNDATAQYW2',
          dnsName: `${s.domainName}.`,
          evaluateTargetHealth: false,
        },
      },
      {
        name: 'www.example.com.',
        type: 'A',
        aliasTarget: {
          hostedZoneId: 'Z2FDTNDATAQYW2',
          dnsName: `${s.domainName}.`,
          evaluateTargetHealth: false,
        },
      },
    ]);
  });

  it('IPv6 off: only A records', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const s = site(sb, ['example.com', 'www.example.com'], { ipv6: false });
    const report = await ensure(sb, await targets(sb, [outcome(s)]));
    expect(summary(report)).toEqual(['example.com A created', 'www.example.com A created']);
    expect(sb.recordSets(zone).map((r) => r.type)).not.toContain('AAAA');
  });

  it('a wildcard alias gets a wildcard record (stored as \\052), unchanged on the next run', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const s = site(sb, ['*.example.com']);
    const distributions = await targets(sb, [outcome(s)]);
    const first = await ensure(sb, distributions);
    expect(summary(first)).toEqual(['*.example.com A created', '*.example.com AAAA created']);
    expect(aliasRecords(sb, zone)).toEqual([
      `\\052.example.com. A -> ${s.domainName}. (Z2FDTNDATAQYW2)`,
      `\\052.example.com. AAAA -> ${s.domainName}. (Z2FDTNDATAQYW2)`,
    ]);
    const second = await ensure(sb, distributions);
    expect(summary(second)).toEqual(['*.example.com A unchanged', '*.example.com AAAA unchanged']);
  });

  it('dry run: reads, reports what it would do, sends no change request', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const s = site(sb, ['example.com', 'www.example.com'], { ipv6: false });
    sb.putRecordSet(zone, { name: 'www.example.com', type: 'A', ttl: 300, values: ['192.0.2.10'] });
    const before = sb.recordSets(zone);

    const report = await ensure(sb, await targets(sb, [outcome(s, 'would-update')]), {
      dryRun: true,
      overwrite: true,
    });
    expect(summary(report)).toEqual(['example.com A would-create', 'www.example.com A would-overwrite']);
    expect(route53Calls(sb)).not.toContain('ChangeResourceRecordSets');
    expect(route53Calls(sb)).toContain('ListResourceRecordSets');
    expect(sb.recordSets(zone)).toEqual(before);
    expect(renderDnsSection(report)).toContain('1 would be created, 1 would be overwritten');
  });

  it('waits for INSYNC with the injected sleep and clock', async () => {
    const sb = sandbox();
    sb.createHostedZone('example.com');
    sb.setChangeDelay(3_600_000);
    const s = site(sb, ['example.com'], { ipv6: false });
    const clock = { ms: 0 };
    const sleeps: number[] = [];
    const report = await ensure(sb, await targets(sb, [outcome(s)]), {
      wait: true,
      pollMs: 15_000,
      now: () => clock.ms,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock.ms += ms;
        // Route 53 propagates while we sleep.
        if (sleeps.length === 2) sb.syncChangesNow();
      },
    });
    expect(sleeps).toEqual([15_000, 15_000]);
    expect(route53Calls(sb).filter((o) => o === 'GetChange')).toHaveLength(3);
    expect(report.records[0]).toMatchObject({ status: 'created', changeStatus: 'INSYNC' });
    expect(report.problems).toEqual([]);
  });

  it('reports a change still PENDING when the wait times out', async () => {
    const sb = sandbox();
    sb.createHostedZone('example.com');
    sb.setChangeDelay(3_600_000);
    const s = site(sb, ['example.com'], { ipv6: false });
    const clock = { ms: 0 };
    const report = await ensure(sb, await targets(sb, [outcome(s)]), {
      wait: true,
      timeoutMs: 60_000,
      now: () => clock.ms,
      sleep: async (ms) => {
        clock.ms += ms;
      },
    });
    expect(report.records[0]).toMatchObject({ status: 'created', changeStatus: 'PENDING' });
    expect(report.problems).toEqual([
      `Route 53 change ${report.records[0]?.changeId} (zone example.com) was not INSYNC within 1 minutes: PENDING`,
    ]);
  });

  it('auto: longest public label-suffix zone; look-alike and private zones never match', async () => {
    const sb = sandbox();
    const lookAlike = sb.createHostedZone('pi.example.com');
    sb.createHostedZone('example.com', { private: true });
    const shop = sb.createHostedZone('shop.example.com');
    const s = site(sb, ['api.example.com', 'www.shop.example.com'], { ipv6: false });
    const distributions = await targets(sb, [outcome(s)]);

    const first = await ensure(sb, distributions);
    expect(first.records.map((r) => [r.name, r.status, r.zoneId ?? null, r.reason])).toEqual([
      [
        'api.example.com',
        'no-zone',
        null,
        'only a private hosted zone holds api.example.com: alias records for viewers go in a public zone',
      ],
      ['www.shop.example.com', 'created', shop, `alias A record -> ${s.domainName}`],
    ]);
    expect(aliasRecords(sb, lookAlike)).toEqual([]);

    const publicZone = sb.createHostedZone('example.com');
    const second = await ensure(sb, distributions);
    expect(second.records.map((r) => [r.name, r.status, r.zoneId])).toEqual([
      ['api.example.com', 'created', publicZone],
      ['www.shop.example.com', 'unchanged', shop],
    ]);
  });

  it('auto: pages through ListHostedZonesByName while the name still matches', async () => {
    const sb = sandbox();
    // 120 private zones named example.com sort (by ID) before the public one: it is on page 2.
    for (let i = 0; i < 120; i++)
      sb.createHostedZone('example.com', { private: true, id: `ZA${String(i).padStart(4, '0')}` });
    const zone = sb.createHostedZone('example.com', { id: 'ZZPUBLIC' });
    sb.createHostedZone('example.net');
    const s = site(sb, ['example.com'], { ipv6: false });
    const report = await ensure(sb, await targets(sb, [outcome(s)]));
    expect(report.records[0]).toMatchObject({ status: 'created', zoneId: zone });
    expect(route53Calls(sb).filter((o) => o === 'ListHostedZonesByName')).toHaveLength(2);
  });

  it('given zone IDs (with or without /hostedzone/): GetHostedZone, no lookup by name', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const s = site(sb, ['example.com', 'www.other.org'], { ipv6: false });
    const report = await ensure(sb, await targets(sb, [outcome(s)]), { zones: [`/hostedzone/${zone}`] });
    expect(summary(report)).toEqual(['example.com A created', 'www.other.org A no-zone']);
    expect(route53Calls(sb)).not.toContain('ListHostedZonesByName');
    expect(sb.requests.find((r) => r.operation === 'GetHostedZone')?.target).toBe(zone);
  });

  it('an unknown zone ID is a problem naming the input, and nothing is written', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const s = site(sb, ['example.com'], { ipv6: false });
    const report = await ensure(sb, await targets(sb, [outcome(s)]), { zones: [zone, 'ZNOSUCHZONE'] });
    expect(report.problems).toEqual([
      'route53-hosted-zone-ids: could not read hosted zone ZNOSUCHZONE (GetHostedZone): NoSuchHostedZone: No hosted zone found with ID: ZNOSUCHZONE',
    ]);
    expect(report.records).toEqual([]);
    expect(route53Calls(sb)).not.toContain('ChangeResourceRecordSets');
    expect(renderDnsSection(report)).toContain(
      '> route53-hosted-zone-ids: could not read hosted zone ZNOSUCHZONE',
    );
  });

  it('a record that appears between the read and the write fails the batch instead of being overwritten', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const s = site(sb, ['example.com', 'www.example.com'], { ipv6: false });
    const client = new Route53Client(clientSettings(sb));
    client.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { ChangeBatch?: unknown };
        if (input.ChangeBatch)
          sb.putRecordSet(zone, { name: 'www.example.com', type: 'A', ttl: 60, values: ['192.0.2.99'] });
        return next(args);
      },
      { step: 'initialize' },
    );
    const report = await ensure(sb, await targets(sb, [outcome(s)]), { client });
    expect(report.records.map((r) => [r.name, r.status, r.code])).toEqual([
      ['example.com', 'failed', 'InvalidChangeBatch'],
      ['www.example.com', 'failed', 'InvalidChangeBatch'],
    ]);
    expect(report.records[1]?.reason).toContain(
      "Tried to create resource record set [name='www.example.com.', type='A'] but it already exists",
    );
    // Atomic: the apex record was not written either; the racing record is intact.
    expect(aliasRecords(sb, zone)).toEqual([]);
    expect(sb.recordSets(zone).find((r) => r.name === 'www.example.com.')?.values).toEqual(['192.0.2.99']);
  });

  it('route53-hosted-zone-ids empty: no Route 53 call at all', async () => {
    const sb = sandbox();
    sb.createHostedZone('example.com');
    const s = site(sb, ['example.com']);
    const report = await ensure(sb, await targets(sb, [outcome(s)]), { zones: [] });
    expect(report).toEqual({ enabled: false, dryRun: false, records: [], problems: [] });
    expect(route53Calls(sb)).toEqual([]);
    expect(renderDnsSection(report)).toBe('');
    expect(dnsRecordsOutput(report)).toBe('[]');
  });

  it('skipped and failed distributions: no GetDistribution, no records', async () => {
    const sb = sandbox();
    sb.createHostedZone('example.com');
    const skipped = site(sb, ['a.example.com']);
    const failed = site(sb, ['b.example.com']);
    const distributions = await targets(sb, [outcome(skipped, 'skipped'), outcome(failed, 'failed')]);
    expect(distributions).toEqual([]);
    expect(sb.requests.filter((r) => r.operation === 'GetDistribution')).toEqual([]);
    const report = await ensure(sb, distributions);
    expect(report.records).toEqual([]);
    expect(route53Calls(sb)).toEqual([]);
  });

  it('AWS_ENDPOINT_URL alone sends the Route 53 client to the sandbox', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = sb.url;
    try {
      const { endpoint: _endpoint, ...rest } = clientSettings(sb);
      const client = new Route53Client(rest);
      const out = await client.send(new GetHostedZoneCommand({ Id: zone }));
      client.destroy();
      expect(out.HostedZone?.Name).toBe('example.com.');
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    }
  });

  it('renders the records for the summary and the dns-records output', async () => {
    const sb = sandbox();
    sb.createHostedZone('example.com');
    const s = site(sb, ['example.com'], { ipv6: false });
    const report = await ensure(sb, await targets(sb, [outcome(s)]));
    const markdown = renderDnsSection(report);
    expect(markdown).toContain('### DNS (Route 53 alias records)');
    expect(markdown).toContain(
      `| \`example.com\` | A | \`${report.records[0]?.zoneId}\` (example.com) | \`${s.domainName}\` | ✅ created |`,
    );
    expect(JSON.parse(dnsRecordsOutput(report))).toEqual([
      {
        distributionId: s.id,
        name: 'example.com',
        type: 'A',
        zoneId: report.records[0]?.zoneId,
        target: s.domainName,
        status: 'created',
        reason: `alias A record -> ${s.domainName}`,
        changeId: report.records[0]?.changeId,
        changeStatus: 'PENDING',
      },
    ]);
  });

  it('aliasRecordsStep: the whole step as run() calls it, with its own client from the shared config', async () => {
    const sb = sandbox();
    const zone = sb.createHostedZone('example.com');
    const s = site(sb, ['example.com'], { ipv6: false });
    const skipped = site(sb, ['www.example.com']);
    const cloudfront = new CloudFront(new CloudFrontClient(clientSettings(sb)));
    const step = (zones: 'auto' | string[]) =>
      aliasRecordsStep({
        zones,
        overwrite: false,
        dryRun: false,
        wait: false,
        outcomes: [outcome(s), outcome(skipped, 'skipped')],
        cloudfront,
        clientConfig: clientSettings(sb),
        sleep: () => Promise.reject(new Error('no wait expected')),
        now: () => 0,
        timeoutMs: 60_000,
        info: () => {},
      });
    try {
      expect(await step([])).toEqual({ enabled: false, dryRun: false, records: [], problems: [] });
      expect(sb.requests).toEqual([]);
      const report = await step([zone]);
      expect(summary(report)).toEqual(['example.com A created']);
      expect(sb.requests.filter((r) => r.operation === 'GetDistribution').map((r) => r.target)).toEqual([
        s.id,
      ]);
    } finally {
      cloudfront.client.destroy();
    }
  });
});
