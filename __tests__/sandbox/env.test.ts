// "No code change in the action": clients built with no endpoint, region or credentials find
// the sandbox through the environment alone (AWS_ENDPOINT_URL and friends, from sandboxEnv).
import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { CloudFrontClient, GetDistributionCommand } from '@aws-sdk/client-cloudfront';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, expect, test } from 'vitest';
import { SANDBOX_ACCESS_KEY_ID, sandboxEnv, useSandbox } from '../support/sandbox.js';

const sandbox = useSandbox();
const saved = { ...process.env };

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

test('the SDK clients reach every service through AWS_ENDPOINT_URL', async () => {
  const sb = sandbox();
  const { id } = sb.createDistribution();
  Object.assign(process.env, sandboxEnv(sb));

  await new CloudFrontClient({}).send(new GetDistributionCommand({ Id: id }));
  await new ACMClient({}).send(new ListCertificatesCommand({}));
  await new STSClient({}).send(new GetCallerIdentityCommand({}));
  expect(sb.requests.map((r) => [r.service, r.operation, r.accessKeyId, r.region])).toEqual([
    ['cloudfront', 'GetDistribution', SANDBOX_ACCESS_KEY_ID, 'us-east-1'],
    ['acm', 'ListCertificates', SANDBOX_ACCESS_KEY_ID, 'us-east-1'],
    ['sts', 'GetCallerIdentity', SANDBOX_ACCESS_KEY_ID, 'us-east-1'],
  ]);
});
