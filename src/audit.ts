// The HTTPS posture of each outcome, as the distribution is after the run. Pure.
import type { LeafFacts, Observation, Plan } from './plan.js';
import type { Outcome } from './outcome.js';
import { auditDistribution } from './posture/index.js';

/**
 * The HTTPS posture of each distribution as it is after this run (in a dry run: would be), and the
 * certificate it then serves: ours where it was updated or unchanged, the attached one otherwise.
 */
export function auditOutcomes(
  outcomes: Outcome[],
  plan: Plan,
  observation: Observation,
  leaf: LeafFacts & { keyAlgorithm: string },
  expiryWarningDays: number,
  now: Date,
): Outcome[] {
  return outcomes.map((o, i) => {
    const planned = plan.distributions[i];
    if (!planned?.state || planned.id !== o.id) return o;
    const moved = o.outcome === 'updated' || o.outcome === 'would-update';
    const decision = planned.decision;
    const config = moved && decision.kind === 'update' ? decision.config : planned.state.config;
    const viewerCertificate = moved && decision.kind === 'update' ? decision.viewerCertificate : undefined;
    const attached = o.previousCertificateArn
      ? observation.certificates.get(o.previousCertificateArn)
      : undefined;
    const served =
      moved || o.outcome === 'unchanged'
        ? { keyAlgorithm: leaf.keyAlgorithm, notAfter: leaf.notAfter }
        : attached?.keyAlgorithm && attached.notAfter
          ? { keyAlgorithm: attached.keyAlgorithm, notAfter: attached.notAfter }
          : undefined;
    const findings = auditDistribution(config, viewerCertificate, served, now, expiryWarningDays);
    return { ...o, findings, servedNotAfter: served?.notAfter };
  });
}
