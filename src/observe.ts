// The read phase: every distribution, the ACM certificates they use, and whether ACM already holds
// our exact certificate. Reads only; nothing here writes.
//
// It comes in two parts so that the reads can start before the certificate has been validated:
// survey() needs no certificate and is sent first; the validation (CPU-bound: loading and running
// the X.509 stack) runs while its requests are in flight; identify() then settles "is our leaf
// already in ACM?", which does need the leaf, from what the survey found.
import type { Acm } from './aws/acm.js';
import type { CloudFront } from './aws/cloudfront.js';
import type { Iam, IamCertificate } from './aws/iam.js';
import { AwsCallError, awsFailure, errorMessage } from './aws/errors.js';
import { mapLimit } from './concurrency.js';
import {
  type AcmCertificate,
  type AcmCertificateSummary,
  type DistributionState,
  attachedAcmArn,
  attachedIamId,
  serialKey,
} from './distribution.js';
import type { Observation } from './plan.js';
import { type Enforcement, type OriginVerdict, originsToSwitch } from './posture/index.js';

export interface LeafIdentity {
  readonly serial: string;
  readonly fingerprintSha256: string;
  readonly notAfter: Date;
  readonly sans: readonly string[];
}

export interface SurveyOptions {
  readonly distributionIds: readonly string[];
  readonly certificateArn: string | undefined;
  readonly readConcurrency: number;
  readonly enforcement: Enforcement;
  /** The origin TLS check run before an origin may be switched to https-only. */
  readonly preflight: (domainName: string, port: number) => Promise<OriginVerdict>;
  /** Stops the survey: no new request starts and those in flight are abandoned. */
  readonly signal?: AbortSignal | undefined;
}

export interface ObserveOptions extends SurveyOptions {
  readonly warn: (message: string) => void;
}

/** What the reads found before the leaf is known. */
export interface Survey extends Omit<Observation, 'identicalArn' | 'certificates'> {
  /** The attached certificates and `certificate-arn`, described or (when listed) summarised. */
  readonly certificates: ReadonlyMap<string, AcmCertificateSummary | AcmCertificate>;
  /** Every certificate ListCertificates returned; undefined when not listed (or it failed). */
  readonly listed: readonly AcmCertificateSummary[] | undefined;
  /** Problems that cost only knowledge (the plan knows less), to be logged by the caller. */
  readonly warnings: readonly string[];
}

const DISTRIBUTION_ARN = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/([A-Z0-9]+)$/;

/** How many requests survey() sends before it waits for any: a read per slot, and the ACM call. */
export function surveyFirstWave(options: Pick<SurveyOptions, 'distributionIds' | 'readConcurrency'>): number {
  return Math.min(options.distributionIds.length, options.readConcurrency) + 1;
}

/**
 * Reads every distribution and what ACM says of the certificates they use. ListCertificates goes
 * out with the first distribution reads: its summaries give every attached certificate's expiry and
 * key type, so DescribeCertificate is needed only for what it does not list (another account's
 * ARN) and for `certificate-arn`, whose users (InUseBy) a re-import must check.
 */
export async function survey(
  aws: { acm: Acm; cloudfront: CloudFront; iam: () => Promise<Iam> },
  options: SurveyOptions,
): Promise<Survey> {
  const { signal } = options;
  const warnings: string[] = [];

  // The first wave (surveyFirstWave): the ACM call and a read per slot. Listed only when we may
  // need to look for our leaf: with certificate-arn the ARN is given.
  const listing: Promise<AcmCertificateSummary[] | undefined> =
    options.certificateArn === undefined
      ? aws.acm.list(signal).catch((error: unknown) => {
          warnings.push(`${errorMessage(error)} (an identical certificate cannot be reused)`);
          return undefined;
        })
      : Promise.resolve(undefined);
  const target: Promise<AcmCertificate | undefined> =
    options.certificateArn === undefined
      ? Promise.resolve(undefined)
      : aws.acm.describe(options.certificateArn, signal).catch((error: unknown) => {
          throw new AwsCallError(`Input 'certificate-arn': cannot use ${options.certificateArn}`, error);
        });
  target.catch(() => undefined); // awaited below, after the reads
  const distributions = await mapLimit(
    options.distributionIds,
    options.readConcurrency,
    async (id) => {
      try {
        return { id, state: await aws.cloudfront.read(id, signal) };
      } catch (error) {
        return { id, failure: awsFailure(error) };
      }
    },
    signal,
  );
  const states = distributions.flatMap((d) => ('state' in d ? [d.state] : []));
  const [listed, targetRecord] = await Promise.all([listing, target]);
  signal?.throwIfAborted();

  // A re-import changes what every user of the ARN serves, listed or not: read those too. After
  // the main reads, so that no more than readConcurrency reads are ever in flight.
  const bystanders = await readBystanders(targetRecord, aws.cloudfront, options);

  const certificates = new Map<string, AcmCertificateSummary | AcmCertificate>();
  if (targetRecord) certificates.set(targetRecord.arn, targetRecord);
  const summaries = new Map((listed ?? []).map((s) => [s.arn, s]));
  const unlisted: string[] = [];
  for (const arn of new Set(states.map((s) => attachedAcmArn(s.config)))) {
    if (arn === undefined || certificates.has(arn)) continue;
    const summary = summaries.get(arn);
    // A summary without an expiry cannot serve the downgrade guard: describe that one.
    if (summary?.notAfter !== undefined) certificates.set(arn, summary);
    else unlisted.push(arn);
  }
  const describing = mapLimit(
    unlisted,
    options.readConcurrency,
    async (arn) => {
      try {
        certificates.set(arn, await aws.acm.describe(arn, signal));
      } catch (error) {
        // Not fatal: the certificate may be in another account or gone. The plan just knows less.
        warnings.push(`${errorMessage(error)} (its expiry is not compared)`);
      }
    },
    signal,
  );
  const [, iamCertificates] = await Promise.all([
    describing,
    readIamCertificates(states, aws.iam, warnings, signal),
  ]);

  return {
    distributions,
    certificates,
    listed,
    bystanders,
    originVerdicts: await checkOrigins(states, options),
    iamCertificates,
    warnings,
  };
}

/**
 * Finds an ACM certificate whose PEM is exactly our leaf. Candidates are those that could be it
 * (same serial when described; same expiry and a shared name when only listed), and GetCertificate
 * settles each: a constant number of calls whatever the fleet size. A failed lookup only costs a
 * reuse: the plan then imports (or re-imports) instead.
 */
export async function identify(
  leaf: LeafIdentity,
  surveyed: Survey,
  acm: Acm,
  warn: (message: string) => void,
): Promise<Observation> {
  const certificates = new Map<string, AcmCertificateSummary>(surveyed.certificates);
  const names = new Set(leaf.sans.map((n) => n.toLowerCase()));
  const sameExpiry = (c: AcmCertificateSummary): boolean =>
    c.notAfter === undefined || Math.abs(c.notAfter.getTime() - leaf.notAfter.getTime()) < 1000;
  // A summary without names (moto leaves them out) could still be ours: only its expiry counts then.
  const sharesName = (c: AcmCertificateSummary): boolean =>
    c.sans.length === 0 || c.sans.some((n) => names.has(n.toLowerCase()));
  const couldBeOurs = (c: AcmCertificateSummary | AcmCertificate): boolean =>
    'serial' in c && c.serial !== undefined
      ? c.serial === serialKey(leaf.serial)
      : sameExpiry(c) && sharesName(c);
  const isOurs = async (record: AcmCertificateSummary): Promise<boolean> => {
    if (!couldBeOurs(record)) return false;
    let fingerprintSha256: string;
    try {
      fingerprintSha256 = await acm.fingerprint(record.arn);
    } catch (error) {
      warn(`${errorMessage(error)} (not reused)`);
      return false;
    }
    certificates.set(record.arn, { ...record, fingerprintSha256 });
    return fingerprintSha256 === leaf.fingerprintSha256;
  };

  let identicalArn: string | undefined;
  for (const record of [...certificates.values()]) {
    if ((await isOurs(record)) && identicalArn === undefined) identicalArn = record.arn;
  }
  // Not attached anywhere we looked: maybe imported by an earlier run that failed before updating.
  // Reusing it saves an import from the yearly ACM quota.
  const anyRead = surveyed.distributions.some((d) => 'state' in d);
  if (identicalArn === undefined && surveyed.listed !== undefined && anyRead) {
    for (const summary of surveyed.listed) {
      if (certificates.has(summary.arn)) continue;
      if (await isOurs(summary)) {
        identicalArn = summary.arn;
        break;
      }
    }
  }

  return {
    distributions: surveyed.distributions,
    certificates,
    identicalArn,
    bystanders: surveyed.bystanders,
    originVerdicts: surveyed.originVerdicts,
    iamCertificates: surveyed.iamCertificates,
  };
}

/** survey() then identify(), for when the leaf is known before the reads start. */
export async function observe(
  leaf: LeafIdentity,
  aws: { acm: Acm; cloudfront: CloudFront; iam: () => Promise<Iam> },
  options: ObserveOptions,
): Promise<Observation> {
  const surveyed = await survey(aws, options);
  for (const warning of surveyed.warnings) options.warn(warning);
  return identify(leaf, surveyed, aws.acm, options.warn);
}

/**
 * The IAM server certificates the distributions serve (legacy IAMCertificateId), for the downgrade
 * guard. Listed only when a distribution serves one; a failure costs only that comparison.
 */
async function readIamCertificates(
  states: readonly DistributionState[],
  iam: () => Promise<Iam>,
  warnings: string[],
  signal: AbortSignal | undefined,
): Promise<Map<string, IamCertificate>> {
  const found = new Map<string, IamCertificate>();
  const ids = [...new Set(states.flatMap((s) => attachedIamId(s.config) ?? []))];
  // Aborted: the survey is failing anyway; do not load IAM for nothing.
  if (ids.length === 0 || signal?.aborted) return found;
  let all: Map<string, IamCertificate>;
  try {
    all = await (await iam()).serverCertificates(signal);
  } catch (error) {
    warnings.push(`${errorMessage(error)} (the expiry of IAM certificate ${ids.join(', ')} is not compared)`);
    return found;
  }
  for (const id of ids) {
    const certificate = all.get(id);
    if (certificate) found.set(id, certificate);
    else
      warnings.push(
        `IAM server certificate ${id} is not listed under /cloudfront (its expiry is not compared)`,
      );
  }
  return found;
}

async function readBystanders(
  target: AcmCertificate | undefined,
  cloudfront: CloudFront,
  options: SurveyOptions,
): Promise<DistributionState[]> {
  if (target === undefined) return [];
  const listed = new Set(options.distributionIds);
  const others = target.inUseBy
    .map((arn) => DISTRIBUTION_ARN.exec(arn)?.[1])
    .filter((id): id is string => id !== undefined && !listed.has(id));
  return mapLimit(
    others,
    options.readConcurrency,
    async (id) => {
      try {
        return await cloudfront.read(id, options.signal);
      } catch (error) {
        throw new AwsCallError(
          `could not read distribution ${id}, which uses ${target.arn}, to check a re-import will not break it`,
          error,
        );
      }
    },
    options.signal,
  );
}

/**
 * origin-protocol-policy: connect to each origin that would be switched, as CloudFront will, and
 * switch only those that pass. One check per domain and port, however many distributions share it.
 * The checks run concurrently: each may take up to its timeout against an unreachable origin.
 */
async function checkOrigins(
  states: readonly DistributionState[],
  options: SurveyOptions,
): Promise<Observation['originVerdicts']> {
  const checks = new Map<string, Promise<OriginVerdict>>();
  const pending = states.flatMap((state) =>
    originsToSwitch(state.config, options.enforcement).map((origin) => {
      const key = `${origin.domainName}:${origin.port}`;
      if (!checks.has(key)) checks.set(key, options.preflight(origin.domainName, origin.port));
      return { distributionId: state.id, originId: origin.id, verdict: checks.get(key)! };
    }),
  );
  const originVerdicts = new Map<string, Map<string, OriginVerdict>>(states.map((s) => [s.id, new Map()]));
  for (const p of pending) originVerdicts.get(p.distributionId)!.set(p.originId, await p.verdict);
  return originVerdicts;
}
