// Spawning what is measured: the committed dist (as the GitHub runner runs it), the comparison
// bundle, the naive CLI script. Wall time is taken here, around spawn and exit; peak memory comes
// from /usr/bin/time when it is installed.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = resolve(import.meta.dirname, '..');
let dist = join(ROOT, 'dist/index.js');

/** The dist/index.js being measured (see useCommittedDist). */
export function distEntry(): string {
  return dist;
}

/**
 * Measures dist/ as committed at `ref` (default HEAD), copied out of git into a temporary
 * directory, so a rebuild in the working tree during the run cannot change what is measured.
 * Returns a description for the report.
 */
export function useCommittedDist(ref = 'HEAD'): string {
  const git = (...args: string[]): string =>
    execFileSync('git', ['-C', ROOT, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  const has = (commit: string): boolean => {
    try {
      git('cat-file', '-e', `${commit}:dist/index.js`);
      return true;
    } catch {
      return false;
    }
  };
  let commit = git('rev-parse', '--short', ref);
  if (!has(commit)) {
    // dist/ is gone at ref: measure the last commit that had it, and say so.
    const removedIn = git('rev-list', '-1', commit, '--', 'dist/index.js');
    const before = git('rev-parse', '--short', `${removedIn}^`);
    if (!removedIn || !has(before)) throw new Error(`no commit up to ${ref} has dist/index.js`);
    commit = before;
  }
  const changed = git('log', '-1', '--format=%h (%cd)', '--date=format:%Y-%m-%d %H:%M', commit, '--', 'dist');
  const note =
    commit === git('rev-parse', '--short', ref)
      ? `dist/ as committed at ${commit}, last changed in ${changed}`
      : `dist/ as committed at ${commit}, last changed in ${changed} (${ref} has no dist/)`;
  const target = join(tmpdir(), `cfcd-bench-dist-${git('rev-parse', '--short', `${commit}:dist`)}`);
  if (!existsSync(join(target, 'dist/index.js'))) {
    mkdirSync(target, { recursive: true });
    execFileSync('sh', ['-c', `git -C "${ROOT}" archive ${commit} dist | tar -x -C "${target}"`]);
  }
  dist = join(target, 'dist/index.js');
  return note;
}

/** Measures the working tree's dist/ as it is. */
export function useWorkingDist(): string {
  dist = join(ROOT, 'dist/index.js');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: npm run bundle first`);
  return 'dist/ from the working tree';
}
const GNU_TIME = '/usr/bin/time';

/** The Node the action runs on (action.yml: node24): the project's own, else this one. */
export function actionNode(): string {
  const local = join(ROOT, 'node_modules/.bin/node');
  return existsSync(local) ? realpathSync(local) : process.execPath;
}

export const canMeasureRss = existsSync(GNU_TIME);

export interface Finished {
  readonly exitCode: number;
  readonly signal: NodeJS.Signals | null;
  /** performance.now() just before spawn. */
  readonly spawnedAt: number;
  /** Spawn to exit, ms. */
  readonly wallMs: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident set of the measured process, KiB (undefined without /usr/bin/time). */
  readonly maxRssKb: number | undefined;
}

export interface RunOptions {
  readonly env: Record<string, string>;
  readonly cwd?: string;
  readonly timeoutMs?: number;
  readonly measureRss?: boolean;
  /** Called with each stdout line as it arrives (progress). */
  readonly onLine?: (line: string) => void;
}

export async function runMeasured(command: string, args: string[], options: RunOptions): Promise<Finished> {
  const dir = mkdtempSync(join(tmpdir(), 'cfcd-bench-time-'));
  const rssFile = join(dir, 'rss');
  const wrap = options.measureRss === true && canMeasureRss;
  const [file, argv] = wrap ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args];
  try {
    const spawnedAt = performance.now();
    const child = spawn(file, argv, {
      env: options.env,
      cwd: options.cwd ?? tmpdir(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stdout += text;
      if (options.onLine) {
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) options.onLine(line);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60_000);
    const { exitCode, signal, exitedAt } = await new Promise<{
      exitCode: number;
      signal: NodeJS.Signals | null;
      exitedAt: number;
    }>((done, fail) => {
      child.on('error', fail);
      // 'exit', not 'close': the process is gone; its pipes may drain a little later.
      child.on('exit', (code, sig) =>
        done({ exitCode: code ?? -1, signal: sig, exitedAt: performance.now() }),
      );
    });
    clearTimeout(timer);
    await new Promise<void>((done) => {
      if (child.stdout.readableEnded && child.stderr.readableEnded) return done();
      child.on('close', () => done());
    });
    let maxRssKb: number | undefined;
    if (wrap && existsSync(rssFile)) {
      const last = readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '';
      const kb = Number(last);
      maxRssKb = Number.isFinite(kb) && kb > 0 ? kb : undefined;
    }
    return { exitCode, signal, spawnedAt, wallMs: exitedAt - spawnedAt, stdout, stderr, maxRssKb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export { runnerEnv } from '../__tests__/support/action.js';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
