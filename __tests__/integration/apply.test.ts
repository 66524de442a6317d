// The write phase with the real SDK clients against the sandbox, on an injected clock and sleep:
// throttled writes are paced and retried, never failed while CloudFront lets some through.
import { ACMClient } from '@aws-sdk/client-acm';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../src/apply.js';
import { Acm } from '../../src/aws/acm.js';
import { CloudFront } from '../../src/aws/cloudfront.js';
import { Iam, IAMClient } from '../../src/aws/iam.js';
import { loadBundle } from '../../src/certificate/index.js';
import { observe } from '../../src/observe.js';
import { type PlanSettings, decide } from '../../src/plan.js';
import { importIssued } from '../support/fleet.js';
import { type Chain, type Issued, makeChain, makeLeaf } from '../support/pki.js';
import { type Sandbox, clientSettings, useSandbox } from '../support/sandbox.js';

let chain: Chain;
let old: Issued;
beforeAll(async () => {
  chain = await makeChain({ leaf: { sans: ['*.example.com'] } });
  old = await makeLeaf(chain.intermediate, {
    sans: ['*.example.com'],
    notAfter: new Date(Date.now() + 5 * 86_400_000),
  });
});
const sandbox = useSandbox();

const settings: PlanSettings = {
  certificateArn: undefined,
  sslSupportMethod: 'sni-only',
  minimumProtocolVersion: undefined,
  allowOlderCertificate: false,
  enforcement: { viewerProtocolPolicy: undefined, originProtocolPolicy: undefined },
};

/** read -> decide -> apply for `n` seeded distributions, with a clock that only sleep moves. */
async function run(sb: Sandbox, n: number, maxThrottleStallMs = 60_000) {
  const oldArn = importIssued(sb, old, chain.intermediate);
  const ids = Array.from(
    { length: n },
    (_, i) => sb.createDistribution({ aliases: [`site${i}.example.com`], certificateArn: oldArn }).id,
  );
  // maxAttempts 1: every throttle reaches the action's own pacing at once.
  const aws = {
    acm: new Acm(new ACMClient(clientSettings(sb))),
    cloudfront: new CloudFront(new CloudFrontClient(clientSettings(sb))),
    iam: async () => new Iam(new IAMClient(clientSettings(sb))),
  };
  const bundle = await loadBundle(
    { certificate: chain.leaf.pem + chain.intermediate.pem, privateKey: chain.leaf.keyPem },
    { now: new Date(), expiryWarningDays: 30 },
  );
  const observation = await observe(bundle.leaf, aws, {
    distributionIds: ids,
    certificateArn: undefined,
    readConcurrency: 8,
    warn: () => undefined,
    enforcement: settings.enforcement,
    preflight: async () => ({ ok: true }),
  });
  const plan = decide(bundle.leaf, observation, settings);
  let clock = 0;
  const sleeps: number[] = [];
  const log: string[] = [];
  const applied = await apply(plan, aws, {
    leaf: bundle.leaf,
    material: bundle,
    tags: [],
    settings,
    seen: observation,
    writeConcurrency: 2,
    maxConflictRetries: 3,
    maxThrottleStallMs,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    info: (m) => log.push(m),
  });
  aws.acm.client.destroy();
  aws.cloudfront.client.destroy();
  return { ids, applied, sleeps, log };
}

describe('apply under CloudFront write throttling', () => {
  it('slows down and retries throttled writes until every distribution is updated', async () => {
    const sb = sandbox();
    sb.throttle('UpdateDistribution', { times: 12 });
    const { ids, applied, sleeps, log } = await run(sb, 6, 600_000);
    expect(applied.outcomes.map((o) => `${o.outcome} ${o.reason}`)).toEqual(
      ids.map(() => expect.stringMatching(/^updated/)),
    );
    expect(
      sb.requests.filter((r) => r.operation === 'UpdateDistribution' && r.errorCode === 'Throttling'),
    ).toHaveLength(12);
    // The pause doubles while nothing gets through (1 s, 2 s, ... capped at 30 s).
    expect(sleeps.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(30_000);
    expect(log.some((l) => l.includes('throttled by CloudFront; slowing down'))).toBe(true);
    expect(log.filter((l) => l.startsWith('Updated '))).toHaveLength(6);
    expect(log.find((l) => l.includes('(1 of 6'))).toMatch(/about \d+ s left/);
  });

  it('gives up, with the code, only after writes have been throttled for the whole stall limit', async () => {
    const sb = sandbox();
    sb.throttle('UpdateDistribution', { times: 10_000 });
    const { applied } = await run(sb, 2, 120_000);
    expect(applied.outcomes.map((o) => o.outcome)).toEqual(['failed', 'failed']);
    expect(applied.outcomes[0]).toMatchObject({ code: 'Throttling' });
    expect(applied.outcomes[0]!.reason).toMatch(/throttled for \d+ s without a single write getting through/);
  });
});
