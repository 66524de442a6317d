// wait-for-deployment with the real CloudFront client against the sandbox, on an injected clock
// and sleep: the sandbox deploys when the test says so, and no test ever waits.
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { CloudFront } from '../../src/aws/cloudfront.js';
import { waitForDeployment } from '../../src/deployment.js';
import type { Outcome } from '../../src/outcome.js';
import { clientSettings, useSandbox } from '../support/sandbox.js';

const sandbox = useSandbox({ deployDelayMs: 3_600_000 });

function updated(id: string): Outcome {
  return {
    id,
    aliases: [],
    outcome: 'updated',
    reason: 'replace x',
    uncoveredAliases: [],
    previousCertificateArn: undefined,
  };
}

describe('waitForDeployment', () => {
  it('polls until every updated distribution is Deployed, logging which are still in progress', async () => {
    const sb = sandbox();
    const a = sb.createDistribution({ status: 'InProgress' });
    const b = sb.createDistribution({ status: 'InProgress' });
    const cloudfront = new CloudFront(new CloudFrontClient(clientSettings(sb)));
    let clock = 0;
    const sleeps: number[] = [];
    const log: string[] = [];
    const outcomes = await waitForDeployment([updated(a.id), updated(b.id)], cloudfront, {
      timeoutMs: 600_000,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
        // The first distribution finishes after one poll, the second after two.
        sb.deployNow(sleeps.length === 1 ? a.id : b.id);
      },
      info: (m) => log.push(m),
    });
    expect(outcomes.map((o) => o.outcome)).toEqual(['updated', 'updated']);
    expect(sleeps).toEqual([20_000, 20_000]);
    expect(log[0]).toContain(`${a.id}, ${b.id}`);
    expect(log[1]).toContain(b.id);
    expect(log[1]).not.toContain(a.id);
    cloudfront.client.destroy();
  });

  it('fails the ones not Deployed in time, saying they were updated', async () => {
    const sb = sandbox();
    const a = sb.createDistribution({ status: 'InProgress' });
    const cloudfront = new CloudFront(new CloudFrontClient(clientSettings(sb)));
    let clock = 0;
    const outcomes = await waitForDeployment([updated(a.id)], cloudfront, {
      timeoutMs: 60_000,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
      info: () => undefined,
    });
    expect(outcomes[0]).toMatchObject({ outcome: 'failed', code: 'DeploymentTimeout' });
    expect(outcomes[0]!.reason).toContain('updated, but not Deployed within 1 minutes');
    cloudfront.client.destroy();
  });

  it('leaves other outcomes alone and reads nothing when nothing was updated', async () => {
    const sb = sandbox();
    const cloudfront = new CloudFront(new CloudFrontClient(clientSettings(sb)));
    const skipped: Outcome = { ...updated('E1'), outcome: 'skipped' };
    const outcomes = await waitForDeployment([skipped], cloudfront, {
      timeoutMs: 1,
      now: () => 0,
      sleep: async () => undefined,
      info: () => undefined,
    });
    expect(outcomes).toEqual([skipped]);
    expect(sb.requests).toHaveLength(0);
    cloudfront.client.destroy();
  });
});
