// The HTTPS posture section of the job summary and the annotation lines, as plain strings.
import type { Finding } from './audit.js';

/** A markdown section; empty when no distribution has a finding, so nothing is rendered. */
export function renderFindings(
  byDistribution: ReadonlyArray<{ id: string; findings: readonly Finding[] }>,
): string {
  const rows = byDistribution.flatMap(({ id, findings }) =>
    findings.map((f) => `| ${code(id)} | ${escape(f.target)} | ${code(f.code)} | ${escape(f.message)} |`),
  );
  if (rows.length === 0) return '';
  return [
    '### HTTPS posture',
    '',
    '| Distribution | Where | Finding | What it means |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** One line for a `::warning::` annotation or a log: "E2ABC: default cache behavior: ... (viewer-http-allowed)". */
export function describeFinding(distributionId: string, finding: Finding): string {
  return `${distributionId}: ${finding.target}: ${finding.message} (${finding.code})`;
}

function code(text: string): string {
  return '`' + text.replace(/`/g, "'") + '`';
}

// Table cells: a pipe or a newline would break the row.
function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
