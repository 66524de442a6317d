// The read phase: every distribution, the ACM certificates they use, and whether ACM already holds
// our exact certificate. Reads only; nothing here writes.
import type { Acm } from './aws/acm.js';
import type { CloudFront } from './aws/cloudfront.js';
import { AwsCallError, awsFailure } from './aws/errors.js';
import { mapLimit } from './concurrency.js';
import { type AcmCertificate, type DistributionState, attachedAcmArn, serialKey } from './distribution.js';
import type { Observation } from './plan.js';
import { type Enforcement, type OriginVerdict, originsToSwitch } from './posture/index.js';

export interface LeafIdentity {
  readonly serial: string;
  readonly fingerprintSha256: string;
  readonly notAfter: Date;
  readonly sans: readonly string[];
}

export interface ObserveOptions {
  readonly distributionIds: readonly string[];
  readonly certificateArn: string | undefined;
  readonly readConcurrency: number;
  readonly warn: (message: string) => void;
  readonly enforcement: Enforcement;
  /** The origin TLS check run before an origin may be switched to https-only. */
  readonly preflight: (domainName: string, port: number) => Promise<OriginVerdict>;
}

const DISTRIBUTION_ARN = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/([A-Z0-9]+)$/;

export async function observe(
  leaf: LeafIdentity,
  aws: { acm: Acm; cloudfront: CloudFront },
  options: ObserveOptions,
): Promise<Observation> {
  const distributions = await mapLimit(options.distributionIds, options.readConcurrency, async (id) => {
    try {
      return { id, state: await aws.cloudfront.read(id) };
    } catch (error) {
      return { id, failure: awsFailure(error) };
    }
  });
  const states = distributions.flatMap((d) => ('state' in d ? [d.state] : []));

  const certificates = new Map<string, AcmCertificate>();
  const attached = [
    ...new Set(states.map((s) => attachedAcmArn(s.config)).filter((a): a is string => a !== undefined)),
  ];
  await mapLimit(attached, options.readConcurrency, async (arn) => {
    try {
      certificates.set(arn, await aws.acm.describe(arn));
    } catch (error) {
      // Not fatal: the certificate may be in another account or gone. The plan just knows less.
      options.warn(`${error instanceof Error ? error.message : String(error)} (its expiry is not compared)`);
    }
  });
  if (options.certificateArn !== undefined && !certificates.has(options.certificateArn)) {
    try {
      certificates.set(options.certificateArn, await aws.acm.describe(options.certificateArn));
    } catch (error) {
      throw new AwsCallError(
        `Input 'certificate-arn': cannot use ${options.certificateArn}`,
        error instanceof AwsCallError ? error.cause : error,
      );
    }
  }

  // "Same leaf?" is settled by the PEM itself (GetCertificate), asked only of certificates whose
  // serial already matches: a constant number of calls whatever the fleet size.
  // A failed lookup only costs a reuse: the plan then imports (or re-imports) instead.
  const confirm = async (record: AcmCertificate): Promise<AcmCertificate> => {
    if (record.serial !== serialKey(leaf.serial)) return record;
    let fingerprintSha256: string;
    try {
      fingerprintSha256 = await aws.acm.fingerprint(record.arn);
    } catch (error) {
      options.warn(`${error instanceof Error ? error.message : String(error)} (not reused)`);
      return record;
    }
    const confirmed = { ...record, fingerprintSha256 };
    certificates.set(record.arn, confirmed);
    return confirmed;
  };
  let identicalArn: string | undefined;
  for (const record of [...certificates.values()]) {
    const confirmed = await confirm(record);
    if (confirmed.fingerprintSha256 === leaf.fingerprintSha256 && identicalArn === undefined)
      identicalArn = record.arn;
  }

  // Not attached anywhere we looked: maybe imported by an earlier run that failed before updating.
  // Reusing it saves an import from the yearly ACM quota.
  if (identicalArn === undefined && options.certificateArn === undefined && states.length > 0) {
    let candidates: string[] = [];
    try {
      candidates = (await aws.acm.listLookalikes(leaf.notAfter, leaf.sans)).filter(
        (arn) => !certificates.has(arn),
      );
    } catch (error) {
      options.warn(
        `${error instanceof Error ? error.message : String(error)} (an identical certificate cannot be reused)`,
      );
    }
    for (const arn of candidates) {
      let described: AcmCertificate;
      try {
        described = await aws.acm.describe(arn);
      } catch (error) {
        options.warn(error instanceof Error ? error.message : String(error));
        continue;
      }
      const confirmed = await confirm(described);
      if (confirmed.fingerprintSha256 === leaf.fingerprintSha256) {
        certificates.set(arn, confirmed);
        identicalArn = arn;
        break;
      }
    }
  }

  // A re-import changes what every user of the ARN serves, listed or not: read those too.
  const bystanders: DistributionState[] = [];
  if (options.certificateArn !== undefined) {
    const listed = new Set(options.distributionIds);
    const others = (certificates.get(options.certificateArn)?.inUseBy ?? [])
      .map((arn) => DISTRIBUTION_ARN.exec(arn)?.[1])
      .filter((id): id is string => id !== undefined && !listed.has(id));
    await mapLimit(others, options.readConcurrency, async (id) => {
      try {
        bystanders.push(await aws.cloudfront.read(id));
      } catch (error) {
        throw new AwsCallError(
          `could not read distribution ${id}, which uses ${options.certificateArn}, to check a re-import will not break it`,
          error,
        );
      }
    });
  }

  // origin-protocol-policy: connect to each origin that would be switched, as CloudFront will, and
  // switch only those that pass. One check per domain and port, however many distributions share it.
  // The checks run concurrently: each may take up to its timeout against an unreachable origin.
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

  return { distributions, certificates, identicalArn, bystanders, originVerdicts };
}
