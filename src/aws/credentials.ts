// Credentials for ACM and CloudFront: GitHub's OIDC token exchanged with STS, or the job's own chain.
import { awsFailure } from './errors.js';

/** The shape every AWS SDK v3 client accepts as `credentials`. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export interface OidcRequest {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly audience: string;
  readonly region: string;
  readonly getIdToken: (audience: string) => Promise<string>;
}

export class CredentialsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CredentialsError';
  }
}

/** True when the runner can hand out an OIDC token (the job has `permissions: id-token: write`). */
/** The SDK's standard retries, 6 attempts, unless the job sets AWS_MAX_ATTEMPTS itself. */
export function sdkRetries(env: NodeJS.ProcessEnv): { maxAttempts?: number } {
  return env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: 6 };
}

export function oidcAvailable(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
}

export async function assumeRoleWithOidc(request: OidcRequest, env: NodeJS.ProcessEnv): Promise<Credentials> {
  if (!oidcAvailable(env)) {
    throw new CredentialsError(
      "Input 'role-to-assume': no GitHub OIDC token is available to this job. Add `permissions: id-token: write` to the job " +
        '(pull requests from forks never get one).',
    );
  }
  let token: string;
  try {
    token = await request.getIdToken(request.audience);
  } catch (error) {
    throw new CredentialsError(
      `could not get a GitHub OIDC token for audience '${request.audience}': ${awsFailure(error).message}. ` +
        'Check the job has `permissions: id-token: write`.',
      { cause: error },
    );
  }
  // Loaded only when a role is assumed: most of a cold start is module loading.
  const { STSClient, AssumeRoleWithWebIdentityCommand } = await import('@aws-sdk/client-sts');
  const sts = new STSClient({
    region: request.region,
    ...sdkRetries(env),
  });
  try {
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        WebIdentityToken: token,
        DurationSeconds: 3600,
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw new CredentialsError(`STS returned no credentials for ${request.roleArn}`);
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
    };
  } catch (error) {
    if (error instanceof CredentialsError) throw error;
    const failure = awsFailure(error);
    let hint = '';
    if (failure.code === 'AccessDenied' || /not authorized/i.test(failure.message)) {
      hint =
        ` The role's trust policy does not accept this token: check its token.actions.githubusercontent.com:sub condition` +
        ` matches this repository, branch or environment, and :aud matches the audience input ('${request.audience}').`;
    } else if (failure.code === 'InvalidIdentityToken') {
      hint =
        ' Check the IAM OIDC identity provider for token.actions.githubusercontent.com exists in the account and lists this audience.';
    }
    throw new CredentialsError(
      `could not assume ${request.roleArn} with the GitHub OIDC token: ${failure.code}: ${failure.message}.${hint}`,
      { cause: error },
    );
  } finally {
    sts.destroy();
  }
}
