// invalidate-paths: after moving viewers (or certificates), clear what the edge cached.
import type { CloudFront } from './aws/cloudfront.js';
import { awsFailure } from './aws/errors.js';
import type { Outcome } from './outcome.js';

/** invalidate-paths: one invalidation per updated distribution; a failure is reported, not fatal to the others. */
export async function invalidate(
  outcomes: Outcome[],
  cloudfront: CloudFront,
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
  log: { info: (m: string) => void; warning: (m: string) => void },
): Promise<Outcome[]> {
  const reference = `cloudfront-certificate-deploy-${env.GITHUB_RUN_ID ?? 'local'}-${Date.now()}`;
  const results: Outcome[] = [];
  for (const o of outcomes) {
    if (o.outcome !== 'updated') {
      results.push(o);
      continue;
    }
    try {
      const invalidationId = await cloudfront.invalidate(o.id, paths, reference);
      log.info(`${o.id}: invalidation ${invalidationId} for ${paths.join(', ')}`);
      results.push({
        ...o,
        invalidationId,
        reason: `${o.reason}; invalidated ${paths.join(', ')} (${invalidationId})`,
      });
    } catch (error) {
      const f = awsFailure(error);
      log.warning(`${o.id}: updated, but the invalidation failed: ${f.code}: ${f.message}`);
      results.push({ ...o, reason: `${o.reason}; invalidation failed: ${f.code}: ${f.message}` });
    }
  }
  return results;
}
