// run(): read -> decide -> apply -> report. The only place that calls core.setFailed.
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import type { Acm } from './aws/acm.js';
import type { CloudFront } from './aws/cloudfront.js';
import { type Credentials, assumeRoleWithOidc, oidcAvailable } from './aws/credentials.js';
import { awsFailure } from './aws/errors.js';
import { type CertificateBundle, BundleError, loadBundle } from './certificate/index.js';
import { MANAGED_BY_TAG, type Replaced, deleteReplacedCertificates } from './cleanup.js';
import { waitForDeployment } from './deployment.js';
import { type Outcome, outcomeOf } from './outcome.js';
import { type Observation, type Plan, decide } from './plan.js';
import { auditDistribution, checkOriginTls, describeFinding } from './posture/index.js';
import { type Report, buildOutputs, describeCertificateStep, renderSummary } from './report.js';
import { InputError, type Settings, type Tag, readSettings } from './settings.js';

export interface Deps {
  readonly getInput: (name: string) => string;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly getIdToken: (audience: string) => Promise<string>;
  readonly readFile: (path: string) => string;
}

export function defaultDeps(): Deps {
  return {
    getInput: (name) => core.getInput(name),
    env: process.env,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    getIdToken: (audience) => core.getIDToken(audience),
    readFile: (path) => readFileSync(path, 'utf8'),
  };
}

// CloudFront throttles writes at a few per second per account; reads are more generous.
const READ_CONCURRENCY = 8;
const WRITE_CONCURRENCY = 2;
const MAX_CONFLICT_RETRIES = 3;

export async function run(deps: Deps = defaultDeps()): Promise<void> {
  try {
    const settings = readSettings(deps.getInput, deps.env.GITHUB_EVENT_NAME);
    // Mask before anything can be logged; src/certificate masks every decoded form too.
    maskSecret(settings.privateKey);
    let report = await deploy(settings, deps);
    if (settings.commentOnPullRequest && settings.pullRequestEvent)
      report = await commentOnPullRequest(report, settings, deps.env);
    await publish(report, deps.env);
    const failures = failureMessages(report, settings);
    if (failures.length > 0) core.setFailed(failures.join(' '));
  } catch (error) {
    core.setFailed(errorMessage(error));
    if (core.isDebug() && error instanceof Error && error.stack) core.debug(error.stack);
  }
}

/** Posts the plan on the pull request. Never fails the step: the plan is in the job summary either way. */
async function commentOnPullRequest(
  report: Report,
  settings: Settings,
  env: NodeJS.ProcessEnv,
): Promise<Report> {
  const { commentTargetFromContext, upsertPlanComment } = await import('./comment.js');
  const target = commentTargetFromContext(env, settings.githubToken);
  if (!target) {
    core.notice('comment-on-pull-request: this event has no pull request to comment on.');
    return report;
  }
  try {
    const result = await upsertPlanComment(target, renderSummary(report));
    if (result.kind === 'not-permitted') {
      core.notice(`comment-on-pull-request: ${result.hint}`);
      return report;
    }
    core.info(`Pull-request comment ${result.kind}: ${result.url}`);
    return { ...report, commentUrl: result.url };
  } catch (error) {
    core.warning(`comment-on-pull-request: ${errorMessage(error)}`);
    return report;
  }
}

async function deploy(settings: Settings, deps: Deps): Promise<Report> {
  const base = { dryRun: settings.dryRun, dryRunReason: settings.dryRunReason, now: deps.now() };
  core.info(
    settings.dryRun ? `Dry run: ${settings.dryRunReason}.` : `Applying changes (${settings.dryRunReason}).`,
  );

  if (settings.certificate.trim() === '' || settings.privateKey.trim() === '') {
    // Only reachable on a pull-request dry run (settings refuses it elsewhere): a fork has no secrets.
    const note =
      'No certificate material was given (pull requests from forks get no secrets), so nothing could be validated and no distribution was read. This is not a failure.';
    core.notice(note);
    return {
      ...base,
      bundle: undefined,
      certificateStep: undefined,
      certificateArn: undefined,
      outcomes: [],
      notes: [note],
    };
  }

  const bundle = await core.group('Certificate', async () => {
    const loaded = await loadBundle(
      {
        certificate: settings.certificate,
        privateKey: settings.privateKey,
        chain: settings.certificateChain,
      },
      { now: deps.now(), expiryWarningDays: settings.expiryWarningDays, readFile: deps.readFile, maskSecret },
    );
    logBundle(loaded);
    return loaded;
  });

  const aws = await connect(settings, deps);
  if (typeof aws === 'string') {
    core.notice(aws);
    return {
      ...base,
      bundle,
      certificateStep: undefined,
      certificateArn: undefined,
      outcomes: [],
      notes: [aws],
    };
  }

  try {
    const { observe } = await import('./observe.js');
    const observation = await core.group('Read distributions', () =>
      observe(
        {
          serial: bundle.leaf.serial,
          fingerprintSha256: bundle.leaf.fingerprintSha256,
          notAfter: bundle.leaf.notAfter,
          sans: bundle.leaf.sans,
        },
        aws,
        {
          distributionIds: settings.distributionIds,
          certificateArn: settings.certificateArn,
          readConcurrency: READ_CONCURRENCY,
          warn: (m) => core.warning(m),
          enforcement: settings.enforcement,
          preflight: (domain, port) => checkOriginTls(domain, port),
        },
      ),
    );
    const plan = decide(bundle.leaf, observation, settings);
    core.startGroup('Plan');
    core.info(describeCertificateStep(plan.certificate, true, undefined));
    for (const d of plan.distributions) core.info(`${d.id}: ${d.decision.kind}: ${d.decision.reason}`);
    core.endGroup();

    const notes: string[] = [];
    if (plan.certificate.kind === 'refused') notes.push(`Re-import refused: ${plan.certificate.reason}`);
    const plannedArn =
      plan.certificate.kind === 'reuse' || plan.certificate.kind === 'reimport'
        ? plan.certificate.arn
        : undefined;
    if (settings.dryRun) {
      const outcomes = audit(
        plan.distributions.map((d) => outcomeOf(d, true)),
        plan,
        observation,
        bundle,
        settings,
        deps.now(),
      );
      return {
        ...base,
        bundle,
        certificateStep: plan.certificate,
        certificateArn: plannedArn,
        outcomes,
        notes,
      };
    }

    const { apply } = await import('./apply.js');
    const applied = await core.group('Apply', () =>
      apply(plan, aws, {
        leaf: bundle.leaf,
        material: {
          certificatePem: bundle.certificatePem,
          chainPem: bundle.chainPem,
          privateKeyPem: bundle.privateKeyPem,
        },
        tags: importTags(settings, deps.env),
        settings,
        seen: observation,
        writeConcurrency: WRITE_CONCURRENCY,
        maxConflictRetries: MAX_CONFLICT_RETRIES,
        info: (m) => core.info(m),
      }),
    );
    if (applied.importFailure) notes.push(`Nothing was changed: ${applied.importFailure}`);
    let outcomes: Outcome[] = audit(applied.outcomes, plan, observation, bundle, settings, deps.now());
    if (settings.waitForDeployment) {
      outcomes = await core.group('Wait for deployment', () =>
        waitForDeployment(outcomes, aws.cloudfront, {
          timeoutMs: settings.waitTimeoutMinutes * 60_000,
          now: () => deps.now().getTime(),
          sleep: deps.sleep,
          info: (m) => core.info(m),
        }),
      );
    }
    if (settings.invalidatePaths.length > 0) {
      outcomes = await core.group('Invalidate', () =>
        invalidate(outcomes, aws.cloudfront, settings.invalidatePaths, deps.env),
      );
    }
    let replaced: Replaced[] = [];
    if (settings.deleteReplacedCertificates && outcomes.some((o) => o.outcome === 'updated')) {
      replaced = await core.group('Delete replaced certificates', async () => {
        const results = await deleteReplacedCertificates(outcomes, applied.certificateArn, aws.acm);
        for (const r of results) core.info(`${r.arn}: ${r.reason}`);
        return results;
      });
    }
    return {
      ...base,
      bundle,
      certificateStep: plan.certificate,
      certificateArn: applied.certificateArn,
      outcomes,
      notes,
      replaced,
    };
  } finally {
    aws.acm.client.destroy();
    aws.cloudfront.client.destroy();
  }
}

/** invalidate-paths: one invalidation per updated distribution; a failure is reported, not fatal to the others. */
async function invalidate(
  outcomes: Outcome[],
  cloudfront: CloudFront,
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
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
      core.info(`${o.id}: invalidation ${invalidationId} for ${paths.join(', ')}`);
      results.push({
        ...o,
        invalidationId,
        reason: `${o.reason}; invalidated ${paths.join(', ')} (${invalidationId})`,
      });
    } catch (error) {
      const f = awsFailure(error);
      core.warning(`${o.id}: updated, but the invalidation failed: ${f.code}: ${f.message}`);
      results.push({ ...o, reason: `${o.reason}; invalidation failed: ${f.code}: ${f.message}` });
    }
  }
  return results;
}

/**
 * The HTTPS posture of each distribution as it is after this run (in a dry run: would be), and the
 * certificate it then serves: ours where it was updated or unchanged, the attached one otherwise.
 */
function audit(
  outcomes: Outcome[],
  plan: Plan,
  observation: Observation,
  bundle: CertificateBundle,
  settings: Settings,
  now: Date,
): Outcome[] {
  return outcomes.map((o, i) => {
    const planned = plan.distributions[i];
    if (!planned?.state || planned.id !== o.id) return o;
    const moved = o.outcome === 'updated' || o.outcome === 'would-update';
    const decision = planned.decision;
    const config = moved && decision.kind === 'update' ? decision.config : planned.state.config;
    const viewerCertificate = moved && decision.kind === 'update' ? decision.viewerCertificate : undefined;
    const attached = o.previousCertificateArn
      ? observation.certificates.get(o.previousCertificateArn)
      : undefined;
    const served =
      moved || o.outcome === 'unchanged'
        ? { keyAlgorithm: bundle.leaf.keyAlgorithm, notAfter: bundle.leaf.notAfter }
        : attached?.keyAlgorithm && attached.notAfter
          ? { keyAlgorithm: attached.keyAlgorithm, notAfter: attached.notAfter }
          : undefined;
    const findings = auditDistribution(config, viewerCertificate, served, now, settings.expiryWarningDays);
    for (const f of findings) core.warning(describeFinding(o.id, f));
    return { ...o, findings, servedNotAfter: served?.notAfter };
  });
}

/** AWS clients with working credentials, or the reason a pull-request dry run has to stay offline. */
async function connect(
  settings: Settings,
  deps: Deps,
): Promise<{ acm: Acm; cloudfront: CloudFront } | string> {
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
    import('./aws/acm.js'),
    import('./aws/cloudfront.js'),
  ]);
  // ACM is always us-east-1: CloudFront only takes certificates from there. CloudFront is global
  // and signed for us-east-1. Retries use the SDK's standard strategy; AWS_MAX_ATTEMPTS overrides.
  const common = {
    region: 'us-east-1',
    ...(credentials ? { credentials } : {}),
    ...(deps.env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: 6 }),
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
  return { acm: new Acm(acm), cloudfront: new CloudFront(cloudfront) };
}

/** The user's tags plus ours, so later runs (and people) can tell which certificates this action imported. */
function importTags(settings: Settings, env: NodeJS.ProcessEnv): Tag[] {
  const ours: Tag[] = [MANAGED_BY_TAG];
  if (env.GITHUB_REPOSITORY) ours.push({ Key: 'repository', Value: env.GITHUB_REPOSITORY });
  if (env.GITHUB_RUN_ID)
    ours.push({
      Key: 'run',
      Value: `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID}`,
    });
  const given = new Set(settings.tags.map((t) => t.Key));
  return [...settings.tags, ...ours.filter((t) => !given.has(t.Key))];
}

async function publish(report: Report, env: NodeJS.ProcessEnv): Promise<void> {
  const outputs = buildOutputs(report);
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
  for (const o of report.outcomes) {
    const line = `${o.id}: ${o.outcome}: ${o.reason}`;
    if (o.outcome === 'failed') core.error(line);
    else if (o.outcome === 'skipped') core.warning(line);
    else core.info(line);
  }
  const markdown = renderSummary(report);
  if (env.GITHUB_STEP_SUMMARY) {
    try {
      await core.summary.addRaw(markdown, true).write();
    } catch (error) {
      core.warning(`could not write the job summary: ${errorMessage(error)}`);
    }
  } else {
    core.info(markdown);
  }
}

function failureMessages(report: Report, settings: Settings): string[] {
  const failed = report.outcomes.filter((o) => o.outcome === 'failed').map((o) => o.id);
  const skipped = report.outcomes.filter((o) => o.outcome === 'skipped').map((o) => o.id);
  const messages: string[] = [];
  if (failed.length) messages.push(`Failed: ${failed.join(', ')} (see the job summary).`);
  if (skipped.length && settings.failOnSkip) {
    messages.push(
      `Skipped: ${skipped.join(', ')} (the certificate would break them; set fail-on-skip: false to allow).`,
    );
  }
  return messages;
}

function logBundle(bundle: CertificateBundle): void {
  const leaf = bundle.leaf;
  core.info(`Leaf: ${leaf.subject}; names: ${leaf.sans.join(', ') || '(none)'}`);
  core.info(
    `Issuer: ${leaf.issuer}; key: ${leaf.keyAlgorithm}; valid ${leaf.notBefore.toISOString()} to ${leaf.notAfter.toISOString()}`,
  );
  core.info(`SHA-256: ${leaf.fingerprintSha256}`);
  for (const n of bundle.normalisations) core.info(`Normalised: ${n}`);
  for (const w of bundle.warnings) core.warning(w);
}

function maskSecret(secret: string): void {
  for (const line of secret.split(/\r?\n/)) {
    const trimmed = line.trim();
    // Short or header lines ("-----BEGIN PRIVATE KEY-----") would mask harmless text everywhere.
    if (trimmed.length >= 16 && !trimmed.startsWith('-----')) core.setSecret(trimmed);
  }
  if (secret.trim() !== '') core.setSecret(secret.trim());
}

function errorMessage(error: unknown): string {
  if (error instanceof InputError || error instanceof BundleError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
