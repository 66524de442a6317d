// `npm run sandbox -- --port 0 --seed seed.json` in its own process: prints the listening line,
// seeds from the file, answers the SDK and the admin endpoint, and stops on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetDistributionConfigCommand } from '@aws-sdk/client-cloudfront';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { afterAll, expect, test } from 'vitest';
import { makeChain } from '../support/pki.js';
import { adminCall, SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY } from '../support/sandbox.js';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function waitForLine(
  proc: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<{ match: RegExpExecArray; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ match, output });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code}:\n${output}`));
    });
  });
}

test('npm run sandbox -- --port 0 --seed seed.json', async () => {
  const chain = await makeChain({ leaf: { sans: ['www.example.com'] } });
  writeFileSync(join(dir, 'leaf.pem'), chain.leaf.pem);
  writeFileSync(join(dir, 'key.pem'), chain.leaf.keyPem);
  writeFileSync(join(dir, 'chain.pem'), chain.intermediate.pem + chain.root.pem);
  writeFileSync(
    join(dir, 'seed.json'),
    JSON.stringify({
      certificates: [
        { name: 'site', certificateFile: 'leaf.pem', privateKeyFile: 'key.pem', chainFile: 'chain.pem' },
      ],
      distributions: [
        { id: 'E1SANDBOXSEED1', aliases: ['www.example.com'], certificate: 'site', comment: 'seeded' },
      ],
    }),
  );

  child = spawn(
    'npm',
    ['run', '--silent', 'sandbox', '--', '--port', '0', '--seed', join(dir, 'seed.json')],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        PATH: `${join(process.cwd(), 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so npm, tsx and node stop together
    },
  );
  const { match, output } = await waitForLine(
    child,
    /sandbox listening on (http:\/\/127\.0\.0\.1:(\d+))\n/,
    30_000,
  );
  const url = match[1]!;
  expect(Number(match[2])).toBeGreaterThan(0);
  expect(output).toContain('distribution E1SANDBOXSEED1');

  const client = new CloudFrontClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: SANDBOX_SECRET_ACCESS_KEY },
  });
  const config = await client.send(new GetDistributionConfigCommand({ Id: 'E1SANDBOXSEED1' }));
  expect(config.DistributionConfig).toMatchObject({
    Comment: 'seeded',
    Aliases: { Quantity: 1, Items: ['www.example.com'] },
  });
  expect(config.DistributionConfig!.ViewerCertificate!.ACMCertificateArn).toMatch(
    /^arn:aws:acm:us-east-1:123456789012:certificate\//,
  );
  const requests = await adminCall<Array<{ operation: string; accessKeyId: string }>>(url, 'requests');
  expect(requests).toMatchObject([
    { operation: 'GetDistributionConfig', accessKeyId: SANDBOX_ACCESS_KEY_ID },
  ]);

  // SIGTERM to the whole group (npm may die of the signal itself); the server must be gone.
  const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  await expect(fetch(`${url}/__admin/info`)).rejects.toThrow();
});
