// STS (query protocol): AssumeRoleWithWebIdentity against the sandbox's OIDC tokens and
// trust policies, GetCallerIdentity, and the session credentials it hands out.
import { randomBytes } from 'node:crypto';
import { ServiceError } from './faults.js';
import { GITHUB_ISSUER, InvalidTokenError, type OidcIssuer } from './oidc.js';
import { buildXml, element, type XmlElement } from './xml.js';

export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export interface Role {
  arn: string;
  /** The trust policy's conditions on the GitHub token (StringLike: `*` and `?` wildcards). */
  trust: { aud: string; sub: string | string[] };
  /** MaxSessionDuration of the role in seconds (default 3600). */
  maxSessionDuration?: number;
}

export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  roleArn: string;
  sessionName: string;
  assumedRoleArn: string;
  subject: string;
}

export const DEFAULT_ROLE_NAME = 'sandbox-deploy';

function random(alphabet: string, n: number): string {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i]! % alphabet.length];
  return s;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function stringLike(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

const accessDenied = () =>
  new ServiceError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403);

export interface StsDeps {
  accountId: string;
  now: () => Date;
  oidc: OidcIssuer;
}

export class StsService {
  readonly roles = new Map<string, Role>();
  readonly sessions = new Map<string, Session>();

  constructor(private readonly deps: StsDeps) {
    this.reset();
  }

  get defaultRoleArn(): string {
    return `arn:aws:iam::${this.deps.accountId}:role/${DEFAULT_ROLE_NAME}`;
  }

  reset(): void {
    this.roles.clear();
    this.sessions.clear();
    this.addRole({
      arn: this.defaultRoleArn,
      trust: { aud: 'sts.amazonaws.com', sub: 'repo:owner/repo:*' },
    });
  }

  addRole(role: Role): void {
    this.roles.set(role.arn, role);
  }

  /**
   * Whether a request signed with these credentials may go on (session credentials must be
   * ones this STS issued and not expired). Throws ServiceError.
   */
  checkCredentials(accessKeyId: string, sessionToken: string | undefined): void {
    if (!accessKeyId.startsWith('ASIA')) return;
    const session = this.sessions.get(accessKeyId);
    if (!session || session.sessionToken !== sessionToken) {
      throw new ServiceError(
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
        403,
      );
    }
    if (session.expiration.getTime() <= this.deps.now().getTime()) {
      throw new ServiceError('ExpiredToken', 'The security token included in the request is expired', 403);
    }
  }

  assumeRoleWithWebIdentity(params: URLSearchParams): XmlElement {
    const roleArn = params.get('RoleArn') ?? '';
    const sessionName = params.get('RoleSessionName') ?? '';
    const token = params.get('WebIdentityToken') ?? '';
    const duration = Number(params.get('DurationSeconds') ?? '3600');
    if (!/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(roleArn)) {
      throw new ServiceError('ValidationError', `${roleArn} is invalid`);
    }
    if (sessionName.length < 2 || sessionName.length > 64 || !/^[\w+=,.@-]*$/.test(sessionName)) {
      throw new ServiceError(
        'ValidationError',
        "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      );
    }
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      throw new ServiceError(
        'ValidationError',
        "1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200",
      );
    }
    if (token.length < 4) {
      throw new ServiceError(
        'ValidationError',
        "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length greater than or equal to 4",
      );
    }
    let claims;
    try {
      claims = this.deps.oidc.verify(token);
    } catch (err) {
      if (err instanceof InvalidTokenError) {
        throw new ServiceError(err.expired ? 'ExpiredTokenException' : 'InvalidIdentityToken', err.message);
      }
      throw err;
    }
    if (claims.iss !== GITHUB_ISSUER) {
      throw new ServiceError(
        'InvalidIdentityToken',
        `No OpenIDConnect provider found in your account for ${String(claims.iss)}`,
      );
    }
    const role = this.roles.get(roleArn);
    if (!role) throw accessDenied();
    const subs = Array.isArray(role.trust.sub) ? role.trust.sub : [role.trust.sub];
    if (claims.aud !== role.trust.aud || !subs.some((p) => stringLike(p, String(claims.sub)))) {
      throw accessDenied();
    }
    if (duration > (role.maxSessionDuration ?? 3600)) {
      throw new ServiceError(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      );
    }

    const roleName = roleArn.split('/').pop()!;
    const roleId = `AROA${random(UPPER, 17)}`;
    const session: Session = {
      accessKeyId: `ASIA${random(UPPER, 16)}`,
      secretAccessKey: random(MIXED, 40),
      sessionToken: `IQoJb3JpZ2luX2VjE${random(MIXED, 300)}`,
      expiration: new Date(this.deps.now().getTime() + duration * 1000),
      roleArn,
      sessionName,
      assumedRoleArn: `arn:aws:sts::${this.deps.accountId}:assumed-role/${roleName}/${sessionName}`,
      subject: String(claims.sub),
    };
    this.sessions.set(session.accessKeyId, session);
    return element('AssumeRoleWithWebIdentityResult', [
      element('Credentials', [
        element('AccessKeyId', session.accessKeyId),
        element('SecretAccessKey', session.secretAccessKey),
        element('SessionToken', session.sessionToken),
        element('Expiration', session.expiration.toISOString()),
      ]),
      element('SubjectFromWebIdentityToken', session.subject),
      element('AssumedRoleUser', [
        element('AssumedRoleId', `${roleId}:${sessionName}`),
        element('Arn', session.assumedRoleArn),
      ]),
      element('PackedPolicySize', 0),
      element('Provider', 'token.actions.githubusercontent.com'),
      element('Audience', String(claims.aud)),
    ]);
  }

  getCallerIdentity(accessKeyId: string | undefined): XmlElement {
    if (accessKeyId === undefined) {
      throw new ServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    }
    const session = this.sessions.get(accessKeyId);
    return element('GetCallerIdentityResult', [
      element('UserId', session ? `AROA${accessKeyId.slice(4)}:${session.sessionName}` : accessKeyId),
      element('Account', this.deps.accountId),
      element('Arn', session ? session.assumedRoleArn : `arn:aws:iam::${this.deps.accountId}:user/sandbox`),
    ]);
  }

  /** Runs one query-protocol action and returns the response document. */
  handle(params: URLSearchParams, accessKeyId: string | undefined, requestId: string): string {
    const action = params.get('Action') ?? '';
    let result: XmlElement;
    switch (action) {
      case 'AssumeRoleWithWebIdentity':
        result = this.assumeRoleWithWebIdentity(params);
        break;
      case 'GetCallerIdentity':
        result = this.getCallerIdentity(accessKeyId);
        break;
      default:
        throw new ServiceError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
    }
    return buildXml(
      element(`${action}Response`, [result, element('ResponseMetadata', [element('RequestId', requestId)])], {
        xmlns: STS_NS,
      }),
    );
  }
}
