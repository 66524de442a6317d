// What happened to each distribution, in the words of the outputs (`result`) and the summary.
import type { DistributionPlan } from './plan.js';
import type { Finding } from './posture/index.js';

export type OutcomeKind = 'updated' | 'would-update' | 'unchanged' | 'skipped' | 'failed';

export interface Outcome {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly outcome: OutcomeKind;
  readonly reason: string;
  readonly uncoveredAliases: readonly string[];
  readonly previousCertificateArn: string | undefined;
  /** The AWS error code, for failed distributions. */
  readonly code?: string | undefined;
  /** HTTPS posture after this run (src/posture/audit.ts). */
  readonly findings?: readonly Finding[];
  /** Expiry of the certificate the distribution serves after this run, when known. */
  readonly servedNotAfter?: Date | undefined;
  /** invalidate-paths: the invalidation created after the update. */
  readonly invalidationId?: string | undefined;
}

/** The outcome a planned decision has once carried out (or, in a dry run, would have). */
export function outcomeOf(planned: DistributionPlan, dryRun: boolean): Outcome {
  const base = {
    id: planned.id,
    aliases: planned.aliases,
    previousCertificateArn: planned.previousCertificateArn,
    reason: planned.decision.reason,
    uncoveredAliases: planned.decision.kind === 'skip' ? planned.decision.uncoveredAliases : [],
  };
  switch (planned.decision.kind) {
    case 'update':
      return { ...base, outcome: dryRun ? 'would-update' : 'updated' };
    case 'unchanged':
      return { ...base, outcome: 'unchanged' };
    case 'skip':
      return { ...base, outcome: 'skipped' };
    case 'fail':
      return { ...base, outcome: 'failed', code: planned.decision.code };
  }
}
