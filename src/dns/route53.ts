// Route 53 reads and writes, thin and typed: the zones by name or ID, the record sets at one name,
// one change batch per zone, and polling a change until it is INSYNC.
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  type ListHostedZonesByNameCommandOutput,
  ListResourceRecordSetsCommand,
  type ListResourceRecordSetsCommandOutput,
  type Change,
  type HostedZone as SdkHostedZone,
  type ListResourceRecordSetsRequest,
  type ResourceRecordSet,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { awsFailure } from '../aws/errors.js';
import { type HostedZone, bareId, normaliseName, route53Name } from './plan.js';

// Route 53 allows five requests a second per account; pages this size keep the calls few.
const ZONE_PAGE = 100;
const RECORD_PAGE = 100;

export interface ChangeInfo {
  /** Without the `/change/` prefix. */
  readonly id: string;
  readonly status: string;
}

export class Route53 {
  constructor(readonly client: Route53Client) {}

  /** GetHostedZone: the zone's name and whether it is private. */
  async zone(id: string): Promise<HostedZone> {
    const out = await this.client.send(new GetHostedZoneCommand({ Id: bareId(id) }));
    if (!out.HostedZone) throw new Error(`GetHostedZone for ${id} returned no hosted zone`);
    return zoneOf(out.HostedZone);
  }

  /**
   * Every hosted zone named exactly `name`, public and private (there may be several). The list is
   * sorted by name with the labels reversed, so zones of one name are adjacent from `DNSName` on.
   */
  async zonesNamed(name: string): Promise<HostedZone[]> {
    const wanted = normaliseName(name);
    const zones: HostedZone[] = [];
    let dnsName: string | undefined = wanted;
    let zoneId: string | undefined;
    for (;;) {
      const out: ListHostedZonesByNameCommandOutput = await this.client.send(
        new ListHostedZonesByNameCommand({
          DNSName: dnsName,
          ...(zoneId ? { HostedZoneId: zoneId } : {}),
          MaxItems: ZONE_PAGE,
        }),
      );
      const page = (out.HostedZones ?? []).map(zoneOf);
      const named = page.filter((z) => z.name === wanted);
      zones.push(...named);
      // Past the name (or out of pages): nothing further can match.
      if (named.length < page.length || !out.IsTruncated || !out.NextDNSName) return zones;
      if (normaliseName(out.NextDNSName) !== wanted) return zones;
      dnsName = out.NextDNSName;
      zoneId = out.NextHostedZoneId;
    }
  }

  /** The record sets at exactly `name` (every type), as Route 53 lists them. */
  async recordSetsNamed(zoneId: string, name: string): Promise<ResourceRecordSet[]> {
    const wanted = normaliseName(name);
    const found: ResourceRecordSet[] = [];
    let start: Pick<
      ListResourceRecordSetsRequest,
      'StartRecordName' | 'StartRecordType' | 'StartRecordIdentifier'
    > = { StartRecordName: route53Name(wanted) };
    for (;;) {
      const out: ListResourceRecordSetsCommandOutput = await this.client.send(
        new ListResourceRecordSetsCommand({ HostedZoneId: bareId(zoneId), ...start, MaxItems: RECORD_PAGE }),
      );
      const page = out.ResourceRecordSets ?? [];
      const named = page.filter((r) => normaliseName(r.Name ?? '') === wanted);
      found.push(...named);
      if (named.length < page.length || !out.IsTruncated || !out.NextRecordName) return found;
      if (normaliseName(out.NextRecordName) !== wanted) return found;
      start = {
        StartRecordName: out.NextRecordName,
        ...(out.NextRecordType ? { StartRecordType: out.NextRecordType } : {}),
        ...(out.NextRecordIdentifier ? { StartRecordIdentifier: out.NextRecordIdentifier } : {}),
      };
    }
  }

  /** One atomic ChangeResourceRecordSets batch. */
  async change(zoneId: string, changes: readonly Change[], comment: string): Promise<ChangeInfo> {
    const out = await this.client.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: bareId(zoneId),
        ChangeBatch: { Comment: comment, Changes: [...changes] },
      }),
    );
    return { id: bareId(out.ChangeInfo?.Id ?? ''), status: out.ChangeInfo?.Status ?? 'PENDING' };
  }

  async changeStatus(id: string): Promise<string> {
    const out = await this.client.send(new GetChangeCommand({ Id: bareId(id) }));
    return out.ChangeInfo?.Status ?? 'unknown';
  }
}

function zoneOf(zone: SdkHostedZone): HostedZone {
  return {
    id: bareId(zone.Id ?? ''),
    name: normaliseName(zone.Name ?? ''),
    private: zone.Config?.PrivateZone === true,
  };
}

export interface InsyncOptions {
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly info: (message: string) => void;
  /** Route 53 usually propagates within a minute; AWS's own waiter polls every 30 s. */
  readonly pollMs?: number;
}

/**
 * Polls GetChange until every change is INSYNC (all Route 53 name servers answer with it).
 * Returns the final status of each change by ID; errors are reported as `error: CODE: message`.
 */
export async function waitForInsync(
  changeIds: readonly string[],
  route53: Pick<Route53, 'changeStatus'>,
  options: InsyncOptions,
): Promise<Map<string, string>> {
  const statuses = new Map<string, string>(changeIds.map((id) => [id, 'PENDING']));
  const pending = new Set(changeIds);
  const started = options.now();
  const pollMs = options.pollMs ?? 10_000;
  while (pending.size > 0) {
    for (const id of [...pending]) {
      try {
        const status = await route53.changeStatus(id);
        statuses.set(id, status);
        if (status === 'INSYNC') pending.delete(id);
      } catch (error) {
        const f = awsFailure(error);
        statuses.set(id, `error: ${f.code}: ${f.message}`);
        pending.delete(id);
      }
    }
    const waited = options.now() - started;
    if (pending.size === 0 || waited >= options.timeoutMs) break;
    options.info(
      `Route 53 changes still PENDING after ${Math.round(waited / 1000)} s: ${[...pending].join(', ')}`,
    );
    await options.sleep(Math.min(pollMs, Math.max(0, options.timeoutMs - waited)));
  }
  return statuses;
}
