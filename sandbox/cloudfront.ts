// CloudFront (REST-XML, 2020-05-31): distributions, ETags, deployment status and the
// viewer-certificate rules CloudFront applies on CreateDistribution / UpdateDistribution.
import { randomBytes } from 'node:crypto';
import type { AcmService } from './acm.js';
import { ServiceError } from './faults.js';
import type { IamService } from './iam.js';
import { CLOUDFRONT_KEY_ALGORITHMS, type CertificateFacts, nameCovers } from './x509.js';
import {
  boolAt,
  buildXml,
  child,
  cloneElement,
  element,
  listItems,
  parseXml,
  removeAt,
  setTextAt,
  textAt,
  toPlain,
  XmlSyntaxError,
  type PlainXml,
  type XmlElement,
} from './xml.js';

export const CLOUDFRONT_NS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';

const MINIMUM_PROTOCOL_VERSIONS = [
  'SSLv3',
  'TLSv1',
  'TLSv1_2016',
  'TLSv1.1_2016',
  'TLSv1.2_2018',
  'TLSv1.2_2019',
  'TLSv1.2_2021',
  'TLSv1.2_2025',
  'TLSv1.3_2025',
];

export const MESSAGES = {
  certificateInvalid:
    "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain.",
  aliasNotCovered:
    "The certificate that is attached to your distribution doesn't cover the alternate domain name (CNAME) that you're trying to add. For more details, see: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html#alternate-domain-names-requirements",
  aliasNeedsCertificate:
    'To add an alternate domain name (CNAME) to a CloudFront distribution, you must attach a trusted certificate that validates your authorization to use the domain name. For more details, see: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html#alternate-domain-names-requirements',
  preconditionFailed:
    "The request failed because it didn't meet the preconditions in one or more request-header fields.",
  ifMatchMissing: 'The If-Match version is missing or not valid for the resource.',
  noSuchDistribution: 'The specified distribution does not exist.',
  cnameExists: 'One or more of the CNAMEs you provided are already associated with a different resource.',
};

function randomId(prefix: string, length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Looks like a real ETag / distribution id: `E2QWRUHAPOMQZL`. */
export function newEtag(): string {
  return randomId('E', 13, UPPER);
}

export interface StoredDistribution {
  id: string;
  arn: string;
  domainName: string;
  etag: string;
  config: XmlElement;
  lastModifiedTime: Date;
  /** Epoch ms at which Status turns Deployed. */
  deployedAt: number;
  /** The certificate the edge still serves until the current change is deployed. */
  previousCertificateArn: string | undefined;
  /** How many times the config was written (1 = as created). */
  version: number;
}

export interface ViewerCertificateView {
  cloudFrontDefaultCertificate?: boolean;
  iamCertificateId?: string;
  acmCertificateArn?: string;
  sslSupportMethod?: string;
  minimumProtocolVersion?: string;
  certificate?: string;
  certificateSource?: string;
}

/** A distribution as tests see it (getDistribution). */
export interface DistributionView {
  id: string;
  arn: string;
  etag: string;
  status: 'InProgress' | 'Deployed';
  domainName: string;
  lastModifiedTime: Date;
  callerReference: string;
  comment: string;
  enabled: boolean;
  aliases: string[];
  viewerCertificate: ViewerCertificateView;
  /** Number of writes so far (1 = as created). */
  version: number;
  /** Plain JSON of the stored DistributionConfig (Items children are arrays). */
  config: PlainXml;
  /** The stored DistributionConfig as XML, as GetDistributionConfig sends it. */
  configXml: string;
}

/** Edits a stored config (for the concurrent writer and out-of-band changes). */
export interface ConfigEdit {
  /** Dotted element path -> new text, e.g. `{ "Comment": "x", "ViewerCertificate.MinimumProtocolVersion": "TLSv1.2_2021" }`. */
  set?: Record<string, string>;
  remove?: string[];
  aliases?: string[];
}

export type ConfigChange = ConfigEdit | ((config: XmlElement) => void);

export function applyConfigChange(config: XmlElement, change: ConfigChange): void {
  if (typeof change === 'function') {
    change(config);
    return;
  }
  for (const [path, value] of Object.entries(change.set ?? {})) setTextAt(config, path, value);
  for (const path of change.remove ?? []) removeAt(config, path);
  if (change.aliases) {
    const aliases = element('Aliases', [
      element('Quantity', change.aliases.length),
      ...(change.aliases.length > 0
        ? [
            element(
              'Items',
              change.aliases.map((a) => element('CNAME', a)),
            ),
          ]
        : []),
    ]);
    const i = config.children.findIndex((c) => c.name === 'Aliases');
    if (i >= 0) config.children[i] = aliases;
    else config.children.splice(1, 0, aliases);
  }
}

export function aliasesOf(config: XmlElement): string[] {
  return listItems(child(config, 'Aliases')).map((c) => c.text);
}

export function viewerCertificateOf(config: XmlElement): ViewerCertificateView {
  const vc = child(config, 'ViewerCertificate');
  const out: ViewerCertificateView = {};
  const d = boolAt(vc, 'CloudFrontDefaultCertificate');
  if (d !== undefined) out.cloudFrontDefaultCertificate = d;
  const fields = [
    ['IAMCertificateId', 'iamCertificateId'],
    ['ACMCertificateArn', 'acmCertificateArn'],
    ['SSLSupportMethod', 'sslSupportMethod'],
    ['MinimumProtocolVersion', 'minimumProtocolVersion'],
    ['Certificate', 'certificate'],
    ['CertificateSource', 'certificateSource'],
  ] as const;
  for (const [xml, key] of fields) {
    const v = textAt(vc, xml);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function invalidCert(message = MESSAGES.certificateInvalid): ServiceError {
  return new ServiceError('InvalidViewerCertificate', message);
}

export interface CloudFrontDeps {
  accountId: string;
  now: () => Date;
  deployDelayMs: () => number;
  acm: AcmService;
  iam: IamService;
}

export interface CreateOptions {
  id?: string | undefined;
  /** Skip the viewer-certificate and alias rules (to seed states CloudFront would refuse today). */
  validate?: boolean | undefined;
  status?: 'InProgress' | 'Deployed' | undefined;
}

export class CloudFrontService {
  readonly distributions = new Map<string, StoredDistribution>();
  /** InProgressInvalidationBatches of a distribution (set by the invalidation service). */
  inProgressInvalidations: (id: string) => number = () => 0;

  constructor(private readonly deps: CloudFrontDeps) {}

  reset(): void {
    this.distributions.clear();
  }

  status(d: StoredDistribution): 'InProgress' | 'Deployed' {
    return this.deps.now().getTime() >= d.deployedAt ? 'Deployed' : 'InProgress';
  }

  /** ARNs of the distributions that use (or still serve, while deploying) a certificate. */
  usersOf(certificateArn: string): string[] {
    const out: string[] = [];
    for (const d of this.distributions.values()) {
      const current = viewerCertificateOf(d.config).acmCertificateArn;
      const deploying = this.status(d) === 'InProgress' && d.previousCertificateArn === certificateArn;
      if (current === certificateArn || deploying) out.push(d.arn);
    }
    return out;
  }

  require(id: string): StoredDistribution {
    const d = this.distributions.get(id);
    if (!d) throw new ServiceError('NoSuchDistribution', MESSAGES.noSuchDistribution, 404);
    return d;
  }

  view(id: string): DistributionView {
    const d = this.require(id);
    return {
      id: d.id,
      arn: d.arn,
      etag: d.etag,
      status: this.status(d),
      domainName: d.domainName,
      lastModifiedTime: d.lastModifiedTime,
      callerReference: textAt(d.config, 'CallerReference') ?? '',
      comment: textAt(d.config, 'Comment') ?? '',
      enabled: boolAt(d.config, 'Enabled') ?? false,
      aliases: aliasesOf(d.config),
      viewerCertificate: viewerCertificateOf(d.config),
      version: d.version,
      config: toPlain(d.config),
      configXml: buildXml(this.withNamespace(d.config)),
    };
  }

  private withNamespace(config: XmlElement): XmlElement {
    const c = cloneElement(config);
    c.attributes = { xmlns: CLOUDFRONT_NS };
    return c;
  }

  // ---- the rules -------------------------------------------------------------------------

  private checkStructure(config: XmlElement): void {
    if (config.name !== 'DistributionConfig') {
      throw new ServiceError(
        'MalformedInput',
        `Unexpected root element ${config.name}; expected DistributionConfig.`,
      );
    }
    for (const required of ['CallerReference', 'Origins', 'DefaultCacheBehavior', 'Comment', 'Enabled']) {
      if (!child(config, required)) {
        throw new ServiceError(
          'MalformedInput',
          `Missing required element ${required} in DistributionConfig.`,
        );
      }
    }
    const enabled = textAt(config, 'Enabled');
    if (enabled !== 'true' && enabled !== 'false') {
      throw new ServiceError('MalformedInput', `Invalid boolean value for Enabled: ${enabled}`);
    }
    const walk = (el: XmlElement, path: string): void => {
      const quantity = child(el, 'Quantity');
      if (quantity) {
        const n = Number(quantity.text);
        const items = listItems(el).length;
        if (!Number.isInteger(n) || n !== items) {
          throw new ServiceError(
            'InvalidArgument',
            `The value of Quantity (${quantity.text}) in ${path} doesn't match the number of items (${items}).`,
          );
        }
      }
      for (const c of el.children) walk(c, `${path}.${c.name}`);
    };
    walk(config, 'DistributionConfig');
    for (const alias of aliasesOf(config)) {
      if (!/^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]+\.?$/i.test(alias) || alias.length > 253) {
        throw new ServiceError('InvalidArgument', `The parameter CNAME contains an invalid value: ${alias}`);
      }
    }
  }

  private checkAliasesFree(config: XmlElement, selfId: string | undefined): void {
    const norm = (s: string) => s.toLowerCase().replace(/\.$/, '');
    const mine = new Set(aliasesOf(config).map(norm));
    for (const d of this.distributions.values()) {
      if (d.id === selfId) continue;
      if (aliasesOf(d.config).some((a) => mine.has(norm(a)))) {
        throw new ServiceError('CNAMEAlreadyExists', MESSAGES.cnameExists, 409);
      }
    }
  }

  /**
   * The ViewerCertificate rules. Returns the ViewerCertificate element CloudFront stores
   * (it fills in the deprecated Certificate / CertificateSource fields, and forces
   * vip / TLSv1 for the default certificate).
   */
  private checkViewerCertificate(config: XmlElement): XmlElement {
    const vc = viewerCertificateOf(config);
    const aliases = aliasesOf(config);
    let acmArn = vc.acmCertificateArn;
    let iamId = vc.iamCertificateId;
    let useDefault = vc.cloudFrontDefaultCertificate === true;
    const source = vc.certificateSource;

    // The deprecated fields, when present, must agree with the current ones.
    if (source !== undefined && !['cloudfront', 'iam', 'acm'].includes(source)) {
      throw invalidCert(`Invalid CertificateSource: ${source}`);
    }
    if (acmArn !== undefined && source !== undefined && source !== 'acm') {
      throw invalidCert('Cannot specify ACMCertificateArn and a CertificateSource not equal to acm.');
    }
    if (iamId !== undefined && source !== undefined && source !== 'iam') {
      throw invalidCert('Cannot specify IAMCertificateId and a CertificateSource not equal to iam.');
    }
    if (useDefault && source !== undefined && source !== 'cloudfront') {
      throw invalidCert(
        'Cannot specify CloudFrontDefaultCertificate and a CertificateSource not equal to cloudfront.',
      );
    }
    if (vc.certificate !== undefined) {
      if (acmArn !== undefined && vc.certificate !== acmArn) {
        throw invalidCert('Cannot specify ACMCertificateArn and a different Certificate.');
      }
      if (iamId !== undefined && vc.certificate !== iamId) {
        throw invalidCert('Cannot specify IAMCertificateId and a different Certificate.');
      }
      if (acmArn === undefined && iamId === undefined && !useDefault) {
        if (source === 'acm') acmArn = vc.certificate;
        else if (source === 'iam') iamId = vc.certificate;
      }
    }
    if (
      acmArn === undefined &&
      iamId === undefined &&
      !useDefault &&
      (source === undefined || source === 'cloudfront')
    ) {
      useDefault = true; // no ViewerCertificate at all means the *.cloudfront.net certificate
    }
    const chosen = [useDefault, acmArn !== undefined, iamId !== undefined].filter(Boolean).length;
    if (chosen > 1) {
      throw invalidCert(
        'You must specify only one of CloudFrontDefaultCertificate, IAMCertificateId or ACMCertificateArn.',
      );
    }

    if (useDefault) {
      if (aliases.length > 0) throw invalidCert(MESSAGES.aliasNeedsCertificate);
      return element('ViewerCertificate', [
        element('CloudFrontDefaultCertificate', 'true'),
        element('SSLSupportMethod', 'vip'),
        element('MinimumProtocolVersion', 'TLSv1'),
        element('CertificateSource', 'cloudfront'),
      ]);
    }
    if (vc.sslSupportMethod === undefined) {
      throw invalidCert('SSLSupportMethod is required when a custom certificate is specified.');
    }
    if (!['sni-only', 'vip'].includes(vc.sslSupportMethod)) {
      throw invalidCert(`The SSLSupportMethod ${vc.sslSupportMethod} isn't supported for this distribution.`);
    }
    const mpv = vc.minimumProtocolVersion;
    if (mpv === undefined || !MINIMUM_PROTOCOL_VERSIONS.includes(mpv)) {
      throw new ServiceError(
        'InvalidMinimumProtocolVersion',
        `The minimum protocol version specified is not valid: ${mpv ?? '(missing)'}.`,
      );
    }
    if (vc.sslSupportMethod === 'sni-only' && mpv === 'SSLv3') {
      throw new ServiceError(
        'InvalidMinimumProtocolVersion',
        'The minimum protocol version SSLv3 is not supported with sni-only.',
      );
    }
    // An ACM certificate (us-east-1) or an IAM server certificate under /cloudfront: the same rules.
    let leaf: CertificateFacts;
    if (iamId !== undefined) {
      const stored = this.deps.iam.get(iamId);
      if (!stored || !stored.path.startsWith('/cloudfront/')) throw invalidCert();
      leaf = stored.leaf;
    } else {
      const region = /^arn:aws:acm:([a-z0-9-]+):/.exec(acmArn!)?.[1];
      const cert = this.deps.acm.get(acmArn!);
      if (region !== 'us-east-1' || !cert) throw invalidCert();
      leaf = cert.leaf;
    }
    const now = this.deps.now().getTime();
    if (leaf.notAfter.getTime() < now || leaf.notBefore.getTime() > now) throw invalidCert();
    if (!(CLOUDFRONT_KEY_ALGORITHMS as readonly string[]).includes(leaf.keyAlgorithm)) {
      throw invalidCert(
        `The specified SSL certificate uses a key algorithm (${leaf.keyAlgorithm}) that CloudFront doesn't support.`,
      );
    }
    for (const alias of aliases) {
      if (!leaf.subjectAlternativeNames.some((san) => nameCovers(san, alias))) {
        throw invalidCert(MESSAGES.aliasNotCovered);
      }
    }
    const [field, value, storedSource] =
      iamId !== undefined ? ['IAMCertificateId', iamId, 'iam'] : ['ACMCertificateArn', acmArn!, 'acm'];
    return element('ViewerCertificate', [
      element('CloudFrontDefaultCertificate', 'false'),
      element(field, value),
      element('SSLSupportMethod', vc.sslSupportMethod),
      element('MinimumProtocolVersion', mpv),
      element('Certificate', value),
      element('CertificateSource', storedSource),
    ]);
  }

  /** Validates a config and returns what CloudFront stores. */
  private accept(config: XmlElement, selfId: string | undefined, validate: boolean): XmlElement {
    const stored = cloneElement(config);
    stored.attributes = {};
    this.checkStructure(stored);
    if (!validate) return stored;
    this.checkAliasesFree(stored, selfId);
    const vc = this.checkViewerCertificate(stored);
    const i = stored.children.findIndex((c) => c.name === 'ViewerCertificate');
    if (i >= 0) stored.children[i] = vc;
    else {
      const at = stored.children.findIndex((c) => c.name === 'Restrictions');
      stored.children.splice(at >= 0 ? at : stored.children.length, 0, vc);
    }
    return stored;
  }

  private newDeployment(): number {
    return this.deps.now().getTime() + this.deps.deployDelayMs();
  }

  create(config: XmlElement, opts: CreateOptions = {}): StoredDistribution {
    const stored = this.accept(config, undefined, opts.validate ?? true);
    const callerReference = textAt(stored, 'CallerReference');
    for (const d of this.distributions.values()) {
      if (textAt(d.config, 'CallerReference') === callerReference) {
        throw new ServiceError(
          'DistributionAlreadyExists',
          `The caller reference that you are using to create a distribution is associated with another distribution. Already exists: ${d.id}`,
          409,
        );
      }
    }
    const id = opts.id ?? randomId('E', 13, UPPER);
    if (this.distributions.has(id)) throw new Error(`distribution ${id} already exists`);
    const d: StoredDistribution = {
      id,
      arn: `arn:aws:cloudfront::${this.deps.accountId}:distribution/${id}`,
      domainName: `${randomId('d', 13, LOWER)}.cloudfront.net`,
      etag: newEtag(),
      config: stored,
      lastModifiedTime: this.deps.now(),
      deployedAt: opts.status === 'Deployed' ? 0 : this.newDeployment(),
      previousCertificateArn: undefined,
      version: 1,
    };
    this.distributions.set(id, d);
    return d;
  }

  update(id: string, config: XmlElement, ifMatch: string | undefined): StoredDistribution {
    const d = this.require(id);
    if (ifMatch === undefined || ifMatch === '') {
      throw new ServiceError('InvalidIfMatchVersion', MESSAGES.ifMatchMissing);
    }
    if (ifMatch !== d.etag) throw new ServiceError('PreconditionFailed', MESSAGES.preconditionFailed, 412);
    const stored = this.accept(config, id, true);
    if (textAt(stored, 'CallerReference') !== textAt(d.config, 'CallerReference')) {
      throw new ServiceError('IllegalUpdate', 'The CallerReference of a distribution cannot be changed.');
    }
    this.replaceConfig(d, stored);
    return d;
  }

  /** Changes a distribution outside the API (a concurrent writer, a test's setup). */
  change(id: string, change: ConfigChange): StoredDistribution {
    const d = this.require(id);
    const config = cloneElement(d.config);
    applyConfigChange(config, change);
    this.replaceConfig(d, config);
    return d;
  }

  private replaceConfig(d: StoredDistribution, config: XmlElement): void {
    const before = viewerCertificateOf(d.config).acmCertificateArn;
    const after = viewerCertificateOf(config).acmCertificateArn;
    // While the change deploys, the edge still serves the old certificate.
    if (before !== after) d.previousCertificateArn = before;
    else if (this.status(d) === 'Deployed') d.previousCertificateArn = undefined;
    d.config = config;
    d.etag = newEtag();
    d.lastModifiedTime = this.deps.now();
    d.deployedAt = this.newDeployment();
    d.version += 1;
  }

  deployNow(id?: string): void {
    const now = this.deps.now().getTime();
    for (const d of this.distributions.values()) {
      if (id === undefined || d.id === id) d.deployedAt = Math.min(d.deployedAt, now);
    }
  }

  // ---- the wire --------------------------------------------------------------------------

  distributionXml(d: StoredDistribution, status = this.status(d)): string {
    return buildXml(
      element(
        'Distribution',
        [
          element('Id', d.id),
          element('ARN', d.arn),
          element('Status', status),
          element('LastModifiedTime', d.lastModifiedTime.toISOString()),
          element('InProgressInvalidationBatches', this.inProgressInvalidations(d.id)),
          element('DomainName', d.domainName),
          element('ActiveTrustedSigners', [element('Enabled', 'false'), element('Quantity', 0)]),
          element('ActiveTrustedKeyGroups', [element('Enabled', 'false'), element('Quantity', 0)]),
          cloneElement(d.config),
        ],
        { xmlns: CLOUDFRONT_NS },
      ),
    );
  }

  configXml(d: StoredDistribution): string {
    return buildXml(this.withNamespace(d.config));
  }

  private summary(d: StoredDistribution): XmlElement {
    const copy = (name: string, fallback: () => XmlElement): XmlElement => {
      const found = child(d.config, name);
      return found ? cloneElement(found) : fallback();
    };
    const empty = (name: string) => () => element(name, [element('Quantity', 0)]);
    const text = (name: string, value: string) => () => element(name, value);
    const optional = ['ConnectionMode', 'AnycastIpListId']
      .map((n) => child(d.config, n))
      .filter((e): e is XmlElement => e !== undefined)
      .map(cloneElement);
    return element('DistributionSummary', [
      element('Id', d.id),
      element('ARN', d.arn),
      element('ETag', d.etag),
      element('Status', this.status(d)),
      element('LastModifiedTime', d.lastModifiedTime.toISOString()),
      element('DomainName', d.domainName),
      copy('Aliases', empty('Aliases')),
      copy('Origins', empty('Origins')),
      copy('OriginGroups', empty('OriginGroups')),
      copy('DefaultCacheBehavior', () => element('DefaultCacheBehavior')),
      copy('CacheBehaviors', empty('CacheBehaviors')),
      copy('CustomErrorResponses', empty('CustomErrorResponses')),
      copy('Comment', text('Comment', '')),
      copy('PriceClass', text('PriceClass', 'PriceClass_All')),
      copy('Enabled', text('Enabled', 'true')),
      copy('ViewerCertificate', () => element('ViewerCertificate')),
      copy('Restrictions', () =>
        element('Restrictions', [
          element('GeoRestriction', [element('RestrictionType', 'none'), element('Quantity', 0)]),
        ]),
      ),
      copy('WebACLId', text('WebACLId', '')),
      copy('HttpVersion', text('HttpVersion', 'http2')),
      copy('IsIPV6Enabled', text('IsIPV6Enabled', 'false')),
      copy('Staging', text('Staging', 'false')),
      ...optional,
    ]);
  }

  listXml(marker: string | undefined, maxItemsParam: string | undefined): string {
    const maxItems = Math.min(maxItemsParam === undefined ? 100 : Number(maxItemsParam), 1000);
    if (!Number.isInteger(maxItems) || maxItems < 1) {
      throw new ServiceError('InvalidArgument', `Invalid MaxItems: ${maxItemsParam}`);
    }
    const all = [...this.distributions.values()];
    let start = 0;
    if (marker) {
      start = all.findIndex((d) => d.id === marker);
      if (start < 0) start = all.length;
    }
    const page = all.slice(start, start + maxItems);
    const next = all[start + maxItems];
    return buildXml(
      element(
        'DistributionList',
        [
          element('Marker', marker ?? ''),
          ...(next ? [element('NextMarker', next.id)] : []),
          element('MaxItems', maxItems),
          element('IsTruncated', next ? 'true' : 'false'),
          element('Quantity', page.length),
          ...(page.length > 0
            ? [
                element(
                  'Items',
                  page.map((d) => this.summary(d)),
                ),
              ]
            : []),
        ],
        { xmlns: CLOUDFRONT_NS },
      ),
    );
  }

  parseBody(body: string): XmlElement {
    if (body.trim() === '') throw new ServiceError('MalformedInput', 'The request body is empty.');
    try {
      return parseXml(body);
    } catch (err) {
      if (err instanceof XmlSyntaxError)
        throw new ServiceError('MalformedXML', `The XML you provided was not well-formed: ${err.message}`);
      throw err;
    }
  }
}

export interface CloudFrontRoute {
  operation: string;
  id: string | undefined;
  invalidationId?: string;
}

export function routeCloudFront(method: string, path: string): CloudFrontRoute {
  const inv = /^\/2020-05-31\/distribution\/([^/]+)\/invalidation(?:\/([^/]+))?\/?$/.exec(path);
  if (inv) {
    const id = decodeURIComponent(inv[1]!);
    if (inv[2] !== undefined && method === 'GET') {
      return { operation: 'GetInvalidation', id, invalidationId: decodeURIComponent(inv[2]) };
    }
    if (inv[2] === undefined && method === 'POST') return { operation: 'CreateInvalidation', id };
    if (inv[2] === undefined && method === 'GET') return { operation: 'ListInvalidations', id };
    return { operation: 'Unknown', id };
  }
  const m = /^\/2020-05-31\/distribution(?:\/([^/]+)(\/config)?)?\/?$/.exec(path);
  if (!m) return { operation: 'Unknown', id: undefined };
  const id = m[1] === undefined ? undefined : decodeURIComponent(m[1]);
  const config = m[2] !== undefined;
  if (id === undefined) {
    if (method === 'POST') return { operation: 'CreateDistribution', id };
    if (method === 'GET') return { operation: 'ListDistributions', id };
  } else if (config) {
    if (method === 'GET') return { operation: 'GetDistributionConfig', id };
    if (method === 'PUT') return { operation: 'UpdateDistribution', id };
  } else if (method === 'GET') {
    return { operation: 'GetDistribution', id };
  }
  return { operation: 'Unknown', id };
}
