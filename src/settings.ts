// Inputs -> Settings, parsed once. Every error names the input and says what would be accepted.

import type { Enforcement } from './posture/index.js';

export const SSL_SUPPORT_METHODS = ['sni-only', 'vip'] as const;
export type SslSupportMethod = (typeof SSL_SUPPORT_METHODS)[number];

// CloudFront's security policies (cloudfront/2020-05-31 MinimumProtocolVersion).
export const MINIMUM_PROTOCOL_VERSIONS = [
  'SSLv3',
  'TLSv1',
  'TLSv1_2016',
  'TLSv1.1_2016',
  'TLSv1.2_2018',
  'TLSv1.2_2019',
  'TLSv1.2_2021',
  'TLSv1.2_2025',
  'TLSv1.3_2025',
] as const;
export type MinimumProtocolVersion = (typeof MINIMUM_PROTOCOL_VERSIONS)[number];
export const DEFAULT_MINIMUM_PROTOCOL_VERSION: MinimumProtocolVersion = 'TLSv1.2_2021';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export interface Settings {
  readonly distributionIds: readonly string[];
  /** Raw input text; decoding and validation live in src/certificate. */
  readonly certificate: string;
  readonly privateKey: string;
  readonly certificateChain: string;
  readonly roleToAssume: string | undefined;
  readonly roleSessionName: string;
  readonly audience: string;
  readonly awsRegion: string;
  readonly dryRun: boolean;
  /** Why dry run is on or off, for the log and summary. */
  readonly dryRunReason: string;
  /** True on pull_request / pull_request_target: the event where forks run without secrets. */
  readonly pullRequestEvent: boolean;
  readonly certificateArn: string | undefined;
  /** undefined: keep the distribution's own (a renewal must not move a vip distribution to SNI). */
  readonly sslSupportMethod: SslSupportMethod | undefined;
  readonly minimumProtocolVersion: MinimumProtocolVersion | undefined;
  readonly tags: readonly Tag[];
  readonly waitForDeployment: boolean;
  readonly waitTimeoutMinutes: number;
  readonly failOnSkip: boolean;
  readonly allowOlderCertificate: boolean;
  readonly deleteReplacedCertificates: boolean;
  readonly expiryWarningDays: number;
  /** HTTPS posture enforcement (opt-in), applied in the same UpdateDistribution as the certificate. */
  readonly enforcement: Enforcement;
  readonly invalidatePaths: readonly string[];
  readonly commentOnPullRequest: boolean;
  readonly githubToken: string;
  /** `auto`, or hosted zone IDs; empty: Route 53 is never called. */
  readonly route53HostedZoneIds: 'auto' | readonly string[];
  readonly route53Overwrite: boolean;
}

export class InputError extends Error {
  constructor(
    readonly input: string,
    problem: string,
  ) {
    super(`Input '${input}': ${problem}`);
    this.name = 'InputError';
  }
}

export type InputReader = (name: string) => string;

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
// CloudFront distribution IDs are upper-case letters and digits (e.g. E2QWRUHAPOMQZL).
const DISTRIBUTION_ID = /^[A-Z0-9]{6,32}$/;
const ACM_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** Where the run comes from, as far as the inputs' rules care. */
export interface RunContext {
  readonly eventName: string | undefined;
  /** A pull request from a fork: GitHub gives it no secrets at all. */
  readonly fromFork: boolean;
}

export function readSettings(read: InputReader, context: RunContext): Settings {
  const eventName = context.eventName;
  const text = (name: string): string => read(name).trim();

  const distributionIds = [
    ...new Set(
      text('distribution-ids')
        .split(/[\s,]+/)
        .filter((id) => id !== ''),
    ),
  ];
  if (distributionIds.length === 0) {
    throw new InputError(
      'distribution-ids',
      'is required: give one or more CloudFront distribution IDs, e.g. E1ABCDEF2GHIJK',
    );
  }
  for (const id of distributionIds) {
    if (!DISTRIBUTION_ID.test(id)) {
      throw new InputError(
        'distribution-ids',
        `'${id}' is not a CloudFront distribution ID (expected e.g. E1ABCDEF2GHIJK)`,
      );
    }
  }

  const pullRequestEvent = eventName !== undefined && PULL_REQUEST_EVENTS.has(eventName);
  const dryRunText = text('dry-run').toLowerCase() || 'auto';
  let dryRun: boolean;
  let dryRunReason: string;
  if (dryRunText === 'auto') {
    dryRun = pullRequestEvent;
    dryRunReason = pullRequestEvent
      ? `dry-run is auto and this is a ${eventName} event`
      : `dry-run is auto and this is ${eventName ? `a ${eventName}` : 'not a pull request'} event`;
  } else {
    dryRun = parseBoolean('dry-run', dryRunText, ['auto']);
    dryRunReason = `dry-run is ${dryRunText}`;
  }

  const certificate = read('certificate');
  const privateKey = read('private-key');
  // Forks get no secrets: on a pull-request dry run, empty certificate material is reported, not
  // fatal. Outside a fork only both empty counts as that: one of them empty is a mistake (a
  // misspelt secret) the merge would hit, so it is refused like anywhere else.
  const bothEmpty = certificate.trim() === '' && privateKey.trim() === '';
  const mayBeEmpty = dryRun && pullRequestEvent && (bothEmpty || context.fromFork);
  if (certificate.trim() === '' && !mayBeEmpty) {
    throw new InputError(
      'certificate',
      'is required: the leaf certificate (or full chain) as PEM, base64 of the PEM, or a file path',
    );
  }
  if (privateKey.trim() === '' && !mayBeEmpty) {
    throw new InputError(
      'private-key',
      'is required: the unencrypted private key as PEM, base64 of the PEM, or a file path',
    );
  }

  const roleToAssume = text('role-to-assume') || undefined;
  if (roleToAssume !== undefined && !ROLE_ARN.test(roleToAssume)) {
    throw new InputError(
      'role-to-assume',
      `'${roleToAssume}' is not an IAM role ARN (expected arn:aws:iam::123456789012:role/name)`,
    );
  }
  const awsRegion = text('aws-region') || 'us-east-1';
  // A bad region would otherwise surface as an endpoint error from STS, naming no input.
  if (!AWS_REGION.test(awsRegion)) {
    throw new InputError('aws-region', `'${awsRegion}' is not an AWS region, e.g. us-east-1`);
  }
  const roleSessionName = text('role-session-name') || 'cloudfront-certificate-deploy';
  if (!SESSION_NAME.test(roleSessionName)) {
    throw new InputError('role-session-name', 'must be 2-64 characters of letters, digits and +=,.@_-');
  }

  const certificateArn = text('certificate-arn') || undefined;
  if (certificateArn !== undefined) {
    const region = ACM_ARN.exec(certificateArn)?.[1];
    if (region === undefined) {
      throw new InputError('certificate-arn', `'${certificateArn}' is not an ACM certificate ARN`);
    }
    if (region !== 'us-east-1') {
      throw new InputError(
        'certificate-arn',
        `is in ${region}; CloudFront only uses ACM certificates in us-east-1`,
      );
    }
  }

  const ssl = text('ssl-support-method');
  const sslSupportMethod = ssl === '' ? undefined : oneOf('ssl-support-method', ssl, SSL_SUPPORT_METHODS);
  const mpv = text('minimum-protocol-version');
  const minimumProtocolVersion =
    mpv === '' ? undefined : oneOf('minimum-protocol-version', mpv, MINIMUM_PROTOCOL_VERSIONS);

  return {
    distributionIds,
    certificate,
    privateKey,
    certificateChain: read('certificate-chain'),
    roleToAssume,
    roleSessionName,
    audience: text('audience') || 'sts.amazonaws.com',
    awsRegion,
    dryRun,
    dryRunReason,
    pullRequestEvent,
    certificateArn,
    sslSupportMethod,
    minimumProtocolVersion,
    tags: parseTags(text('tags')),
    waitForDeployment: parseBoolean('wait-for-deployment', text('wait-for-deployment') || 'false'),
    waitTimeoutMinutes: parseNumber('wait-timeout-minutes', text('wait-timeout-minutes') || '30', 1, 24 * 60),
    failOnSkip: parseBoolean('fail-on-skip', text('fail-on-skip') || 'true'),
    allowOlderCertificate: parseBoolean(
      'allow-older-certificate',
      text('allow-older-certificate') || 'false',
    ),
    deleteReplacedCertificates: parseBoolean(
      'delete-replaced-certificates',
      text('delete-replaced-certificates') || 'false',
    ),
    expiryWarningDays: parseNumber('expiry-warning-days', text('expiry-warning-days') || '30', 0, 3650),
    enforcement: {
      viewerProtocolPolicy: optionalOneOf('viewer-protocol-policy', text('viewer-protocol-policy'), [
        'redirect-to-https',
        'https-only',
      ]),
      originProtocolPolicy: optionalOneOf('origin-protocol-policy', text('origin-protocol-policy'), [
        'https-only',
      ]),
    },
    invalidatePaths: parseInvalidationPaths(text('invalidate-paths')),
    commentOnPullRequest: parseBoolean('comment-on-pull-request', text('comment-on-pull-request') || 'false'),
    githubToken: text('github-token'),
    route53HostedZoneIds: parseHostedZoneIds(text('route53-hosted-zone-ids')),
    route53Overwrite: parseBoolean('route53-overwrite', text('route53-overwrite') || 'false'),
  };
}

function parseBoolean(input: string, value: string, alsoAccepted: readonly string[] = []): boolean {
  // The YAML 1.2 core schema booleans, as core.getBooleanInput accepts them.
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  const accepted = ['true', 'false', ...alsoAccepted].join(', ');
  throw new InputError(input, `'${value}' is not one of: ${accepted}`);
}

function parseNumber(input: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new InputError(input, `'${value}' is not a whole number from ${min} to ${max}`);
  }
  return n;
}

function oneOf<T extends string>(input: string, value: string, accepted: readonly T[]): T {
  const found = accepted.find((a) => a === value);
  if (found === undefined) {
    throw new InputError(input, `'${value}' is not one of: ${accepted.join(', ')}`);
  }
  return found;
}

function optionalOneOf<T extends string>(
  input: string,
  value: string,
  accepted: readonly T[],
): T | undefined {
  return value === '' ? undefined : oneOf(input, value, accepted);
}

// CloudFront invalidation paths start with '/' and may end in '*'; 3,000 paths per batch at most.
function parseInvalidationPaths(value: string): string[] {
  const paths = [...new Set(value.split(/[\s,]+/).filter((p) => p !== ''))];
  for (const path of paths) {
    if (!path.startsWith('/'))
      throw new InputError('invalidate-paths', `'${path}' must start with '/' (e.g. /* or /index.html)`);
  }
  if (paths.length > 3000) throw new InputError('invalidate-paths', 'at most 3000 paths');
  return paths;
}

function parseHostedZoneIds(value: string): 'auto' | string[] {
  const items = value.split(/[\s,]+/).filter((v) => v !== '');
  if (items.some((v) => v.toLowerCase() === 'auto')) {
    if (items.length > 1)
      throw new InputError('route53-hosted-zone-ids', "'auto' cannot be mixed with zone IDs");
    return 'auto';
  }
  const ids = [...new Set(items.map((v) => v.replace(/^\/?hostedzone\//, '')))];
  for (const id of ids) {
    if (!/^Z[A-Z0-9]+$/.test(id)) {
      throw new InputError(
        'route53-hosted-zone-ids',
        `'${id}' is not a hosted zone ID (expected e.g. Z0123456789ABCDEFGHIJ, or auto)`,
      );
    }
  }
  return ids;
}

// ACM tag rules: key 1-128, value 0-256, at most 50 tags; `aws:` is reserved.
function parseTags(value: string): Tag[] {
  if (value === '') return [];
  const tags = new Map<string, string>();
  for (const pair of value
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new InputError('tags', `'${pair}' is not key=value`);
    const key = pair.slice(0, eq).trim();
    const tagValue = pair.slice(eq + 1).trim();
    if (key.length > 128 || tagValue.length > 256) {
      throw new InputError('tags', `'${key}': keys are at most 128 characters, values at most 256`);
    }
    if (key.toLowerCase().startsWith('aws:'))
      throw new InputError('tags', `'${key}': the aws: prefix is reserved`);
    tags.set(key, tagValue);
  }
  if (tags.size > 45)
    throw new InputError('tags', 'at most 45 tags (ACM allows 50; the action adds its own)');
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}
