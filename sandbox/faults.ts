// Fault injection and the request log: what tests set up to make the sandbox misbehave the
// way AWS does, and what they assert on afterwards.
import { performance } from 'node:perf_hooks';

export type Service = 'cloudfront' | 'acm' | 'sts' | 'iam' | 'oidc' | 'route53';

/** An error as a service reports it; each protocol renders it in its own format. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

export interface RequestRecord {
  service: Service;
  operation: string;
  /** Distribution id, certificate ARN or role ARN the call was about. */
  target: string | undefined;
  /** Access key id from the SigV4 Authorization header (undefined when unsigned). */
  accessKeyId: string | undefined;
  /** Signing region from the credential scope. */
  region: string | undefined;
  status: number;
  /** AWS error code when the call failed. */
  errorCode: string | undefined;
  /** Whether the failure was injected (throttle / rateLimit / failNext). */
  injected: boolean;
  time: Date;
}

export interface ThrottleOptions {
  /** How many calls fail (default 1). */
  times?: number;
  /** HTTP status (default 400, as CloudFront and ACM do). */
  statusCode?: number;
}

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

export interface FailureOptions {
  code: string;
  message?: string;
  status?: number;
  /** How many calls fail (default 1). */
  times?: number;
  /** Only calls about this distribution id / certificate ARN. */
  target?: string;
}

interface Rule {
  operation: string;
  remaining: number;
  target: string | undefined;
  error: (service: Service) => ServiceError;
}

interface Bucket {
  perSecond: number;
  burst: number;
  tokens: number;
  at: number;
}

export function throttlingError(service: Service, status = 400): ServiceError {
  switch (service) {
    case 'acm':
      return new ServiceError('ThrottlingException', 'Rate exceeded', status);
    case 'oidc':
      return new ServiceError('TooManyRequests', 'Rate exceeded', status === 400 ? 429 : status);
    default:
      // CloudFront's (and Route 53's) is not in its model: 400 <Code>Throttling</Code> "Rate exceeded".
      return new ServiceError('Throttling', 'Rate exceeded', status);
  }
}

export class Faults {
  private rules: Rule[] = [];
  private buckets = new Map<string, Bucket>();
  private globalLatencyMs = 0;
  private operationLatencyMs = new Map<string, number>();

  throttle(operation: string, opts: ThrottleOptions = {}): void {
    this.rules.push({
      operation,
      remaining: opts.times ?? 1,
      target: undefined,
      error: (service) => throttlingError(service, opts.statusCode),
    });
  }

  rateLimit(operation: string, opts: RateLimitOptions): void {
    if (!(opts.perSecond > 0) || !(opts.burst >= 1)) {
      throw new Error('rateLimit needs perSecond > 0 and burst >= 1');
    }
    this.buckets.set(operation, { ...opts, tokens: opts.burst, at: performance.now() });
  }

  latency(ms: number, operation?: string): void {
    if (operation === undefined) this.globalLatencyMs = ms;
    else this.operationLatencyMs.set(operation, ms);
  }

  failNext(operation: string, opts: FailureOptions): void {
    this.rules.push({
      operation,
      remaining: opts.times ?? 1,
      target: opts.target,
      error: () =>
        new ServiceError(opts.code, opts.message ?? `Injected failure: ${opts.code}`, opts.status ?? 400),
    });
  }

  latencyFor(operation: string): number {
    return this.globalLatencyMs + (this.operationLatencyMs.get(operation) ?? 0);
  }

  /** The injected error for this call, if any (consumes it). */
  check(service: Service, operation: string, target: string | undefined): ServiceError | undefined {
    const rule = this.rules.find(
      (r) =>
        r.remaining > 0 &&
        (r.operation === operation || r.operation === '*') &&
        (r.target === undefined || r.target === target),
    );
    if (rule) {
      rule.remaining -= 1;
      this.rules = this.rules.filter((r) => r.remaining > 0);
      return rule.error(service);
    }
    const bucket = this.buckets.get(operation);
    if (bucket) {
      const now = performance.now();
      bucket.tokens = Math.min(bucket.burst, bucket.tokens + ((now - bucket.at) / 1000) * bucket.perSecond);
      bucket.at = now;
      if (bucket.tokens < 1) return throttlingError(service);
      bucket.tokens -= 1;
    }
    return undefined;
  }

  clear(): void {
    this.rules = [];
    this.buckets.clear();
    this.globalLatencyMs = 0;
    this.operationLatencyMs.clear();
  }
}
