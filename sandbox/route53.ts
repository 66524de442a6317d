// Route 53 (REST-XML, 2013-04-01): hosted zones, record sets and changes, with the rules
// ChangeResourceRecordSets applies (atomic batches, CREATE/DELETE/UPSERT semantics, CNAME
// exclusivity, CloudFront alias targets that must exist and carry the name as an alias).
import { randomBytes } from 'node:crypto';
import { ServiceError } from './faults.js';
import { nameCovers } from './x509.js';
import {
  buildXml,
  child,
  cloneElement,
  element,
  parseXml,
  textAt,
  XmlSyntaxError,
  type XmlElement,
} from './xml.js';

export const ROUTE53_NS = 'https://route53.amazonaws.com/doc/2013-04-01/';
/** The hosted zone ID of every CloudFront alias target. */
export const CLOUDFRONT_ZONE_ID = 'Z2FDTNDATAQYW2';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = 0; i < length; i++) out += UPPER[bytes[i]! % UPPER.length];
  return out;
}

/** `*.Example.com` / `\052.example.com.` -> `*.example.com` (for comparisons). */
export function plainName(name: string): string {
  return name
    .replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)))
    .toLowerCase()
    .replace(/\.$/, '');
}

/**
 * The name as Route 53 returns it: lowercase, trailing dot, and every character outside
 * `a-z0-9-_.` as a three-digit octal escape (`*` -> `\052`).
 */
export function route53Name(name: string): string {
  const plain = plainName(name);
  const escaped = [...plain]
    .map((c) => (/[a-z0-9_.-]/.test(c) ? c : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`))
    .join('');
  return `${escaped}.`;
}

/** Sort key: labels reversed (com, example, www), compared label by label like Route 53 lists. */
function compareNames(a: string, b: string): number {
  const la = route53Name(a).slice(0, -1).split('.').reverse();
  const lb = route53Name(b).slice(0, -1).split('.').reverse();
  for (let i = 0; i < Math.min(la.length, lb.length); i++) {
    const x = la[i]!;
    const y = lb[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return la.length - lb.length;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface AliasTargetView {
  hostedZoneId: string;
  dnsName: string;
  evaluateTargetHealth: boolean;
}

/** A record set as tests see and seed it. */
export interface RecordSetView {
  /** As Route 53 lists it (`\052.example.com.`); any spelling is accepted when seeding. */
  name: string;
  type: string;
  setIdentifier?: string;
  ttl?: number;
  values?: string[];
  aliasTarget?: AliasTargetView;
  /** Routing-policy fields (Weight, Region, Failover, ...), as element name -> text. */
  routing?: Record<string, string>;
}

export interface HostedZoneView {
  id: string;
  name: string;
  private: boolean;
  comment: string;
  recordSetCount: number;
}

interface StoredZone {
  id: string;
  /** With the trailing dot, as Route 53 returns it. */
  name: string;
  callerReference: string;
  comment: string;
  private: boolean;
  records: XmlElement[];
}

interface StoredChange {
  id: string;
  submittedAt: Date;
  insyncAt: number;
  comment: string | undefined;
}

export interface Route53Deps {
  now: () => Date;
  /** How long a change stays PENDING (0: INSYNC at once). */
  changeDelayMs: () => number;
  /** The aliases of the sandbox distribution with this domain name, or undefined when there is none. */
  cloudFrontAliases: (domainName: string) => string[] | undefined;
}

const ROUTING_FIELDS = [
  'Weight',
  'Region',
  'GeoLocation',
  'Failover',
  'MultiValueAnswer',
  'HealthCheckId',
  'TrafficPolicyInstanceId',
  'CidrRoutingConfig',
  'GeoProximityLocation',
];

function recordKey(r: XmlElement): string {
  return `${plainName(textAt(r, 'Name') ?? '')} ${textAt(r, 'Type') ?? ''} ${textAt(r, 'SetIdentifier') ?? ''}`;
}

function describeSet(r: XmlElement): string {
  return `[name='${route53Name(textAt(r, 'Name') ?? '')}', type='${textAt(r, 'Type') ?? ''}'${
    textAt(r, 'SetIdentifier') !== undefined ? `, set-identifier='${textAt(r, 'SetIdentifier')}'` : ''
  }]`;
}

/** Canonical XML for comparing a DELETE with what is stored. */
function canonical(r: XmlElement): string {
  const c = cloneElement(r);
  c.attributes = {};
  const name = child(c, 'Name');
  if (name) name.text = route53Name(name.text);
  const alias = child(c, 'AliasTarget');
  const dns = child(alias, 'DNSName');
  if (dns) dns.text = route53Name(dns.text);
  // Element order is the client's serialiser's business, not part of the record.
  c.children.sort((a, b) => compareStrings(a.name, b.name));
  return buildXml(c);
}

export class Route53Service {
  readonly zones = new Map<string, StoredZone>();
  readonly changes = new Map<string, StoredChange>();

  constructor(private readonly deps: Route53Deps) {}

  reset(): void {
    this.zones.clear();
    this.changes.clear();
  }

  // ---- seeding -------------------------------------------------------------------------------

  /** A hosted zone with the SOA and NS records Route 53 creates with it. Returns the ID. */
  createZone(name: string, opts: { private?: boolean; comment?: string; id?: string } = {}): string {
    const id = opts.id ?? randomId('Z', 21);
    if (this.zones.has(id)) throw new Error(`hosted zone ${id} already exists`);
    const zoneName = route53Name(name);
    const ns = [1, 2, 3, 4].map((i) => `ns-${100 * i + (id.charCodeAt(1) % 100)}.awsdns-0${i}.org.`);
    const zone: StoredZone = {
      id,
      name: zoneName,
      callerReference: randomId('ref-', 12),
      comment: opts.comment ?? '',
      private: opts.private === true,
      records: [
        recordSetXml({ name: zoneName, type: 'NS', ttl: 172800, values: ns }),
        recordSetXml({
          name: zoneName,
          type: 'SOA',
          ttl: 900,
          values: [`${ns[0]} awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`],
        }),
      ],
    };
    this.zones.set(id, zone);
    return id;
  }

  /** Puts a record set without ChangeResourceRecordSets' checks (replaces one with the same key). */
  putRecordSet(zoneId: string, view: RecordSetView): void {
    const zone = this.requireZone(zoneId);
    const r = recordSetXml(view);
    zone.records = zone.records.filter((x) => recordKey(x) !== recordKey(r));
    zone.records.push(r);
  }

  recordSets(zoneId: string): RecordSetView[] {
    return this.sorted(this.requireZone(zoneId)).map(viewOf);
  }

  zoneView(id: string): HostedZoneView {
    const z = this.requireZone(id);
    return {
      id: z.id,
      name: z.name,
      private: z.private,
      comment: z.comment,
      recordSetCount: z.records.length,
    };
  }

  /** Every pending change becomes INSYNC now. */
  syncNow(): void {
    const now = this.deps.now().getTime();
    for (const c of this.changes.values()) c.insyncAt = Math.min(c.insyncAt, now);
  }

  requireZone(id: string): StoredZone {
    const zone = this.zones.get(id.replace(/^\/?hostedzone\//, ''));
    if (!zone) throw new ServiceError('NoSuchHostedZone', `No hosted zone found with ID: ${id}`, 404);
    return zone;
  }

  // ---- operations ----------------------------------------------------------------------------

  getHostedZone(id: string): string {
    const zone = this.requireZone(id);
    const extra = zone.private
      ? [
          element('VPCs', [
            element('VPC', [element('VPCRegion', 'us-east-1'), element('VPCId', 'vpc-0sandbox')]),
          ]),
        ]
      : [
          element('DelegationSet', [
            element(
              'NameServers',
              (zone.records.find((r) => textAt(r, 'Type') === 'NS')?.children ?? [])
                .filter((c) => c.name === 'ResourceRecords')
                .flatMap((c) => c.children)
                .map((rr) => element('NameServer', (textAt(rr, 'Value') ?? '').replace(/\.$/, ''))),
            ),
          ]),
        ];
    return document('GetHostedZoneResponse', [this.zoneXml(zone), ...extra]);
  }

  listHostedZones(marker: string | undefined, maxItems: string | undefined): string {
    const max = this.maxItems(maxItems);
    const all = this.sortedZones();
    const start = marker === undefined ? 0 : all.findIndex((z) => z.id === marker);
    if (start < 0) throw new ServiceError('InvalidInput', `Invalid value for marker: ${marker}`);
    const page = all.slice(start, start + max);
    const next = all[start + max];
    return document('ListHostedZonesResponse', [
      element(
        'HostedZones',
        page.map((z) => this.zoneXml(z)),
      ),
      ...(marker !== undefined ? [element('Marker', marker)] : []),
      element('IsTruncated', next !== undefined),
      ...(next ? [element('NextMarker', next.id)] : []),
      element('MaxItems', max),
    ]);
  }

  listHostedZonesByName(
    dnsName: string | undefined,
    hostedZoneId: string | undefined,
    maxItems: string | undefined,
  ): string {
    if (hostedZoneId !== undefined && dnsName === undefined) {
      throw new ServiceError('InvalidInput', 'The input is not valid: hostedzoneid requires dnsname.');
    }
    const max = this.maxItems(maxItems);
    const all = this.sortedZones();
    const start =
      dnsName === undefined
        ? 0
        : all.findIndex((z) => {
            const c = compareNames(z.name, dnsName);
            return (
              c > 0 || (c === 0 && (hostedZoneId === undefined || compareStrings(z.id, hostedZoneId) >= 0))
            );
          });
    const from = start < 0 ? all.length : start;
    const page = all.slice(from, from + max);
    const next = all[from + max];
    return document('ListHostedZonesByNameResponse', [
      element(
        'HostedZones',
        page.map((z) => this.zoneXml(z)),
      ),
      ...(dnsName !== undefined ? [element('DNSName', dnsName)] : []),
      ...(hostedZoneId !== undefined ? [element('HostedZoneId', hostedZoneId)] : []),
      element('IsTruncated', next !== undefined),
      ...(next ? [element('NextDNSName', next.name), element('NextHostedZoneId', next.id)] : []),
      element('MaxItems', max),
    ]);
  }

  listResourceRecordSets(
    zoneId: string,
    query: {
      name?: string | undefined;
      type?: string | undefined;
      identifier?: string | undefined;
      maxItems?: string | undefined;
    },
  ): string {
    const zone = this.requireZone(zoneId);
    if (query.type !== undefined && query.name === undefined) {
      throw new ServiceError('InvalidInput', 'The input is not valid: type requires name.');
    }
    if (query.identifier !== undefined && query.type === undefined) {
      throw new ServiceError('InvalidInput', 'The input is not valid: identifier requires name and type.');
    }
    const max = this.maxItems(query.maxItems, 300);
    const all = this.sorted(zone);
    const from =
      query.name === undefined
        ? 0
        : all.findIndex((r) => compareRecord(r, query.name!, query.type, query.identifier) >= 0);
    const start = from < 0 ? all.length : from;
    const page = all.slice(start, start + max);
    const next = all[start + max];
    return document('ListResourceRecordSetsResponse', [
      element(
        'ResourceRecordSets',
        page.map((r) => this.outbound(r)),
      ),
      element('IsTruncated', next !== undefined),
      ...(next
        ? [
            element('NextRecordName', route53Name(textAt(next, 'Name') ?? '')),
            element('NextRecordType', textAt(next, 'Type') ?? ''),
            ...(textAt(next, 'SetIdentifier') !== undefined
              ? [element('NextRecordIdentifier', textAt(next, 'SetIdentifier')!)]
              : []),
          ]
        : []),
      element('MaxItems', max),
    ]);
  }

  /** Applies the batch atomically (all or nothing) and returns the response body and change ID. */
  changeResourceRecordSets(zoneId: string, body: string): { xml: string; changeId: string } {
    const zone = this.requireZone(zoneId);
    const request = parseBody(body);
    const batch = child(request, 'ChangeBatch');
    const changes = child(batch, 'Changes')?.children.filter((c) => c.name === 'Change') ?? [];
    if (!batch || changes.length === 0) {
      throw new ServiceError(
        'InvalidInput',
        'Invalid request: ChangeBatch must contain at least one Change.',
      );
    }
    const messages: string[] = [];
    const working = zone.records.map(cloneElement);
    const touched = new Map<string, { writes: number; deletes: number }>();
    for (const change of changes) {
      const action = textAt(change, 'Action') ?? '';
      const rrset = child(change, 'ResourceRecordSet');
      if (!['CREATE', 'DELETE', 'UPSERT'].includes(action) || !rrset) {
        throw new ServiceError(
          'InvalidInput',
          `Invalid request: Action must be CREATE, DELETE or UPSERT, got '${action}'.`,
        );
      }
      const r = cloneElement(rrset);
      r.attributes = {};
      const name = textAt(r, 'Name');
      const type = textAt(r, 'Type');
      if (!name || !type)
        throw new ServiceError('InvalidInput', 'Invalid request: ResourceRecordSet needs Name and Type.');
      const hasAlias = child(r, 'AliasTarget') !== undefined;
      const hasValues = child(r, 'ResourceRecords') !== undefined && textAt(r, 'TTL') !== undefined;
      if (hasAlias === hasValues) {
        throw new ServiceError(
          'InvalidInput',
          `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found ${hasAlias ? 'both' : 'none'} in Change with [Action=${action}, Name=${name}, Type=${type}, SetIdentifier=${textAt(r, 'SetIdentifier') ?? 'null'}]`,
        );
      }
      const key = recordKey(r);
      const count = touched.get(key) ?? { writes: 0, deletes: 0 };
      if (action === 'DELETE') count.deletes += 1;
      else count.writes += 1;
      touched.set(key, count);
      if (count.writes > 1 || count.deletes > 1) {
        messages.push(
          `The request contains an invalid set of changes for a resource record set '${type} ${route53Name(name)}'`,
        );
        continue;
      }
      const plain = plainName(name);
      const zoneName = plainName(zone.name);
      if (plain !== zoneName && !plain.endsWith(`.${zoneName}`)) {
        messages.push(`RRSet with DNS name ${route53Name(name)} is not permitted in zone ${zone.name}`);
        continue;
      }
      const at = working.findIndex((x) => recordKey(x) === key);
      if (action === 'DELETE') {
        if (at < 0)
          messages.push(`Tried to delete resource record set ${describeSet(r)} but it was not found`);
        else if (canonical(working[at]!) !== canonical(r)) {
          messages.push(
            `Tried to delete resource record set ${describeSet(r)} but the values provided do not match the current values`,
          );
        } else working.splice(at, 1);
        continue;
      }
      if (action === 'CREATE' && at >= 0) {
        messages.push(`Tried to create resource record set ${describeSet(r)} but it already exists`);
        continue;
      }
      const problem = this.checkWrite(zone, working, r);
      if (problem) {
        messages.push(problem);
        continue;
      }
      const stored = cloneElement(r);
      child(stored, 'Name')!.text = route53Name(name);
      if (at >= 0) working[at] = stored;
      else working.push(stored);
    }
    if (messages.length > 0) throw new ServiceError('InvalidChangeBatch', `[${messages.join(', ')}]`);
    zone.records = working;
    const now = this.deps.now();
    const change: StoredChange = {
      id: randomId('C', 20),
      submittedAt: now,
      insyncAt: now.getTime() + this.deps.changeDelayMs(),
      comment: textAt(batch, 'Comment'),
    };
    this.changes.set(change.id, change);
    // Route 53 always answers PENDING; GetChange tells when it is INSYNC.
    return {
      xml: document('ChangeResourceRecordSetsResponse', [this.changeInfoXml(change, 'PENDING')]),
      changeId: change.id,
    };
  }

  getChange(id: string): string {
    const change = this.changes.get(id.replace(/^\/?change\//, ''));
    if (!change) throw new ServiceError('NoSuchChange', `Could not find resource with ID: ${id}`, 404);
    const status = this.deps.now().getTime() >= change.insyncAt ? 'INSYNC' : 'PENDING';
    return document('GetChangeResponse', [this.changeInfoXml(change, status)]);
  }

  // ---- rules ---------------------------------------------------------------------------------

  /** Why a CREATE/UPSERT of `r` into `records` is refused, if it is. */
  private checkWrite(zone: StoredZone, records: readonly XmlElement[], r: XmlElement): string | undefined {
    const name = plainName(textAt(r, 'Name') ?? '');
    const type = textAt(r, 'Type') ?? '';
    const display = route53Name(name);
    const others = records.filter(
      (x) => plainName(textAt(x, 'Name') ?? '') === name && recordKey(x) !== recordKey(r),
    );
    if (type === 'CNAME' && name === plainName(zone.name)) {
      return `RRSet of type CNAME with DNS name ${display} is not permitted at apex in zone ${zone.name}`;
    }
    if (type === 'CNAME' && others.some((x) => textAt(x, 'Type') !== 'CNAME')) {
      return `RRSet of type CNAME with DNS name ${display} is not permitted as it conflicts with other records with the same DNS name in zone ${zone.name}`;
    }
    if (type !== 'CNAME' && others.some((x) => textAt(x, 'Type') === 'CNAME')) {
      return `RRSet of type ${type} with DNS name ${display} is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone ${zone.name}`;
    }
    const routed = textAt(r, 'SetIdentifier') !== undefined;
    if (
      others.some((x) => textAt(x, 'Type') === type && (textAt(x, 'SetIdentifier') !== undefined) !== routed)
    ) {
      return `RRSet with DNS name ${display}, type ${type}${routed ? `, SetIdentifier ${textAt(r, 'SetIdentifier')}` : ''} cannot be created as ${routed ? 'a non-weighted set' : 'weighted sets'} exist with the same name and type.`;
    }
    const alias = child(r, 'AliasTarget');
    if (alias && textAt(alias, 'HostedZoneId') === CLOUDFRONT_ZONE_ID) {
      const target = plainName(textAt(alias, 'DNSName') ?? '');
      const aliases = this.deps.cloudFrontAliases(target);
      if (!aliases || !aliases.some((a) => nameCovers(a, name))) {
        // What Route 53 says when the distribution does not exist or lacks the name as an alias.
        return `Tried to create an alias that targets ${route53Name(target)}, type ${type} in zone ${CLOUDFRONT_ZONE_ID}, but the alias target name does not lie within the target zone`;
      }
      if (textAt(alias, 'EvaluateTargetHealth') === 'true') {
        return `Tried to create an alias that targets ${route53Name(target)}, type ${type} in zone ${CLOUDFRONT_ZONE_ID}, but EvaluateTargetHealth is not supported for CloudFront distributions`;
      }
    }
    return undefined;
  }

  // ---- XML -----------------------------------------------------------------------------------

  private sortedZones(): StoredZone[] {
    return [...this.zones.values()].sort(
      (a, b) => compareNames(a.name, b.name) || compareStrings(a.id, b.id),
    );
  }

  private sorted(zone: StoredZone): XmlElement[] {
    return [...zone.records].sort(
      (a, b) =>
        compareNames(textAt(a, 'Name') ?? '', textAt(b, 'Name') ?? '') ||
        compareStrings(textAt(a, 'Type') ?? '', textAt(b, 'Type') ?? '') ||
        compareStrings(textAt(a, 'SetIdentifier') ?? '', textAt(b, 'SetIdentifier') ?? ''),
    );
  }

  private maxItems(value: string | undefined, ceiling = 100): number {
    if (value === undefined) return ceiling;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new ServiceError('InvalidInput', `Invalid value for maxitems: ${value}`);
    return Math.min(n, ceiling);
  }

  private zoneXml(z: StoredZone): XmlElement {
    return element('HostedZone', [
      element('Id', `/hostedzone/${z.id}`),
      element('Name', z.name),
      element('CallerReference', z.callerReference),
      element('Config', [
        ...(z.comment ? [element('Comment', z.comment)] : []),
        element('PrivateZone', z.private),
      ]),
      element('ResourceRecordSetCount', z.records.length),
    ]);
  }

  /** A stored set as Route 53 returns it: names canonical, alias DNS names with a trailing dot. */
  private outbound(r: XmlElement): XmlElement {
    const out = cloneElement(r);
    const alias = child(out, 'AliasTarget');
    const dns = child(alias, 'DNSName');
    if (dns) dns.text = route53Name(dns.text);
    return out;
  }

  private changeInfoXml(c: StoredChange, status: 'PENDING' | 'INSYNC'): XmlElement {
    return element('ChangeInfo', [
      element('Id', `/change/${c.id}`),
      element('Status', status),
      element('SubmittedAt', c.submittedAt.toISOString()),
      ...(c.comment !== undefined ? [element('Comment', c.comment)] : []),
    ]);
  }
}

/** Where `r` sorts relative to the start position (name, type, identifier) of a listing. */
function compareRecord(
  r: XmlElement,
  name: string,
  type: string | undefined,
  identifier: string | undefined,
): number {
  return (
    compareNames(textAt(r, 'Name') ?? '', name) ||
    (type === undefined ? 0 : compareStrings(textAt(r, 'Type') ?? '', type)) ||
    (identifier === undefined ? 0 : compareStrings(textAt(r, 'SetIdentifier') ?? '', identifier))
  );
}

function document(root: string, children: XmlElement[]): string {
  return buildXml(element(root, children, { xmlns: ROUTE53_NS }));
}

function parseBody(body: string): XmlElement {
  if (body.trim() === '') throw new ServiceError('InvalidInput', 'The request body is empty.');
  try {
    return parseXml(body);
  } catch (err) {
    if (err instanceof XmlSyntaxError)
      throw new ServiceError('InvalidInput', `The XML you provided was not well-formed: ${err.message}`);
    throw err;
  }
}

export function recordSetXml(view: RecordSetView): XmlElement {
  const children: XmlElement[] = [element('Name', route53Name(view.name)), element('Type', view.type)];
  if (view.setIdentifier !== undefined) children.push(element('SetIdentifier', view.setIdentifier));
  for (const [k, v] of Object.entries(view.routing ?? {})) children.push(element(k, v));
  if (view.aliasTarget) {
    children.push(
      element('AliasTarget', [
        element('HostedZoneId', view.aliasTarget.hostedZoneId),
        element('DNSName', view.aliasTarget.dnsName),
        element('EvaluateTargetHealth', view.aliasTarget.evaluateTargetHealth),
      ]),
    );
  } else {
    children.push(element('TTL', view.ttl ?? 300));
    children.push(
      element(
        'ResourceRecords',
        (view.values ?? []).map((v) => element('ResourceRecord', [element('Value', v)])),
      ),
    );
  }
  return element('ResourceRecordSet', children);
}

function viewOf(r: XmlElement): RecordSetView {
  const view: RecordSetView = { name: route53Name(textAt(r, 'Name') ?? ''), type: textAt(r, 'Type') ?? '' };
  const setIdentifier = textAt(r, 'SetIdentifier');
  if (setIdentifier !== undefined) view.setIdentifier = setIdentifier;
  const routing: Record<string, string> = {};
  for (const field of ROUTING_FIELDS) {
    const v = textAt(r, field);
    if (v !== undefined) routing[field] = v;
  }
  if (Object.keys(routing).length > 0) view.routing = routing;
  const alias = child(r, 'AliasTarget');
  if (alias) {
    view.aliasTarget = {
      hostedZoneId: textAt(alias, 'HostedZoneId') ?? '',
      dnsName: route53Name(textAt(alias, 'DNSName') ?? ''),
      evaluateTargetHealth: textAt(alias, 'EvaluateTargetHealth') === 'true',
    };
  } else {
    const ttl = textAt(r, 'TTL');
    if (ttl !== undefined) view.ttl = Number(ttl);
    view.values = (child(r, 'ResourceRecords')?.children ?? []).map((rr) => textAt(rr, 'Value') ?? '');
  }
  return view;
}

export interface Route53Route {
  operation: string;
  /** Hosted zone or change ID. */
  id: string | undefined;
}

export function routeRoute53(method: string, path: string): Route53Route {
  const p = path.replace(/\/$/, '');
  if (p === '/2013-04-01/hostedzonesbyname' && method === 'GET')
    return { operation: 'ListHostedZonesByName', id: undefined };
  if (p === '/2013-04-01/hostedzone' && method === 'GET')
    return { operation: 'ListHostedZones', id: undefined };
  const change = /^\/2013-04-01\/change\/([^/]+)$/.exec(p);
  if (change && method === 'GET') return { operation: 'GetChange', id: decodeURIComponent(change[1]!) };
  const zone = /^\/2013-04-01\/hostedzone\/([^/]+)(\/rrset)?$/.exec(p);
  if (zone) {
    const id = decodeURIComponent(zone[1]!);
    if (zone[2] !== undefined && method === 'GET') return { operation: 'ListResourceRecordSets', id };
    if (zone[2] !== undefined && method === 'POST') return { operation: 'ChangeResourceRecordSets', id };
    if (zone[2] === undefined && method === 'GET') return { operation: 'GetHostedZone', id };
  }
  return { operation: 'Unknown', id: undefined };
}
