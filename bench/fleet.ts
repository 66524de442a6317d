// Fleet scenarios: N distributions that all need the new certificate, per-request latency L,
// optionally CloudFront's write throttling; run by the committed dist or by bench/naive.sh.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RateLimitOptions, Sandbox } from '../sandbox/index.js';
import { distEntry, ROOT, actionNode, runMeasured, runnerEnv } from './process.js';

export interface Material {
  readonly leafPem: string;
  readonly keyPem: string;
  readonly chainPem: string;
  /** The certificate the distributions serve before the run (covers *.example.com, expires sooner). */
  readonly old: { readonly pem: string; readonly keyPem: string };
}

export interface Concurrency {
  readonly read: number;
  readonly write: number;
}

export interface FleetScenario {
  readonly tool: 'action' | 'naive';
  readonly n: number;
  readonly latencyMs: number;
  readonly writeLimit?: RateLimitOptions;
}

export interface FleetResult extends FleetScenario {
  readonly wallMs: number;
  readonly exitCode: number;
  /** Spawn to the first AWS request the sandbox saw. */
  readonly firstRequestMs: number | undefined;
  /** Every request by operation, including throttled ones. */
  readonly calls: Readonly<Record<string, number>>;
  readonly throttled: number;
  /** Distributions serving the new certificate afterwards. */
  readonly updated: number;
  /** Distributions not serving it (failed, skipped, untouched). */
  readonly notUpdated: readonly string[];
  readonly failedOutput: string;
  readonly floorMs: number;
  readonly floorNote: string;
  readonly maxRssKb: number | undefined;
  /** "k of N" progress lines the run logged, and whether any gave an ETA. */
  readonly progressLines: number;
  readonly etaLogged: boolean;
  /** The action's `::error::<id>: failed: <reason>` lines, grouped by reason. */
  readonly failureReasons: Readonly<Record<string, number>>;
}

const SANDBOX_KEY_ID = 'AKIDSANDBOXEXAMPLE01';
const SANDBOX_SECRET = 'sandbox/secret/access/key/EXAMPLEKEY000';

/** The AWS CLI v2 (`apt-get install awscli`) if present, else whatever `aws` is on PATH, else undefined. */
export function findAwsCli(): string | undefined {
  if (existsSync('/usr/bin/aws')) return '/usr/bin/aws';
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'aws'))) return join(dir, 'aws');
  }
  return undefined;
}

function seed(sb: Sandbox, material: Material, n: number): { ids: string[]; oldArn: string } {
  sb.reset();
  const oldArn = sb.importCertificate({
    certificate: material.old.pem,
    privateKey: material.old.keyPem,
    chain: material.chainPem,
  });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(sb.createDistribution({ aliases: [`site${i}.example.com`], certificateArn: oldArn }).id);
  }
  return { ids, oldArn };
}

/**
 * The floor, as issue 6 defines it: what the calls cost if each took exactly L and nothing else took
 * any time, with the action's own concurrency: ceil(N/R) read rounds + one import + ceil(U/W) write
 * rounds. ACM's reads are not in it (the action sends ListCertificates with the distribution reads;
 * any other ACM read shows as time over the floor). Under a write rate limit the write part is at
 * least (U - burst) / rate seconds. Process start-up is not in it.
 */
function floor(
  scenario: FleetScenario,
  calls: Readonly<Record<string, number>>,
  updates: number,
  concurrency: Concurrency,
): { ms: number; note: string } {
  const L = scenario.latencyMs;
  const imports = Math.min(calls.ImportCertificate ?? 0, 1);
  const [R, W] =
    scenario.tool === 'action' ? [concurrency.read, concurrency.write] : [1, 1]; /* the script is serial */
  const readRounds = Math.ceil(scenario.n / R);
  const writeRounds = Math.ceil(updates / W);
  let writeMs = writeRounds * L;
  if (scenario.writeLimit) {
    const paced = (Math.max(0, updates - scenario.writeLimit.burst) / scenario.writeLimit.perSecond) * 1000;
    writeMs = Math.max(writeMs, paced);
  }
  const ms = (readRounds + imports) * L + writeMs;
  const note = `${readRounds}r+${imports}i rounds x${L}ms + writes ${Math.round(writeMs)}ms`;
  return { ms, note };
}

export async function runFleet(
  sb: Sandbox,
  material: Material,
  scenario: FleetScenario,
  concurrency: Concurrency,
  log: (line: string) => void,
): Promise<FleetResult> {
  const { ids, oldArn } = seed(sb, material, scenario.n);
  if (scenario.latencyMs > 0) sb.latency(scenario.latencyMs);
  if (scenario.writeLimit) sb.rateLimit('UpdateDistribution', scenario.writeLimit);
  sb.clearRequests();

  const dir = mkdtempSync(join(tmpdir(), 'cfcd-bench-'));
  try {
    let progressLines = 0;
    let etaLogged = false;
    let lastProgress = 0;
    const onLine = (line: string): void => {
      // The action logs "Updated <id> (k of N, about S s left)"; the last one has no estimate.
      const m = /\((\d+) of (\d+)(, about \d+ s left)?\)/.exec(line);
      if (m) {
        progressLines++;
        if (m[3]) etaLogged = true;
        const k = Number(m[1]);
        // Echo the action's own progress now and then, so a long run shows it is alive.
        if (scenario.n >= 100 && (k - lastProgress >= Math.ceil(scenario.n / 4) || k === Number(m[2]))) {
          lastProgress = k;
          log(`    action: ${line.trim()}`);
        }
      }
    };
    const startedAt = Date.now();
    const finished =
      scenario.tool === 'action'
        ? await runMeasured(actionNode(), [distEntry()], {
            env: runnerEnv(
              dir,
              {
                'distribution-ids': ids.join(','),
                certificate: material.leafPem,
                'certificate-chain': material.chainPem,
                'private-key': material.keyPem,
              },
              {
                AWS_ENDPOINT_URL: sb.url,
                AWS_ACCESS_KEY_ID: SANDBOX_KEY_ID,
                AWS_SECRET_ACCESS_KEY: SANDBOX_SECRET,
                AWS_REGION: 'us-east-1',
              },
            ),
            measureRss: true,
            onLine,
          })
        : await runNaive(sb, material, ids, dir);

    const requests = sb.requests;
    const calls: Record<string, number> = {};
    for (const r of requests) calls[r.operation] = (calls[r.operation] ?? 0) + 1;
    const throttled = requests.filter((r) => r.injected && /Throttl/.test(r.errorCode ?? '')).length;
    const first = requests[0]?.time.getTime();
    const newArn = sb.certificates().find((c) => c.arn !== oldArn)?.arn;
    const notUpdated = ids.filter(
      (id) => newArn === undefined || sb.getDistribution(id).viewerCertificate.acmCertificateArn !== newArn,
    );
    // Every seeded distribution needs the update: the floor counts N writes even when some failed.
    const f = floor(scenario, calls, scenario.n, concurrency);
    const failedOutput = /^failed-distribution-ids<<(.+)\n([^\n]*)\n/m.exec(
      scenario.tool === 'action' && existsSync(join(dir, 'output'))
        ? readFileSync(join(dir, 'output'), 'utf8')
        : '',
    );
    const failureReasons: Record<string, number> = {};
    for (const line of finished.stdout.split('\n')) {
      const m = /^::error::E[A-Z0-9]+: failed: (.*)$/.exec(line);
      if (m) failureReasons[m[1]!] = (failureReasons[m[1]!] ?? 0) + 1;
    }
    if (finished.exitCode !== 0 || notUpdated.length > 0) {
      log(`    exit ${finished.exitCode}; ${notUpdated.length} of ${ids.length} not updated`);
      for (const [reason, count] of Object.entries(failureReasons))
        log(`    | ${count} x ${reason.slice(0, 200)}`);
      if (Object.keys(failureReasons).length === 0) {
        for (const l of finished.stdout
          .split('\n')
          .filter((l) => l.startsWith('::error::'))
          .slice(0, 5)) {
          log(`    | ${l.slice(0, 300)}`);
        }
      }
    }
    return {
      ...scenario,
      wallMs: finished.wallMs,
      exitCode: finished.exitCode,
      firstRequestMs: first === undefined ? undefined : first - startedAt,
      calls,
      throttled,
      updated: ids.length - notUpdated.length,
      notUpdated,
      failedOutput: failedOutput?.[2] ?? '',
      floorMs: f.ms,
      floorNote: f.note,
      maxRssKb: finished.maxRssKb,
      progressLines,
      etaLogged,
      failureReasons,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runNaive(sb: Sandbox, material: Material, ids: string[], dir: string) {
  const aws = findAwsCli();
  if (!aws) throw new Error('no AWS CLI');
  const files = { CERT: 'cert.pem', KEY: 'key.pem', CHAIN: 'chain.pem' };
  writeFileSync(join(dir, files.CERT), material.leafPem);
  writeFileSync(join(dir, files.KEY), material.keyPem);
  writeFileSync(join(dir, files.CHAIN), material.chainPem);
  return runMeasured('bash', [join(ROOT, 'bench/naive.sh')], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      AWS: aws,
      ENDPOINT_URL: sb.url,
      CERT: join(dir, files.CERT),
      KEY: join(dir, files.KEY),
      CHAIN: join(dir, files.CHAIN),
      DISTRIBUTION_IDS: ids.join(' '),
      AWS_ACCESS_KEY_ID: SANDBOX_KEY_ID,
      AWS_SECRET_ACCESS_KEY: SANDBOX_SECRET,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    },
    measureRss: false,
  });
}
