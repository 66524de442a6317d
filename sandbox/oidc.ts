// A GitHub-Actions-style OIDC token endpoint: what @actions/core's getIDToken() calls via
// ACTIONS_ID_TOKEN_REQUEST_URL / ACTIONS_ID_TOKEN_REQUEST_TOKEN. Tokens are HS256 JWTs signed
// by the sandbox, which its STS verifies.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export interface OidcClaims {
  iss: string;
  aud: string;
  sub: string;
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
  [claim: string]: unknown;
}

export interface OidcSettings {
  /** `sub` of the tokens issued (default `repo:owner/repo:ref:refs/heads/main`). */
  subject: string;
  /** Extra claims (repository, ref, environment, ...). */
  claims: Record<string, unknown>;
  /** Token lifetime in seconds (GitHub: a few minutes). */
  lifetimeSeconds: number;
}

export class InvalidTokenError extends Error {
  constructor(
    message: string,
    readonly expired = false,
  ) {
    super(message);
  }
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function defaultOidcSettings(): OidcSettings {
  return {
    subject: 'repo:owner/repo:ref:refs/heads/main',
    claims: {
      repository: 'owner/repo',
      repository_owner: 'owner',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      event_name: 'push',
      workflow: 'deploy',
      runner_environment: 'github-hosted',
    },
    lifetimeSeconds: 300,
  };
}

export class OidcIssuer {
  readonly requestToken = `ghs_sandbox${randomBytes(12).toString('hex')}`;
  private readonly secret = randomBytes(32);
  settings: OidcSettings = defaultOidcSettings();

  constructor(private readonly now: () => Date) {}

  reset(): void {
    this.settings = defaultOidcSettings();
  }

  private sign(input: string): Buffer {
    return createHmac('sha256', this.secret).update(input).digest();
  }

  issue(audience: string, overrides: Record<string, unknown> = {}): string {
    const iat = Math.floor(this.now().getTime() / 1000);
    const claims: OidcClaims = {
      jti: randomUUID(),
      sub: this.settings.subject,
      aud: audience,
      ...this.settings.claims,
      iss: GITHUB_ISSUER,
      nbf: iat - 5,
      iat,
      exp: iat + this.settings.lifetimeSeconds,
      ...overrides,
    };
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'sandbox' }));
    const body = b64url(JSON.stringify(claims));
    return `${head}.${body}.${b64url(this.sign(`${head}.${body}`))}`;
  }

  /** Checks signature and lifetime; throws InvalidTokenError. */
  verify(token: string): OidcClaims {
    const parts = token.split('.');
    if (parts.length !== 3) throw new InvalidTokenError('The ID token is not a valid JWT.');
    const [head, body, sig] = parts as [string, string, string];
    const expected = this.sign(`${head}.${body}`);
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidTokenError('The ID token signature could not be verified.');
    }
    let claims: OidcClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as OidcClaims;
    } catch {
      throw new InvalidTokenError('The ID token payload is not JSON.');
    }
    const now = this.now().getTime() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= now) {
      const exp = new Date((claims.exp ?? 0) * 1000).toISOString();
      throw new InvalidTokenError(
        `Token expired: current date/time ${new Date(now * 1000).toISOString()} must be before the expiration date/time ${exp}`,
        true,
      );
    }
    return claims;
  }

  /**
   * GET /oidc/token?audience=... with `Authorization: Bearer <request token>`.
   * Answers `{ "value": "<jwt>" }` like GitHub's endpoint.
   */
  handle(query: URLSearchParams, authorization: string | undefined): { status: number; body: unknown } {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (token !== this.requestToken) {
      return { status: 401, body: { message: 'Bad credentials: invalid ACTIONS_ID_TOKEN_REQUEST_TOKEN' } };
    }
    const audience = query.get('audience') ?? 'sts.amazonaws.com';
    return { status: 200, body: { count: 1, value: this.issue(audience) } };
  }
}
