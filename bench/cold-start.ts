// Cold start: `node dist/index.js` to exit on an input error, and to its first AWS request, for
// this action and for a comparison bundle (aws-actions/configure-aws-credentials' dist/index.js,
// which loads only the STS client). Median of several interleaved runs, peak RSS, bundle size and
// which chunks each path loads.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { distEntry, ROOT, actionNode, median, runMeasured, runnerEnv } from './process.js';
import type { Material } from './fleet.js';

export interface Sample {
  readonly wallMs: number;
  readonly firstRequestMs?: number | undefined;
  readonly maxRssKb: number | undefined;
}

export interface Stats {
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly medianRssKb: number | undefined;
}

export interface BundleSubject {
  readonly name: string;
  readonly entry: string;
  readonly inputError: Stats;
  readonly firstRequest: Stats | undefined;
  /** Spawn to exit for the first-request runs (ours: the read is refused; STS GetCallerIdentity: answered). */
  readonly firstRequestExit: Stats | undefined;
  readonly inputErrorMessage: string;
  readonly loads: { inputError: LoadTrace; firstRequest: LoadTrace | undefined };
  readonly size: BundleSize;
}

export interface LoadTrace {
  /** Bundle files (relative to the entry's directory) evaluated, in order. */
  readonly files: string[];
  /** The same with the child's clock (ms since its start) when each was loaded. */
  readonly timeline: string[];
  readonly builtins: string[];
  /** Spawn to first request in the traced run (the hook itself costs a little). */
  readonly firstRequestMs: number | undefined;
}

export interface BundleSize {
  readonly entryBytes: number;
  readonly totalJsBytes: number;
  readonly files: ReadonlyArray<{ name: string; bytes: number }>;
  readonly inlineSourceMaps: number;
  readonly mapFiles: number;
}

export interface ColdStartResult {
  readonly node: string;
  readonly subjects: BundleSubject[];
  readonly duplicatePackages: ReadonlyArray<{ name: string; versions: string[] }>;
  readonly comparisonMissing: string | undefined;
}

const TRACE = join(ROOT, 'bench/trace-loads.mjs');
const REQUEST_ID = '00000000-0000-0000-0000-000000000000';
const DENIED =
  '<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>' +
  `<Message>denied by the bench</Message></Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`;
const CALLER_IDENTITY =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  '<Arn>arn:aws:iam::123456789012:user/bench</Arn><UserId>AIDABENCHEXAMPLE</UserId><Account>123456789012</Account>' +
  `</GetCallerIdentityResult><ResponseMetadata><RequestId>${REQUEST_ID}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

/** One HTTP server that stamps the arrival of the first request of each run and refuses it. */
class FirstRequestClock {
  private server: Server | undefined;
  private waiting: ((at: number) => void) | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const at = performance.now();
      this.waiting?.(at);
      this.waiting = undefined;
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const headers = { 'content-type': 'text/xml', 'x-amzn-requestid': REQUEST_ID };
        // configure-aws-credentials retries a failed GetCallerIdentity for a minute: answer it,
        // so it runs to its normal end. Everything else (our CloudFront read) is refused.
        if (body.includes('Action=GetCallerIdentity')) res.writeHead(200, headers).end(CALLER_IDENTITY);
        else res.writeHead(403, headers).end(DENIED);
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A promise of the next request's arrival time. */
  next(): Promise<number> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  cancel(): void {
    this.waiting = undefined;
  }

  close(): Promise<void> {
    return new Promise((done) => {
      this.server?.closeAllConnections();
      this.server?.close(() => done());
    });
  }
}

interface Subject {
  readonly name: string;
  readonly entry: string;
  /** Inputs that get the bundle to its first AWS request (undefined: not measured). */
  readonly requestInputs: Record<string, string> | undefined;
}

const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIDSANDBOXEXAMPLE01',
  AWS_SECRET_ACCESS_KEY: 'sandbox/secret/access/key/EXAMPLEKEY000',
  AWS_REGION: 'us-east-1',
};

async function once(
  subject: Subject,
  mode: 'input-error' | 'first-request',
  clock: FirstRequestClock,
  nodeArgs: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<Sample & { stdout: string; exitCode: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'cfcd-cold-'));
  try {
    const inputs = mode === 'input-error' ? {} : (subject.requestInputs ?? {});
    const env = runnerEnv(dir, inputs, {
      ...(mode === 'first-request' ? { ...CREDENTIALS, AWS_ENDPOINT_URL: clock.url } : {}),
      ...extraEnv,
    });
    const arrival = mode === 'first-request' ? clock.next() : undefined;
    const finished = await runMeasured(actionNode(), [...nodeArgs, subject.entry], {
      env,
      cwd: dir,
      measureRss: nodeArgs.length === 0,
      timeoutMs: 20_000,
    });
    let firstRequestMs: number | undefined;
    if (arrival) {
      const at = await Promise.race([arrival, new Promise<undefined>((r) => setTimeout(r, 100, undefined))]);
      clock.cancel();
      firstRequestMs = at === undefined ? undefined : at - finished.spawnedAt;
    }
    return {
      wallMs: finished.wallMs,
      firstRequestMs,
      maxRssKb: finished.maxRssKb,
      stdout: finished.stdout + finished.stderr,
      exitCode: finished.exitCode,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function stats(samples: readonly Sample[], pick: (s: Sample) => number | undefined): Stats | undefined {
  const values = samples.map(pick).filter((v): v is number => v !== undefined);
  if (values.length === 0) return undefined;
  const rss = samples.map((s) => s.maxRssKb).filter((v): v is number => v !== undefined);
  return {
    runs: values.length,
    medianMs: median(values),
    minMs: Math.min(...values),
    maxMs: Math.max(...values),
    medianRssKb: rss.length ? median(rss) : undefined,
  };
}

async function trace(
  subject: Subject,
  mode: 'input-error' | 'first-request',
  clock: FirstRequestClock,
): Promise<LoadTrace> {
  const dir = mkdtempSync(join(tmpdir(), 'cfcd-trace-'));
  const file = join(dir, 'loads');
  try {
    const run = await once(subject, mode, clock, ['--import', TRACE], { TRACE_LOADS_FILE: file });
    const loads = (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []).map((line) => {
      const space = line.indexOf(' ');
      return { at: Number(line.slice(0, space)), url: line.slice(space + 1) };
    });
    const base = dirname(subject.entry);
    const files = loads
      .filter((l) => l.url.startsWith('file://'))
      .map((l) => ({ at: l.at, name: relative(base, new URL(l.url).pathname) }))
      .filter((f) => !f.name.startsWith('..'));
    return {
      files: files.map((f) => f.name),
      timeline: files.map((f) => `${f.name} @${f.at.toFixed(0)}ms`),
      builtins: [
        ...new Set(loads.filter((l) => l.url.startsWith('node:')).map((l) => l.url.slice(5))),
      ].sort(),
      // Measured by the parent from spawn; the timeline above runs on the child's clock, which starts a few ms later.
      firstRequestMs: run.firstRequestMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function bundleSize(entry: string): BundleSize {
  const dir = dirname(entry);
  const files = readdirSync(dir)
    .filter((f) => /\.(c|m)?js$/.test(f))
    .map((name) => ({ name, bytes: statSync(join(dir, name)).size }))
    .sort((a, b) => b.bytes - a.bytes);
  const inlineSourceMaps = files.filter((f) =>
    readFileSync(join(dir, f.name), 'utf8').includes('sourceMappingURL=data:'),
  ).length;
  return {
    entryBytes: statSync(entry).size,
    totalJsBytes: files.reduce((s, f) => s + f.bytes, 0),
    files,
    inlineSourceMaps,
    mapFiles: readdirSync(dir).filter((f) => f.endsWith('.map')).length,
  };
}

/** @aws-sdk / @smithy packages installed in more than one version (ncc bundles each copy it reaches). */
function duplicatePackages(): Array<{ name: string; versions: string[] }> {
  const lock = join(ROOT, 'package-lock.json');
  if (!existsSync(lock)) return [];
  const packages =
    (
      JSON.parse(readFileSync(lock, 'utf8')) as {
        packages?: Record<string, { version?: string; dev?: boolean }>;
      }
    ).packages ?? {};
  const byName = new Map<string, Set<string>>();
  for (const [path, meta] of Object.entries(packages)) {
    const m = /node_modules\/((?:@aws-sdk|@smithy|@aws-crypto)\/[^/]+)$/.exec(path);
    if (!m || meta.dev || !meta.version) continue;
    const set = byName.get(m[1]!) ?? new Set<string>();
    set.add(meta.version);
    byName.set(m[1]!, set);
  }
  return [...byName.entries()]
    .filter(([, v]) => v.size > 1)
    .map(([name, v]) => ({ name, versions: [...v].sort() }));
}

export async function coldStart(
  material: Material,
  options: { runs: number; comparison: string | undefined; log: (line: string) => void },
): Promise<ColdStartResult> {
  const subjects: Subject[] = [
    {
      name: 'this action',
      entry: distEntry(),
      requestInputs: {
        'distribution-ids': 'E1BENCHCOLD0001',
        certificate: material.leafPem,
        'certificate-chain': material.chainPem,
        'private-key': material.keyPem,
      },
    },
  ];
  let comparisonMissing: string | undefined;
  if (options.comparison && existsSync(options.comparison)) {
    subjects.push({
      name: 'configure-aws-credentials',
      entry: options.comparison,
      // Static keys: it validates them with STS GetCallerIdentity, its first request.
      requestInputs: {
        'aws-region': 'us-east-1',
        'aws-access-key-id': CREDENTIALS.AWS_ACCESS_KEY_ID,
        'aws-secret-access-key': CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      },
    });
  } else {
    comparisonMissing = options.comparison
      ? `comparison bundle not found at ${options.comparison}`
      : 'no comparison bundle given (--compare=<path to configure-aws-credentials dist/index.js>)';
  }

  const clock = new FirstRequestClock();
  await clock.start();
  try {
    const samples = new Map<string, { inputError: Sample[]; firstRequest: Sample[]; message: string }>();
    for (const s of subjects) samples.set(s.name, { inputError: [], firstRequest: [], message: '' });
    // One warm-up each (disk cache), then interleaved runs so drift hits both alike.
    for (const s of subjects) {
      await once(s, 'input-error', clock);
      await once(s, 'first-request', clock);
    }
    for (let i = 0; i < options.runs; i++) {
      for (const s of subjects) {
        const entry = samples.get(s.name)!;
        const e = await once(s, 'input-error', clock);
        entry.inputError.push(e);
        entry.message ||= (e.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? e.stdout).trim();
        if (s.requestInputs) entry.firstRequest.push(await once(s, 'first-request', clock));
      }
      options.log(`  cold start: run ${i + 1} of ${options.runs}`);
    }
    const results: BundleSubject[] = [];
    for (const s of subjects) {
      const entry = samples.get(s.name)!;
      results.push({
        name: s.name,
        entry: s.entry,
        inputError: stats(entry.inputError, (x) => x.wallMs)!,
        firstRequest: stats(entry.firstRequest, (x) => x.firstRequestMs),
        firstRequestExit: stats(entry.firstRequest, (x) => x.wallMs),
        inputErrorMessage: entry.message,
        loads: {
          inputError: await trace(s, 'input-error', clock),
          firstRequest: s.requestInputs ? await trace(s, 'first-request', clock) : undefined,
        },
        size: bundleSize(s.entry),
      });
    }
    return {
      node: actionNode(),
      subjects: results,
      duplicatePackages: duplicatePackages(),
      comparisonMissing,
    };
  } finally {
    await clock.close();
  }
}
