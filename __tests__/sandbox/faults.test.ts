// Fault injection: throttling (and the SDK retrying it), rate limits, latency, chosen
// failures, the concurrent writer, and the same controls over the admin endpoint.
import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  GetDistributionCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import { describe, expect, test } from 'vitest';
import { adminCall, useSandbox, type RequestRecord, type Sandbox } from '../support/sandbox.js';
import { acm, cloudFront, importLeaf, rejection } from './fixtures.js';

const sandbox = useSandbox();

async function readThenWrite(sb: Sandbox, id: string, comment: string, maxAttempts = 1) {
  const client = cloudFront(sb, { maxAttempts });
  const read = await client.send(new GetDistributionConfigCommand({ Id: id }));
  return client.send(
    new UpdateDistributionCommand({
      Id: id,
      IfMatch: read.ETag!,
      DistributionConfig: { ...read.DistributionConfig!, Comment: comment },
    }),
  );
}

const summary = (records: readonly RequestRecord[], operation: string) =>
  records.filter((r) => r.operation === operation).map((r) => [r.status, r.errorCode ?? null, r.injected]);

describe('throttling', () => {
  test('CloudFront answers 400 Throttling "Rate exceeded" and the SDK retries it', async () => {
    const sb = sandbox();
    const { id } = sb.createDistribution();
    sb.throttle('UpdateDistribution', { times: 2 });
    const out = await readThenWrite(sb, id, 'after retries', 3);
    expect(out.$metadata.attempts).toBe(3);
    expect(summary(sb.requests, 'UpdateDistribution')).toEqual([
      [400, 'Throttling', true],
      [400, 'Throttling', true],
      [200, null, false],
    ]);

    sb.throttle('UpdateDistribution', { times: 1 });
    const err = await rejection(readThenWrite(sb, id, 'no retries'));
    expect(err.name).toBe('Throttling');
    expect(err.message).toBe('Rate exceeded');
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  test('ACM answers ThrottlingException', async () => {
    const sb = sandbox();
    sb.throttle('ListCertificates', { times: 1 });
    const err = await rejection(acm(sb).send(new ListCertificatesCommand({})));
    expect(err.name).toBe('ThrottlingException');
    sb.throttle('ListCertificates', { times: 1 });
    const out = await acm(sb, { maxAttempts: 2 }).send(new ListCertificatesCommand({}));
    expect(out.$metadata.attempts).toBe(2);
  });

  test('a token-bucket rate limit per operation, like CloudFront', async () => {
    const sb = sandbox();
    const { id } = sb.createDistribution();
    sb.rateLimit('GetDistribution', { perSecond: 5, burst: 2 });
    const client = cloudFront(sb);
    const get = () => client.send(new GetDistributionCommand({ Id: id }));
    await get();
    await get();
    expect((await rejection(get())).name).toBe('Throttling');
    await client.send(new GetDistributionConfigCommand({ Id: id })); // other operations are not limited
    await new Promise((r) => setTimeout(r, 250)); // 5/s refills one token in 200 ms
    await get();
  });
});

describe('latency and chosen failures', () => {
  test('latency is added to every request', async () => {
    const sb = sandbox();
    sb.latency(150);
    const started = performance.now();
    await acm(sb).send(new ListCertificatesCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  test('failNext fails chosen calls, optionally only for one target', async () => {
    const sb = sandbox();
    const a = sb.createDistribution().id;
    const b = sb.createDistribution().id;
    sb.failNext('GetDistribution', {
      code: 'AccessDenied',
      message: 'User is not authorized',
      status: 403,
      target: b,
    });
    const client = cloudFront(sb);
    await client.send(new GetDistributionCommand({ Id: a }));
    const err = await rejection(client.send(new GetDistributionCommand({ Id: b })));
    expect(err.name).toBe('AccessDenied');
    expect(err.$metadata?.httpStatusCode).toBe(403);
    await client.send(new GetDistributionCommand({ Id: b }));
  });
});

describe('the concurrent writer', () => {
  test('changes the distribution right after our read, so our write gets 412; a re-read wins', async () => {
    const sb = sandbox();
    const { arn } = await importLeaf(sb);
    const { id } = sb.createDistribution({
      aliases: ['www.example.com'],
      certificateArn: arn,
      comment: 'original',
    });
    sb.concurrentWrite(id, { set: { Comment: 'theirs' } });

    const err = await rejection(readThenWrite(sb, id, 'ours'));
    expect(err.name).toBe('PreconditionFailed');
    expect(sb.getDistribution(id).comment).toBe('theirs');
    await readThenWrite(sb, id, 'ours');
    expect(sb.getDistribution(id).comment).toBe('ours');
    expect(sb.requests.map((r) => `${r.operation}:${r.status}`)).toEqual([
      'GetDistributionConfig:200',
      'ConcurrentWrite:200',
      'UpdateDistribution:412',
      'GetDistributionConfig:200',
      'UpdateDistribution:200',
    ]);
  });

  test('can wait for a particular read', async () => {
    const sb = sandbox();
    const { id } = sb.createDistribution({ comment: 'x' });
    sb.concurrentWrite(id, { set: { Comment: 'y' } }, { after: 'GetDistributionConfig' });
    await cloudFront(sb).send(new GetDistributionCommand({ Id: id }));
    expect(sb.getDistribution(id).comment).toBe('x');
    await cloudFront(sb).send(new GetDistributionConfigCommand({ Id: id }));
    expect(sb.getDistribution(id).comment).toBe('y');
  });

  test('a function can make any change to the stored XML', async () => {
    const sb = sandbox();
    const { id } = sb.createDistribution({ comment: 'x' });
    sb.onBeforeUpdate(id, (config) => {
      config.children.find((c) => c.name === 'Enabled')!.text = 'false';
    });
    await cloudFront(sb).send(new GetDistributionCommand({ Id: id }));
    expect(sb.getDistribution(id)).toMatchObject({ enabled: false, version: 2 });
  });
});

describe('the admin endpoint', () => {
  test('drives the same functions from another process', async () => {
    const sb = sandbox();
    const seeded = await adminCall<{ id: string; etag: string }>(sb.url, 'createDistribution', {
      comment: 'from admin',
    });
    expect(sb.getDistribution(seeded.id).comment).toBe('from admin');
    await adminCall(sb.url, 'throttle', { operation: 'GetDistribution', times: 1 });
    await adminCall(sb.url, 'concurrentWrite', { id: seeded.id, set: { Comment: 'changed' } });
    const client = cloudFront(sb);
    expect((await rejection(client.send(new GetDistributionCommand({ Id: seeded.id })))).name).toBe(
      'Throttling',
    );
    await client.send(new GetDistributionCommand({ Id: seeded.id }));
    const requests = await adminCall<RequestRecord[]>(sb.url, 'requests');
    expect(requests.map((r) => [r.operation, r.status])).toEqual([
      ['GetDistribution', 400],
      ['GetDistribution', 200],
      ['ConcurrentWrite', 200],
    ]);
    const view = await adminCall<{ comment: string; version: number }>(sb.url, 'getDistribution', {
      id: seeded.id,
    });
    expect(view).toMatchObject({ comment: 'changed', version: 2 });
    await expect(adminCall(sb.url, 'nope')).rejects.toThrow(/unknown admin function/);
    await adminCall(sb.url, 'reset');
    expect(sb.distributions()).toEqual([]);
    expect(sb.requests).toEqual([]);
  });
});
