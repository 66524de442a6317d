// Opt-in behaviour through the committed dist: deleting replaced certificates, invalidation, and
// the plan as a pull-request comment.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyLines, runAction } from '../support/action.js';
import { importIssued } from '../support/fleet.js';
import { type GitHubApi, startGitHubApi } from '../support/github-api.js';
import { type Chain, type Issued, makeChain, makeLeaf } from '../support/pki.js';
import { sandboxEnv, useSandbox } from '../support/sandbox.js';

let chain: Chain;
let old: Issued;
beforeAll(async () => {
  chain = await makeChain({ leaf: { sans: ['example.com', '*.example.com'] } });
  old = await makeLeaf(chain.intermediate, {
    sans: ['*.example.com'],
    notAfter: new Date(Date.now() + 10 * 86_400_000),
  });
});
const sandbox = useSandbox();
const MANAGED = { Key: 'managed-by', Value: 'cloudfront-certificate-deploy' };

const inputs = (ids: string[], extra: Record<string, string> = {}) => ({
  'distribution-ids': ids.join(','),
  certificate: chain.leaf.pem + chain.intermediate.pem,
  'private-key': chain.leaf.keyPem,
  ...extra,
});

describe('delete-replaced-certificates', () => {
  it('deletes the replaced certificate it imported, keeps one it did not, keeps one still in use', async () => {
    const sb = sandbox();
    const ours = importIssued(sb, old, chain.intermediate, [MANAGED]);
    const theirs = importIssued(sb, old, chain.intermediate);
    const shared = importIssued(sb, old, chain.intermediate, [MANAGED]);
    const a = sb.createDistribution({ aliases: ['a.example.com'], certificateArn: ours });
    const b = sb.createDistribution({ aliases: ['b.example.com'], certificateArn: theirs });
    const c = sb.createDistribution({ aliases: ['c.example.com'], certificateArn: shared });
    sb.createDistribution({ aliases: ['d.example.com'], certificateArn: shared }); // not in our list

    const run = await runAction(
      inputs([a.id, b.id, c.id], { 'delete-replaced-certificates': 'true' }),
      sandboxEnv(sb),
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(sb.certificate(ours)).toBeUndefined();
    expect(sb.certificate(theirs)).toBeDefined();
    expect(sb.certificate(shared)).toBeDefined();
    expect(sb.requests.filter((r) => r.operation === 'DeleteCertificate').map((r) => r.target)).toEqual([
      ours,
    ]);
    expect(run.summary).toContain('### Replaced certificates');
    expect(run.summary).toContain('not imported by this action');
    expect(run.summary).toContain('still used by');
  });
});

describe('invalidate-paths', () => {
  it('invalidates each updated distribution after the update and reports the ID', async () => {
    const sb = sandbox();
    const oldArn = importIssued(sb, old, chain.intermediate);
    const a = sb.createDistribution({ aliases: ['a.example.com'], certificateArn: oldArn });
    const run = await runAction(inputs([a.id], { 'invalidate-paths': '/*, /index.html' }), sandboxEnv(sb));
    expect(run.exitCode, run.stdout).toBe(0);
    const invalidations = sb.invalidations(a.id);
    expect(invalidations).toHaveLength(1);
    expect(invalidations[0]!.paths).toEqual(['/*', '/index.html']);
    const result = JSON.parse(run.outputs.result!) as Array<{ invalidationId?: string }>;
    expect(result[0]!.invalidationId).toBe(invalidations[0]!.id);
    const order = sb.requests
      .map((r) => r.operation)
      .filter((o) => o === 'UpdateDistribution' || o === 'CreateInvalidation');
    expect(order).toEqual(['UpdateDistribution', 'CreateInvalidation']);
  });

  it('refuses a path that does not start with / before any AWS call', async () => {
    const sb = sandbox();
    const run = await runAction(
      inputs(['E1ABCDEF2GHIJK'], { 'invalidate-paths': 'index.html' }),
      sandboxEnv(sb),
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("::error::Input 'invalidate-paths': 'index.html' must start with '/'");
    expect(sb.requests).toHaveLength(0);
  });
});

describe('comment-on-pull-request', () => {
  let github: GitHubApi;
  beforeAll(async () => {
    github = await startGitHubApi();
  });
  afterAll(() => github?.close());

  function prEnv(number: number): Record<string, string> {
    const dir = mkdtempSync(join(tmpdir(), 'cfcd-event-'));
    const event = join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number }, number }));
    return { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_API_URL: github.url };
  }

  it('posts the plan once, updates it in place, and never includes key material', async () => {
    const sb = sandbox();
    const oldArn = importIssued(sb, old, chain.intermediate);
    const a = sb.createDistribution({ aliases: ['a.example.com'], certificateArn: oldArn });
    const env = { ...sandboxEnv(sb), ...prEnv(7) };
    const extra = { 'comment-on-pull-request': 'true', 'github-token': 'write-token' };

    const first = await runAction(inputs([a.id], extra), env);
    expect(first.exitCode, first.stdout).toBe(0);
    expect(github.comments(7)).toHaveLength(1);
    expect(first.outputs['comment-url']).toBe(github.comments(7)[0]!.html_url);
    expect(github.comments(7)[0]!.body).toContain(a.id);

    const second = await runAction(inputs([a.id], extra), env);
    expect(second.exitCode, second.stdout).toBe(0);
    expect(github.comments(7)).toHaveLength(1);
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);
    expect(sb.requests.filter((r) => r.operation === 'UpdateDistribution')).toEqual([]);
    for (const line of keyLines(chain.leaf.keyPem)) expect(github.comments(7)[0]!.body).not.toContain(line);
    expect(github.comments(7)[0]!.body).not.toContain('BEGIN');
  });

  it('on a fork (read-only token) leaves a notice and succeeds', async () => {
    const sb = sandbox();
    const oldArn = importIssued(sb, old, chain.intermediate);
    const a = sb.createDistribution({ aliases: ['a.example.com'], certificateArn: oldArn });
    const run = await runAction(
      inputs([a.id], { 'comment-on-pull-request': 'true', 'github-token': 'read-token' }),
      { ...sandboxEnv(sb), ...prEnv(8) },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/::notice::comment-on-pull-request: .*forks/);
    expect(run.outputs['comment-url']).toBe('');
    expect(github.comments(8)).toHaveLength(0);
  });
});
