// A tiny stand-in for the GitHub REST API's issue comments, on 127.0.0.1 and a free port:
// list (paginated with a Link header, as GitHub does), create, update. Tokens are 'write' or
// 'read'; a read token gets GitHub's 403 on writes (a fork's GITHUB_TOKEN), an unknown one 401.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredComment {
  id: number;
  body: string;
  html_url: string;
}

export interface GitHubApi {
  /** Base URL to use as GITHUB_API_URL, e.g. http://127.0.0.1:1234 (no trailing slash). */
  readonly url: string;
  /** Comments on pull request (issue) `pr`, oldest first, in any repository. */
  comments(pr: number): StoredComment[];
  /** Every request, in order; path includes the query string. */
  readonly requests: Array<{ method: string; path: string }>;
  /** token -> what it may do. Starts with 'write-token' (write) and 'read-token' (read). */
  readonly tokens: Map<string, 'write' | 'read'>;
  /** Seeds a comment as if someone had written it (for instance to fill several pages). */
  addComment(owner: string, repo: string, pr: number, body: string): StoredComment;
  /** The next request with this method answers `status` with `{ message }` instead. */
  failNext(method: string, status: number, message: string): void;
  close(): Promise<void>;
}

interface Row extends StoredComment {
  owner: string;
  repo: string;
  issue: number;
}

const LIST_OR_CREATE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/;
const UPDATE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/;

export async function startGitHubApi(): Promise<GitHubApi> {
  const rows: Row[] = [];
  const requests: Array<{ method: string; path: string }> = [];
  const tokens = new Map<string, 'write' | 'read'>([
    ['write-token', 'write'],
    ['read-token', 'read'],
  ]);
  const failures: Array<{ method: string; status: number; message: string }> = [];
  let nextId = 1000;
  let url = '';

  const add = (owner: string, repo: string, issue: number, body: string): Row => {
    const id = nextId++;
    const row = {
      id,
      owner,
      repo,
      issue,
      body,
      html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
    };
    rows.push(row);
    return row;
  };
  const view = (row: Row) => ({
    id: row.id,
    body: row.body,
    html_url: row.html_url,
    user: { login: 'github-actions[bot]', type: 'Bot' },
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const target = new URL(req.url ?? '/', url);
    requests.push({ method, path: target.pathname + target.search });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };

    const failure = failures.findIndex((f) => f.method === method);
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      return send(f!.status, { message: f!.message });
    }

    const auth = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const access = auth === undefined ? undefined : tokens.get(auth);
    if (access === undefined) return send(401, { message: 'Bad credentials' });
    if (method !== 'GET' && access !== 'write') {
      return send(403, { message: 'Resource not accessible by integration', status: '403' });
    }

    const listOrCreate = LIST_OR_CREATE.exec(target.pathname);
    if (listOrCreate) {
      const [, owner, repo, n] = listOrCreate as unknown as [string, string, string, string];
      const issue = Number(n);
      if (method === 'GET') {
        const perPage = Math.min(Math.max(Number(target.searchParams.get('per_page') ?? 30) || 30, 1), 100);
        const page = Math.max(Number(target.searchParams.get('page') ?? 1) || 1, 1);
        const all = rows.filter((r) => r.owner === owner && r.repo === repo && r.issue === issue);
        const pages = Math.max(Math.ceil(all.length / perPage), 1);
        const headers: Record<string, string> = {};
        if (page < pages) {
          const link = (p: number): string => {
            const next = new URL(target);
            next.searchParams.set('per_page', String(perPage));
            next.searchParams.set('page', String(p));
            return next.toString();
          };
          headers.link = `<${link(page + 1)}>; rel="next", <${link(pages)}>; rel="last"`;
        }
        return send(200, all.slice((page - 1) * perPage, page * perPage).map(view), headers);
      }
      if (method === 'POST') {
        const body = await readBody(req);
        if (typeof body.body !== 'string') return send(422, { message: 'Invalid request: body is required' });
        return send(201, view(add(owner, repo, issue, body.body)));
      }
    }

    const update = UPDATE.exec(target.pathname);
    if (update && method === 'PATCH') {
      const [, owner, repo, id] = update as unknown as [string, string, string, string];
      const row = rows.find((r) => r.owner === owner && r.repo === repo && r.id === Number(id));
      if (!row) return send(404, { message: 'Not Found' });
      const body = await readBody(req);
      if (typeof body.body !== 'string') return send(422, { message: 'Invalid request: body is required' });
      row.body = body.body;
      return send(200, view(row));
    }

    send(404, { message: 'Not Found' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    comments: (pr) =>
      rows.filter((r) => r.issue === pr).map((r) => ({ id: r.id, body: r.body, html_url: r.html_url })),
    requests,
    tokens,
    addComment: (owner, repo, pr, body) => {
      const row = add(owner, repo, pr, body);
      return { id: row.id, body: row.body, html_url: row.html_url };
    },
    failNext: (method, status, message) => failures.push({ method, status, message }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<{ body?: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === 'object' && parsed !== null ? (parsed as { body?: unknown }) : {};
}
