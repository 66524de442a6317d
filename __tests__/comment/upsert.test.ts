// upsertPlanComment against a local stand-in for the GitHub REST API (the real Octokit client
// from @actions/github, over HTTP).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMENT_MARKER, type CommentTarget, upsertPlanComment } from '../../src/comment.js';
import { type GitHubApi, startGitHubApi } from '../support/github-api.js';

const PLAN_A = '## CloudFront certificate deploy\n\n| `E1ABCDEF2GHIJK` | 📝 would update |\n';
const PLAN_B = '## CloudFront certificate deploy\n\n| `E1ABCDEF2GHIJK` | ⚠️ skipped |\n';
const FORK_HINT =
  'On pull requests from forks the token is read-only, so the plan is in the job summary instead; otherwise add `permissions: pull-requests: write` to the job.';

let api: GitHubApi;
let pr = 0;

beforeAll(async () => {
  api = await startGitHubApi();
});
afterAll(() => api.close());
beforeEach(() => {
  pr += 1; // each test its own pull request
  api.requests.length = 0;
});

function target(overrides: Partial<CommentTarget> = {}): CommentTarget {
  return {
    token: 'write-token',
    owner: 'acme',
    repo: 'site',
    pullNumber: pr,
    apiUrl: api.url,
    runUrl: 'https://github.com/acme/site/actions/runs/1',
    ...overrides,
  };
}
const writes = (): Array<{ method: string; path: string }> => api.requests.filter((r) => r.method !== 'GET');

describe('upsertPlanComment', () => {
  it('creates the comment on the first run, then updates that same comment', async () => {
    const first = await upsertPlanComment(target(), PLAN_A);
    expect(first).toEqual({
      kind: 'created',
      url: expect.stringMatching(new RegExp(`^https://github.com/acme/site/pull/${pr}#issuecomment-\\d+$`)),
      planChanged: false,
    });
    const [created] = api.comments(pr);
    expect(api.comments(pr)).toHaveLength(1);
    expect(created!.body.startsWith(COMMENT_MARKER + '\n')).toBe(true);
    expect(created!.body).toContain(PLAN_A.trimEnd());
    expect(created!.body).not.toContain('since the last push');
    expect(writes()).toEqual([{ method: 'POST', path: `/repos/acme/site/issues/${pr}/comments` }]);

    api.requests.length = 0;
    const second = await upsertPlanComment(
      target({ runUrl: 'https://github.com/acme/site/actions/runs/2' }),
      PLAN_B,
    );
    expect(second).toEqual({ kind: 'updated', url: created!.html_url, planChanged: true });
    expect(api.comments(pr)).toHaveLength(1);
    expect(api.comments(pr)[0]!.id).toBe(created!.id);
    expect(api.comments(pr)[0]!.body).toContain('Plan changed since the last push');
    expect(api.comments(pr)[0]!.body).toContain('actions/runs/2');
    expect(writes()).toEqual([{ method: 'PATCH', path: `/repos/acme/site/issues/comments/${created!.id}` }]);
  });

  it('says the plan is unchanged on a new push with the same plan, and does not write an identical body', async () => {
    await upsertPlanComment(target(), PLAN_A);
    const again = await upsertPlanComment(
      target({ runUrl: 'https://github.com/acme/site/actions/runs/2' }),
      PLAN_A,
    );
    expect(again).toMatchObject({ kind: 'updated', planChanged: false });
    expect(api.comments(pr)[0]!.body).toContain('_Plan unchanged since the last push._');

    api.requests.length = 0;
    const third = await upsertPlanComment(
      target({ runUrl: 'https://github.com/acme/site/actions/runs/2' }),
      PLAN_A,
    );
    expect(third).toEqual({ kind: 'unchanged', url: api.comments(pr)[0]!.html_url, planChanged: false });
    expect(writes()).toEqual([]);
    expect(api.comments(pr)).toHaveLength(1);
  });

  it('finds its comment among other people’s comments across several pages', async () => {
    for (let i = 0; i < 150; i++) api.addComment('acme', 'site', pr, `comment ${i}`);
    // Someone quoting our comment does not make theirs ours.
    api.addComment('acme', 'site', pr, `> ${COMMENT_MARKER}\n> old plan`);
    await upsertPlanComment(target(), PLAN_A);
    for (let i = 0; i < 120; i++) api.addComment('acme', 'site', pr, `later ${i}`);
    const ours = api.comments(pr).filter((c) => c.body.startsWith(COMMENT_MARKER));
    expect(ours).toHaveLength(1);

    api.requests.length = 0;
    const result = await upsertPlanComment(target(), PLAN_B);
    expect(result).toMatchObject({ kind: 'updated', url: ours[0]!.html_url, planChanged: true });
    expect(api.comments(pr).filter((c) => c.body.startsWith(COMMENT_MARKER))).toHaveLength(1);
    const pages = api.requests.filter((r) => r.method === 'GET');
    expect(pages.map((r) => r.path)).toEqual([
      `/repos/acme/site/issues/${pr}/comments?per_page=100`,
      `/repos/acme/site/issues/${pr}/comments?per_page=100&page=2`,
      `/repos/acme/site/issues/${pr}/comments?per_page=100&page=3`,
    ]);
    expect(writes()).toEqual([{ method: 'PATCH', path: `/repos/acme/site/issues/comments/${ours[0]!.id}` }]);
  });

  it('keeps one comment per key', async () => {
    await upsertPlanComment(target(), PLAN_A);
    const staging = await upsertPlanComment(target({ key: 'staging' }), PLAN_B);
    expect(staging).toMatchObject({ kind: 'created', planChanged: false });
    expect(api.comments(pr)).toHaveLength(2);

    const plain = await upsertPlanComment(target(), PLAN_B);
    const keyed = await upsertPlanComment(target({ key: 'staging' }), PLAN_B);
    expect(plain).toMatchObject({ kind: 'updated', planChanged: true });
    expect(keyed).toMatchObject({ kind: 'updated', planChanged: false });
    const [first, second] = api.comments(pr);
    expect(api.comments(pr)).toHaveLength(2);
    expect(first!.body.startsWith(COMMENT_MARKER + '\n')).toBe(true);
    expect(second!.body.startsWith('<!-- cloudfront-certificate-deploy:plan key=staging -->\n')).toBe(true);
    expect(keyed).toMatchObject({ url: second!.html_url });
  });

  it('a fork’s read-only token: not-permitted with the fork hint, nothing written, no throw', async () => {
    const result = await upsertPlanComment(target({ token: 'read-token' }), PLAN_A);
    expect(result).toEqual({
      kind: 'not-permitted',
      hint: `Could not comment on the pull request (403 Resource not accessible by integration). ${FORK_HINT}`,
    });
    expect(api.comments(pr)).toEqual([]);
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  it('a read-only token cannot update an existing comment either', async () => {
    await upsertPlanComment(target(), PLAN_A);
    const before = api.comments(pr)[0]!.body;
    const result = await upsertPlanComment(target({ token: 'read-token' }), PLAN_B);
    expect(result).toMatchObject({
      kind: 'not-permitted',
      hint: expect.stringContaining('pull-requests: write'),
    });
    expect(api.comments(pr)[0]!.body).toBe(before);
  });

  it('a rejected token (401) or an empty one: not-permitted with a hint about the token', async () => {
    const rejected = await upsertPlanComment(target({ token: 'revoked' }), PLAN_A);
    expect(rejected).toEqual({
      kind: 'not-permitted',
      hint: 'Could not read the comments of the pull request: the github-token was not accepted (401 Bad credentials). The plan is in the job summary instead; check the github-token input.',
    });
    const empty = await upsertPlanComment(target({ token: '' }), PLAN_A);
    expect(empty).toMatchObject({
      kind: 'not-permitted',
      hint: expect.stringContaining('github-token input is empty'),
    });
    expect(api.comments(pr)).toEqual([]);
  });

  it('404 on listing (no access to the repository): not-permitted', async () => {
    api.failNext('GET', 404, 'Not Found');
    const result = await upsertPlanComment(target(), PLAN_A);
    expect(result).toEqual({
      kind: 'not-permitted',
      hint: `Could not read the comments of the pull request (404 Not Found). ${FORK_HINT}`,
    });
  });

  it('a secondary rate limit (403) is not-permitted with a rate-limit hint, not the permissions one', async () => {
    api.failNext('POST', 403, 'You have exceeded a secondary rate limit');
    const result = await upsertPlanComment(target(), PLAN_A);
    expect(result).toMatchObject({ kind: 'not-permitted', hint: expect.stringContaining('rate-limiting') });
    expect(result).not.toMatchObject({ hint: expect.stringContaining('forks') });
  });

  it('other failures throw with context', async () => {
    api.failNext('POST', 500, 'Server Error');
    await expect(upsertPlanComment(target(), PLAN_A)).rejects.toThrow(
      'could not write the pull-request comment: creating the comment failed: 500 Server Error',
    );
    api.failNext('GET', 502, 'Bad Gateway');
    await expect(upsertPlanComment(target(), PLAN_A)).rejects.toThrow(
      'could not write the pull-request comment: listing the comments failed: 502 Bad Gateway',
    );
    await upsertPlanComment(target(), PLAN_A);
    api.failNext('PATCH', 422, 'Validation Failed');
    await expect(upsertPlanComment(target(), PLAN_B)).rejects.toThrow(
      'could not write the pull-request comment: updating the comment failed: 422 Validation Failed',
    );
  });

  it('an unreachable API throws with context', async () => {
    const closed = await startGitHubApi();
    const url = closed.url;
    await closed.close();
    await expect(upsertPlanComment(target({ apiUrl: url }), PLAN_A)).rejects.toThrow(
      /^could not write the pull-request comment: listing the comments failed: /,
    );
  });

  it('sends the token as GitHub expects and honours an API URL with a trailing slash', async () => {
    const result = await upsertPlanComment(target({ apiUrl: api.url + '/' }), PLAN_A);
    expect(result).toMatchObject({ kind: 'created' });
  });

  it('never writes key material: the body is the plan plus its own lines', async () => {
    await upsertPlanComment(target(), PLAN_A);
    const body = api.comments(pr)[0]!.body;
    expect(body).not.toMatch(/-----BEGIN|PRIVATE KEY/);
    expect(
      body
        .replace(PLAN_A.trimEnd(), '')
        .split('\n')
        .filter((l) => l !== ''),
    ).toEqual([
      COMMENT_MARKER,
      expect.stringMatching(/^<!-- plan-digest: [0-9a-f]{64} -->$/),
      '---',
      '<sub>Dry-run plan by cloudfront-certificate-deploy · [workflow run](https://github.com/acme/site/actions/runs/1)</sub>',
    ]);
  });
});
