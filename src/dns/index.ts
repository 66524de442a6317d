// Root-domain hosting: Route 53 alias records (A, and AAAA with IPv6) pointing each alias at the
// distribution it is on. Runs after the distributions were decided: only those that serve our
// certificate (updated, would-update, unchanged) get DNS; skipped and failed ones never do.
import { type ResourceRecordSet, Route53Client, type Route53ClientConfig } from '@aws-sdk/client-route-53';
import type { CloudFront } from '../aws/cloudfront.js';
import { awsFailure } from '../aws/errors.js';
import { mapLimit } from '../concurrency.js';
import type { Outcome } from '../outcome.js';
import {
  type AliasDistribution,
  ELIGIBLE_OUTCOMES,
  type HostedZone,
  type PlannedRecord,
  type RecordType,
  type WantedRecord,
  bareId,
  candidateZoneNames,
  dnsEnabled,
  planAliasRecords,
  wantedRecords,
} from './plan.js';
import { Route53, waitForInsync } from './route53.js';

export {
  type AliasDistribution,
  CLOUDFRONT_HOSTED_ZONE_ID,
  type HostedZone,
  type RecordType,
  normaliseName,
} from './plan.js';
export { renderDnsSection, dnsRecordsOutput } from './render.js';

export type RecordStatus =
  | 'created'
  | 'would-create'
  | 'overwritten'
  | 'would-overwrite'
  | 'unchanged'
  | 'refused'
  | 'no-zone'
  | 'failed';

export interface DnsRecordResult {
  readonly distributionId: string;
  /** Normalised record name: `example.com`, `*.example.com`. */
  readonly name: string;
  readonly type: RecordType;
  readonly zoneId: string | undefined;
  readonly zoneName: string | undefined;
  /** The distribution's domain name (`d111111abcdef8.cloudfront.net`). */
  readonly target: string;
  readonly status: RecordStatus;
  readonly reason: string;
  /** The AWS error code, for failed records. */
  readonly code?: string | undefined;
  /** The ChangeResourceRecordSets change that wrote it. */
  readonly changeId?: string | undefined;
  /** With waiting: INSYNC, or the status the change still had when the wait ended. */
  readonly changeStatus?: string | undefined;
}

export interface DnsReport {
  /** False when route53-hosted-zone-ids is empty: Route 53 was not called at all. */
  readonly enabled: boolean;
  readonly dryRun: boolean;
  readonly records: readonly DnsRecordResult[];
  /**
   * Sentences that must reach the reader and should fail the step: a zone that could not be read,
   * a change not INSYNC in time. Per-record failures are in `records` (status `failed`).
   */
  readonly problems: readonly string[];
}

export interface EnsureAliasRecordsInput {
  /** `auto`: find the public zone of each alias by name. Empty list: DNS is left alone. */
  readonly zones: 'auto' | readonly string[];
  readonly overwrite: boolean;
  readonly dryRun: boolean;
  /** Wait until every change is INSYNC. */
  readonly wait: boolean;
  readonly distributions: readonly AliasDistribution[];
  readonly client: Route53Client;
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch (like waitForDeployment). */
  readonly now: () => number;
  readonly timeoutMs: number;
  readonly info: (message: string) => void;
  /** GetChange interval (default 10 s). */
  readonly pollMs?: number;
  /** ChangeBatch comment, e.g. the workflow run URL. */
  readonly comment?: string;
}

const DISABLED = (dryRun: boolean): DnsReport => ({ enabled: false, dryRun, records: [], problems: [] });

/**
 * The distributions whose aliases DNS may point at, with the DomainName and IsIPV6Enabled that only
 * GetDistribution has. Reads nothing for skipped or failed distributions; a read that fails becomes
 * a problem and that distribution gets no records.
 */
export async function readAliasTargets(
  outcomes: readonly Outcome[],
  cloudfront: Pick<CloudFront, 'aliasTarget'>,
  readConcurrency = 4,
): Promise<{ distributions: AliasDistribution[]; problems: string[] }> {
  const eligible = outcomes.filter((o) => ELIGIBLE_OUTCOMES.includes(o.outcome) && o.aliases.length > 0);
  const problems: string[] = [];
  const read = await mapLimit(eligible, readConcurrency, async (o) => {
    try {
      const target = await cloudfront.aliasTarget(o.id);
      return [{ id: o.id, aliases: o.aliases, outcome: o.outcome, ...target }];
    } catch (error) {
      const f = awsFailure(error);
      problems.push(
        `${o.id}: could not read its domain name for Route 53 (GetDistribution): ${f.code}: ${f.message}`,
      );
      return [];
    }
  });
  return { distributions: read.flat(), problems };
}

/**
 * Ensures an alias A (and AAAA with IPv6) record for every alias of every eligible distribution, one
 * atomic ChangeResourceRecordSets batch per zone. A record pointing elsewhere is refused unless
 * `overwrite`. A dry run reads zones and records and reports what it would change, writing nothing.
 * AWS errors are reported, never thrown.
 */
export async function ensureAliasRecords(input: EnsureAliasRecordsInput): Promise<DnsReport> {
  if (!dnsEnabled(input.zones)) return DISABLED(input.dryRun);
  const distributions = input.distributions.filter(
    (d) => ELIGIBLE_OUTCOMES.includes(d.outcome) && d.aliases.length > 0,
  );
  const report = (records: DnsRecordResult[], problems: string[] = []): DnsReport => ({
    enabled: true,
    dryRun: input.dryRun,
    records,
    problems,
  });
  if (distributions.length === 0) return report([]);

  const route53 = new Route53(input.client);
  const aliases = [...new Set(distributions.flatMap((d) => d.aliases))];
  const found = await findZones(input.zones, aliases, route53, input.info);
  if ('problems' in found) return report([], found.problems);

  const wanted = wantedRecords(distributions, found.zones);
  // What each zone holds at the names we need: one listing per name, not the whole zone.
  const existing = new Map<string, ResourceRecordSet[]>();
  const unreadable = new Map<string, { code: string; message: string }>();
  for (const [zoneId, names] of namesByZone(wanted)) {
    try {
      const sets: ResourceRecordSet[] = [];
      for (const name of names) sets.push(...(await route53.recordSetsNamed(zoneId, name)));
      existing.set(zoneId, sets);
    } catch (error) {
      unreadable.set(zoneId, awsFailure(error));
    }
  }
  const readable = wanted.filter((w) => 'none' in w.zone || !unreadable.has(w.zone.id));
  const plan = planAliasRecords(readable, existing, { overwrite: input.overwrite });
  const results: DnsRecordResult[] = plan.records.map((r) => resultOf(r, input.dryRun));
  for (const w of wanted) {
    if ('none' in w.zone) continue;
    const f = unreadable.get(w.zone.id);
    if (f === undefined) continue;
    results.push({
      ...identity(w.distributionId, w.name, w.type, w.zone, w.target),
      status: 'failed',
      code: f.code,
      reason: `could not list the records of zone ${w.zone.id} (ListResourceRecordSets): ${f.code}: ${f.message}`,
    });
  }
  if (input.dryRun || plan.batches.length === 0) return report(logged(results, input.info));

  const problems: string[] = [];
  const changes: Array<{ id: string; zone: HostedZone }> = [];
  for (const batch of plan.batches) {
    try {
      const change = await route53.change(
        batch.zone.id,
        batch.changes,
        input.comment ?? 'cloudfront-certificate-deploy: alias records for CloudFront distributions',
      );
      input.info(`Zone ${batch.zone.name} (${batch.zone.id}): change ${change.id} ${change.status}`);
      changes.push({ id: change.id, zone: batch.zone });
      for (const i of batch.records) {
        const r = results[i];
        if (r) results[i] = { ...r, changeId: change.id, changeStatus: change.status };
      }
    } catch (error) {
      const f = awsFailure(error);
      for (const i of batch.records) {
        const r = results[i];
        if (!r) continue;
        results[i] = {
          ...r,
          status: 'failed',
          code: f.code,
          // Route 53 applies a batch whole or not at all, so every record in it shares the failure.
          reason: `ChangeResourceRecordSets failed for zone ${batch.zone.name}: ${f.code}: ${f.message}`,
        };
      }
    }
  }

  if (input.wait && changes.length > 0) {
    const statuses = await waitForInsync(
      changes.map((c) => c.id),
      route53,
      {
        timeoutMs: input.timeoutMs,
        now: input.now,
        sleep: input.sleep,
        info: input.info,
        ...(input.pollMs !== undefined ? { pollMs: input.pollMs } : {}),
      },
    );
    const minutes = Math.round(input.timeoutMs / 60_000);
    for (const c of changes) {
      const status = statuses.get(c.id) ?? 'unknown';
      if (status !== 'INSYNC') {
        problems.push(
          `Route 53 change ${c.id} (zone ${c.zone.name}) was not INSYNC within ${minutes} minutes: ${status}`,
        );
      }
    }
    for (const [i, r] of results.entries()) {
      if (r.changeId !== undefined) results[i] = { ...r, changeStatus: statuses.get(r.changeId) };
    }
  }
  return report(logged(results, input.info), problems);
}

function logged(results: DnsRecordResult[], info: (message: string) => void): DnsRecordResult[] {
  for (const r of results) info(`${r.name} ${r.type}: ${r.status}: ${r.reason}`);
  return results;
}

export interface AliasRecordsStepInput extends Omit<EnsureAliasRecordsInput, 'distributions' | 'client'> {
  /** The run's outcomes after the wait for deployment: only updated/would-update/unchanged get DNS. */
  readonly outcomes: readonly Outcome[];
  readonly cloudfront: Pick<CloudFront, 'aliasTarget'>;
  /** Region, credentials and retries shared with the other clients (Route 53 is global, us-east-1). */
  readonly clientConfig: Route53ClientConfig;
}

/**
 * The whole DNS step for run(): nothing at all when route53-hosted-zone-ids is empty; otherwise one
 * GetDistribution per eligible distribution, then ensureAliasRecords with its own Route53Client.
 */
export async function aliasRecordsStep(input: AliasRecordsStepInput): Promise<DnsReport> {
  if (!dnsEnabled(input.zones)) return DISABLED(input.dryRun);
  const { outcomes, cloudfront, clientConfig, ...rest } = input;
  const targets = await readAliasTargets(outcomes, cloudfront);
  const client = new Route53Client(clientConfig);
  try {
    const report = await ensureAliasRecords({ ...rest, distributions: targets.distributions, client });
    return { ...report, problems: [...targets.problems, ...report.problems] };
  } finally {
    client.destroy();
  }
}

/** The zones to match aliases against: the given IDs (GetHostedZone) or, with `auto`, found by name. */
async function findZones(
  zones: 'auto' | readonly string[],
  aliases: readonly string[],
  route53: Route53,
  info: (message: string) => void,
): Promise<{ zones: HostedZone[] } | { problems: string[] }> {
  const problems: string[] = [];
  const found: HostedZone[] = [];
  if (zones !== 'auto') {
    for (const id of [...new Set(zones.map(bareId))]) {
      try {
        const zone = await route53.zone(id);
        info(
          `Hosted zone ${zone.id}: ${zone.name}${zone.private ? ' (private: not used for alias records)' : ''}`,
        );
        found.push(zone);
      } catch (error) {
        const f = awsFailure(error);
        problems.push(
          `route53-hosted-zone-ids: could not read hosted zone ${id} (GetHostedZone): ${f.code}: ${f.message}`,
        );
      }
    }
    return problems.length > 0 ? { problems } : { zones: found };
  }
  // Longest suffix first; stop at the first name with a public zone (a closer zone wins).
  const byName = new Map<string, HostedZone[]>();
  for (const alias of aliases) {
    for (const name of candidateZoneNames(alias)) {
      let named = byName.get(name);
      if (!named) {
        try {
          named = await route53.zonesNamed(name);
        } catch (error) {
          const f = awsFailure(error);
          problems.push(
            `route53-hosted-zone-ids: auto: could not look up hosted zones named ${name} (ListHostedZonesByName): ${f.code}: ${f.message}`,
          );
          return { problems };
        }
        byName.set(name, named);
        for (const z of named) if (!found.some((f) => f.id === z.id)) found.push(z);
      }
      if (named.some((z) => !z.private)) break;
    }
  }
  for (const z of found) info(`Hosted zone ${z.id}: ${z.name}${z.private ? ' (private: not used)' : ''}`);
  return { zones: found };
}

function namesByZone(wanted: readonly WantedRecord[]): Map<string, string[]> {
  const names = new Map<string, Set<string>>();
  for (const w of wanted) {
    if ('none' in w.zone) continue;
    const set = names.get(w.zone.id) ?? new Set<string>();
    set.add(w.name);
    names.set(w.zone.id, set);
  }
  return new Map([...names].map(([zone, set]) => [zone, [...set]]));
}

function identity(
  distributionId: string,
  name: string,
  type: RecordType,
  zone: HostedZone | undefined,
  target: string,
): Pick<DnsRecordResult, 'distributionId' | 'name' | 'type' | 'zoneId' | 'zoneName' | 'target'> {
  return { distributionId, name, type, zoneId: zone?.id, zoneName: zone?.name, target };
}

function resultOf(r: PlannedRecord, dryRun: boolean): DnsRecordResult {
  const base = { ...identity(r.distributionId, r.name, r.type, r.zone, r.target), reason: r.decision.reason };
  switch (r.decision.kind) {
    case 'create':
      return { ...base, status: dryRun ? 'would-create' : 'created' };
    case 'overwrite':
      return { ...base, status: dryRun ? 'would-overwrite' : 'overwritten' };
    case 'unchanged':
      return { ...base, status: 'unchanged' };
    case 'conflict':
      return { ...base, status: 'refused' };
    case 'no-zone':
      return { ...base, status: 'no-zone' };
  }
}
