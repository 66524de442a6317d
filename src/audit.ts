// The HTTPS posture of each outcome, as the distribution is after the run. Pure.
import { attachedIamId } from './distribution.js';
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
    const acm = o.previousCertificateArn ? observation.certificates.get(o.previousCertificateArn) : undefined;
    const iamId = attachedIamId(planned.state.config);
    const iam = iamId !== undefined ? observation.iamCertificates.get(iamId) : undefined;
    // What stays served: ours, else the attached ACM certificate, else an IAM one (key type unknown).
    const served =
      moved || o.outcome === 'unchanged'
        ? { keyAlgorithm: leaf.keyAlgorithm, notAfter: leaf.notAfter }
        : acm?.notAfter
          ? { keyAlgorithm: acm.keyAlgorithm, notAfter: acm.notAfter }
          : iam?.notAfter
            ? { keyAlgorithm: undefined, notAfter: iam.notAfter }
            : undefined;
    const findings = auditDistribution(config, viewerCertificate, served, now, expiryWarningDays);
    return { ...o, findings, servedNotAfter: served?.notAfter };
  });
}
