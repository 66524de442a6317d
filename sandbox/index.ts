// The local AWS sandbox: CloudFront, ACM, IAM server certificates, STS, Route 53 and a GitHub OIDC
// endpoint on one port, with fault injection and a request log. Dev-only: never imported from src/.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AcmService, type ImportInput, type Tag } from './acm.js';
import {
  CloudFrontService,
  type ConfigChange,
  type ConfigEdit,
  type DistributionView,
} from './cloudfront.js';
import { buildDistributionConfig, type DistributionSeed } from './distribution-config.js';
import {
  Faults,
  type FailureOptions,
  type RateLimitOptions,
  type RequestRecord,
  type ThrottleOptions,
} from './faults.js';
import { InvalidationService, type InvalidationView } from './invalidations.js';
import { Route53Service, type HostedZoneView, type RecordSetView } from './route53.js';
import { OidcIssuer } from './oidc.js';
import { handleRequest, type Backend } from './server.js';
import { IamService, type ServerCertificateInput } from './iam.js';
import { StsService, type Role } from './sts.js';

export type { DistributionSeed, ViewerCertificateSeed } from './distribution-config.js';
export type { DistributionView, ViewerCertificateView, ConfigEdit, ConfigChange } from './cloudfront.js';
export type { RequestRecord, Service, ThrottleOptions, RateLimitOptions, FailureOptions } from './faults.js';
export type { Role } from './sts.js';
export type { ServerCertificateInput } from './iam.js';
export type { Tag } from './acm.js';
export type { InvalidationView } from './invalidations.js';
export type { HostedZoneView, RecordSetView, AliasTargetView } from './route53.js';
export type { XmlElement, PlainXml } from './xml.js';
export { adminCall } from './admin-client.js';

export interface SandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  host?: string;
  /** How long a distribution stays InProgress after a change (default 0: Deployed at once). */
  deployDelayMs?: number;
  accountId?: string;
  /** The sandbox's clock (certificate validity, deployments, token lifetimes). */
  now?: () => Date;
}

export interface SeededDistribution {
  id: string;
  arn: string;
  etag: string;
  domainName: string;
}

export interface CertificateView {
  arn: string;
  region: string;
  domainName: string;
  subjectAlternativeNames: string[];
  serial: string;
  keyAlgorithm: string;
  notBefore: Date;
  notAfter: Date;
  importedAt: Date;
  /** 1 for the first import, +1 per re-import. */
  imports: number;
  inUseBy: string[];
  status: 'ISSUED' | 'EXPIRED';
  tags: Tag[];
  certificatePem: string;
  chainPem: string;
}

export interface SessionView {
  accessKeyId: string;
  roleArn: string;
  sessionName: string;
  subject: string;
  expiration: Date;
}

export interface ImportCertificateInput {
  certificate: string;
  privateKey: string;
  chain?: string;
  tags?: Tag[];
  /** ACM region (default us-east-1; CloudFront refuses any other). */
  region?: string;
  /** Re-import into this ARN. */
  certificateArn?: string;
}

export interface ConcurrentWriteOptions {
  /** How many reads trigger a write (default 1). */
  times?: number;
  /** Which read triggers it (default either: both return the ETag an update would use). */
  after?: 'GetDistributionConfig' | 'GetDistribution' | 'either';
}

interface PendingWrite {
  change: ConfigChange;
  after: NonNullable<ConcurrentWriteOptions['after']>;
}

const DEFAULT_CHANGE: ConfigChange = (config) => {
  const comment = config.children.find((c) => c.name === 'Comment');
  if (comment) comment.text = `${comment.text} (edited concurrently)`.trim();
};

export class Sandbox {
  readonly accountId: string;
  readonly url: string;
  readonly port: number;
  readonly oidcTokenUrl: string;
  private readonly log: RequestRecord[] = [];
  private readonly pendingWrites = new Map<string, PendingWrite[]>();
  private deployDelayMs: number;
  private readonly initialDeployDelayMs: number;
  /** @internal */
  readonly backend: Backend;
  private readonly faults = new Faults();
  private readonly cf: CloudFrontService;
  private readonly invalidationService: InvalidationService;
  private readonly acm: AcmService;
  private readonly sts: StsService;
  private readonly iam: IamService;
  private readonly oidc: OidcIssuer;
  private readonly route53: Route53Service;
  private changeDelayMs = 0;

  /** @internal use startSandbox() */
  constructor(
    private readonly server: Server,
    opts: Required<Pick<SandboxOptions, 'accountId' | 'now' | 'deployDelayMs'>> & {
      host: string;
      port: number;
    },
  ) {
    this.accountId = opts.accountId;
    this.deployDelayMs = this.initialDeployDelayMs = opts.deployDelayMs;
    this.port = opts.port;
    this.url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${opts.port}`;
    this.oidcTokenUrl = `${this.url}/oidc/token?api-version=2.0`;
    const now = opts.now;
    // ACM's InUseBy comes from CloudFront's distributions, and CloudFront checks ACM's certificates.
    this.acm = new AcmService({ accountId: this.accountId, now, usersOf: (arn) => this.cf.usersOf(arn) });
    this.iam = new IamService({ accountId: this.accountId, now });
    this.cf = new CloudFrontService({
      accountId: this.accountId,
      now,
      deployDelayMs: () => this.deployDelayMs,
      acm: this.acm,
      iam: this.iam,
    });
    this.invalidationService = new InvalidationService(this.cf, {
      now,
      completeDelayMs: () => this.deployDelayMs,
    });
    this.cf.inProgressInvalidations = (id) => this.invalidationService.inProgress(id);
    this.oidc = new OidcIssuer(now);
    this.route53 = new Route53Service({
      now,
      changeDelayMs: () => this.changeDelayMs,
      // Route 53 checks a CloudFront alias target against the distribution's aliases.
      cloudFrontAliases: (domainName) =>
        [...this.cf.distributions.keys()]
          .map((id) => this.cf.view(id))
          .find((d) => d.domainName === domainName)?.aliases,
    });
    this.sts = new StsService({ accountId: this.accountId, now, oidc: this.oidc });
    this.backend = {
      cloudfront: this.cf,
      invalidations: this.invalidationService,
      acm: this.acm,
      sts: this.sts,
      iam: this.iam,
      oidc: this.oidc,
      route53: this.route53,
      faults: this.faults,
      now,
      record: (entry) => this.log.push(entry),
      afterRead: (id, operation) => this.runConcurrentWrite(id, operation),
      admin: (name, args) => this.admin(name, args),
    };
  }

  /** The request token for ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  get oidcRequestToken(): string {
    return this.oidc.requestToken;
  }

  /** A role whose trust policy accepts `repo:owner/repo:*` with audience sts.amazonaws.com. */
  get defaultRoleArn(): string {
    return this.sts.defaultRoleArn;
  }

  /** Every call made to CloudFront, ACM, IAM, STS, Route 53 and the OIDC endpoint, oldest first. */
  get requests(): readonly RequestRecord[] {
    return [...this.log];
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((err) => (err ? reject(err) : resolve()));
      this.server.closeAllConnections();
    });
  }

  /** Back to a fresh sandbox: no distributions, certificates, sessions, faults or log. */
  reset(): void {
    this.deployDelayMs = this.initialDeployDelayMs;
    this.cf.reset();
    this.invalidationService.reset();
    this.acm.reset();
    this.sts.reset();
    this.iam.reset();
    this.oidc.reset();
    this.route53.reset();
    this.changeDelayMs = 0;
    this.clearFaults();
    this.clearRequests();
  }

  clearRequests(): void {
    this.log.length = 0;
  }

  clearFaults(): void {
    this.faults.clear();
    this.pendingWrites.clear();
  }

  // ---- faults ------------------------------------------------------------------------------

  /** The next `times` calls of `operation` get the service's throttling error. */
  throttle(operation: string, opts: ThrottleOptions = {}): void {
    this.faults.throttle(operation, opts);
  }

  /** A token bucket for `operation`, like CloudFront's per-account API rate limits. */
  rateLimit(operation: string, opts: RateLimitOptions): void {
    this.faults.rateLimit(operation, opts);
  }

  /** Added latency per request (for one operation, or all when omitted). */
  latency(ms: number, operation?: string): void {
    this.faults.latency(ms, operation);
  }

  /** The next `times` calls of `operation` (optionally about `target`) fail with this error. */
  failNext(operation: string, opts: FailureOptions): void {
    this.faults.failNext(operation, opts);
  }

  /**
   * A concurrent writer: right after the next read of distribution `id` (GetDistributionConfig
   * or GetDistribution) is answered, someone else changes it, so a write with the ETag just
   * read fails with 412. The default change edits the Comment.
   */
  concurrentWrite(
    id: string,
    change: ConfigChange = DEFAULT_CHANGE,
    opts: ConcurrentWriteOptions = {},
  ): void {
    const list = this.pendingWrites.get(id) ?? [];
    for (let i = 0; i < (opts.times ?? 1); i++) list.push({ change, after: opts.after ?? 'either' });
    this.pendingWrites.set(id, list);
  }

  /** Alias of concurrentWrite(). */
  onBeforeUpdate(id: string, change?: ConfigChange, opts?: ConcurrentWriteOptions): void {
    this.concurrentWrite(id, change, opts);
  }

  private runConcurrentWrite(id: string, operation: 'GetDistribution' | 'GetDistributionConfig'): void {
    const list = this.pendingWrites.get(id) ?? [];
    const i = list.findIndex((w) => w.after === 'either' || w.after === operation);
    const pending = list[i];
    if (!pending) return;
    list.splice(i, 1);
    this.cf.change(id, pending.change);
    this.log.push({
      service: 'cloudfront',
      operation: 'ConcurrentWrite',
      target: id,
      accessKeyId: undefined,
      region: undefined,
      status: 200,
      errorCode: undefined,
      injected: true,
      time: this.backend.now(),
    });
  }

  // ---- CloudFront state -------------------------------------------------------------------

  /** Seeds a distribution with a full, realistic DistributionConfig (Deployed by default). */
  createDistribution(seed: DistributionSeed = {}): SeededDistribution {
    const d = this.cf.create(buildDistributionConfig(seed), {
      id: seed.id,
      validate: seed.validate,
      status: seed.status ?? 'Deployed',
    });
    return { id: d.id, arn: d.arn, etag: d.etag, domainName: d.domainName };
  }

  /** Throws when there is no such distribution. */
  getDistribution(id: string): DistributionView {
    return this.cf.view(id);
  }

  distributions(): DistributionView[] {
    return [...this.cf.distributions.keys()].map((id) => this.cf.view(id));
  }

  /** Changes a distribution out of band (new ETag, InProgress), without CloudFront's checks. */
  changeDistribution(id: string, change: ConfigChange): { etag: string } {
    return { etag: this.cf.change(id, change).etag };
  }

  /** CreateInvalidation calls received (for one distribution, or all), oldest first. */
  invalidations(distributionId?: string): InvalidationView[] {
    return this.invalidationService.invalidations
      .filter((i) => distributionId === undefined || i.distributionId === distributionId)
      .map((i) => this.invalidationService.view(i));
  }

  /** Finishes deployments and invalidations now (one distribution, or all). */
  deployNow(id?: string): void {
    this.cf.deployNow(id);
    const now = this.backend.now().getTime();
    for (const inv of this.invalidationService.invalidations) {
      if (id === undefined || inv.distributionId === id) inv.completedAt = Math.min(inv.completedAt, now);
    }
  }

  setDeployDelay(ms: number): void {
    this.deployDelayMs = ms;
  }

  // ---- Route 53 state ----------------------------------------------------------------------

  /** A hosted zone (public unless `private`), with the NS and SOA records Route 53 adds. Returns its ID. */
  createHostedZone(name: string, opts: { private?: boolean; comment?: string; id?: string } = {}): string {
    return this.route53.createZone(name, opts);
  }

  hostedZone(id: string): HostedZoneView {
    return this.route53.zoneView(id);
  }

  /** The zone's record sets as ListResourceRecordSets orders them (names as Route 53 spells them). */
  recordSets(zoneId: string): RecordSetView[] {
    return this.route53.recordSets(zoneId);
  }

  /** Seeds a record set without ChangeResourceRecordSets' checks (replaces one with the same name, type and set identifier). */
  putRecordSet(zoneId: string, recordSet: RecordSetView): void {
    this.route53.putRecordSet(zoneId, recordSet);
  }

  /** How long a Route 53 change stays PENDING before GetChange says INSYNC (default 0). */
  setChangeDelay(ms: number): void {
    this.changeDelayMs = ms;
  }

  /** Every PENDING Route 53 change becomes INSYNC now. */
  syncChangesNow(): void {
    this.route53.syncNow();
  }

  // ---- ACM state ---------------------------------------------------------------------------

  /** ImportCertificate without the wire (same rules). Returns the ARN. */
  importCertificate(input: ImportCertificateInput): string {
    const i: ImportInput = {
      certificate: input.certificate,
      privateKey: input.privateKey,
      chain: input.chain,
      tags: input.tags,
      region: input.region,
      certificateArn: input.certificateArn,
    };
    return this.acm.importCertificate(i);
  }

  /**
   * UploadServerCertificate without the wire (same rules): an IAM server certificate, by default
   * under /cloudfront/ where CloudFront can use it. Returns its ID, what IAMCertificateId holds.
   */
  uploadServerCertificate(input: ServerCertificateInput): string {
    return this.iam.upload({ path: '/cloudfront/', ...input }).id;
  }

  /** IAM answers ListServerCertificates with at most `n` per page, whatever MaxItems asks. */
  limitIamPageSize(n: number): void {
    this.iam.pageLimit = n;
  }

  certificate(arn: string): CertificateView | undefined {
    const c = this.acm.get(arn);
    if (!c) return undefined;
    return {
      arn: c.arn,
      region: c.region,
      domainName: c.leaf.domainName,
      subjectAlternativeNames: [...c.leaf.subjectAlternativeNames],
      serial: c.leaf.serial,
      keyAlgorithm: c.leaf.keyAlgorithm,
      notBefore: c.leaf.notBefore,
      notAfter: c.leaf.notAfter,
      importedAt: c.importedAt,
      imports: c.imports,
      inUseBy: this.cf.usersOf(c.arn),
      status: this.acm.status(c),
      tags: c.tags.map((t) => ({ ...t })),
      certificatePem: c.leaf.pem,
      chainPem: c.chain.map((x) => x.pem).join(''),
    };
  }

  certificates(): CertificateView[] {
    return [...this.acm.certificates.keys()].map((arn) => this.certificate(arn)!);
  }

  // ---- STS / OIDC --------------------------------------------------------------------------

  addRole(role: Role): void {
    this.sts.addRole(role);
  }

  /** `sub` of the OIDC tokens issued from now on. */
  setOidcSubject(subject: string): void {
    this.oidc.settings.subject = subject;
  }

  setOidcClaims(claims: Record<string, unknown>): void {
    Object.assign(this.oidc.settings.claims, claims);
  }

  /** A token as the OIDC endpoint would issue it (for calling STS directly). */
  issueIdToken(audience = 'sts.amazonaws.com', overrides: Record<string, unknown> = {}): string {
    return this.oidc.issue(audience, overrides);
  }

  sessions(): SessionView[] {
    return [...this.sts.sessions.values()].map((s) => ({
      accessKeyId: s.accessKeyId,
      roleArn: s.roleArn,
      sessionName: s.sessionName,
      subject: s.subject,
      expiration: s.expiration,
    }));
  }

  // ---- the admin endpoint ------------------------------------------------------------------

  /** The JSON API behind /__admin/<name>: one object argument per function. */
  async admin(name: string, args: unknown): Promise<unknown> {
    const a = (args ?? {}) as Record<string, unknown>;
    const str = (k: string) => {
      const v = a[k];
      if (typeof v !== 'string') throw new Error(`${name}: "${k}" must be a string`);
      return v;
    };
    const edit = (): ConfigEdit => {
      const e: ConfigEdit = {};
      if (a.set !== undefined) e.set = a.set as Record<string, string>;
      if (a.remove !== undefined) e.remove = a.remove as string[];
      if (a.aliases !== undefined) e.aliases = a.aliases as string[];
      return e;
    };
    switch (name) {
      case 'info':
        return {
          url: this.url,
          accountId: this.accountId,
          oidcRequestToken: this.oidcRequestToken,
          oidcTokenUrl: this.oidcTokenUrl,
          defaultRoleArn: this.defaultRoleArn,
        };
      case 'reset':
        return this.reset();
      case 'clearFaults':
        return this.clearFaults();
      case 'clearRequests':
        return this.clearRequests();
      case 'requests':
        return this.requests;
      case 'throttle':
        return this.throttle(str('operation'), a as ThrottleOptions);
      case 'rateLimit':
        return this.rateLimit(str('operation'), a as unknown as RateLimitOptions);
      case 'latency':
        return this.latency(Number(a.ms ?? 0), a.operation as string | undefined);
      case 'failNext':
        return this.failNext(str('operation'), a as unknown as FailureOptions);
      case 'concurrentWrite':
      case 'onBeforeUpdate': {
        const e = edit();
        const change = Object.keys(e).length > 0 ? e : DEFAULT_CHANGE;
        return this.concurrentWrite(str('id'), change, {
          times: Number(a.times ?? 1),
          after: (a.after as ConcurrentWriteOptions['after']) ?? 'either',
        });
      }
      case 'createDistribution':
        return this.createDistribution(a as DistributionSeed);
      case 'getDistribution':
        return this.getDistribution(str('id'));
      case 'distributions':
        return this.distributions();
      case 'changeDistribution':
        return this.changeDistribution(str('id'), edit());
      case 'invalidations':
        return this.invalidations(a.id as string | undefined);
      case 'deployNow':
        return this.deployNow(a.id as string | undefined);
      case 'setDeployDelay':
        return this.setDeployDelay(Number(a.ms ?? 0));
      case 'importCertificate':
        return { arn: this.importCertificate(a as unknown as ImportCertificateInput) };
      case 'uploadServerCertificate':
        return { id: this.uploadServerCertificate(a as unknown as ServerCertificateInput) };
      case 'limitIamPageSize':
        return this.limitIamPageSize(Number(a.n));
      case 'certificate':
        return this.certificate(str('arn')) ?? null;
      case 'certificates':
        return this.certificates();
      case 'addRole':
        return this.addRole(a as unknown as Role);
      case 'setOidcSubject':
        return this.setOidcSubject(str('subject'));
      case 'setOidcClaims':
        return this.setOidcClaims(a);
      case 'issueIdToken':
        return { token: this.issueIdToken((a.audience as string | undefined) ?? 'sts.amazonaws.com') };
      case 'createHostedZone':
        return {
          id: this.createHostedZone(str('name'), a as { private?: boolean; comment?: string; id?: string }),
        };
      case 'hostedZone':
        return this.hostedZone(str('id'));
      case 'recordSets':
        return this.recordSets(str('zoneId'));
      case 'putRecordSet':
        return this.putRecordSet(str('zoneId'), a.recordSet as RecordSetView);
      case 'setChangeDelay':
        return this.setChangeDelay(Number(a.ms ?? 0));
      case 'syncChangesNow':
        return this.syncChangesNow();
      case 'sessions':
        return this.sessions();
      default:
        throw new Error(`unknown admin function ${name}`);
    }
  }
}

/** Starts the sandbox on 127.0.0.1 (a free port unless `port` is given). */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? '127.0.0.1';
  const started: { sandbox?: Sandbox } = {};
  const server = createServer((req, res) => {
    const sandbox = started.sandbox;
    if (!sandbox) {
      res.writeHead(503).end();
      return;
    }
    handleRequest(sandbox.backend, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`sandbox error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const sandbox = new Sandbox(server, {
    host,
    port,
    accountId: opts.accountId ?? '123456789012',
    now: opts.now ?? (() => new Date()),
    deployDelayMs: opts.deployDelayMs ?? 0,
  });
  started.sandbox = sandbox;
  return sandbox;
}
