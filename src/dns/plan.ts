// planAliasRecords(): which Route 53 alias records to write so each alias resolves to its
// distribution. Pure: the zones and record sets come in as read; nothing here calls AWS.
import type { Change, ResourceRecordSet } from '@aws-sdk/client-route-53';
import type { OutcomeKind } from '../outcome.js';

/** Whether `route53-hosted-zone-ids` asks for DNS at all (`auto` or at least one ID). */
export function dnsEnabled(zones: 'auto' | readonly string[]): boolean {
  return zones === 'auto' || zones.length > 0;
}

/**
 * The hosted zone ID every alias record for a CloudFront distribution must name (fixed by AWS).
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_AliasTarget.html
 */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';

/** Outcomes after which the distribution serves our certificate: the only ones DNS may point at. */
export const ELIGIBLE_OUTCOMES: readonly OutcomeKind[] = ['updated', 'would-update', 'unchanged'];

export interface AliasDistribution {
  readonly id: string;
  readonly aliases: readonly string[];
  /** `d111111abcdef8.cloudfront.net` (GetDistribution). */
  readonly domainName: string;
  readonly ipv6Enabled: boolean;
  readonly outcome: OutcomeKind;
}

export interface HostedZone {
  /** Without the `/hostedzone/` prefix. */
  readonly id: string;
  /** Normalised: lowercase, no trailing dot. */
  readonly name: string;
  readonly private: boolean;
}

export type RecordType = 'A' | 'AAAA';

export type RecordDecision =
  | { readonly kind: 'create'; readonly reason: string }
  | { readonly kind: 'unchanged'; readonly reason: string }
  /** route53-overwrite: replace what is there; `deletes` are removed in the same batch (a CNAME). */
  | { readonly kind: 'overwrite'; readonly reason: string; readonly deletes: readonly ResourceRecordSet[] }
  | { readonly kind: 'conflict'; readonly reason: string }
  | { readonly kind: 'no-zone'; readonly reason: string };

export interface PlannedRecord {
  readonly distributionId: string;
  /** The record name, normalised (`*.example.com` for a wildcard alias). */
  readonly name: string;
  readonly type: RecordType;
  readonly zone: HostedZone | undefined;
  /** The distribution's domain name the record points at. */
  readonly target: string;
  readonly decision: RecordDecision;
}

export interface ZoneBatch {
  readonly zone: HostedZone;
  readonly changes: readonly Change[];
  /** Indexes into DnsPlan.records of the records this batch writes. */
  readonly records: readonly number[];
}

export interface DnsPlan {
  readonly records: readonly PlannedRecord[];
  readonly batches: readonly ZoneBatch[];
}

/** Why a name has no zone; `ambiguous` when several public zones share the name (a refusal). */
export interface NoZone {
  readonly none: string;
  readonly ambiguous?: boolean;
}

/** A record we want, before looking at what the zone holds. */
export interface WantedRecord {
  readonly distributionId: string;
  readonly name: string;
  readonly type: RecordType;
  readonly target: string;
  /** The zone the name belongs to, or why there is none. */
  readonly zone: HostedZone | NoZone;
}

/**
 * Route 53 escapes every character outside `a-z0-9-_.` as `\ooo` (octal): a wildcard record comes
 * back as `\052.example.com.`. Names compare case-insensitively, without the trailing dot.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html
 */
export function normaliseName(name: string): string {
  return name
    .replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)))
    .toLowerCase()
    .replace(/\.$/, '');
}

/** A normalised name as Route 53 stores and lists it (`*.example.com` -> `\052.example.com`). */
export function route53Name(name: string): string {
  return name.replace(/\*/g, '\\052');
}

/** Strips `/hostedzone/` (and `/change/`), which Route 53 returns and some people paste. */
export function bareId(id: string): string {
  return id.trim().replace(/^\/?(hostedzone|change)\//, '');
}

/**
 * The names a zone for `name` could have, longest first: whole-label suffixes only, so
 * `pi.example.com` is never a candidate for `api.example.com`. A wildcard label is not a zone, and
 * single labels are top-level domains, which Route 53 does not host.
 */
export function candidateZoneNames(name: string): string[] {
  const labels = normaliseName(name).split('.');
  const names: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) {
    if (labels[i] === '*') continue;
    names.push(labels.slice(i).join('.'));
  }
  return names;
}

/** The public zone holding `name` (longest label-suffix match), or why there is none. */
export function zoneFor(name: string, zones: readonly HostedZone[]): HostedZone | NoZone {
  for (const candidate of candidateZoneNames(name)) {
    const matches = zones.filter((z) => z.name === candidate && !z.private);
    const [only] = matches;
    if (matches.length === 1 && only) return only;
    if (matches.length > 1) {
      return {
        ambiguous: true,
        none: `${matches.length} public hosted zones are named ${candidate} (${matches.map((z) => z.id).join(', ')}): list the one that is delegated in route53-hosted-zone-ids`,
      };
    }
  }
  const privateOnly = zones.some((z) => z.private && candidateZoneNames(name).includes(z.name));
  return {
    none: privateOnly
      ? `only a private hosted zone holds ${name}: alias records for viewers go in a public zone`
      : `no public hosted zone for ${name}`,
  };
}

/** The records each eligible distribution needs: A always, AAAA when IPv6 is enabled. */
export function wantedRecords(
  distributions: readonly AliasDistribution[],
  zones: readonly HostedZone[],
): WantedRecord[] {
  const wanted: WantedRecord[] = [];
  for (const d of distributions) {
    if (!ELIGIBLE_OUTCOMES.includes(d.outcome)) continue;
    const target = normaliseName(d.domainName);
    for (const alias of d.aliases) {
      const name = normaliseName(alias);
      const zone = zoneFor(name, zones);
      const types: RecordType[] = d.ipv6Enabled ? ['A', 'AAAA'] : ['A'];
      for (const type of types) wanted.push({ distributionId: d.id, name, type, target, zone });
    }
  }
  return wanted;
}

/**
 * Decides each wanted record against the record sets its zone holds at that name (`existing`, by
 * zone ID, as ListResourceRecordSets returned them) and groups the writes into one batch per zone.
 */
export function planAliasRecords(
  wanted: readonly WantedRecord[],
  existing: ReadonlyMap<string, readonly ResourceRecordSet[]>,
  options: { readonly overwrite: boolean },
): DnsPlan {
  const claimed = new Map<string, string>();
  const records: PlannedRecord[] = wanted.map((w) => {
    const base = { distributionId: w.distributionId, name: w.name, type: w.type, target: w.target };
    if ('none' in w.zone) {
      const kind = w.zone.ambiguous ? 'conflict' : 'no-zone';
      return { ...base, zone: undefined, decision: { kind, reason: w.zone.none } };
    }
    const zone = w.zone;
    // CloudFront refuses the same alias on two distributions, but a list may name one twice.
    const key = `${zone.id} ${w.name} ${w.type}`;
    const owner = claimed.get(key);
    if (owner !== undefined && owner !== w.distributionId) {
      return {
        ...base,
        zone,
        decision: { kind: 'conflict', reason: `${w.name} is an alias of ${owner} too` },
      };
    }
    claimed.set(key, w.distributionId);
    const atName = (existing.get(zone.id) ?? []).filter((r) => normaliseName(r.Name ?? '') === w.name);
    return { ...base, zone, decision: decideRecord(w, atName, options.overwrite) };
  });
  return { records, batches: batchesOf(records) };
}

function decideRecord(
  wanted: WantedRecord,
  atName: readonly ResourceRecordSet[],
  overwrite: boolean,
): RecordDecision {
  const { name, type, target } = wanted;
  const routed = atName.filter((r) => r.Type === type && r.SetIdentifier !== undefined);
  if (routed.length > 0) {
    // Weighted, latency, geo ... records are a set someone designed; one simple record cannot
    // replace them in a single UPSERT, and deleting them all is not ours to decide.
    return {
      kind: 'conflict',
      reason: `${name} has ${type} records with a routing policy (set identifier ${routed.map((r) => r.SetIdentifier).join(', ')}); not replaced, even with route53-overwrite`,
    };
  }
  const cname = atName.find((r) => r.Type === 'CNAME');
  if (cname) {
    const what = `a CNAME record points ${name} at ${describeTarget(cname)}`;
    // A CNAME excludes every other record at its name: it must go in the same batch.
    return overwrite
      ? { kind: 'overwrite', reason: `replaces ${what}`, deletes: [cname] }
      : { kind: 'conflict', reason: `${what}; set route53-overwrite: true to replace it` };
  }
  const current = atName.find((r) => r.Type === type);
  if (!current) return { kind: 'create', reason: `alias ${type} record -> ${target}` };
  if (pointsAt(current, target)) return { kind: 'unchanged', reason: `already an alias of ${target}` };
  const what = `the ${type} record ${name} points at ${describeTarget(current)}`;
  return overwrite
    ? { kind: 'overwrite', reason: `replaces ${what}`, deletes: [] }
    : { kind: 'conflict', reason: `${what}; set route53-overwrite: true to replace it` };
}

function pointsAt(record: ResourceRecordSet, target: string): boolean {
  const alias = record.AliasTarget;
  return (
    alias !== undefined &&
    alias.HostedZoneId === CLOUDFRONT_HOSTED_ZONE_ID &&
    normaliseName(alias.DNSName ?? '') === target
  );
}

/** What a record points at, in the words of a report. */
export function describeTarget(record: ResourceRecordSet): string {
  const alias = record.AliasTarget;
  if (alias) {
    const dnsName = normaliseName(alias.DNSName ?? '');
    return alias.HostedZoneId === CLOUDFRONT_HOSTED_ZONE_ID
      ? `another CloudFront distribution (${dnsName})`
      : `${dnsName} (alias, zone ${alias.HostedZoneId ?? '?'})`;
  }
  const values = (record.ResourceRecords ?? []).map((r) => r.Value ?? '');
  return values.length > 0 ? values.join(', ') : 'nothing';
}

/** The alias record set we write for a planned record. */
export function aliasRecordSet(record: Pick<PlannedRecord, 'name' | 'type' | 'target'>): ResourceRecordSet {
  return {
    Name: record.name,
    Type: record.type,
    // CloudFront alias targets cannot evaluate target health: Route 53 requires false.
    AliasTarget: {
      HostedZoneId: CLOUDFRONT_HOSTED_ZONE_ID,
      DNSName: record.target,
      EvaluateTargetHealth: false,
    },
  };
}

/**
 * One batch per zone, applied atomically by Route 53. A record we saw absent is a CREATE, not an
 * UPSERT: if someone adds one between our read and our write, Route 53 refuses the batch instead
 * of us overwriting it. Deletes of a CNAME come first, once, even when A and AAAA both replace it.
 */
function batchesOf(records: readonly PlannedRecord[]): ZoneBatch[] {
  const byZone = new Map<
    string,
    { zone: HostedZone; deletes: Change[]; writes: Change[]; records: number[]; deleted: Set<string> }
  >();
  records.forEach((r, i) => {
    const d = r.decision;
    if (!r.zone || (d.kind !== 'create' && d.kind !== 'overwrite')) return;
    let batch = byZone.get(r.zone.id);
    if (!batch) {
      batch = { zone: r.zone, deletes: [], writes: [], records: [], deleted: new Set() };
      byZone.set(r.zone.id, batch);
    }
    if (d.kind === 'overwrite') {
      for (const old of d.deletes) {
        const key = `${normaliseName(old.Name ?? '')} ${old.Type ?? ''}`;
        if (batch.deleted.has(key)) continue;
        batch.deleted.add(key);
        batch.deletes.push({ Action: 'DELETE', ResourceRecordSet: old });
      }
    }
    batch.writes.push({
      Action: d.kind === 'create' ? 'CREATE' : 'UPSERT',
      ResourceRecordSet: aliasRecordSet(r),
    });
    batch.records.push(i);
  });
  return [...byZone.values()].map((b) => ({
    zone: b.zone,
    changes: [...b.deletes, ...b.writes],
    records: b.records,
  }));
}
