// AWS clients for the run: credentials from GitHub's OIDC token (STS loaded only then) or the job's
// own chain, checked before the first real call so a missing credential is named plainly.
import * as core from '@actions/core';
import type { Settings } from '../settings.js';
import type { Acm } from './acm.js';
import type { CloudFront } from './cloudfront.js';
import { type Credentials, assumeRoleWithOidc, oidcAvailable, sdkRetries } from './credentials.js';
import { awsFailure } from './errors.js';
import type { Iam } from './iam.js';

export interface Aws {
  readonly acm: Acm;
  readonly cloudfront: CloudFront;
  /** IAM, created on first use: only a distribution serving an IAM server certificate needs it. */
  readonly iam: () => Promise<Iam>;
  /** Common client settings (region, credentials, retries), for clients created later. */
  readonly clientConfig: { region: string; credentials?: Credentials; maxAttempts?: number };
  /** Closes every client this run opened. */
  readonly close: () => void;
}

export interface ConnectDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly sleep: (ms: number) => Promise<void>;
  readonly getIdToken: (audience: string) => Promise<string>;
}

/** AWS clients with working credentials, or the reason a pull-request dry run has to stay offline. */
export async function connect(settings: Settings, deps: ConnectDeps): Promise<Aws | string> {
  const offlineAllowed = settings.dryRun && settings.pullRequestEvent;
  let credentials: Credentials | undefined;
  if (settings.roleToAssume !== undefined) {
    if (offlineAllowed && !oidcAvailable(deps.env)) {
      return 'The certificate was validated offline only: this pull request has no GitHub OIDC token (pull requests from forks never get one), so the distributions could not be read and no plan was made.';
    }
    credentials = await core.group('Assume role', async () => {
      const assumed = await assumeRoleWithOidc(
        {
          roleArn: settings.roleToAssume!,
          sessionName: settings.roleSessionName,
          audience: settings.audience,
          region: settings.awsRegion,
          getIdToken: deps.getIdToken,
        },
        deps.env,
      );
      core.setSecret(assumed.secretAccessKey);
      if (assumed.sessionToken) core.setSecret(assumed.sessionToken);
      core.info(`Assumed ${settings.roleToAssume}`);
      return assumed;
    });
  }
  const [{ ACMClient }, { CloudFrontClient }, { Acm }, { CloudFront }] = await Promise.all([
    import('@aws-sdk/client-acm'),
    import('@aws-sdk/client-cloudfront'),
    import('./acm.js'),
    import('./cloudfront.js'),
  ]);
  // ACM is always us-east-1: CloudFront only takes certificates from there. CloudFront is global
  // and signed for us-east-1. Retries use the SDK's standard strategy; AWS_MAX_ATTEMPTS overrides.
  const common = {
    region: 'us-east-1',
    ...(credentials ? { credentials } : {}),
    ...sdkRetries(deps.env),
  };
  const acm = new ACMClient(common);
  const cloudfront = new CloudFrontClient(common);
  if (!credentials) {
    try {
      await acm.config.credentials();
    } catch (error) {
      acm.destroy();
      cloudfront.destroy();
      if (offlineAllowed) {
        return 'The certificate was validated offline only: no AWS credentials are available to this pull request (forks get no secrets or OIDC token), so the distributions could not be read and no plan was made.';
      }
      throw new Error(
        `no AWS credentials: set role-to-assume (with permissions: id-token: write) or configure credentials in an earlier step (${awsFailure(error).message})`,
        { cause: error },
      );
    }
  }
  const importer = new ACMClient({ ...common, maxAttempts: 1 });
  const wrappedAcm = new Acm(acm, importer, deps.sleep);
  let iam: Promise<Iam> | undefined;
  return {
    acm: wrappedAcm,
    cloudfront: new CloudFront(cloudfront),
    // IAM is global; its endpoint signs for us-east-1 like CloudFront's.
    iam: () => (iam ??= import('./iam.js').then(({ Iam, IAMClient }) => new Iam(new IAMClient(common)))),
    clientConfig: common,
    close: () => {
      wrappedAcm.destroy();
      cloudfront.destroy();
      // A client that failed to load was reported then; closing must not fail the run again.
      void iam?.then(
        (opened) => opened.client.destroy(),
        () => undefined,
      );
    },
  };
}
