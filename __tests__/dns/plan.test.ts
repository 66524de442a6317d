import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import {
  type AliasDistribution,
  CLOUDFRONT_HOSTED_ZONE_ID,
  type HostedZone,
  bareId,
  candidateZoneNames,
  normaliseName,
  planAliasRecords,
  route53Name,
  wantedRecords,
  zoneFor,
} from '../../src/dns/plan.js';

const EXAMPLE: HostedZone = { id: 'ZEXAMPLE', name: 'example.com', private: false };
const EXAMPLE_PRIVATE: HostedZone = { id: 'ZPRIVATE', name: 'example.com', private: true };
const PI: HostedZone = { id: 'ZPI', name: 'pi.example.com', private: false };
const SHOP: HostedZone = { id: 'ZSHOP', name: 'shop.example.com', private: false };
const TARGET = 'd111111abcdef8.cloudfront.net';

function dist(aliases: string[], extra: Partial<AliasDistribution> = {}): AliasDistribution {
  return { id: 'E1', aliases, domainName: TARGET, ipv6Enabled: true, outcome: 'updated', ...extra };
}

function alias(
  name: string,
  type: string,
  dnsName: string,
  zoneId = CLOUDFRONT_HOSTED_ZONE_ID,
): ResourceRecordSet {
  return {
    Name: name,
    Type: type as ResourceRecordSet['Type'],
    AliasTarget: { HostedZoneId: zoneId, DNSName: dnsName, EvaluateTargetHealth: false },
  };
}

function plain(name: string, type: string, ...values: string[]): ResourceRecordSet {
  return {
    Name: name,
    Type: type as ResourceRecordSet['Type'],
    TTL: 300,
    ResourceRecords: values.map((Value) => ({ Value })),
  };
}

function plan(
  distributions: AliasDistribution[],
  zones: HostedZone[],
  existing: ResourceRecordSet[] = [],
  overwrite = false,
) {
  const wanted = wantedRecords(distributions, zones);
  const byZone = new Map(zones.map((z) => [z.id, existing]));
  return planAliasRecords(wanted, byZone, { overwrite });
}

const kinds = (p: ReturnType<typeof plan>) =>
  p.records.map((r) => `${r.name} ${r.type} ${r.decision.kind}${r.zone ? ` ${r.zone.id}` : ''}`);

describe('names', () => {
  it('decodes Route 53 octal escapes, case and the trailing dot', () => {
    expect(normaliseName('\\052.Example.COM.')).toBe('*.example.com');
    expect(normaliseName('example.com')).toBe('example.com');
    expect(route53Name('*.example.com')).toBe('\\052.example.com');
  });

  it('strips /hostedzone/ and /change/ prefixes', () => {
    expect(bareId('/hostedzone/Z123')).toBe('Z123');
    expect(bareId(' hostedzone/Z123 ')).toBe('Z123');
    expect(bareId('/change/C9')).toBe('C9');
    expect(bareId('Z123')).toBe('Z123');
  });

  it('candidate zone names are whole-label suffixes, longest first, no wildcard, no TLD', () => {
    expect(candidateZoneNames('a.b.example.com')).toEqual([
      'a.b.example.com',
      'b.example.com',
      'example.com',
    ]);
    expect(candidateZoneNames('*.example.com')).toEqual(['example.com']);
    expect(candidateZoneNames('Example.com.')).toEqual(['example.com']);
  });
});

describe('zoneFor', () => {
  it('takes the longest label-suffix match', () => {
    expect(zoneFor('www.shop.example.com', [EXAMPLE, SHOP])).toBe(SHOP);
    expect(zoneFor('shop.example.com', [EXAMPLE, SHOP])).toBe(SHOP);
    expect(zoneFor('www.example.com', [EXAMPLE, SHOP])).toBe(EXAMPLE);
  });

  it('never matches a look-alike: pi.example.com does not hold api.example.com', () => {
    expect(zoneFor('api.example.com', [PI, EXAMPLE])).toBe(EXAMPLE);
    expect(zoneFor('api.example.com', [PI])).toEqual({ none: 'no public hosted zone for api.example.com' });
    expect(zoneFor('example.com', [{ id: 'ZX', name: 'myexample.com', private: false }])).toHaveProperty(
      'none',
    );
  });

  it('never matches a private zone, and says so', () => {
    expect(zoneFor('www.example.com', [EXAMPLE_PRIVATE])).toEqual({
      none: 'only a private hosted zone holds www.example.com: alias records for viewers go in a public zone',
    });
    expect(zoneFor('www.example.com', [EXAMPLE_PRIVATE, EXAMPLE])).toBe(EXAMPLE);
  });

  it('refuses to choose between two public zones of the same name', () => {
    const twin = { ...EXAMPLE, id: 'ZTWIN' };
    const z = zoneFor('www.example.com', [EXAMPLE, twin]);
    expect(z).toMatchObject({ ambiguous: true });
    expect('none' in z && z.none).toContain('ZEXAMPLE, ZTWIN');
  });
});

describe('planAliasRecords', () => {
  it('creates A and AAAA for apex and www in one CREATE batch per zone', () => {
    const p = plan([dist(['example.com', 'www.example.com'])], [EXAMPLE]);
    expect(kinds(p)).toEqual([
      'example.com A create ZEXAMPLE',
      'example.com AAAA create ZEXAMPLE',
      'www.example.com A create ZEXAMPLE',
      'www.example.com AAAA create ZEXAMPLE',
    ]);
    expect(p.batches).toHaveLength(1);
    expect(p.batches[0]?.records).toEqual([0, 1, 2, 3]);
    expect(p.batches[0]?.changes[0]).toEqual({
      Action: 'CREATE',
      ResourceRecordSet: {
        Name: 'example.com',
        Type: 'A',
        AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: TARGET, EvaluateTargetHealth: false },
      },
    });
  });

  it('IPv6 off: no AAAA record', () => {
    const p = plan([dist(['example.com'], { ipv6Enabled: false })], [EXAMPLE]);
    expect(kinds(p)).toEqual(['example.com A create ZEXAMPLE']);
  });

  it('records already pointing at the distribution are unchanged (escapes, case, trailing dot)', () => {
    const p = plan(
      [dist(['example.com', '*.example.com'])],
      [EXAMPLE],
      [
        alias('example.com.', 'A', `${TARGET.toUpperCase()}.`),
        alias('example.com.', 'AAAA', `${TARGET}.`),
        plain('example.com.', 'NS', 'ns-1.awsdns-01.org.'),
        alias('\\052.example.com.', 'A', `${TARGET}.`),
      ],
    );
    expect(kinds(p)).toEqual([
      'example.com A unchanged ZEXAMPLE',
      'example.com AAAA unchanged ZEXAMPLE',
      '*.example.com A unchanged ZEXAMPLE',
      '*.example.com AAAA create ZEXAMPLE',
    ]);
    expect(p.batches[0]?.changes).toEqual([
      {
        Action: 'CREATE',
        ResourceRecordSet: {
          Name: '*.example.com',
          Type: 'AAAA',
          AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: TARGET, EvaluateTargetHealth: false },
        },
      },
    ]);
  });

  it('refuses records that point elsewhere: another distribution, an IP, a CNAME, another alias', () => {
    const p = plan(
      [dist(['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com'], { ipv6Enabled: false })],
      [EXAMPLE],
      [
        alias('a.example.com.', 'A', 'dother.cloudfront.net.'),
        plain('b.example.com.', 'A', '192.0.2.1'),
        plain('c.example.com.', 'CNAME', 'legacy.example.net'),
        alias('d.example.com.', 'A', 'lb-1.us-east-1.elb.amazonaws.com.', 'Z35SXDOTRQ7X7K'),
      ],
    );
    expect(p.records.map((r) => [r.decision.kind, r.decision.reason])).toEqual([
      [
        'conflict',
        'the A record a.example.com points at another CloudFront distribution (dother.cloudfront.net); set route53-overwrite: true to replace it',
      ],
      [
        'conflict',
        'the A record b.example.com points at 192.0.2.1; set route53-overwrite: true to replace it',
      ],
      [
        'conflict',
        'a CNAME record points c.example.com at legacy.example.net; set route53-overwrite: true to replace it',
      ],
      [
        'conflict',
        'the A record d.example.com points at lb-1.us-east-1.elb.amazonaws.com (alias, zone Z35SXDOTRQ7X7K); set route53-overwrite: true to replace it',
      ],
    ]);
    expect(p.batches).toEqual([]);
  });

  it('route53-overwrite: UPSERTs over what is there; a CNAME is deleted once, first, in the same batch', () => {
    const cname = plain('c.example.com.', 'CNAME', 'legacy.example.net');
    const p = plan(
      [dist(['b.example.com', 'c.example.com'])],
      [EXAMPLE],
      [plain('b.example.com.', 'A', '192.0.2.1'), cname],
      true,
    );
    expect(kinds(p)).toEqual([
      'b.example.com A overwrite ZEXAMPLE',
      'b.example.com AAAA create ZEXAMPLE',
      'c.example.com A overwrite ZEXAMPLE',
      'c.example.com AAAA overwrite ZEXAMPLE',
    ]);
    expect(
      p.batches[0]?.changes.map(
        (c) => `${c.Action} ${c.ResourceRecordSet?.Name} ${c.ResourceRecordSet?.Type}`,
      ),
    ).toEqual([
      'DELETE c.example.com. CNAME',
      'UPSERT b.example.com A',
      'CREATE b.example.com AAAA',
      'UPSERT c.example.com A',
      'UPSERT c.example.com AAAA',
    ]);
    expect(p.batches[0]?.changes[0]?.ResourceRecordSet).toBe(cname);
  });

  it('never replaces routing-policy records, even with route53-overwrite', () => {
    const weighted = { ...plain('example.com.', 'A', '192.0.2.1'), SetIdentifier: 'blue', Weight: 10 };
    const p = plan([dist(['example.com'], { ipv6Enabled: false })], [EXAMPLE], [weighted], true);
    expect(p.records[0]?.decision).toEqual({
      kind: 'conflict',
      reason:
        'example.com has A records with a routing policy (set identifier blue); not replaced, even with route53-overwrite',
    });
  });

  it('wildcard aliases get wildcard records', () => {
    const p = plan([dist(['*.example.com'], { ipv6Enabled: false })], [EXAMPLE]);
    expect(kinds(p)).toEqual(['*.example.com A create ZEXAMPLE']);
    expect(p.batches[0]?.changes[0]?.ResourceRecordSet?.Name).toBe('*.example.com');
  });

  it('no zone: reported, not written; ambiguous zones are a conflict', () => {
    const p = plan([dist(['www.other.org'], { ipv6Enabled: false })], [EXAMPLE]);
    expect(p.records[0]?.decision).toEqual({
      kind: 'no-zone',
      reason: 'no public hosted zone for www.other.org',
    });
    const twins = plan(
      [dist(['example.com'], { ipv6Enabled: false })],
      [EXAMPLE, { ...EXAMPLE, id: 'ZTWIN' }],
    );
    expect(twins.records[0]?.decision.kind).toBe('conflict');
    expect(p.batches).toEqual([]);
  });

  it('only updated, would-update and unchanged distributions get records', () => {
    const p = plan(
      [
        dist(['a.example.com'], { id: 'E1', outcome: 'skipped', ipv6Enabled: false }),
        dist(['b.example.com'], { id: 'E2', outcome: 'failed', ipv6Enabled: false }),
        dist(['c.example.com'], { id: 'E3', outcome: 'unchanged', ipv6Enabled: false }),
        dist(['d.example.com'], { id: 'E4', outcome: 'would-update', ipv6Enabled: false }),
      ],
      [EXAMPLE],
    );
    expect(p.records.map((r) => r.distributionId)).toEqual(['E3', 'E4']);
  });

  it('the same name wanted by two distributions: the second is refused', () => {
    const p = plan(
      [
        dist(['www.example.com'], { id: 'E1', ipv6Enabled: false }),
        dist(['www.example.com'], { id: 'E2', ipv6Enabled: false, domainName: 'd2.cloudfront.net' }),
      ],
      [EXAMPLE],
    );
    expect(p.records.map((r) => `${r.distributionId} ${r.decision.kind}`)).toEqual([
      'E1 create',
      'E2 conflict',
    ]);
  });

  it('groups writes by zone', () => {
    const p = plan([dist(['example.com', 'www.shop.example.com'], { ipv6Enabled: false })], [EXAMPLE, SHOP]);
    expect(p.batches.map((b) => [b.zone.id, b.records])).toEqual([
      ['ZEXAMPLE', [0]],
      ['ZSHOP', [1]],
    ]);
  });
});
