// The only code that writes: at most one import, then one UpdateDistribution per distribution that
// needs it, each with the ETag it was read with. A 412 means someone else wrote in between: re-read,
// re-decide that one distribution, and try again (never send a stale config back).
import type { Acm } from './aws/acm.js';
import type { CloudFront } from './aws/cloudfront.js';
import { awsFailure, isErrorCode } from './aws/errors.js';
import { mapLimit } from './concurrency.js';
import { withViewerCertificate } from './distribution.js';
import { type Outcome, outcomeOf } from './outcome.js';
import {
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
  readonly seen: Pick<Observation, 'certificates' | 'originVerdicts'>;
  readonly writeConcurrency: number;
  readonly maxConflictRetries: number;
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
  aws: { acm: Acm; cloudfront: CloudFront },
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
      const message = error instanceof Error ? error.message : String(error);
      const code = awsFailure(error instanceof Error && error.cause ? error.cause : error).code;
      const outcomes = plan.distributions.map((d) =>
        d.decision.kind === 'update'
          ? { ...outcomeOf(d, false), outcome: 'failed' as const, reason: `not updated: ${message}`, code }
          : outcomeOf(d, false),
      );
      return { certificateArn: undefined, outcomes, importFailure: message };
    }
  }

  const total = plan.distributions.filter((d) => d.decision.kind === 'update').length;
  let done = 0;
  const outcomes = await mapLimit(
    plan.distributions,
    options.writeConcurrency,
    async (planned): Promise<Outcome> => {
      let current = planned;
      for (let attempt = 0; ; attempt++) {
        const decision = current.decision;
        if (decision.kind !== 'update' || current.state === undefined || arn === undefined)
          return outcomeOf(current, false);
        const config = withViewerCertificate(decision.config, {
          ...decision.viewerCertificate,
          ACMCertificateArn: arn,
        });
        try {
          await aws.cloudfront.write(current.state, config);
          done++;
          options.info(`Updated ${current.id} (${done} of ${total})`);
          return outcomeOf(current, false);
        } catch (error) {
          const failure = awsFailure(error);
          if (isErrorCode(error, 'PreconditionFailed') && attempt < options.maxConflictRetries) {
            options.info(`${current.id} changed since it was read (PreconditionFailed): reading it again`);
            try {
              const state = await aws.cloudfront.read(current.id);
              current = decideDistribution(options.leaf, state, options.seen, arn, false, options.settings);
              continue;
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
          return {
            ...outcomeOf(current, false),
            outcome: 'failed',
            reason: `UpdateDistribution failed: ${failure.code}: ${failure.message}`,
            code: failure.code,
          };
        }
      }
    },
  );
  return { certificateArn: arn, outcomes, importFailure: undefined };
}
