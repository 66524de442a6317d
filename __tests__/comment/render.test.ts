import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMENT_MARKER, commentMarker, commentTargetFromContext, renderComment } from '../../src/comment.js';
import { loadBundle } from '../../src/certificate/index.js';
import { renderSummary, type Report } from '../../src/report.js';
import { makeChain, type Chain } from '../support/pki.js';

const RUN_URL = 'https://github.com/acme/site/actions/runs/42';
const PLAN = [
  '## CloudFront certificate deploy',
  '',
  '| Distribution | Outcome |',
  '|---|---|',
  '| `E1ABCDEF2GHIJK` | 📝 would update |',
  '',
].join('\n');

/** The lines renderComment adds around the plan, whatever the plan says. */
const OWN_LINE =
  /^(<!-- cloudfront-certificate-deploy:plan(?: key=[^ >]*)? -->|<!-- plan-digest: [0-9a-f]{64} -->|_Plan unchanged since the last push\._|🔄 \*\*Plan changed since the last push\.\*\*|---|<sub>Dry-run plan by cloudfront-certificate-deploy(?: \(`[^`]*`\))?(?: · \[workflow run\]\(https:\/\/github\.com\/[^)]+\))?<\/sub>|)$/u;

describe('renderComment', () => {
  it('starts with the marker and a digest, then the plan, then the run link', () => {
    const { body, digest } = renderComment(PLAN, { runUrl: RUN_URL }, undefined);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(body).toBe(
      [
        COMMENT_MARKER,
        `<!-- plan-digest: ${digest} -->`,
        PLAN.trimEnd(),
        '',
        '---',
        `<sub>Dry-run plan by cloudfront-certificate-deploy · [workflow run](${RUN_URL})</sub>`,
        '',
      ].join('\n'),
    );
  });

  it('says nothing about changes on the first comment', () => {
    const { body } = renderComment(PLAN, { runUrl: RUN_URL }, undefined);
    expect(body).not.toMatch(/since the last push/);
  });

  it('says the plan is unchanged when the previous digest matches', () => {
    const first = renderComment(PLAN, { runUrl: RUN_URL }, undefined);
    const { body } = renderComment(PLAN, { runUrl: RUN_URL }, first.digest);
    expect(body).toContain('_Plan unchanged since the last push._');
    expect(body).not.toContain('Plan changed');
  });

  it('says the plan changed when the previous digest differs (or was missing)', () => {
    const first = renderComment(PLAN, { runUrl: RUN_URL }, undefined);
    const changed = renderComment(PLAN.replace('would update', 'skipped'), { runUrl: RUN_URL }, first.digest);
    expect(changed.digest).not.toBe(first.digest);
    expect(changed.body).toContain('🔄 **Plan changed since the last push.**');
    expect(renderComment(PLAN, { runUrl: RUN_URL }, '').body).toContain('Plan changed since the last push');
  });

  it('puts the change line above the plan, so a reviewer sees it first', () => {
    const { body } = renderComment(PLAN, { runUrl: RUN_URL }, 'f'.repeat(64));
    expect(body.indexOf('Plan changed')).toBeLessThan(body.indexOf('## CloudFront certificate deploy'));
  });

  it('digests what the plan says, not the run link, the key, line endings or the days left', () => {
    const a = renderComment(PLAN, { runUrl: RUN_URL }, undefined).digest;
    expect(
      renderComment(PLAN, { runUrl: 'https://github.com/acme/site/actions/runs/43' }, undefined).digest,
    ).toBe(a);
    expect(renderComment(PLAN, { runUrl: undefined, key: 'staging' }, undefined).digest).toBe(a);
    expect(renderComment(PLAN.replace(/\n/g, '\r\n'), { runUrl: RUN_URL }, undefined).digest).toBe(a);

    const validity = (days: number): string =>
      `${PLAN}| Valid | 2025-01-01T00:00:00.000Z → 2026-01-01T00:00:00.000Z (${days} days left) |\n`;
    expect(renderComment(validity(90), { runUrl: RUN_URL }, undefined).digest).toBe(
      renderComment(validity(89), { runUrl: RUN_URL }, undefined).digest,
    );
    // The dates themselves are facts of the certificate: a new certificate is a new plan.
    expect(
      renderComment(validity(90).replace('2026', '2027'), { runUrl: RUN_URL }, undefined).digest,
    ).not.toBe(renderComment(validity(90), { runUrl: RUN_URL }, undefined).digest);
  });

  it('leaves out the run link when there is no run URL', () => {
    const { body } = renderComment(PLAN, { runUrl: undefined }, undefined);
    expect(body).toContain('<sub>Dry-run plan by cloudfront-certificate-deploy</sub>');
    expect(body).not.toContain('workflow run');
  });

  it('marks a keyed comment with its own marker and names the key', () => {
    const { body } = renderComment(PLAN, { runUrl: RUN_URL, key: 'staging' }, undefined);
    expect(body.startsWith('<!-- cloudfront-certificate-deploy:plan key=staging -->\n')).toBe(true);
    expect(body).not.toContain(COMMENT_MARKER);
    expect(body).toContain('(`staging`)');
  });

  it('cuts a plan too long for a comment at a line and points to the job summary', () => {
    const row = '| `E1ABCDEF2GHIJK` | `www.example.com` | 📝 would update | covered by the certificate |\n';
    const huge = PLAN + row.repeat(2_000);
    const { body } = renderComment(huge, { runUrl: RUN_URL }, undefined);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain(
      '_The plan is too long for a comment; the whole plan is in the job summary of the run._',
    );
    expect(body).toContain(`|\n\n_The plan is too long`);
    expect(body).toContain('[workflow run]');
  });
});

describe('commentMarker', () => {
  it('is COMMENT_MARKER without a key', () => {
    expect(commentMarker()).toBe(COMMENT_MARKER);
    expect(commentMarker('')).toBe(COMMENT_MARKER);
  });

  it('cannot be closed early or made a prefix of another key by the key', () => {
    const marker = commentMarker('a --> b');
    expect(marker).toBe('<!-- cloudfront-certificate-deploy:plan key=a%20--%3E%20b -->');
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(commentMarker('ab').startsWith(commentMarker('a'))).toBe(false);
    expect(commentMarker('a').startsWith(COMMENT_MARKER)).toBe(false);
  });
});

describe('the comment carries no key material', () => {
  let chain: Chain;
  beforeAll(async () => {
    chain = await makeChain();
  });

  it('adds nothing to the plan but the marker, the digest and fixed sentences', () => {
    const cases: Array<{
      target: { runUrl: string | undefined; key?: string };
      previous: string | undefined;
    }> = [
      { target: { runUrl: RUN_URL }, previous: undefined },
      { target: { runUrl: RUN_URL, key: 'staging' }, previous: 'f'.repeat(64) },
      { target: { runUrl: undefined, key: 'prod' }, previous: digestOf(PLAN) },
    ];
    for (const { target, previous } of cases) {
      const { body, digest } = renderComment(PLAN, target, previous);
      const planStart = body.indexOf(PLAN.trimEnd());
      expect(planStart).toBeGreaterThan(0);
      const rest = body.slice(0, planStart) + body.slice(planStart + PLAN.trimEnd().length);
      for (const line of rest.split('\n')) expect(line).toMatch(OWN_LINE);
      expect(body).toContain(digest);
    }
  });

  it('renders a real certificate bundle’s job summary without any of the key or the PEM bodies', async () => {
    const bundle = await loadBundle(
      { certificate: chain.leaf.pem, privateKey: chain.leaf.keyPem, chain: chain.intermediate.pem },
      { now: new Date(), expiryWarningDays: 30, maskSecret: () => undefined },
    );
    const report: Report = {
      dryRun: true,
      dryRunReason: 'pull_request event',
      bundle,
      certificateStep: { kind: 'import' },
      certificateArn: undefined,
      outcomes: [
        {
          id: 'E1ABCDEF2GHIJK',
          aliases: ['www.example.com'],
          outcome: 'would-update',
          reason: 'every alias is covered',
          uncoveredAliases: [],
          previousCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/old',
        },
      ],
      notes: [],
      now: new Date(),
    };
    const { body } = renderComment(renderSummary(report), { runUrl: RUN_URL }, undefined);

    expect(body).toContain(bundle.leaf.fingerprintSha256);
    expect(body).toContain('`www.example.com`');
    expect(body).not.toMatch(/-----BEGIN|PRIVATE KEY|CERTIFICATE-----/);
    for (const pem of [chain.leaf.keyPem, bundle.privateKeyPem, chain.leaf.pem, chain.intermediate.pem]) {
      for (const line of base64Lines(pem)) expect(body).not.toContain(line);
    }
  });
});

describe('commentTargetFromContext', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'comment-context-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const event = (name: string, payload: unknown): string => {
    const path = join(dir, `${name}.json`);
    writeFileSync(path, JSON.stringify(payload));
    return path;
  };
  const env = (overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REPOSITORY: 'acme/site',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_RUN_ID: '42',
    ...overrides,
  });

  it('reads the pull request number, repository, API URL and run link from a pull_request event', () => {
    const path = event('pr', {
      action: 'synchronize',
      number: 7,
      pull_request: { number: 7, head: { sha: 'abc' } },
    });
    expect(commentTargetFromContext(env({ GITHUB_EVENT_PATH: path }), 'tok')).toEqual({
      token: 'tok',
      owner: 'acme',
      repo: 'site',
      pullNumber: 7,
      apiUrl: 'https://api.github.com',
      runUrl: RUN_URL,
    });
  });

  it('takes pull_request_target too, a GHES server and API URL, and the key', () => {
    const path = event('prt', { pull_request: { number: 12 } });
    const target = commentTargetFromContext(
      env({
        GITHUB_EVENT_NAME: 'pull_request_target',
        GITHUB_EVENT_PATH: path,
        GITHUB_SERVER_URL: 'https://ghe.example.com/',
        GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
      }),
      'tok',
      'staging',
    );
    expect(target).toMatchObject({
      pullNumber: 12,
      apiUrl: 'https://ghe.example.com/api/v3',
      runUrl: 'https://ghe.example.com/acme/site/actions/runs/42',
      key: 'staging',
    });
  });

  it('defaults the API and server URLs and has no run link without a run id', () => {
    const path = event('defaults', { pull_request: { number: 3 } });
    const target = commentTargetFromContext(
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REPOSITORY: 'acme/site', GITHUB_EVENT_PATH: path },
      'tok',
    );
    expect(target).toEqual({
      token: 'tok',
      owner: 'acme',
      repo: 'site',
      pullNumber: 3,
      apiUrl: 'https://api.github.com',
      runUrl: undefined,
    });
  });

  it('is undefined for other events, a missing or unreadable payload, or no pull request number', () => {
    const pr = event('pr2', { pull_request: { number: 7 } });
    expect(
      commentTargetFromContext(env({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: pr }), 'tok'),
    ).toBeUndefined();
    expect(
      commentTargetFromContext(env({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_EVENT_PATH: pr }), 'tok'),
    ).toBeUndefined();
    expect(commentTargetFromContext(env({ GITHUB_EVENT_PATH: undefined }), 'tok')).toBeUndefined();
    expect(
      commentTargetFromContext(env({ GITHUB_EVENT_PATH: join(dir, 'absent.json') }), 'tok'),
    ).toBeUndefined();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ not json');
    expect(commentTargetFromContext(env({ GITHUB_EVENT_PATH: broken }), 'tok')).toBeUndefined();
    expect(
      commentTargetFromContext(env({ GITHUB_EVENT_PATH: event('nonumber', { pull_request: {} }) }), 'tok'),
    ).toBeUndefined();
    expect(
      commentTargetFromContext(env({ GITHUB_EVENT_PATH: pr, GITHUB_REPOSITORY: undefined }), 'tok'),
    ).toBeUndefined();
  });
});

function digestOf(plan: string): string {
  return renderComment(plan, { runUrl: undefined }, undefined).digest;
}

/** The base64 body lines of a PEM (long enough to be unmistakable). */
function base64Lines(pem: string): string[] {
  return pem
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 16 && !l.startsWith('-----'));
}
