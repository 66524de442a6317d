// An independent client: the AWS CLI v2 (Python, botocore) against the sandbox. Skipped when
// /usr/bin/aws is not installed (`apt-get install -y awscli`; a v1 `aws` from pip may come
// first on PATH, so the path is explicit).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { EC_P256 } from '../support/pki.js';
import { sandboxEnv, useSandbox, type Sandbox } from '../support/sandbox.js';
import { importLeaf } from './fixtures.js';

const AWS = process.env.SANDBOX_TEST_AWS_CLI ?? '/usr/bin/aws';
const dir = mkdtempSync(join(tmpdir(), 'sandbox-aws-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Async on purpose: the sandbox runs in this process and must keep answering.
function aws(sb: Sandbox, args: string[]): Promise<CliResult> {
  const env = sandboxEnv(sb);
  return new Promise((resolve) => {
    execFile(
      AWS,
      ['--endpoint-url', sb.url, '--output', 'json', ...args],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: dir,
          AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID,
          AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: join(dir, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
        },
        timeout: 30_000,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function awsJson<T>(sb: Sandbox, args: string[]): Promise<T> {
  const r = await aws(sb, args);
  if (r.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

interface ConfigOutput {
  ETag: string;
  DistributionConfig: { Aliases: { Quantity: number; Items?: string[] }; Comment: string } & Record<
    string,
    unknown
  >;
}

const sandbox = useSandbox();

describe.skipIf(!existsSync(AWS))('the AWS CLI against the sandbox', () => {
  test('CloudFront: a stale If-Match gets 412, an uncovered alias InvalidViewerCertificate', async () => {
    const sb = sandbox();
    const { arn } = await importLeaf(sb, { sans: ['www.example.com'] });
    const { id } = sb.createDistribution({ aliases: ['www.example.com'], certificateArn: arn });
    const read = await awsJson<ConfigOutput>(sb, ['cloudfront', 'get-distribution-config', '--id', id]);
    expect(read.ETag).toBe(sb.getDistribution(id).etag);
    expect(read.DistributionConfig.Aliases).toEqual({ Quantity: 1, Items: ['www.example.com'] });

    const file = join(dir, `${id}.json`);
    const write = (config: object) => writeFileSync(file, JSON.stringify(config));
    write({ ...read.DistributionConfig, Comment: 'via the CLI' });
    const updated = await awsJson<{ ETag: string }>(sb, [
      'cloudfront',
      'update-distribution',
      '--id',
      id,
      '--if-match',
      read.ETag,
      '--distribution-config',
      `file://${file}`,
    ]);
    expect(sb.getDistribution(id)).toMatchObject({ comment: 'via the CLI', etag: updated.ETag });

    const stale = await aws(sb, [
      'cloudfront',
      'update-distribution',
      '--id',
      id,
      '--if-match',
      read.ETag,
      '--distribution-config',
      `file://${file}`,
    ]);
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toContain('PreconditionFailed');

    write({
      ...read.DistributionConfig,
      Aliases: { Quantity: 2, Items: ['www.example.com', 'api.example.com'] },
    });
    const uncovered = await aws(sb, [
      'cloudfront',
      'update-distribution',
      '--id',
      id,
      '--if-match',
      updated.ETag,
      '--distribution-config',
      `file://${file}`,
    ]);
    expect(uncovered.code).not.toBe(0);
    expect(uncovered.stderr).toContain('InvalidViewerCertificate');
    expect(uncovered.stderr).toContain("doesn't cover the alternate domain name");
  });

  test('ACM: list-certificates hides an EC certificate unless --includes keyTypes asks', async () => {
    const sb = sandbox();
    const rsa = await importLeaf(sb);
    const ec = await importLeaf(sb, {}, { key: EC_P256 });
    type List = { CertificateSummaryList: Array<{ CertificateArn: string }> };
    const arns = (l: List) => l.CertificateSummaryList.map((c) => c.CertificateArn);

    expect(arns(await awsJson<List>(sb, ['acm', 'list-certificates']))).toEqual([rsa.arn]);
    expect(
      arns(
        await awsJson<List>(sb, [
          'acm',
          'list-certificates',
          '--includes',
          'keyTypes=EC_prime256v1,RSA_2048',
        ]),
      ),
    ).toEqual([rsa.arn, ec.arn]);
  });
});
