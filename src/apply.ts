// The only code that writes: at most one import, then one UpdateDistribution per distribution that
// needs it, each with the ETag it was read with. A 412 means someone else wrote in between: re-read,
// re-decide that one distribution, and try again (never send a stale config back).
import type { Acm } from './aws/acm.js';
import type { CloudFront } from './aws/cloudfront.js';
import type { Iam, IamCertificate } from './aws/iam.js';
import { awsFailure, errorMessage, isErrorCode } from './aws/errors.js';
import { type AcmCertificate, attachedAcmArn, attachedIamId, withViewerCertificate } from './distribution.js';
import { type Outcome, outcomeOf } from './outcome.js';
import {
  type DistributionPlan,
  type LeafFacts,
  type Observation,
  type Plan,
  type PlanSettings,
  decideDistribution,
} from './plan.js';
import type { Tag } from './settings.js';

export interface ApplyOptions {
  readonly leaf: LeafFacts;
  readonly material: { certificatePem: string; chainPem: string | undefined; privateKeyPem: string };
  readonly tags: readonly Tag[];
  readonly settings: PlanSettings;
  /** What reading saw, so a re-decision after a 412 keeps the downgrade guard and the origin verdicts. */
  readonly seen: Pick<Observation, 'certificates' | 'originVerdicts' | 'iamCertificates'>;
  readonly writeConcurrency: number;
  readonly maxConflictRetries: number;
  /**
   * How long the writes may go on being throttled without a single one getting through before the
   * remaining distributions are given up (reported failed, with the code).
   */
  readonly maxThrottleStallMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly info: (message: string) => void;
}

export interface Applied {
  readonly certificateArn: string | undefined;
  readonly outcomes: Outcome[];
  /** Set when the import failed: nothing was written. */
  readonly importFailure: string | undefined;
}

export async function apply(
  plan: Plan,
  aws: { acm: Acm; cloudfront: CloudFront; iam: () => Promise<Iam> },
  options: ApplyOptions,
): Promise<Applied> {
  let arn: string | undefined;
  const step = plan.certificate;
  if (step.kind === 'reuse') arn = step.arn;
  if (step.kind === 'import' || step.kind === 'reimport') {
    try {
      arn = await aws.acm.import({
        ...options.material,
        arn: step.kind === 'reimport' ? step.arn : undefined,
        tags: options.tags,
      });
      options.info(
        step.kind === 'import'
          ? `Imported the certificate as ${arn}`
          : `Re-imported the certificate into ${arn}`,
      );
    } catch (error) {
      const message = errorMessage(error);
      const code = awsFailure(error).code;
      // Distributions on the ARN were to pick the certificate up through the re-import: they still
      // serve the old one, so they failed too, not "unchanged".
      const onArn = (d: DistributionPlan): boolean =>
        step.kind === 'reimport' && d.decision.kind === 'unchanged' && d.previousCertificateArn === step.arn;
      const outcomes = plan.distributions.map((d): Outcome => {
        if (d.decision.kind === 'update') {
          return { ...outcomeOf(d, false), outcome: 'failed', reason: `not updated: ${message}`, code };
        }
        if (onArn(d)) {
          return {
            ...outcomeOf(d, false),
            outcome: 'failed',
            reason: `still serves the old certificate: ${message}`,
            code,
          };
        }
        return outcomeOf(d, false);
      });
      return { certificateArn: undefined, outcomes, importFailure: message };
    }
  }

  const outcomes = await writeAll(plan, arn, aws, options);
  return { certificateArn: arn, outcomes, importFailure: undefined };
}

// CloudFront answers 400 Throttling ("Rate exceeded") at a few UpdateDistribution calls a second
// per account, and does not publish the rate. The SDK's retries (jittered backoff) absorb short
// bursts; a write still throttled after them goes back to the end of the queue after a pause that
// doubles while nothing gets through and halves on each success. So a fleet slows down to the rate
// CloudFront allows instead of failing distributions.
const THROTTLING = ['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded'];
const MIN_PAUSE_MS = 1_000;
const MAX_PAUSE_MS = 30_000;

async function writeAll(
  plan: Plan,
  arn: string | undefined,
  aws: { acm: Acm; cloudfront: CloudFront; iam: () => Promise<Iam> },
  options: ApplyOptions,
): Promise<Outcome[]> {
  const outcomes = plan.distributions.map((d) => outcomeOf(d, false));
  const queue = plan.distributions.flatMap((d, index) =>
    d.decision.kind === 'update' && arn !== undefined ? [{ planned: d, index }] : [],
  );
  const total = queue.length;
  const started = options.now();
  let done = 0;
  let pause = 0;
  let lastProgress = started;

  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      const result = await writeOne(item.planned, arn!, aws, options);
      if (!('throttled' in result)) {
        outcomes[item.index] = result;
        if (result.outcome === 'updated') {
          done++;
          lastProgress = options.now();
          pause = Math.floor(pause / 2);
          options.info(
            `Updated ${item.planned.id} (${done} of ${total}${eta(started, options.now(), done, total)})`,
          );
        }
        continue;
      }
      if (options.now() - lastProgress >= options.maxThrottleStallMs) {
        const waited = Math.round((options.now() - lastProgress) / 1000);
        outcomes[item.index] = {
          ...outcomeOf(item.planned, false),
          outcome: 'failed',
          code: 'Throttling',
          reason: `UpdateDistribution was throttled for ${waited} s without a single write getting through; not updated (a re-run finishes the job)`,
        };
        continue;
      }
      pause = Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, pause * 2));
      options.info(
        `${item.planned.id}: throttled by CloudFront; slowing down (next attempt in ${pause / 1000} s)`,
      );
      // Back with what it is now (a 412 may have re-read it), so the next try starts from there.
      queue.push({ planned: result.throttled, index: item.index });
      await options.sleep(pause);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.writeConcurrency, total) }, worker));
  return outcomes;
}

function eta(started: number, now: number, done: number, total: number): string {
  if (done === 0 || done === total) return '';
  const left = Math.ceil((((now - started) / done) * (total - done)) / 1000);
  return `, about ${left} s left`;
}

/** One distribution's write, re-deciding after a 412; `throttled` sends it back to the queue. */
async function writeOne(
  planned: DistributionPlan,
  arn: string,
  aws: { acm: Acm; cloudfront: CloudFront; iam: () => Promise<Iam> },
  options: ApplyOptions,
): Promise<Outcome | { throttled: DistributionPlan }> {
  const { cloudfront } = aws;
  let current = planned;
  for (let attempt = 0; ; attempt++) {
    const decision = current.decision;
    if (decision.kind !== 'update' || current.state === undefined) return outcomeOf(current, false);
    const config = withViewerCertificate(decision.config, {
      ...decision.viewerCertificate,
      ACMCertificateArn: arn,
    });
    try {
      await cloudfront.write(current.state, config);
      return outcomeOf(current, false);
    } catch (error) {
      if (isErrorCode(error, ...THROTTLING)) return { throttled: current };
      const failure = awsFailure(error);
      if (failure.code !== 'PreconditionFailed' || attempt >= options.maxConflictRetries) {
        return {
          ...outcomeOf(current, false),
          outcome: 'failed',
          reason: `UpdateDistribution failed: ${failure.code}: ${failure.message}`,
          code: failure.code,
        };
      }
      options.info(`${current.id} changed since it was read (PreconditionFailed): reading it again`);
      try {
        const state = await cloudfront.read(current.id);
        // The other writer may have attached another certificate: know its expiry before replacing
        // it, so the downgrade guard (and delete-replaced-certificates) judge the real one.
        const attachedNow = attachedAcmArn(state.config);
        let seen = options.seen;
        if (attachedNow !== undefined && attachedNow !== arn && !seen.certificates.has(attachedNow)) {
          let record: AcmCertificate;
          try {
            record = await aws.acm.describe(attachedNow);
          } catch (describeError) {
            const f = awsFailure(describeError);
            return {
              ...outcomeOf(current, false),
              previousCertificateArn: attachedNow,
              outcome: 'skipped',
              reason: `changed since it was read to ${attachedNow}, which could not be described (${f.code}): not replaced`,
            };
          }
          seen = { ...seen, certificates: new Map([...seen.certificates, [attachedNow, record]]) };
        }
        // Or an IAM server certificate: its expiry comes from IAM, or it is not replaced.
        const iamNow = attachedIamId(state.config);
        if (iamNow !== undefined && !seen.iamCertificates.has(iamNow)) {
          let listed: IamCertificate | undefined;
          let why = 'not listed under /cloudfront';
          try {
            listed = (await (await aws.iam()).serverCertificates()).get(iamNow);
          } catch (listError) {
            why = awsFailure(listError).code;
          }
          if (listed === undefined) {
            return {
              ...outcomeOf(current, false),
              outcome: 'skipped',
              reason: `changed since it was read to IAM certificate ${iamNow}, whose expiry could not be read (${why}): not replaced`,
            };
          }
          seen = { ...seen, iamCertificates: new Map([...seen.iamCertificates, [iamNow, listed]]) };
        }
        current = decideDistribution(options.leaf, state, seen, arn, false, options.settings);
      } catch (readError) {
        const f = awsFailure(readError);
        return {
          ...outcomeOf(current, false),
          outcome: 'failed',
          reason: `re-read after a conflict failed: ${f.code}: ${f.message}`,
          code: f.code,
        };
      }
    }
  }
}
