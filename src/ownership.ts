// Which ACM certificates are ours: what we import is tagged, and delete-replaced-certificates: after the switch, delete the certificates this action imported
// earlier that nothing uses any more. Only the ones the updated distributions were using, only ones
// carrying our managed-by tag, and only when ACM says no resource uses them.
import type { Acm } from './aws/acm.js';
import { awsFailure } from './aws/errors.js';
import type { Outcome } from './outcome.js';
import type { Tag } from './settings.js';

export const MANAGED_BY_TAG = { Key: 'managed-by', Value: 'cloudfront-certificate-deploy' } as const;

export interface Replaced {
  readonly arn: string;
  readonly deleted: boolean;
  readonly reason: string;
}

export async function deleteReplacedCertificates(
  outcomes: readonly Outcome[],
  newArn: string | undefined,
  acm: Acm,
): Promise<Replaced[]> {
  const candidates = [
    ...new Set(
      outcomes
        .filter(
          (o) => o.outcome === 'updated' && o.previousCertificateArn && o.previousCertificateArn !== newArn,
        )
        .map((o) => o.previousCertificateArn!),
    ),
  ];
  const results: Replaced[] = [];
  for (const arn of candidates) {
    try {
      const tags = await acm.tags(arn);
      if (!tags.some((t) => t.Key === MANAGED_BY_TAG.Key && t.Value === MANAGED_BY_TAG.Value)) {
        results.push({
          arn,
          deleted: false,
          reason: 'kept: not imported by this action (no managed-by tag)',
        });
        continue;
      }
      const described = await acm.describe(arn);
      if (described.inUseBy.length > 0) {
        results.push({ arn, deleted: false, reason: `kept: still used by ${described.inUseBy.join(', ')}` });
        continue;
      }
      await acm.delete(arn);
      results.push({ arn, deleted: true, reason: 'deleted: imported by this action and no longer in use' });
    } catch (error) {
      const failure = awsFailure(error);
      const why =
        failure.code === 'ResourceInUseException'
          ? 'still in use (a distribution may still be deploying the switch away from it; use wait-for-deployment)'
          : `${failure.code}: ${failure.message}`;
      results.push({ arn, deleted: false, reason: `kept: ${why}` });
    }
  }
  return results;
}

/** The user's tags plus ours, so later runs (and people) can tell which certificates this action imported. */
export function importTags(given: readonly Tag[], env: NodeJS.ProcessEnv): Tag[] {
  const ours: Tag[] = [MANAGED_BY_TAG];
  if (env.GITHUB_REPOSITORY) ours.push({ Key: 'repository', Value: env.GITHUB_REPOSITORY });
  if (env.GITHUB_RUN_ID)
    ours.push({
      Key: 'run',
      Value: `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID}`,
    });
  const keys = new Set(given.map((t) => t.Key));
  return [...given, ...ours.filter((t) => !keys.has(t.Key))];
}
