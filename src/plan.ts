// decide(): what a run will do, from what it read. Pure: no I/O, no clock but the one passed in.
// A dry run reports this plan; a real run carries it out (src/apply.ts).
import type { DistributionConfig, ViewerCertificate } from '@aws-sdk/client-cloudfront';
import { uncoveredAliases } from './coverage.js';
import {
  type AcmCertificateSummary,
  type AwsFailure,
  type DistributionState,
  aliasesOf,
  attachedAcmArn,
  attachedIamId,
  hasCustomCertificate,
} from './distribution.js';
import { type Enforcement, type OriginVerdict, enforce } from './posture/index.js';
import {
  DEFAULT_MINIMUM_PROTOCOL_VERSION,
  type MinimumProtocolVersion,
  type SslSupportMethod,
} from './settings.js';

/** The facts about our leaf that planning needs (a subset of CertificateFacts). */
export interface LeafFacts {
  readonly sans: readonly string[];
  readonly notAfter: Date;
  readonly fingerprintSha256: string;
  /** ACM's name, e.g. RSA_2048: a re-import must keep it. */
  readonly keyAlgorithm?: string;
  /** EKU names (serverAuth, clientAuth, ...); undefined when the leaf has no EKU extension. */
  readonly extendedKeyUsage?: readonly string[] | undefined;
}

export interface PlanSettings {
  readonly certificateArn: string | undefined;
  readonly sslSupportMethod: SslSupportMethod | undefined;
  readonly minimumProtocolVersion: MinimumProtocolVersion | undefined;
  readonly allowOlderCertificate: boolean;
  readonly enforcement: Enforcement;
}

/** Origin TLS preflight verdicts, by distribution ID then origin ID. */
export type OriginVerdicts = ReadonlyMap<string, ReadonlyMap<string, OriginVerdict>>;

/** What reading found: each distribution (or why it could not be read) and the ACM certificates seen. */
export interface Observation {
  readonly distributions: ReadonlyArray<
    { readonly id: string } & ({ readonly state: DistributionState } | { readonly failure: AwsFailure })
  >;
  /**
   * ACM certificates seen during the read, by ARN: the attached ones (as ListCertificates summarised
   * them, or described when it did not list them), `certificate-arn` (described), and any fetched to
   * compare with our leaf.
   */
  readonly certificates: ReadonlyMap<string, AcmCertificateSummary>;
  /** An ACM certificate whose PEM is exactly our leaf, if one exists. */
  readonly identicalArn: string | undefined;
  /**
   * Distributions outside `distribution-ids` that use `certificate-arn` (its InUseBy). A re-import
   * changes what they serve too, so they must be covered as well.
   */
  readonly bystanders: readonly DistributionState[];
  readonly originVerdicts: OriginVerdicts;
  /** IAM server certificates the distributions serve, by ID (IAMCertificateId), with their expiry. */
  readonly iamCertificates: ReadonlyMap<string, { readonly notAfter: Date | undefined }>;
}

export type Decision =
  | {
      readonly kind: 'update';
      readonly reason: string;
      /** Without the ARN: known only after the import. */
      readonly viewerCertificate: ViewerCertificate;
      /** The config to send (as read, plus any enforcement); apply sets the viewer certificate. */
      readonly config: DistributionConfig;
    }
  | { readonly kind: 'unchanged'; readonly reason: string }
  | { readonly kind: 'skip'; readonly reason: string; readonly uncoveredAliases: readonly string[] }
  | { readonly kind: 'fail'; readonly reason: string; readonly code: string };

export interface DistributionPlan {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly previousCertificateArn: string | undefined;
  readonly decision: Decision;
  readonly state: DistributionState | undefined;
}

export type CertificateStep =
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'reuse'; readonly arn: string; readonly reason: string }
  | { readonly kind: 'import' }
  | { readonly kind: 'reimport'; readonly arn: string }
  | { readonly kind: 'refused'; readonly arn: string; readonly reason: string };

export interface Plan {
  readonly certificate: CertificateStep;
  readonly distributions: readonly DistributionPlan[];
}

export function decide(leaf: LeafFacts, observation: Observation, settings: PlanSettings): Plan {
  // The ARN our certificate will have, when it is known before any write.
  const knownArn = settings.certificateArn ?? observation.identicalArn;
  const targetRecord = settings.certificateArn
    ? observation.certificates.get(settings.certificateArn)
    : undefined;
  const reimportNeeded =
    settings.certificateArn !== undefined && targetRecord?.fingerprintSha256 !== leaf.fingerprintSha256;

  let distributions = observation.distributions.map((d) =>
    'failure' in d
      ? failed(d.id, d.failure)
      : decideDistribution(leaf, d.state, observation, knownArn, reimportNeeded, settings),
  );

  let certificate: CertificateStep;
  const wanted = distributions.some(
    (d) =>
      d.decision.kind === 'update' ||
      (reimportNeeded &&
        d.previousCertificateArn === settings.certificateArn &&
        d.decision.kind === 'unchanged'),
  );
  if (settings.certificateArn !== undefined) {
    const arn = settings.certificateArn;
    const broken = reimportNeeded ? reimportBreaks(leaf, arn, distributions, observation.bystanders) : [];
    const incompatible = reimportNeeded && targetRecord ? reimportIncompatibilities(leaf, targetRecord) : [];
    // The downgrade guard, for everything that follows the ARN at once.
    const older =
      reimportNeeded &&
      !settings.allowOlderCertificate &&
      targetRecord?.notAfter !== undefined &&
      targetRecord.notAfter.getTime() > leaf.notAfter.getTime();
    if (broken.length > 0 || incompatible.length > 0 || older) {
      const reason =
        broken.length > 0
          ? `re-importing into ${arn} would break ${broken.join(', ')}, which use it: the new certificate does not cover their aliases`
          : incompatible.length > 0
            ? `ACM would refuse a re-import into ${arn}: ${incompatible.join('; ')}`
            : `${arn} holds a certificate that expires later: ${targetRecord!.notAfter!.toISOString()} (this one: ${leaf.notAfter.toISOString()}); set allow-older-certificate to replace it`;
      certificate = { kind: 'refused', arn, reason };
      distributions = distributions.map((d) =>
        d.decision.kind === 'update' || d.decision.kind === 'unchanged'
          ? { ...d, decision: { kind: 'skip', reason: `not changed: ${reason}`, uncoveredAliases: [] } }
          : d,
      );
    } else if (!reimportNeeded) {
      certificate = { kind: 'reuse', arn, reason: `${arn} already holds this certificate` };
    } else if (wanted) {
      certificate = { kind: 'reimport', arn };
    } else {
      certificate = { kind: 'none', reason: 'no distribution passed the checks: nothing re-imported' };
    }
  } else if (observation.identicalArn !== undefined) {
    certificate = {
      kind: 'reuse',
      arn: observation.identicalArn,
      reason: `ACM already holds this exact certificate as ${observation.identicalArn}`,
    };
  } else if (wanted) {
    certificate = { kind: 'import' };
  } else {
    certificate = { kind: 'none', reason: 'no distribution needs the certificate: nothing imported' };
  }
  return { certificate, distributions };
}

/** The decision for one distribution; also used to re-decide after a 412 re-read. */
export function decideDistribution(
  leaf: LeafFacts,
  state: DistributionState,
  seen: Pick<Observation, 'certificates' | 'originVerdicts' | 'iamCertificates'>,
  knownArn: string | undefined,
  reimportNeeded: boolean,
  settings: PlanSettings,
): DistributionPlan {
  const aliases = aliasesOf(state.config);
  const previousArn = attachedAcmArn(state.config);
  const base = { id: state.id, aliases, previousCertificateArn: previousArn, state };
  const skip = (reason: string, uncovered: readonly string[] = []): DistributionPlan => ({
    ...base,
    decision: { kind: 'skip', reason, uncoveredAliases: uncovered },
  });

  if (state.config.ConnectionMode === 'tenant-only') {
    return skip(
      'multi-tenant distribution: certificates are set per distribution tenant, not on the distribution',
    );
  }
  if (aliases.length === 0) {
    return skip(
      'the distribution has no alternate domain names (CNAMEs): no viewer would be served this certificate',
    );
  }
  const uncovered = uncoveredAliases(aliases, leaf.sans);
  if (uncovered.length > 0) {
    return skip(`the certificate does not cover ${uncovered.join(', ')}`, uncovered);
  }

  const viewerCertificate = desiredViewerCertificate(state, settings);
  const current = state.config.ViewerCertificate;
  const enforced = enforce(
    state.config,
    settings.enforcement,
    seen.originVerdicts.get(state.id) ?? new Map(),
  );
  const changes = [...describeSettingsChanges(current, viewerCertificate), ...enforced.changes];
  const refusals = enforced.refused;
  const update = (reason: string): DistributionPlan => ({
    ...base,
    decision: {
      kind: 'update',
      reason: [reason, ...refusals].filter((r) => r !== '').join('; '),
      viewerCertificate,
      config: enforced.config,
    },
  });

  if (knownArn !== undefined && previousArn === knownArn) {
    if (changes.length === 0) {
      const reason = reimportNeeded
        ? `already uses ${knownArn}; the re-import updates it in place`
        : `already serves this certificate (${knownArn})`;
      return { ...base, decision: { kind: 'unchanged', reason: [reason, ...refusals].join('; ') } };
    }
    return update(changes.join('; '));
  }

  const attached = previousArn !== undefined ? seen.certificates.get(previousArn) : undefined;
  const iamId = attachedIamId(state.config);
  const iamNotAfter = iamId !== undefined ? seen.iamCertificates.get(iamId)?.notAfter : undefined;
  const identicalContent = attached?.fingerprintSha256 === leaf.fingerprintSha256;
  const servedNotAfter = attached?.notAfter ?? iamNotAfter;
  if (
    !settings.allowOlderCertificate &&
    !identicalContent &&
    servedNotAfter !== undefined &&
    servedNotAfter.getTime() > leaf.notAfter.getTime()
  ) {
    const which = iamId !== undefined && attached === undefined ? `IAM certificate ${iamId}` : 'certificate';
    return skip(
      `attached ${which} expires later: ${servedNotAfter.toISOString()} (this one: ${leaf.notAfter.toISOString()}); set allow-older-certificate to replace it`,
    );
  }
  // The ARN itself is in the report's before/after column; the reason says what matters about it.
  const expires = (date: Date | undefined): string =>
    date ? `, which expires ${date.toISOString().slice(0, 10)}` : '';
  const from =
    previousArn !== undefined
      ? `the attached ACM certificate${expires(attached?.notAfter)}`
      : iamId !== undefined
        ? `IAM certificate ${iamId}${expires(iamNotAfter)}`
        : 'the CloudFront default certificate';
  return update([`replace ${from}`, ...changes].join('; '));
}

/**
 * The ViewerCertificate we want, without the ARN (known only after import). The SSL support method
 * and minimum protocol version are kept when the distribution already serves a custom certificate
 * and the inputs are empty: the user chose them.
 */
export function desiredViewerCertificate(
  state: DistributionState,
  settings: PlanSettings,
): ViewerCertificate {
  const current = state.config.ViewerCertificate;
  // Empty input keeps what a custom certificate was served with: dedicated IPs (vip) are a
  // deliberate, billed choice for clients without SNI.
  const method =
    settings.sslSupportMethod ??
    (hasCustomCertificate(current) && current?.SSLSupportMethod ? current.SSLSupportMethod : 'sni-only');
  let minimum: string =
    settings.minimumProtocolVersion ??
    (hasCustomCertificate(current) && current?.MinimumProtocolVersion
      ? current.MinimumProtocolVersion
      : DEFAULT_MINIMUM_PROTOCOL_VERSION);
  // SSLv3 is only allowed with dedicated IPs (vip); with SNI the floor is TLSv1.
  if (minimum === 'SSLv3' && method === 'sni-only') minimum = 'TLSv1';
  return {
    CloudFrontDefaultCertificate: false,
    SSLSupportMethod: method,
    MinimumProtocolVersion: minimum as ViewerCertificate['MinimumProtocolVersion'],
  };
}

function describeSettingsChanges(
  current: ViewerCertificate | undefined,
  desired: ViewerCertificate,
): string[] {
  if (!hasCustomCertificate(current)) return [];
  const changes: string[] = [];
  if (current?.SSLSupportMethod !== desired.SSLSupportMethod) {
    changes.push(`SSL support method ${current?.SSLSupportMethod ?? 'unset'} -> ${desired.SSLSupportMethod}`);
  }
  if (current?.MinimumProtocolVersion !== desired.MinimumProtocolVersion) {
    changes.push(
      `minimum protocol version ${current?.MinimumProtocolVersion ?? 'unset'} -> ${desired.MinimumProtocolVersion}`,
    );
  }
  return changes;
}

function failed(id: string, failure: AwsFailure): DistributionPlan {
  return {
    id,
    aliases: [],
    previousCertificateArn: undefined,
    state: undefined,
    decision: {
      kind: 'fail',
      reason: `could not read the distribution: ${failure.code}: ${failure.message}`,
      code: failure.code,
    },
  };
}

// ACM's names for the extended key usages our facts name after RFC 5280.
const ACM_EKU: Record<string, string> = {
  serverAuth: 'TLS_WEB_SERVER_AUTHENTICATION',
  clientAuth: 'TLS_WEB_CLIENT_AUTHENTICATION',
  codeSigning: 'CODE_SIGNING',
  emailProtection: 'EMAIL_PROTECTION',
  timeStamping: 'TIME_STAMPING',
  OCSPSigning: 'OCSP_SIGNING',
  anyExtendedKeyUsage: 'ANY',
};

/**
 * What ACM refuses on re-import (https://docs.aws.amazon.com/acm/latest/userguide/import-reimport.html): a different key algorithm, no domain name in
 * common, or an extended key usage removed (ClientAuth may go: Let's Encrypt dropped it).
 */
export function reimportIncompatibilities(leaf: LeafFacts, existing: AcmCertificateSummary): string[] {
  const problems: string[] = [];
  if (leaf.keyAlgorithm && existing.keyAlgorithm && leaf.keyAlgorithm !== existing.keyAlgorithm) {
    problems.push(
      `the key type would change from ${existing.keyAlgorithm} to ${leaf.keyAlgorithm} (import a new certificate instead: leave certificate-arn empty)`,
    );
  }
  const names = new Set(leaf.sans.map((n) => n.toLowerCase()));
  if (existing.sans.length > 0 && !existing.sans.some((n) => names.has(n.toLowerCase()))) {
    problems.push(`it shares no domain name with the certificate there (${existing.sans.join(', ')})`);
  }
  if (leaf.extendedKeyUsage !== undefined && existing.extendedKeyUsages.length > 0) {
    const ours = new Set(leaf.extendedKeyUsage.map((u) => ACM_EKU[u] ?? u));
    const dropped = existing.extendedKeyUsages.filter(
      (u) => u !== 'NONE' && u !== 'TLS_WEB_CLIENT_AUTHENTICATION' && !ours.has(u),
    );
    if (dropped.length > 0) problems.push(`it drops the extended key usage ${dropped.join(', ')}`);
  }
  return problems;
}

/** IDs of distributions that use `arn` and whose aliases the new certificate would not cover. */
function reimportBreaks(
  leaf: LeafFacts,
  arn: string,
  planned: readonly DistributionPlan[],
  bystanders: readonly DistributionState[],
): string[] {
  const users = [
    ...planned.filter((d) => d.state !== undefined && d.previousCertificateArn === arn).map((d) => d.state!),
    ...bystanders.filter((b) => attachedAcmArn(b.config) === arn),
  ];
  return users.filter((s) => uncoveredAliases(aliasesOf(s.config), leaf.sans).length > 0).map((s) => s.id);
}
