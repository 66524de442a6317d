// wait-for-deployment: poll each updated distribution until CloudFront reports it Deployed.
// Not the SDK waiter: it treats every error as "retry" and its minimum delay is a minute; here
// errors are reported and the clock and sleep are injected so tests never wait.
import type { CloudFront } from './aws/cloudfront.js';
import { awsFailure } from './aws/errors.js';
import type { Outcome } from './outcome.js';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly info: (message: string) => void;
  readonly pollMs?: number;
}

export async function waitForDeployment(
  outcomes: Outcome[],
  cloudfront: CloudFront,
  options: WaitOptions,
): Promise<Outcome[]> {
  const pending = new Set(outcomes.filter((o) => o.outcome === 'updated').map((o) => o.id));
  const problems = new Map<string, string>();
  const started = options.now();
  const pollMs = options.pollMs ?? 20_000;
  while (pending.size > 0) {
    for (const id of [...pending]) {
      try {
        if ((await cloudfront.status(id)) === 'Deployed') pending.delete(id);
      } catch (error) {
        const f = awsFailure(error);
        problems.set(id, `${f.code}: ${f.message}`);
        pending.delete(id);
      }
    }
    const waited = options.now() - started;
    if (pending.size === 0) break;
    if (waited >= options.timeoutMs) break;
    options.info(`Still InProgress after ${Math.round(waited / 1000)} s: ${[...pending].join(', ')}`);
    await options.sleep(Math.min(pollMs, Math.max(0, options.timeoutMs - waited)));
  }
  const minutes = Math.round(options.timeoutMs / 60_000);
  return outcomes.map((o): Outcome => {
    if (pending.has(o.id)) {
      return {
        ...o,
        outcome: 'failed',
        code: 'DeploymentTimeout',
        reason: `${o.reason}; updated, but not Deployed within ${minutes} minutes`,
      };
    }
    const problem = problems.get(o.id);
    if (problem)
      return {
        ...o,
        outcome: 'failed',
        code: 'DeploymentUnknown',
        reason: `${o.reason}; updated, but its status could not be read: ${problem}`,
      };
    return o;
  });
}
