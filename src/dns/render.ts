// The DNS section of the job summary and the `dns-records` output, as plain strings.
import type { DnsRecordResult, DnsReport, RecordStatus } from './index.js';

const STATUS_LABEL: Record<RecordStatus, string> = {
  created: '✅ created',
  'would-create': '📝 would create',
  overwritten: '✅ overwritten',
  'would-overwrite': '📝 would overwrite',
  unchanged: '➖ unchanged',
  refused: '⚠️ refused',
  'no-zone': '➖ no zone',
  failed: '❌ failed',
};

/** A markdown section; empty when Route 53 was not asked for, so nothing is rendered. */
export function renderDnsSection(report: DnsReport): string {
  if (!report.enabled) return '';
  const lines = ['### DNS (Route 53 alias records)', ''];
  for (const p of report.problems) lines.push('> [!WARNING]', `> ${escape(p)}`, '');
  if (report.records.length === 0) {
    if (report.problems.length === 0)
      lines.push('No distribution that serves this certificate has aliases: no record to write.', '');
    return lines.join('\n');
  }
  lines.push('| Record | Type | Zone | Points at | Result | Reason |', '|---|---|---|---|---|---|');
  for (const r of report.records) {
    const zone = r.zoneId ? `${code(r.zoneId)} (${escape(r.zoneName ?? '')})` : '_none_';
    const insync = r.changeStatus && r.changeStatus !== 'PENDING' ? ` (${escape(r.changeStatus)})` : '';
    lines.push(
      `| ${code(r.name)} | ${r.type} | ${zone} | ${code(r.target)} | ${STATUS_LABEL[r.status]}${insync} | ${escape(r.reason)} |`,
    );
  }
  lines.push('');
  const count = (...s: RecordStatus[]): number => report.records.filter((r) => s.includes(r.status)).length;
  lines.push(
    report.dryRun
      ? `${count('would-create')} would be created, ${count('would-overwrite')} would be overwritten, ${count('unchanged')} unchanged, ${count('refused')} refused, ${count('no-zone')} without a zone.`
      : `${count('created')} created, ${count('overwritten')} overwritten, ${count('unchanged')} unchanged, ${count('refused')} refused, ${count('no-zone')} without a zone, ${count('failed')} failed.`,
    '',
  );
  return lines.join('\n');
}

/** The `dns-records` output: one object per record (empty array when Route 53 is off). */
export function dnsRecordsOutput(report: DnsReport): string {
  return JSON.stringify(
    report.records.map((r: DnsRecordResult) => ({
      distributionId: r.distributionId,
      name: r.name,
      type: r.type,
      zoneId: r.zoneId ?? null,
      target: r.target,
      status: r.status,
      reason: r.reason,
      ...(r.code ? { code: r.code } : {}),
      ...(r.changeId ? { changeId: r.changeId } : {}),
      ...(r.changeStatus ? { changeStatus: r.changeStatus } : {}),
    })),
  );
}

function code(text: string): string {
  return '`' + text.replace(/`/g, "'") + '`';
}

// Table cells: a pipe or a newline would break the row.
function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
