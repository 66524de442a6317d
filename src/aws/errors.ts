// SDK errors -> the code and message AWS gave, so reports can say exactly what went wrong.
import type { AwsFailure } from '../distribution.js';

/** The AWS error's code and message; through an AwsCallError, those of the AWS error it wraps. */
export function awsFailure(error: unknown): AwsFailure {
  if (error instanceof AwsCallError) return awsFailure(error.cause);
  if (error instanceof Error) {
    const e = error as Error & { Code?: string; code?: string; $metadata?: { httpStatusCode?: number } };
    const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code ?? 'Error';
    const status = e.$metadata?.httpStatusCode;
    const message = e.message || (status ? `HTTP ${status}` : 'no message');
    return { code, message };
  }
  return { code: 'Error', message: String(error) };
}

/** The message of whatever was thrown, for logs and reports. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isErrorCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes(awsFailure(error).code);
}

/** An AWS call that failed, with what the action was doing. Keeps the AWS code for reports. */
export class AwsCallError extends Error {
  readonly code: string;
  constructor(doing: string, cause: unknown) {
    const failure = awsFailure(cause);
    super(`${doing}: ${failure.code}: ${failure.message}`, { cause });
    this.name = 'AwsCallError';
    this.code = failure.code;
  }
}
