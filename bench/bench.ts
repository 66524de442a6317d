// npm run bench [-- --quick] [--only=fleet,throttle,naive,cold] [--runs=9] [--compare=<bundle>]
//                [--fleet-n=1,10,50,100,500] [--latencies=0,50]
//                [--write-limits=2/4,1/2] [--json=<file>] [--ref=HEAD | --working-dist]
//
// Runs the committed dist/index.js (git archive of --ref, default HEAD, into a temp directory) (as the GitHub runner does) against the in-process sandbox and
// prints markdown tables: fleet wall time against the floor set by the API round trips, calls by
// operation, a throttled fleet, the naive AWS CLI script for comparison, and cold start against
// another action's bundle. Nothing here asserts: it measures. docs/PERFORMANCE.md holds a run.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeChain, makeLeaf } from '../__tests__/support/pki.js';
import { startSandbox } from '../sandbox/index.js';
import { type ColdStartResult, type LoadTrace, coldStart } from './cold-start.js';
import {
  type Concurrency,
  type FleetResult,
  type FleetScenario,
  type Material,
  findAwsCli,
  runFleet,
} from './fleet.js';
import { ROOT, actionNode, useCommittedDist, useWorkingDist } from './process.js';

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const option = (name: string): string | undefined =>
  argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const quick = flag('quick');
const only = new Set((option('only') ?? 'fleet,throttle,naive,cold').split(','));
const runs = Number(option('runs') ?? (quick ? 5 : 9));
// UpdateDistribution token buckets, "rate/burst". CloudFront publishes no API rate; "a few per second".
const writeLimits = (option('write-limits') ?? (quick ? '2/4' : '2/4,1/2')).split(',').map((pair) => {
  const [perSecond, burst] = pair.split('/').map(Number);
  return { perSecond: perSecond ?? 2, burst: burst ?? 1 };
});
const comparison =
  option('compare') ??
  process.env.BENCH_COMPARE_BUNDLE ??
  ['/tmp/configure-aws-credentials/dist/index.js', '/tmp/caws/index.js'].find((p) => existsSync(p));

const numbers = (text: string): number[] => text.split(',').map(Number);
const FLEET_N = numbers(option('fleet-n') ?? (quick ? '1,10,100' : '1,10,50,100,500'));
// Added to every request; real CloudFront control-plane calls take a few hundred ms.
const LATENCIES = numbers(option('latencies') ?? '0,50');
const THROTTLED_N = quick ? 50 : 200;
const THROTTLED_L = 50;
// The naive script pays ~1.7 s per distribution: N=50 only with latency, to keep the bench short.
const NAIVE = quick
  ? [{ n: 1, latencies: LATENCIES }]
  : [
      { n: 1, latencies: LATENCIES },
      { n: 10, latencies: LATENCIES },
      { n: 50, latencies: [50] },
    ];

const t0 = performance.now();
const log = (line: string): void => {
  process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${line}\n`);
};

/** The concurrency the action was built with (src/main.ts), so the floor uses the same numbers. */
function concurrency(): Concurrency {
  const main = readFileSync(join(ROOT, 'src/main.ts'), 'utf8');
  const read = Number(/READ_CONCURRENCY\s*=\s*(\d+)/.exec(main)?.[1] ?? 8);
  const write = Number(/WRITE_CONCURRENCY\s*=\s*(\d+)/.exec(main)?.[1] ?? 2);
  return { read, write };
}

function machine(): Record<string, string> {
  const run = (file: string, args: string[]): string => {
    try {
      return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch {
      return 'n/a';
    }
  };
  const aws = findAwsCli();
  return {
    cpu: `${cpus()[0]?.model ?? 'unknown'} (${availableParallelism()} vCPU)`,
    memory: `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    kernel: release(),
    node: `${run(actionNode(), ['--version'])} (${actionNode().replace(ROOT + '/', '')})`,
    'aws cli': aws ? `${run(aws, ['--version'])} (${aws})` : 'not installed',
  };
}

const s = (ms: number | undefined): string => (ms === undefined ? '—' : (ms / 1000).toFixed(2));
const mb = (kb: number | undefined): string => (kb === undefined ? '—' : `${(kb / 1024).toFixed(0)} MB`);
const x = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(2)}x`;

const SHORT: Record<string, string> = {
  GetDistributionConfig: 'GetConfig',
  UpdateDistribution: 'Update',
  ImportCertificate: 'Import',
  DescribeCertificate: 'Describe',
  ListCertificates: 'List',
  GetCertificate: 'GetCert',
};
function callsText(calls: Readonly<Record<string, number>>): string {
  return Object.entries(calls)
    .sort((a, b) => b[1] - a[1])
    .map(([op, n]) => `${SHORT[op] ?? op} ${n}`)
    .join(', ');
}

function fleetTable(results: FleetResult[], naive: FleetResult[] = []): string {
  const rows = [
    '| tool | N | L (ms) | wall (s) | first request (s) | calls | floor (s) | wall / floor | (wall − first request) / floor | updated | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of [...results, ...naive]) {
    const ratio = r.floorMs > 0 ? r.wallMs / r.floorMs : undefined;
    const aws = r.firstRequestMs === undefined ? undefined : (r.wallMs - r.firstRequestMs) / r.floorMs;
    rows.push(
      `| ${r.tool} | ${r.n} | ${r.latencyMs} | ${s(r.wallMs)} | ${s(r.firstRequestMs)} | ${callsText(r.calls)} | ${s(r.floorMs)} | ${x(ratio)} | ${r.floorMs > 0 ? x(aws) : '—'} | ${r.updated}/${r.n} | ${mb(r.maxRssKb)} |`,
    );
  }
  return rows.join('\n');
}

function versusTable(action: FleetResult[], naive: FleetResult[]): string {
  const rows = [
    '| N | L (ms) | naive script (s) | action (s) | naive / action | naive s per distribution |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const n of naive) {
    const a = action.find((r) => r.n === n.n && r.latencyMs === n.latencyMs);
    rows.push(
      `| ${n.n} | ${n.latencyMs} | ${s(n.wallMs)} | ${s(a?.wallMs)} | ${a ? x(n.wallMs / a.wallMs) : '— (not run)'} | ${(n.wallMs / 1000 / n.n).toFixed(2)} |`,
    );
  }
  return rows.join('\n');
}

function throttleTable(results: FleetResult[]): string {
  const rows = [
    '| N | L (ms) | write limit | wall (s) | floor (s) | wall / floor | UpdateDistribution calls | throttled | updated | failed | progress lines | ETA logged |',
    '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |',
  ];
  for (const r of results) {
    const updates = r.calls.UpdateDistribution ?? 0;
    rows.push(
      `| ${r.n} | ${r.latencyMs} | ${r.writeLimit!.perSecond}/s, burst ${r.writeLimit!.burst} | ${s(r.wallMs)} | ${s(r.floorMs)} | ${x(r.wallMs / r.floorMs)} | ${updates} | ${r.throttled} | ${r.updated}/${r.n} | ${r.notUpdated.length ? `**${r.notUpdated.length}** (exit ${r.exitCode})` : 'none'} | ${r.progressLines} | ${r.etaLogged ? 'yes' : 'no'} |`,
    );
  }
  const reasons = results.flatMap((r) =>
    Object.entries(r.failureReasons).map(
      ([reason, count]) =>
        `- ${r.writeLimit!.perSecond}/s, burst ${r.writeLimit!.burst}: ${count} × \`${reason}\``,
    ),
  );
  return [
    ...rows,
    ...(reasons.length ? ['', 'Failure reasons the action reported:', '', ...reasons] : []),
  ].join('\n');
}

function coldTable(c: ColdStartResult): string {
  const rows = [
    '| bundle | input-error exit, median (min–max) s | first AWS request, median (min–max) s | exit of that run, s | peak RSS, input error | peak RSS, that run | entry file | all .js |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const b of c.subjects) {
    const range = (st: { medianMs: number; minMs: number; maxMs: number } | undefined): string =>
      st ? `${s(st.medianMs)} (${s(st.minMs)}–${s(st.maxMs)})` : '—';
    rows.push(
      `| ${b.name} | ${range(b.inputError)} | ${range(b.firstRequest)} | ${s(b.firstRequestExit?.medianMs)} | ${mb(b.inputError.medianRssKb)} | ${mb(b.firstRequestExit?.medianRssKb)} | ${(b.size.entryBytes / 1024).toFixed(0)} KiB | ${(b.size.totalJsBytes / 1024).toFixed(0)} KiB in ${b.size.files.length} files |`,
    );
  }
  return rows.join('\n');
}

function coldDetails(c: ColdStartResult): string {
  const lines: string[] = [];
  for (const b of c.subjects) {
    lines.push(`- ${b.name}: input error prints \`${b.inputErrorMessage.slice(0, 120)}\``);
    const fmt = (t: LoadTrace): string => `${t.timeline.join(', ')} + ${t.builtins.length} builtins`;
    lines.push(`  - loaded on the input-error exit: ${fmt(b.loads.inputError)}`);
    const fr = b.loads.firstRequest;
    if (fr) {
      lines.push(
        `  - loaded up to the first request: ${fmt(fr)}; first request @${fr.firstRequestMs?.toFixed(0) ?? '?'}ms after spawn (traced run)`,
      );
    }
    lines.push(
      `  - builtins on the input-error exit: ${b.loads.inputError.builtins.join(' ')}`,
      `  - files: ${b.size.files.map((f) => `${f.name} ${(f.bytes / 1024).toFixed(0)} KiB`).join(', ')}; inline source maps: ${b.size.inlineSourceMaps}; .map files: ${b.size.mapFiles}`,
    );
  }
  lines.push(
    `- @aws-sdk/@smithy packages locked in more than one version: ${
      c.duplicatePackages.length
        ? c.duplicatePackages.map((d) => `${d.name} (${d.versions.join(', ')})`).join('; ')
        : 'none'
    }`,
  );
  if (c.comparisonMissing) lines.push(`- comparison: ${c.comparisonMissing}`);
  return lines.join('\n');
}

interface Verdict {
  target: string;
  met: boolean | undefined;
  detail: string;
}

function verdicts(
  fleet: FleetResult[],
  throttledRuns: FleetResult[],
  cold: ColdStartResult | undefined,
): Verdict[] {
  const out: Verdict[] = [];
  if (cold && cold.subjects.length > 1) {
    const [ours, theirs] = cold.subjects as [(typeof cold.subjects)[0], (typeof cold.subjects)[0]];
    const r = ours.inputError.medianMs / theirs.inputError.medianMs;
    out.push({
      target: 'input-error exit no slower than configure-aws-credentials',
      met: r <= 1,
      detail: `${s(ours.inputError.medianMs)} s vs ${s(theirs.inputError.medianMs)} s (${x(r)})`,
    });
    if (ours.firstRequest && theirs.firstRequest) {
      const f = ours.firstRequest.medianMs / theirs.firstRequest.medianMs;
      out.push({
        target: 'first AWS request no later than configure-aws-credentials',
        met: f <= 1,
        detail: `${s(ours.firstRequest.medianMs)} s vs ${s(theirs.firstRequest.medianMs)} s (${x(f)})`,
      });
    }
    const memOurs = ours.inputError.medianRssKb;
    const memTheirs = theirs.inputError.medianRssKb;
    if (memOurs && memTheirs) {
      out.push({
        target: 'peak memory (input-error exit) no higher',
        met: memOurs <= memTheirs,
        detail: `${mb(memOurs)} vs ${mb(memTheirs)}`,
      });
    }
    const reqOurs = ours.firstRequestExit?.medianRssKb;
    const reqTheirs = theirs.firstRequestExit?.medianRssKb;
    if (reqOurs && reqTheirs) {
      out.push({
        target: 'peak memory (run to one refused request) no higher',
        met: reqOurs <= reqTheirs,
        detail: `${mb(reqOurs)} vs ${mb(reqTheirs)}`,
      });
    }
  }
  const slow = fleet.filter((r) => r.latencyMs > 0);
  for (const r of slow) {
    const ratio = r.wallMs / r.floorMs;
    out.push({
      target: `fleet N=${r.n} L=${r.latencyMs}: wall within 1.5x of the floor`,
      met: ratio <= 1.5,
      detail: `${s(r.wallMs)} s vs ${s(r.floorMs)} s (${x(ratio)}; API phase alone ${x((r.wallMs - (r.firstRequestMs ?? 0)) / r.floorMs)})`,
    });
  }
  const acmReads = (r: FleetResult): number =>
    ['DescribeCertificate', 'ListCertificates', 'GetCertificate', 'ListTagsForCertificate'].reduce(
      (sum, op) => sum + (r.calls[op] ?? 0),
      0,
    );
  const callsOk = fleet.every(
    (r) =>
      (r.calls.GetDistributionConfig ?? 0) === r.n &&
      (r.calls.ImportCertificate ?? 0) <= 1 &&
      (r.calls.UpdateDistribution ?? 0) === r.n,
  );
  const acm = [...new Set(fleet.map(acmReads))];
  if (fleet.length) {
    out.push({
      target: 'calls: N GetDistributionConfig + ≤1 ImportCertificate + N updates + constant ACM reads',
      met: callsOk && acm.length === 1,
      detail: `ACM reads per run: ${acm.join(', ')} for N = ${[...new Set(fleet.map((r) => r.n))].join(', ')}`,
    });
    const failed = fleet.filter((r) => r.notUpdated.length > 0 || r.exitCode !== 0);
    out.push({
      target: 'every fleet run updates every distribution',
      met: failed.length === 0,
      detail: failed.length
        ? failed.map((r) => `N=${r.n} L=${r.latencyMs}: ${r.notUpdated.length} not updated`).join('; ')
        : 'yes',
    });
  }
  for (const throttled of throttledRuns) {
    const limit = `${throttled.writeLimit!.perSecond}/s, burst ${throttled.writeLimit!.burst}`;
    out.push({
      target: `throttled writes (N=${throttled.n}, ${limit}): no distribution failed`,
      met: throttled.notUpdated.length === 0 && throttled.exitCode === 0,
      detail: `${throttled.updated}/${throttled.n} updated, ${throttled.throttled} throttled calls, exit ${throttled.exitCode}`,
    });
  }
  const progress = throttledRuns[0];
  if (progress) {
    out.push({
      target: 'progress logged as k of N with an ETA',
      met: progress.progressLines > 0 && progress.etaLogged,
      detail: `${progress.progressLines} "k of N" lines; ETA ${progress.etaLogged ? 'present' : 'absent'}`,
    });
  }
  return out;
}

async function main(): Promise<void> {
  const measured = flag('working-dist') ? useWorkingDist() : useCommittedDist(option('ref'));
  const info: Record<string, string> = { ...machine(), dist: measured };
  log(`bench${quick ? ' --quick' : ''}: ${[...only].join(', ')}; node ${info.node}`);

  log('making certificates');
  const chain = await makeChain({ leaf: { sans: ['example.com', '*.example.com'] } });
  const old = await makeLeaf(chain.intermediate, {
    sans: ['example.com', '*.example.com'],
    notAfter: new Date(Date.now() + 10 * 86_400_000),
  });
  const material: Material = {
    leafPem: chain.leaf.pem,
    keyPem: chain.leaf.keyPem,
    chainPem: chain.intermediate.pem,
    old: { pem: old.pem, keyPem: old.keyPem },
  };
  const conc = concurrency();

  const sections: string[] = [];
  const fleet: FleetResult[] = [];
  const naive: FleetResult[] = [];
  const throttled: FleetResult[] = [];
  let cold: ColdStartResult | undefined;
  const notes: string[] = [];

  // Cold start first, while nothing else has run in this process.
  if (only.has('cold')) {
    log(`cold start: ${runs} interleaved runs per bundle${comparison ? ` (vs ${comparison})` : ''}`);
    cold = await coldStart(material, { runs, comparison, log });
  }

  const sb = await startSandbox();
  try {
    const one = async (scenario: FleetScenario): Promise<FleetResult> => {
      log(
        `${scenario.tool} N=${scenario.n} L=${scenario.latencyMs}ms${scenario.writeLimit ? ` writes limited to ${scenario.writeLimit.perSecond}/s burst ${scenario.writeLimit.burst}` : ''}`,
      );
      const r = await runFleet(sb, material, scenario, conc, log);
      log(
        `  -> ${s(r.wallMs)} s (floor ${s(r.floorMs)} s), ${r.updated}/${r.n} updated, ${callsText(r.calls)}`,
      );
      return r;
    };
    if (only.has('fleet')) {
      for (const n of FLEET_N)
        for (const L of LATENCIES) fleet.push(await one({ tool: 'action', n, latencyMs: L }));
    }
    if (only.has('throttle')) {
      for (const writeLimit of writeLimits) {
        throttled.push(await one({ tool: 'action', n: THROTTLED_N, latencyMs: THROTTLED_L, writeLimit }));
      }
    }
    if (only.has('naive')) {
      if (findAwsCli()) {
        for (const { n, latencies } of NAIVE)
          for (const L of latencies) naive.push(await one({ tool: 'naive', n, latencyMs: L }));
      } else {
        notes.push('The AWS CLI is not installed: the naive-script table was skipped.');
        log('no AWS CLI: skipping the naive script');
      }
    }
  } finally {
    await sb.close();
  }

  sections.push(
    '## Machine',
    '',
    ...Object.entries(info).map(([k, v]) => `- ${k}: ${v}`),
    `- command: \`npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}\``,
    `- action concurrency (src/main.ts): reads ${conc.read}, writes ${conc.write}`,
    '',
  );
  if (cold) {
    sections.push(
      '## Cold start',
      '',
      `${runs} runs each after one warm-up, interleaved; wall time from spawn to exit measured by the parent; peak RSS from /usr/bin/time.`,
      '',
      coldTable(cold),
      '',
      coldDetails(cold),
      '',
    );
  }
  if (fleet.length) {
    sections.push(
      '## Fleet',
      '',
      `floor = L × (ceil(N/${conc.read}) read rounds + 1 import) + L × ceil(updates/${conc.write}) write rounds, from the action's own concurrency (issue 6's floor: ACM reads are not in it); process start-up is not in it. "first request" is spawn to the sandbox's first request.`,
      '',
      fleetTable(fleet),
      '',
    );
  }
  if (throttled.length) {
    sections.push(
      '## Throttled writes',
      '',
      `UpdateDistribution limited by a token bucket (sb.rateLimit); the floor's write part is max(ceil(U/${conc.write}) × L, (U − burst) / rate).`,
      '',
      throttleTable(throttled),
      '',
    );
  }
  if (naive.length) {
    sections.push(
      '## Naive AWS CLI script (bench/naive.sh)',
      '',
      'One CLI process per call, serial; floor for it: L × (N reads + 1 import + N writes).',
      '',
      fleetTable([], naive),
      '',
      versusTable(fleet, naive),
      '',
    );
  }
  const v = verdicts(fleet, throttled, cold);
  if (v.length) {
    sections.push(
      '## Targets',
      '',
      '| target | met | measured |',
      '| --- | --- | --- |',
      ...v.map(
        (t) => `| ${t.target} | ${t.met === undefined ? '—' : t.met ? 'yes' : '**no**'} | ${t.detail} |`,
      ),
      '',
    );
  }
  if (notes.length) sections.push(...notes.map((n) => `- ${n}`), '');
  sections.push(`Total bench time: ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
  process.stdout.write(`${sections.join('\n')}\n`);

  const json = option('json');
  if (json)
    writeFileSync(
      json,
      JSON.stringify({ machine: info, concurrency: conc, fleet, throttled, naive, cold }, null, 2),
    );
}

await main();
