// The dry-run plan as one comment on the pull request, updated in place on every push.
// Opt-in (comment-on-pull-request). Writing the comment is a courtesy, never a reason to fail:
// a fork's read-only token or a missing permission comes back as 'not-permitted' with a hint,
// and the plan stays in the job summary.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { getOctokit } from '@actions/github';
import { errorMessage } from './aws/errors.js';

export const COMMENT_MARKER = '<!-- cloudfront-certificate-deploy:plan -->';

export interface CommentTarget {
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  /** GITHUB_API_URL; https://api.github.com by default. */
  readonly apiUrl: string;
  /** `${GITHUB_SERVER_URL}/${owner}/${repo}/actions/runs/${GITHUB_RUN_ID}` */
  readonly runUrl: string | undefined;
  /** Tells apart several uses of the action in one workflow: each key has its own comment. Default ''. */
  readonly key?: string;
}

export type CommentResult =
  | {
      readonly kind: 'created' | 'updated' | 'unchanged';
      readonly url: string;
      /** The plan differs from the one in our previous comment (false when there was none). */
      readonly planChanged: boolean;
    }
  | { readonly kind: 'not-permitted'; readonly hint: string };

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
const DEFAULT_API_URL = 'https://api.github.com';
const DEFAULT_SERVER_URL = 'https://github.com';
const DIGEST_PATTERN = /^<!-- plan-digest: ([0-9a-f]{64}) -->$/m;
// GitHub refuses comment bodies over 65,536 characters (422); leave room for our own lines.
const MAX_PLAN_CHARS = 60_000;

/** The hidden first line that finds our comment again: the marker, plus the key when there is one. */
export function commentMarker(key = ''): string {
  // encodeURIComponent leaves no '>' or space, so no key can end the HTML comment early or
  // make one key's marker a prefix of another's.
  return key === ''
    ? COMMENT_MARKER
    : `<!-- cloudfront-certificate-deploy:plan key=${encodeURIComponent(key)} -->`;
}

/**
 * The comment body: marker, a hidden digest of the plan, a line saying whether the plan changed
 * since our previous comment (only when there was one), the plan markdown, and the run link.
 * Nothing else is added, so the comment can hold nothing the job summary does not.
 */
export function renderComment(
  planMarkdown: string,
  target: Pick<CommentTarget, 'runUrl' | 'key'>,
  previousDigest: string | undefined,
): { body: string; digest: string } {
  const digest = planDigest(planMarkdown);
  const lines = [commentMarker(target.key), `<!-- plan-digest: ${digest} -->`];
  if (previousDigest !== undefined) {
    lines.push(
      previousDigest === digest
        ? '_Plan unchanged since the last push._'
        : '🔄 **Plan changed since the last push.**',
      '',
    );
  }
  lines.push(fitPlan(planMarkdown.replace(/\r\n/g, '\n').trimEnd()), '', '---');
  const footer = ['<sub>Dry-run plan by cloudfront-certificate-deploy'];
  if (target.key) footer.push(` (${code(target.key)})`);
  if (target.runUrl) footer.push(` · [workflow run](${target.runUrl})`);
  footer.push('</sub>');
  lines.push(footer.join(''));
  return { body: lines.join('\n') + '\n', digest };
}

/**
 * What to comment on, from the runner's environment: undefined unless this is a pull_request or
 * pull_request_target event whose payload (GITHUB_EVENT_PATH) names the pull request.
 */
export function commentTargetFromContext(
  env: NodeJS.ProcessEnv,
  token: string,
  key?: string,
): CommentTarget | undefined {
  if (!PULL_REQUEST_EVENTS.has(env.GITHUB_EVENT_NAME ?? '')) return undefined;
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || rest.length > 0) return undefined;
  const pullNumber = pullNumberFromEvent(env.GITHUB_EVENT_PATH);
  if (pullNumber === undefined) return undefined;
  const serverUrl = trimSlash(env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL);
  const runId = env.GITHUB_RUN_ID;
  return {
    token,
    owner,
    repo,
    pullNumber,
    apiUrl: trimSlash(env.GITHUB_API_URL || DEFAULT_API_URL),
    runUrl: runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined,
    ...(key !== undefined ? { key } : {}),
  };
}

/**
 * Creates our comment on the pull request, or updates it in place (found by its marker and key).
 * Does not write when the body would be the same. 401/403/404 -> 'not-permitted' with a hint;
 * any other failure throws an Error that says what could not be done.
 */
export async function upsertPlanComment(target: CommentTarget, planMarkdown: string): Promise<CommentResult> {
  if (target.token.trim() === '') {
    return {
      kind: 'not-permitted',
      hint: 'The plan was not posted on the pull request: the github-token input is empty (the plan is in the job summary instead).',
    };
  }
  const octokit = getOctokit(target.token, { baseUrl: trimSlash(target.apiUrl) });
  const issue = { owner: target.owner, repo: target.repo, issue_number: target.pullNumber };
  const marker = commentMarker(target.key);

  let existing: { id: number; body: string; html_url: string } | undefined;
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100 });
    // Ours starts with the marker; a quote of it in someone else's comment does not.
    const found = comments.find((c) => (c.body ?? '').startsWith(marker));
    if (found) existing = { id: found.id, body: found.body ?? '', html_url: found.html_url };
  } catch (error) {
    return refusal(error, 'read the comments of') ?? failure(error, 'listing the comments');
  }

  const previousDigest = existing ? (DIGEST_PATTERN.exec(existing.body)?.[1] ?? '') : undefined;
  const { body, digest } = renderComment(planMarkdown, target, previousDigest);
  const planChanged = previousDigest !== undefined && previousDigest !== digest;
  if (existing && existing.body.replace(/\r\n/g, '\n') === body) {
    return { kind: 'unchanged', url: existing.html_url, planChanged: false };
  }

  try {
    if (existing) {
      const { data } = await octokit.rest.issues.updateComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: existing.id,
        body,
      });
      return { kind: 'updated', url: data.html_url, planChanged };
    }
    const { data } = await octokit.rest.issues.createComment({ ...issue, body });
    return { kind: 'created', url: data.html_url, planChanged };
  } catch (error) {
    return (
      refusal(error, 'comment on') ??
      failure(error, existing ? 'updating the comment' : 'creating the comment')
    );
  }
}

/** The digest of what the plan says, not of when it was said: "N days left" moves daily. */
function planDigest(planMarkdown: string): string {
  const plan = planMarkdown
    .replace(/\r\n/g, '\n')
    .replace(/ \(-?\d+ days? left\)/g, '')
    .replace(/[ \t]+$/gm, '')
    .trim();
  return createHash('sha256').update(plan, 'utf8').digest('hex');
}

function fitPlan(plan: string): string {
  if (plan.length <= MAX_PLAN_CHARS) return plan;
  const cut = plan.lastIndexOf('\n', MAX_PLAN_CHARS);
  return `${plan.slice(0, cut > 0 ? cut : MAX_PLAN_CHARS)}\n\n_The plan is too long for a comment; the whole plan is in the job summary of the run._`;
}

function pullNumberFromEvent(path: string | undefined): number | undefined {
  if (!path) return undefined;
  let event: unknown;
  try {
    event = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof event !== 'object' || event === null) return undefined;
  const pr = (event as { pull_request?: unknown }).pull_request;
  const fromPr = typeof pr === 'object' && pr !== null ? (pr as { number?: unknown }).number : undefined;
  const number = fromPr ?? (event as { number?: unknown }).number;
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/** 'not-permitted' for the statuses a read-only or under-permitted token gets; undefined otherwise. */
function refusal(error: unknown, action: string): CommentResult | undefined {
  const status = statusOf(error);
  if (status === 401) {
    return {
      kind: 'not-permitted',
      hint: `Could not ${action} the pull request: the github-token was not accepted (401 ${apiMessage(error)}). The plan is in the job summary instead; check the github-token input.`,
    };
  }
  if (status === 403 || status === 404) {
    const message = apiMessage(error);
    const cause = /rate limit/i.test(message)
      ? ' GitHub is rate-limiting this token; the next run will try again.'
      : ' On pull requests from forks the token is read-only, so the plan is in the job summary instead; otherwise add `permissions: pull-requests: write` to the job.';
    return {
      kind: 'not-permitted',
      hint: `Could not ${action} the pull request (${status} ${message}).${cause}`,
    };
  }
  return undefined;
}

function failure(error: unknown, step: string): never {
  const status = statusOf(error);
  const detail = status === undefined ? apiMessage(error) : `${status} ${apiMessage(error)}`;
  throw new Error(`could not write the pull-request comment: ${step} failed: ${detail}`, { cause: error });
}

function statusOf(error: unknown): number | undefined {
  const status =
    typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

// Octokit's RequestError message repeats the URL and docs link; the API's own message is shorter.
function apiMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const data = (error as { response?: { data?: unknown } }).response?.data;
    const message =
      typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : undefined;
    if (typeof message === 'string' && message !== '') return message;
  }
  return errorMessage(error);
}

function code(text: string): string {
  return '`' + text.replace(/`/g, "'").replace(/\r?\n/g, ' ') + '`';
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Posts the plan on the pull request; returns the comment's URL. Never fails the step: the plan is
 * in the job summary either way, so every problem becomes a notice or a warning.
 */
export async function commentOnPullRequest(
  planMarkdown: string,
  token: string,
  env: NodeJS.ProcessEnv,
  log: { info: (m: string) => void; notice: (m: string) => void; warning: (m: string) => void },
): Promise<string | undefined> {
  const target = commentTargetFromContext(env, token);
  if (!target) {
    log.notice('comment-on-pull-request: this event has no pull request to comment on.');
    return undefined;
  }
  try {
    const result = await upsertPlanComment(target, planMarkdown);
    if (result.kind === 'not-permitted') {
      log.notice(`comment-on-pull-request: ${result.hint}`);
      return undefined;
    }
    log.info(`Pull-request comment ${result.kind}: ${result.url}`);
    return result.url;
  } catch (error) {
    log.warning(`comment-on-pull-request: ${errorMessage(error)}`);
    return undefined;
  }
}
