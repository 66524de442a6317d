// Runs the committed dist/index.js the way the GitHub runner does: inputs as INPUT_* variables,
// outputs and the job summary through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
import { spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DIST = resolve(import.meta.dirname, '../../dist/index.js');

export interface ActionRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /**
   * Everything a person could see: stdout (less the `::add-mask::` commands, which the runner
   * consumes and never shows), stderr, the output file and the summary.
   */
  readonly everything: string;
  /** The values the action asked the runner to mask. */
  readonly masked: readonly string[];
}

/**
 * A clean runner-like environment in `dir`: INPUT_* variables, empty output and summary files, and
 * no shared AWS config, credentials or instance metadata from the developer's machine.
 */
export function runnerEnv(
  dir: string,
  inputs: Record<string, string>,
  extra: Record<string, string> = {},
): Record<string, string> {
  const output = join(dir, 'output');
  const summary = join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REPOSITORY: 'octo/site',
    GITHUB_RUN_ID: '42',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
  for (const [name, value] of Object.entries(inputs)) {
    // The runner's rule: INPUT_ + name upper-cased with spaces as underscores (dashes are kept).
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  entry = DIST,
): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'cfcd-run-'));
  const childEnv = runnerEnv(dir, inputs, env);
  const outputFile = childEnv.GITHUB_OUTPUT!;
  const summaryFile = childEnv.GITHUB_STEP_SUMMARY!;
  try {
    const { exitCode, stdout, stderr } = await new Promise<{
      exitCode: number;
      stdout: string;
      stderr: string;
    }>((done, fail) => {
      const child = spawn(process.execPath, [entry], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', fail);
      child.on('close', (code) => done({ exitCode: code ?? -1, stdout, stderr }));
    });
    const outputText = readFileSync(outputFile, 'utf8');
    const summary = readFileSync(summaryFile, 'utf8');
    const lines = stdout.split('\n');
    const masked = lines
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => l.slice('::add-mask::'.length));
    const visible = lines.filter((l) => !l.startsWith('::add-mask::')).join('\n');
    const everything = [visible, stderr, outputText, summary].join('\n');
    // Every run of the dist in the suite doubles as a leak check: no line of the private key, in
    // any form the action could have made of it, may reach what a person sees.
    for (const line of keyFormLines(inputs['private-key'] ?? '')) {
      if (everything.includes(line))
        throw new Error(`dist/index.js leaked a line of the private key: ${line.slice(0, 8)}...`);
    }
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseOutputs(outputText),
      summary,
      everything,
      masked,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses the `name<<DELIMITER\nvalue\nDELIMITER` records @actions/core writes to GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match as unknown as [string, string, string];
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    outputs[name] = value.join('\n');
  }
  return outputs;
}

/** Lines of every PEM form of the key given as an input (PEM, base64 of PEM, or a path). */
export function keyFormLines(input: string): string[] {
  const texts = [input];
  if (input.trim() !== '' && !input.includes('-----')) {
    const decoded = Buffer.from(input.trim(), 'base64').toString('utf8');
    if (decoded.includes('-----BEGIN')) texts.push(decoded);
    else if (existsSync(input.trim())) texts.push(readFileSync(input.trim(), 'utf8'));
  }
  const lines = new Set<string>();
  for (const text of texts) {
    for (const line of keyLines(text)) lines.add(line);
    try {
      const key = createPrivateKey(text);
      const forms: string[] = [key.export({ type: 'pkcs8', format: 'pem' }).toString()];
      if (key.asymmetricKeyType === 'rsa')
        forms.push(key.export({ type: 'pkcs1', format: 'pem' }).toString());
      if (key.asymmetricKeyType === 'ec') forms.push(key.export({ type: 'sec1', format: 'pem' }).toString());
      for (const form of forms) for (const line of keyLines(form)) lines.add(line);
    } catch {
      // not a usable key (a test of bad input): its own lines are checked above
    }
  }
  return [...lines];
}

/** Lines of a private key's PEM body long enough to be unmistakable if they leak. */
export function keyLines(keyPem: string): string[] {
  return keyPem
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length >= 16 && !l.startsWith('-----'));
}
