// The sandbox's Route 53 through the real Route53Client: Route 53's rules for change batches,
// listings in its order and spelling, and its error shape.
import {
  type Change,
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { afterEach, describe, expect, it } from 'vitest';
import { clientSettings, useSandbox, type Sandbox } from '../support/sandbox.js';
import { rejection } from './fixtures.js';

const sandbox = useSandbox();
let client: Route53Client | undefined;
afterEach(() => client?.destroy());

function route53(sb: Sandbox): Route53Client {
  client = new Route53Client(clientSettings(sb));
  return client;
}

const cname = (name: string, value: string, action: Change['Action'] = 'CREATE'): Change => ({
  Action: action,
  ResourceRecordSet: { Name: name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: value }] },
});
const a = (name: string, ip: string, action: Change['Action'] = 'CREATE'): Change => ({
  Action: action,
  ResourceRecordSet: { Name: name, Type: 'A', TTL: 300, ResourceRecords: [{ Value: ip }] },
});
const cloudFrontAlias = (name: string, dnsName: string): Change => ({
  Action: 'CREATE',
  ResourceRecordSet: {
    Name: name,
    Type: 'A',
    AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: dnsName, EvaluateTargetHealth: false },
  },
});

async function change(c: Route53Client, zone: string, ...changes: Change[]) {
  return c.send(
    new ChangeResourceRecordSetsCommand({ HostedZoneId: zone, ChangeBatch: { Changes: changes } }),
  );
}

describe('sandbox Route 53', () => {
  it('GetHostedZone: public zones have a delegation set, private ones VPCs; unknown IDs are NoSuchHostedZone', async () => {
    const sb = sandbox();
    const c = route53(sb);
    const pub = sb.createHostedZone('Example.com');
    const priv = sb.createHostedZone('example.com', { private: true });
    const p = await c.send(new GetHostedZoneCommand({ Id: `/hostedzone/${pub}` }));
    expect(p.HostedZone).toMatchObject({
      Id: `/hostedzone/${pub}`,
      Name: 'example.com.',
      Config: { PrivateZone: false },
    });
    expect(p.DelegationSet?.NameServers).toHaveLength(4);
    const q = await c.send(new GetHostedZoneCommand({ Id: priv }));
    expect(q.HostedZone?.Config?.PrivateZone).toBe(true);
    expect(q.VPCs).toHaveLength(1);
    const err = await rejection(c.send(new GetHostedZoneCommand({ Id: 'ZNOPE' })));
    expect([err.name, err.$metadata?.httpStatusCode, err.message]).toEqual([
      'NoSuchHostedZone',
      404,
      'No hosted zone found with ID: ZNOPE',
    ]);
  });

  it('ListHostedZonesByName: reversed-label order from DNSName, paged with NextDNSName/NextHostedZoneId', async () => {
    const sb = sandbox();
    const c = route53(sb);
    for (const name of ['www.example.com', 'example.org', 'example.com', 'api.example.com', 'b.com']) {
      sb.createHostedZone(name);
    }
    const all = await c.send(new ListHostedZonesByNameCommand({}));
    expect(all.HostedZones?.map((z) => z.Name)).toEqual([
      'b.com.',
      'example.com.',
      'api.example.com.',
      'www.example.com.',
      'example.org.',
    ]);
    const page = await c.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com', MaxItems: 2 }));
    expect(page.HostedZones?.map((z) => z.Name)).toEqual(['example.com.', 'api.example.com.']);
    expect(page).toMatchObject({
      IsTruncated: true,
      NextDNSName: 'www.example.com.',
      DNSName: 'example.com',
    });
    const next = await c.send(
      new ListHostedZonesByNameCommand({
        DNSName: page.NextDNSName,
        HostedZoneId: page.NextHostedZoneId,
        MaxItems: 2,
      }),
    );
    expect(next.HostedZones?.map((z) => z.Name)).toEqual(['www.example.com.', 'example.org.']);
    expect(next.IsTruncated).toBe(false);
  });

  it('new zones hold NS and SOA; listings start at a name and spell wildcards \\052', async () => {
    const sb = sandbox();
    const c = route53(sb);
    const zone = sb.createHostedZone('example.com');
    sb.putRecordSet(zone, { name: '*.example.com', type: 'A', ttl: 60, values: ['192.0.2.1'] });
    sb.putRecordSet(zone, { name: 'www.example.com', type: 'A', ttl: 60, values: ['192.0.2.2'] });
    const all = await c.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone }));
    expect(all.ResourceRecordSets?.map((r) => `${r.Name} ${r.Type}`)).toEqual([
      'example.com. NS',
      'example.com. SOA',
      '\\052.example.com. A',
      'www.example.com. A',
    ]);
    const from = await c.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: zone,
        StartRecordName: '*.example.com',
        MaxItems: 1,
      }),
    );
    expect(from.ResourceRecordSets?.map((r) => r.Name)).toEqual(['\\052.example.com.']);
    expect(from).toMatchObject({
      IsTruncated: true,
      NextRecordName: 'www.example.com.',
      NextRecordType: 'A',
    });
  });

  it('a batch is atomic: one bad change and nothing is applied, with every message', async () => {
    const sb = sandbox();
    const c = route53(sb);
    const zone = sb.createHostedZone('example.com');
    sb.putRecordSet(zone, { name: 'www.example.com', type: 'A', ttl: 300, values: ['192.0.2.1'] });
    const before = sb.recordSets(zone);
    const err = await rejection(
      change(
        c,
        zone,
        a('new.example.com', '192.0.2.9'),
        a('www.example.com', '192.0.2.2'),
        a('x.other.org', '192.0.2.3'),
      ),
    );
    expect(err.name).toBe('InvalidChangeBatch');
    expect(err.message).toBe(
      "[Tried to create resource record set [name='www.example.com.', type='A'] but it already exists, RRSet with DNS name x.other.org. is not permitted in zone example.com.]",
    );
    expect(sb.recordSets(zone)).toEqual(before);
  });

  it('CNAME rules: not beside other records, not at the apex; a record not beside a CNAME', async () => {
    const sb = sandbox();
    const c = route53(sb);
    const zone = sb.createHostedZone('example.com');
    sb.putRecordSet(zone, { name: 'www.example.com', type: 'A', ttl: 300, values: ['192.0.2.1'] });
    sb.putRecordSet(zone, { name: 'api.example.com', type: 'CNAME', ttl: 300, values: ['api.example.net'] });
    const messages = async (...changes: Change[]) => (await rejection(change(c, zone, ...changes))).message;
    expect(await messages(cname('www.example.com', 'x.example.net'))).toContain(
      'RRSet of type CNAME with DNS name www.example.com. is not permitted as it conflicts with other records',
    );
    expect(await messages(cname('example.com', 'x.example.net'))).toContain('is not permitted at apex');
    expect(await messages(a('api.example.com', '192.0.2.5', 'UPSERT'))).toContain(
      'RRSet of type A with DNS name api.example.com. is not permitted because a conflicting RRSet of type CNAME',
    );
    // Deleting the CNAME first, in the same batch, is how it is replaced.
    await change(
      c,
      zone,
      cname('api.example.com', 'api.example.net', 'DELETE'),
      a('api.example.com', '192.0.2.5'),
    );
    expect(sb.recordSets(zone).find((r) => r.name === 'api.example.com.')).toMatchObject({
      type: 'A',
      values: ['192.0.2.5'],
    });
  });

  it('DELETE must match exactly', async () => {
    const sb = sandbox();
    const c = route53(sb);
    const zone = sb.createHostedZone('example.com');
    sb.putRecordSet(zone, { name: 'api.example.com', type: 'CNAME', ttl: 300, values: ['api.example.net'] });
    expect(
      (await rejection(change(c, zone, cname('api.example.com', 'other.example.net', 'DELETE')))).message,
    ).toBe(
      "[Tried to delete resource record set [name='api.example.com.', type='CNAME'] but the values provided do not match the current values]",
    );
    expect((await rejection(change(c, zone, cname('gone.example.com', 'x', 'DELETE')))).message).toContain(
      'but it was not found',
    );
  });

  it('a CloudFront alias target must be a distribution that has the name as an alias', async () => {
    const sb = sandbox();
    const c = route53(sb);
    const zone = sb.createHostedZone('example.com');
    const d = sb.createDistribution({ aliases: ['*.example.com'], validate: false });
    await change(c, zone, cloudFrontAlias('www.example.com', d.domainName));
    for (const [name, target] of [
      ['example.com', d.domainName],
      ['api.example.com', 'dnosuchdistribution.cloudfront.net'],
    ] as const) {
      const err = await rejection(change(c, zone, cloudFrontAlias(name, target)));
      expect(err.message).toContain('but the alias target name does not lie within the target zone');
    }
  });

  it('changes are PENDING, then INSYNC after the change delay (or syncChangesNow)', async () => {
    const sb = sandbox();
    const c = route53(sb);
    const zone = sb.createHostedZone('example.com');
    const first = await change(c, zone, a('a.example.com', '192.0.2.1'));
    expect(first.ChangeInfo?.Status).toBe('PENDING');
    expect((await c.send(new GetChangeCommand({ Id: first.ChangeInfo!.Id! }))).ChangeInfo?.Status).toBe(
      'INSYNC',
    );
    sb.setChangeDelay(3_600_000);
    const second = await change(c, zone, a('b.example.com', '192.0.2.2'));
    const status = async () =>
      (await c.send(new GetChangeCommand({ Id: second.ChangeInfo!.Id! }))).ChangeInfo?.Status;
    expect(await status()).toBe('PENDING');
    sb.syncChangesNow();
    expect(await status()).toBe('INSYNC');
    expect(
      sb.requests.filter((r) => r.service === 'route53').map((r) => `${r.operation} ${r.status}`),
    ).toEqual([
      'ChangeResourceRecordSets 200',
      'GetChange 200',
      'ChangeResourceRecordSets 200',
      'GetChange 200',
      'GetChange 200',
    ]);
  });

  it('throttling and injected failures apply to Route 53 operations', async () => {
    const sb = sandbox();
    const c = route53(sb);
    const zone = sb.createHostedZone('example.com');
    sb.throttle('ListResourceRecordSets');
    const err = await rejection(c.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone })));
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual(['Throttling', 400]);
    sb.failNext('ChangeResourceRecordSets', {
      code: 'PriorRequestNotComplete',
      message: 'busy',
      target: zone,
    });
    expect((await rejection(change(c, zone, a('a.example.com', '192.0.2.1')))).name).toBe(
      'PriorRequestNotComplete',
    );
  });
});
