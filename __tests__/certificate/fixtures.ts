// Shared helpers for the certificate tests: a default options object, error capture, and the
// lines of a key PEM that must never show up in an error message.
import { expect } from 'vitest';
import { BundleError, type BundleOptions } from '../../src/certificate/index.js';

export const NOW = new Date();

export function options(extra: Partial<BundleOptions> = {}): BundleOptions {
  return { now: NOW, expiryWarningDays: 30, trustedRoots: [], ...extra };
}

/** The rejection of a promise, asserted to be a BundleError. */
export async function refusal(promise: Promise<unknown>): Promise<BundleError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    return error as BundleError;
  }
  throw new Error('expected a BundleError, but the bundle was accepted');
}

/** Body lines of every PEM block in the given texts, at least `min` characters long. */
export function secretLines(pems: string[], min = 16): string[] {
  return pems
    .flatMap((pem) => pem.split(/\r?\n/))
    .map((line) => line.trim())
    .filter((line) => line.length >= min && !line.startsWith('-----'));
}

export function expectNoSecret(message: string, pems: string[]): void {
  for (const line of secretLines(pems)) expect(message).not.toContain(line);
  const joined = pems.map((p) => secretLines([p], 1).join('')).filter((j) => j.length >= 16);
  for (const body of joined) expect(message).not.toContain(body.slice(0, 32));
}
