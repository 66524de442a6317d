// The OIDC path for real: @actions/core's getIDToken against the sandbox's token endpoint,
// then STS AssumeRoleWithWebIdentity with the real client, then CloudFront with those
// credentials, and the request log showing which key signed what.
import { getIDToken } from '@actions/core';
import { GetDistributionCommand } from '@aws-sdk/client-cloudfront';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, test } from 'vitest';
import { SANDBOX_ACCESS_KEY_ID, sandboxEnv, useSandbox, type Sandbox } from '../support/sandbox.js';
import { cloudFront, rejection, sts, type Credentials } from './fixtures.js';

const sandbox = useSandbox();
const saved = { ...process.env };

afterEach(() => {
  for (const key of ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

function decode(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function tokenViaActionsCore(sb: Sandbox, audience?: string): Promise<string> {
  const env = sandboxEnv(sb);
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  return getIDToken(audience);
}

async function assume(sb: Sandbox, token: string, roleArn = sb.defaultRoleArn) {
  return sts(sb).send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: roleArn,
      RoleSessionName: 'deploy-certificate',
      WebIdentityToken: token,
    }),
  );
}

describe('OIDC token endpoint', () => {
  test('@actions/core getIDToken gets a GitHub-shaped token for the audience asked', async () => {
    const sb = sandbox();
    const claims = decode(await tokenViaActionsCore(sb, 'sts.amazonaws.com'));
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: 'repo:owner/repo:ref:refs/heads/main',
      repository: 'owner/repo',
    });
    expect(sb.requests.at(-1)).toMatchObject({
      service: 'oidc',
      operation: 'GetIdToken',
      target: 'sts.amazonaws.com',
      status: 200,
    });
  });

  test('a wrong request token gets 401', async () => {
    const sb = sandbox();
    const response = await fetch(`${sb.oidcTokenUrl}&audience=x`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(response.status).toBe(401);
  });
});

describe('AssumeRoleWithWebIdentity', () => {
  test('issues session credentials that CloudFront accepts, and the log names the key that signed', async () => {
    const sb = sandbox();
    const { id } = sb.createDistribution();
    const out = await assume(sb, await tokenViaActionsCore(sb, 'sts.amazonaws.com'));
    const c = out.Credentials!;
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(c.SecretAccessKey).toHaveLength(40);
    expect(c.Expiration!.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    expect(out.AssumedRoleUser!.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/sandbox-deploy/deploy-certificate',
    );
    expect(out.SubjectFromWebIdentityToken).toBe('repo:owner/repo:ref:refs/heads/main');

    const credentials: Credentials = {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };
    await cloudFront(sb, { credentials }).send(new GetDistributionCommand({ Id: id }));
    const who = await sts(sb, { credentials }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(out.AssumedRoleUser!.Arn);

    const calls = sb.requests.map((r) => [r.service, r.operation, r.accessKeyId]);
    expect(calls).toEqual([
      ['oidc', 'GetIdToken', undefined],
      ['sts', 'AssumeRoleWithWebIdentity', undefined],
      ['cloudfront', 'GetDistribution', c.AccessKeyId],
      ['sts', 'GetCallerIdentity', c.AccessKeyId],
    ]);
    expect(sb.sessions()).toMatchObject([{ accessKeyId: c.AccessKeyId, roleArn: sb.defaultRoleArn }]);
  });

  test('AccessDenied when the trust policy does not match sub or aud, or the role is unknown', async () => {
    const sb = sandbox();
    const role = 'arn:aws:iam::123456789012:role/prod-only';
    sb.addRole({
      arn: role,
      trust: { aud: 'sts.amazonaws.com', sub: 'repo:owner/repo:environment:production' },
    });
    const denied = async (token: string, roleArn: string) => {
      const err = await rejection(assume(sb, token, roleArn));
      expect(err.name).toBe('AccessDenied');
      expect(err.message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity');
      expect(err.$metadata?.httpStatusCode).toBe(403);
    };
    await denied(sb.issueIdToken(), role); // branch token, environment-only role
    await denied(sb.issueIdToken('api://other'), sb.defaultRoleArn);
    await denied(sb.issueIdToken(), 'arn:aws:iam::123456789012:role/missing');
    sb.setOidcSubject('repo:owner/repo:environment:production');
    await expect(assume(sb, sb.issueIdToken(), role)).resolves.toBeDefined();
    sb.setOidcSubject('repo:someone-else/repo:ref:refs/heads/main');
    await denied(sb.issueIdToken(), sb.defaultRoleArn);
  });

  test('expired, forged and malformed tokens', async () => {
    const sb = sandbox();
    const expired = await rejection(
      assume(sb, sb.issueIdToken('sts.amazonaws.com', { exp: Math.floor(Date.now() / 1000) - 10 })),
    );
    expect(expired.name).toBe('ExpiredTokenException');
    const [head, body] = sb.issueIdToken().split('.');
    const forged = await rejection(assume(sb, `${head}.${body}.${Buffer.from('sig').toString('base64url')}`));
    expect(forged.name).toBe('InvalidIdentityTokenException'); // wire code InvalidIdentityToken
    const session = await rejection(
      sts(sb).send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: sb.defaultRoleArn,
          RoleSessionName: 'bad name!',
          WebIdentityToken: sb.issueIdToken(),
        }),
      ),
    );
    expect(session.name).toBe('ValidationError');
  });

  test('credentials STS never issued are refused; long-term keys are taken as given', async () => {
    const sb = sandbox();
    const { id } = sb.createDistribution();
    const forged: Credentials = {
      accessKeyId: 'ASIAFORGEDFORGED0000',
      secretAccessKey: 'x'.repeat(40),
      sessionToken: 'forged',
    };
    const err = await rejection(
      cloudFront(sb, { credentials: forged }).send(new GetDistributionCommand({ Id: id })),
    );
    expect(err.name).toBe('InvalidClientTokenId');
    await cloudFront(sb).send(new GetDistributionCommand({ Id: id }));
    expect(sb.requests.map((r) => [r.accessKeyId, r.status])).toEqual([
      ['ASIAFORGEDFORGED0000', 403],
      [SANDBOX_ACCESS_KEY_ID, 200],
    ]);
  });
});
