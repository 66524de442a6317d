// The sandbox for tests: started in-process on a free port, closed after the file's tests,
// plus the environment and SDK client settings that point the action at it.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index.js';

export { startSandbox, Sandbox, adminCall } from '../../sandbox/index.js';
export type {
  SandboxOptions,
  CertificateView,
  DistributionSeed,
  DistributionView,
  RequestRecord,
  SeededDistribution,
} from '../../sandbox/index.js';

/** Static credentials the sandbox accepts (anything not `ASIA...` is taken as a long-term key). */
export const SANDBOX_ACCESS_KEY_ID = 'AKIDSANDBOXEXAMPLE01';
export const SANDBOX_SECRET_ACCESS_KEY = 'sandbox/secret/access/key/EXAMPLEKEY000';

export interface SandboxEnv {
  AWS_ENDPOINT_URL: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  AWS_REGION: string;
  ACTIONS_ID_TOKEN_REQUEST_URL: string;
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: string;
  [name: string]: string;
}

/** Environment variables that send the action (SDK and getIDToken) to the sandbox. */
export function sandboxEnv(sb: Sandbox): SandboxEnv {
  return {
    AWS_ENDPOINT_URL: sb.url,
    AWS_ACCESS_KEY_ID: SANDBOX_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: SANDBOX_SECRET_ACCESS_KEY,
    AWS_REGION: 'us-east-1',
    ACTIONS_ID_TOKEN_REQUEST_URL: sb.oidcTokenUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: sb.oidcRequestToken,
  };
}

export interface ClientSettings {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  maxAttempts: number;
}

/**
 * Settings for `new CloudFrontClient(...)` / ACMClient / STSClient against the sandbox.
 * maxAttempts defaults to 1 so that a test sees errors at once; raise it to test retries.
 */
export function clientSettings(
  sb: Sandbox,
  opts: { maxAttempts?: number; region?: string; credentials?: ClientSettings['credentials'] } = {},
): ClientSettings {
  return {
    endpoint: sb.url,
    region: opts.region ?? 'us-east-1',
    credentials: opts.credentials ?? {
      accessKeyId: SANDBOX_ACCESS_KEY_ID,
      secretAccessKey: SANDBOX_SECRET_ACCESS_KEY,
    },
    maxAttempts: opts.maxAttempts ?? 1,
  };
}

/**
 * One sandbox for the test file: started in beforeAll, closed in afterAll and (unless
 * `reset: false`) reset before each test. Call the returned function inside tests.
 */
export function useSandbox(opts: SandboxOptions & { reset?: boolean } = {}): () => Sandbox {
  let sb: Sandbox | undefined;
  const { reset = true, ...options } = opts;
  beforeAll(async () => {
    sb = await startSandbox(options);
  });
  afterAll(async () => {
    await sb?.close();
  });
  if (reset) {
    beforeEach(() => {
      sb?.reset();
    });
  }
  return () => {
    if (!sb) throw new Error('the sandbox is not started yet (use it inside a test or hook)');
    return sb;
  };
}
