// run(): read -> decide -> apply -> report. The only place that calls core.setFailed.
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { auditOutcomes } from './audit.js';
import { type Aws, connect } from './aws/connect.js';
import { errorMessage } from './aws/errors.js';
import { watchRequests } from './aws/wire.js';
import type { DnsReport } from './dns/index.js';
import { dnsEnabled } from './dns/plan.js';
import type { CertificateBundle } from './certificate/index.js';
import { invalidate } from './invalidation.js';
import { type Replaced, deleteReplacedCertificates, importTags } from './ownership.js';
import { waitForDeployment } from './deployment.js';
import { type Outcome, outcomeOf } from './outcome.js';
import { decide } from './plan.js';
import { type Finding, checkOriginTls, describeFinding } from './posture/index.js';
import { type Report, buildOutputs, describeCertificateStep, renderSummary } from './report.js';
import { type Settings, readSettings } from './settings.js';

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
// Give up on the remaining writes only after this long with CloudFront throttling every one of them.
const MAX_THROTTLE_STALL_MS = 5 * 60_000;
// How long the certificate's validation waits for the survey's first wave to be sent before going ahead.
const MAX_SEND_WAIT_MS = 250;

export async function run(deps: Deps = defaultDeps()): Promise<void> {
  try {
    const settings = readSettings(deps.getInput, {
      eventName: deps.env.GITHUB_EVENT_NAME,
      fromFork: pullRequestFromFork(deps.env, deps.readFile),
    });
    // Mask before anything can be logged; src/certificate masks every decoded form too.
    maskSecret(settings.privateKey);
    let report = await deploy(settings, deps);
    if (settings.commentOnPullRequest && settings.pullRequestEvent) {
      const { commentOnPullRequest } = await import('./comment.js');
      const commentUrl = await commentOnPullRequest(
        renderSummary(report),
        settings.githubToken,
        deps.env,
        core,
      );
      report = { ...report, commentUrl };
    }
    await publish(report, deps.env);
    const failures = failureMessages(report, settings);
    if (failures.length > 0) core.setFailed(failures.join(' '));
  } catch (error) {
    core.setFailed(errorMessage(error));
    if (core.isDebug() && error instanceof Error && error.stack) core.debug(error.stack);
  }
}

async function deploy(settings: Settings, deps: Deps): Promise<Report> {
  const base = { dryRun: settings.dryRun, dryRunReason: settings.dryRunReason, now: deps.now() };
  core.info(
    settings.dryRun ? `Dry run: ${settings.dryRunReason}.` : `Applying changes (${settings.dryRunReason}).`,
  );

  if (settings.certificateArn !== undefined && settings.tags.length > 0) {
    core.warning("Input 'tags' is ignored with certificate-arn: ACM takes no tags on a re-import.");
  }
  if (settings.certificate.trim() === '') {
    // Only reachable on a pull-request dry run (settings refuses it elsewhere): a fork has no secrets.
    const note =
      'No certificate was given (pull requests from forks get no secrets), so nothing could be validated and no distribution was read. This is not a failure.';
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

  const validate = (): Promise<CertificateBundle> =>
    core.group('Certificate', async () => {
      const { loadBundle } = await import('./certificate/index.js');
      const loaded = await loadBundle(
        {
          certificate: settings.certificate,
          privateKey: settings.privateKey,
          chain: settings.certificateChain,
        },
        {
          now: deps.now(),
          expiryWarningDays: settings.expiryWarningDays,
          readFile: deps.readFile,
          maskSecret,
          // Settings allow an empty key only on a fork's pull-request dry run: check what was given.
          keyOptional: settings.dryRun && settings.privateKey.trim() === '',
        },
      );
      logBundle(loaded);
      return loaded;
    });

  // Loaded alongside the SDK, not after it: the first read waits for both.
  const observeModule = import('./observe.js');
  observeModule.catch(() => undefined); // awaited below; a failed connect() leaves it unawaited
  let aws: Aws | string;
  try {
    aws = await connect(settings, deps);
  } catch (error) {
    // A bad bundle is the first thing to fix: its error wins over a credentials problem.
    await validate();
    throw error;
  }
  if (typeof aws === 'string') {
    const bundle = await validate();
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
    // The reads need no certificate, so they go out first and the validation (CPU: loading and
    // running the X.509 stack) runs while they are in flight. Nothing is written before the
    // bundle has passed; a bad one fails the run without waiting for the reads.
    const { survey, surveyFirstWave, identify } = await observeModule;
    const stop = new AbortController();
    const surveyOptions = {
      distributionIds: settings.distributionIds,
      certificateArn: settings.certificateArn,
      readConcurrency: READ_CONCURRENCY,
      enforcement: settings.enforcement,
      preflight: (domain: string, port: number) => checkOriginTls(domain, port, { signal: stop.signal }),
      signal: stop.signal,
    };
    const wire = watchRequests(surveyFirstWave(surveyOptions));
    const surveying = survey(aws, surveyOptions);
    surveying.catch(() => undefined); // awaited below, once the bundle has passed
    // Not longer than MAX_SEND_WAIT_MS: a network that does not answer must not hold up the
    // validation, whose errors come first (so does a survey that fails early: it is not awaited
    // here). The timer is unref'd: it must not keep the process up.
    const settled = surveying.then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([wire.sent, settled, delay(MAX_SEND_WAIT_MS, undefined, { ref: false })]);
    wire.stop();
    let bundle: CertificateBundle;
    try {
      bundle = await validate();
    } catch (error) {
      // Abandon the reads: a failing run must neither wait for them nor keep sending them.
      stop.abort();
      await settled;
      throw error;
    }
    const observation = await core.group('Read distributions', async () => {
      const surveyed = await surveying;
      for (const warning of surveyed.warnings) core.warning(warning);
      return identify(bundle.leaf, surveyed, aws.acm, (m) => core.warning(m));
    });
    const plan = decide(bundle.leaf, observation, settings);
    core.startGroup('Plan');
    core.info(describeCertificateStep(plan.certificate, true, undefined));
    for (const d of plan.distributions) core.info(`${d.id}: ${d.decision.kind}: ${d.decision.reason}`);
    core.endGroup();

    const audited = (outcomes: Outcome[]): Outcome[] => {
      const result = auditOutcomes(
        outcomes,
        plan,
        observation,
        bundle.leaf,
        settings.expiryWarningDays,
        deps.now(),
      );
      announceFindings(result);
      return result;
    };
    const notes: string[] = [];
    if (plan.certificate.kind === 'refused') notes.push(`Re-import refused: ${plan.certificate.reason}`);
    const plannedArn =
      plan.certificate.kind === 'reuse' || plan.certificate.kind === 'reimport'
        ? plan.certificate.arn
        : undefined;
    if (settings.dryRun) {
      const outcomes = audited(plan.distributions.map((d) => outcomeOf(d, true)));
      const dns = await aliasRecords(outcomes, aws, settings, deps);
      return {
        ...base,
        bundle,
        certificateStep: plan.certificate,
        certificateArn: plannedArn,
        outcomes,
        notes,
        dns,
      };
    }

    const { apply } = await import('./apply.js');
    const applied = await core.group('Apply', () =>
      apply(plan, aws, {
        leaf: bundle.leaf,
        material: bundle,
        tags: importTags(settings.tags, deps.env),
        settings,
        seen: observation,
        writeConcurrency: WRITE_CONCURRENCY,
        maxConflictRetries: MAX_CONFLICT_RETRIES,
        maxThrottleStallMs: MAX_THROTTLE_STALL_MS,
        now: () => deps.now().getTime(),
        sleep: deps.sleep,
        info: (m) => core.info(m),
      }),
    );
    let outcomes: Outcome[] = audited(applied.outcomes);
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
        invalidate(outcomes, aws.cloudfront, settings.invalidatePaths, deps.env, core),
      );
    }
    // After the wait, so a distribution that failed to deploy gets no DNS pointing at it.
    const dns = await aliasRecords(outcomes, aws, settings, deps);
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
      dns,
      importFailure: applied.importFailure,
    };
  } finally {
    aws.close();
  }
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

/** route53-hosted-zone-ids: alias records for every distribution that serves the certificate. */
async function aliasRecords(
  outcomes: Outcome[],
  aws: Aws,
  settings: Settings,
  deps: Deps,
): Promise<DnsReport | undefined> {
  const zones = settings.route53HostedZoneIds;
  if (!dnsEnabled(zones)) return undefined;
  // Loaded only when asked for: the Route 53 SDK is a cold-start cost nobody else should pay.
  const { aliasRecordsStep } = await import('./dns/index.js');
  const report = await core.group('Route 53 alias records', () =>
    aliasRecordsStep({
      zones,
      overwrite: settings.route53Overwrite,
      dryRun: settings.dryRun,
      wait: settings.waitForDeployment,
      outcomes,
      cloudfront: aws.cloudfront,
      clientConfig: aws.clientConfig,
      sleep: deps.sleep,
      now: () => deps.now().getTime(),
      timeoutMs: settings.waitTimeoutMinutes * 60_000,
      info: (m) => core.info(m),
    }),
  );
  for (const r of report.records) {
    const line = `${r.name} ${r.type}: ${r.status}${r.reason ? `: ${r.reason}` : ''}`;
    if (r.status === 'failed') core.error(line);
    else if (r.status === 'refused') core.warning(line);
    else core.info(line);
  }
  for (const p of report.problems) core.error(p);
  return report;
}

/**
 * One annotation per distinct finding, naming every distribution that has it: a fleet of 200 on one
 * RSA certificate gets one line, not 200. Advice (an RSA key) is a notice; risks are warnings.
 */
function announceFindings(outcomes: readonly Outcome[]): void {
  const grouped = new Map<string, { finding: Finding; ids: string[] }>();
  for (const o of outcomes) {
    for (const f of o.findings ?? []) {
      const key = `${f.code}\n${f.target}\n${f.message}`;
      const entry = grouped.get(key) ?? { finding: f, ids: [] };
      entry.ids.push(o.id);
      grouped.set(key, entry);
    }
  }
  for (const { finding, ids } of grouped.values()) {
    const line = describeFinding(ids.join(', '), finding);
    if (finding.code === 'rsa-certificate') core.notice(line);
    else core.warning(line);
  }
}

function failureMessages(report: Report, settings: Settings): string[] {
  const failed = report.outcomes.filter((o) => o.outcome === 'failed').map((o) => o.id);
  const skipped = report.outcomes.filter((o) => o.outcome === 'skipped').map((o) => o.id);
  const messages: string[] = [];
  if (report.importFailure) messages.push(`Nothing was changed: ${report.importFailure}.`);
  if (failed.length) messages.push(`Failed: ${failed.join(', ')} (see the job summary).`);
  const dns = report.dns;
  const dnsFailed = dns ? dns.records.filter((r) => r.status === 'failed').length + dns.problems.length : 0;
  if (dnsFailed) messages.push(`Route 53: ${dnsFailed} problem(s) (see the job summary).`);
  const refused = dns
    ? dns.records.filter((r) => r.status === 'refused').map((r) => `${r.name} ${r.type}`)
    : [];
  if (refused.length && settings.failOnSkip) {
    messages.push(
      `Route 53 records refused: ${refused.join(', ')} (set route53-overwrite: true to replace them, or fail-on-skip: false).`,
    );
  }
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

/** From the event payload: is this a pull request whose head lives in another repository (a fork)? */
function pullRequestFromFork(env: NodeJS.ProcessEnv, readFile: (path: string) => string): boolean {
  if (!env.GITHUB_EVENT_PATH) return false;
  try {
    const event = JSON.parse(readFile(env.GITHUB_EVENT_PATH)) as {
      pull_request?: {
        head?: { repo?: { fork?: boolean; full_name?: string } };
        base?: { repo?: { full_name?: string } };
      };
    };
    const head = event.pull_request?.head?.repo;
    const base = event.pull_request?.base?.repo;
    return head?.fork === true || (head?.full_name !== undefined && head.full_name !== base?.full_name);
  } catch {
    return false;
  }
}
