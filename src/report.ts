// Outputs and the job summary, built as plain values from one Report so they are tested as strings.
import type { CertificateBundle } from './certificate/index.js';
import type { Outcome, OutcomeKind } from './outcome.js';
import type { Replaced } from './ownership.js';
import type { CertificateStep } from './plan.js';
import type { DnsReport } from './dns/index.js';
// render.js, not index.js: the report must not load the Route 53 SDK.
import { dnsRecordsOutput, renderDnsSection } from './dns/render.js';
import { renderFindings } from './posture/index.js';

export interface Report {
  readonly dryRun: boolean;
  readonly dryRunReason: string;
  readonly bundle: CertificateBundle | undefined;
  readonly certificateStep: CertificateStep | undefined;
  /** The ARN now serving (or, in a dry run, that would serve) the updated distributions. */
  readonly certificateArn: string | undefined;
  readonly outcomes: readonly Outcome[];
  /** Sentences that must reach the reader: what could not be checked, a failed import, ... */
  readonly notes: readonly string[];
  readonly now: Date;
  /** delete-replaced-certificates: what happened to each certificate the updates replaced. */
  readonly replaced?: readonly Replaced[];
  readonly commentUrl?: string | undefined;
  /** route53-hosted-zone-ids: the alias records ensured (or, in a dry run, planned). */
  readonly dns?: DnsReport | undefined;
  /** The import (or re-import) failed: nothing was written. */
  readonly importFailure?: string | undefined;
}

export const OUTPUT_NAMES = [
  'certificate-arn',
  'certificate-fingerprint',
  'certificate-not-after',
  'dry-run',
  'updated-distribution-ids',
  'unchanged-distribution-ids',
  'skipped-distribution-ids',
  'failed-distribution-ids',
  'days-remaining',
  'comment-url',
  'dns-records',
  'result',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

export function buildOutputs(report: Report): Record<OutputName, string> {
  const ids = (...kinds: OutcomeKind[]): string =>
    report.outcomes
      .filter((o) => kinds.includes(o.outcome))
      .map((o) => o.id)
      .join(',');
  return {
    'certificate-arn': report.certificateArn ?? '',
    'certificate-fingerprint': report.bundle?.leaf.fingerprintSha256 ?? '',
    'certificate-not-after': report.bundle?.leaf.notAfter.toISOString() ?? '',
    'dry-run': String(report.dryRun),
    'updated-distribution-ids': ids('updated', 'would-update'),
    'unchanged-distribution-ids': ids('unchanged'),
    'skipped-distribution-ids': ids('skipped'),
    'failed-distribution-ids': ids('failed'),
    'days-remaining': daysRemaining(report),
    'comment-url': report.commentUrl ?? '',
    'dns-records': report.dns ? dnsRecordsOutput(report.dns) : '[]',
    result: JSON.stringify(
      report.outcomes.map((o) => ({
        id: o.id,
        aliases: o.aliases,
        outcome: o.outcome,
        reason: o.reason,
        uncoveredAliases: o.uncoveredAliases,
        previousCertificateArn: o.previousCertificateArn ?? null,
        ...(o.code ? { code: o.code } : {}),
        ...(o.invalidationId ? { invalidationId: o.invalidationId } : {}),
        findings: (o.findings ?? []).map((f) => ({ code: f.code, target: f.target, message: f.message })),
      })),
    ),
  };
}

/**
 * Days until the first expiry among the certificates serving the distributions after this run, so a
 * scheduled workflow can alert. Falls back to our leaf when no distribution was read.
 */
export function daysRemaining(report: Report): string {
  const expiries = report.outcomes.flatMap((o) => (o.servedNotAfter ? [o.servedNotAfter.getTime()] : []));
  if (expiries.length === 0 && report.bundle) expiries.push(report.bundle.leaf.notAfter.getTime());
  if (expiries.length === 0) return '';
  return String(Math.floor((Math.min(...expiries) - report.now.getTime()) / 86_400_000));
}

const OUTCOME_LABEL: Record<OutcomeKind, string> = {
  updated: '✅ updated',
  'would-update': '📝 would update',
  unchanged: '➖ unchanged',
  skipped: '⚠️ skipped',
  failed: '❌ failed',
};

export function describeCertificateStep(
  step: CertificateStep | undefined,
  dryRun: boolean,
  arn: string | undefined,
  failure?: string,
): string {
  if (failure !== undefined) return `Failed, nothing was written: ${failure}.`;
  return describePlannedStep(step, dryRun, arn);
}

function describePlannedStep(
  step: CertificateStep | undefined,
  dryRun: boolean,
  arn: string | undefined,
): string {
  if (step === undefined) return 'Not planned: the distributions could not be read.';
  switch (step.kind) {
    case 'none':
      return step.reason;
    case 'reuse':
      return `Reused: ${step.reason}.`;
    case 'import':
      return dryRun
        ? 'Would import the certificate into ACM (us-east-1) once.'
        : `Imported into ACM once: ${arn ?? 'import failed'}.`;
    case 'reimport':
      return dryRun ? `Would re-import into ${step.arn}.` : `Re-imported into ${step.arn}.`;
    case 'refused':
      return `Re-import refused: ${step.reason}.`;
  }
}

export function renderSummary(report: Report): string {
  const lines: string[] = [];
  lines.push('## CloudFront certificate deploy', '');
  if (report.dryRun) {
    lines.push(
      `> [!NOTE]`,
      `> **Dry run** (${escape(report.dryRunReason)}): nothing was changed. This is what a real run would do.`,
      '',
    );
  }
  for (const note of report.notes) lines.push(`> [!WARNING]`, `> ${escape(note)}`, '');

  const bundle = report.bundle;
  if (bundle) {
    const leaf = bundle.leaf;
    const daysLeft = Math.floor((leaf.notAfter.getTime() - report.now.getTime()) / 86_400_000);
    lines.push('### Certificate', '', '| | |', '|---|---|');
    lines.push(`| Subject | ${escape(leaf.subject)} |`);
    lines.push(`| Names (SAN) | ${leaf.sans.length ? leaf.sans.map(code).join(', ') : '_none_'} |`);
    lines.push(`| Issuer | ${escape(leaf.issuer)} |`);
    if (bundle.chain.length)
      lines.push(`| Chain | ${bundle.chain.map((c) => escape(c.subject)).join(' → ')} |`);
    lines.push(`| Key | ${code(leaf.keyAlgorithm)} |`);
    lines.push(
      `| Valid | ${leaf.notBefore.toISOString()} → ${leaf.notAfter.toISOString()} (${daysLeft} days left) |`,
    );
    lines.push(`| SHA-256 | ${code(leaf.fingerprintSha256)} |`);
    lines.push(
      `| ACM | ${escape(describeCertificateStep(report.certificateStep, report.dryRun, report.certificateArn, report.importFailure))} |`,
    );
    lines.push('');
    if (bundle.normalisations.length) {
      lines.push('Normalised before import:', '', ...bundle.normalisations.map((n) => `- ${escape(n)}`), '');
    }
    if (bundle.warnings.length) {
      lines.push('Warnings:', '', ...bundle.warnings.map((w) => `- ⚠️ ${escape(w)}`), '');
    }
  }

  if (report.outcomes.length) {
    lines.push(
      '### Distributions',
      '',
      '| Distribution | Aliases | Outcome | Reason | Before → after |',
      '|---|---|---|---|---|',
    );
    for (const o of report.outcomes) {
      const after =
        o.outcome === 'updated' || o.outcome === 'would-update'
          ? (report.certificateArn ?? 'the imported certificate')
          : 'no change';
      const before =
        o.previousCertificateArn ??
        (o.outcome === 'failed' && o.aliases.length === 0 ? '?' : 'no ACM certificate');
      lines.push(
        `| ${code(o.id)} | ${o.aliases.map(code).join('<br>') || '_none_'} | ${OUTCOME_LABEL[o.outcome]} | ${escape(o.reason)} | ${escape(before)} → ${escape(after)} |`,
      );
    }
    lines.push('');
    const count = (k: OutcomeKind): number => report.outcomes.filter((o) => o.outcome === k).length;
    lines.push(
      `${count(report.dryRun ? 'would-update' : 'updated')} ${report.dryRun ? 'would be updated' : 'updated'}, ${count('unchanged')} unchanged, ${count('skipped')} skipped, ${count('failed')} failed.`,
      '',
    );
  }
  if (report.dns) {
    const dns = renderDnsSection(report.dns);
    if (dns) lines.push(dns);
  }
  const posture = renderFindings(report.outcomes.map((o) => ({ id: o.id, findings: o.findings ?? [] })));
  if (posture) lines.push(posture);
  const expiring = report.outcomes.filter((o) =>
    (o.findings ?? []).some((f) => f.code === 'certificate-expiring' || f.code === 'certificate-expired'),
  );
  if (expiring.length) {
    lines.push(
      '### Expiring soon',
      '',
      ...expiring.map(
        (o) =>
          `- ${code(o.id)}: serves a certificate that expires ${o.servedNotAfter?.toISOString() ?? 'soon'}`,
      ),
      '',
    );
  }
  if (report.replaced?.length) {
    lines.push(
      '### Replaced certificates',
      '',
      ...report.replaced.map((r) => `- ${code(r.arn)}: ${escape(r.reason)}`),
      '',
    );
  }
  return lines.join('\n');
}

function code(text: string): string {
  return '`' + text.replace(/`/g, "'") + '`';
}

// Table cells: a pipe or a newline would break the row.
function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
