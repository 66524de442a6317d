// The private key: PKCS#8, PKCS#1 (RSA) or SEC1 (EC, with or without an EC PARAMETERS block).
// Encrypted keys are refused: ACM only imports unencrypted keys.
//
// Form sent to ACM: the ACM user guide ("Certificate and key format for importing",
// https://docs.aws.amazon.com/acm/latest/userguide/import-certificate-format.html) shows an RSA key
// as PKCS#8 ("-----BEGIN PRIVATE KEY-----") and an EC key as SEC1 ("-----BEGIN EC PRIVATE KEY-----",
// with an optional EC PARAMETERS block that ACM strips). We send exactly those two documented
// forms, re-encoded canonically (LF, 64-character lines): RSA keys as PKCS#8, EC keys as SEC1
// without the parameters block. Any other key type is refused later (unsupported-key).
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { BundleError } from './errors.js';
import type { PemBlock } from './decode.js';
import { maskSecretText } from './decode.js';
import { keyAlgorithmOf, spkiSha256, type KeyAlgorithm } from './facts.js';

type KeyFormat = 'pkcs8' | 'pkcs1' | 'sec1';

const FORMAT_NAMES: Record<KeyFormat, string> = {
  pkcs8: 'PKCS#8 (BEGIN PRIVATE KEY)',
  pkcs1: 'PKCS#1 (BEGIN RSA PRIVATE KEY)',
  sec1: 'SEC1 (BEGIN EC PRIVATE KEY)',
};

const LABEL_FORMATS: Record<string, KeyFormat> = {
  'PRIVATE KEY': 'pkcs8',
  'RSA PRIVATE KEY': 'pkcs1',
  'EC PRIVATE KEY': 'sec1',
};

export const REMOVE_PASSPHRASE = 'remove the passphrase: openssl pkey -in key.pem -out key.pem';

export interface PrivateKey {
  key: KeyObject;
  /** The form the key was given in. */
  format: KeyFormat;
  /** The key in the form ACM documents (see the comment at the top of this file). */
  pem: string;
  algorithm: KeyAlgorithm;
  /** SHA-256 of the public half's SubjectPublicKeyInfo: safe to show, and what a certificate must match. */
  spkiSha256: string;
  notes: string[];
}

export function parsePrivateKey(blocks: PemBlock[], mask: (secret: string) => void): PrivateKey {
  const notes: string[] = [];
  const keyBlocks = blocks.filter((b) => /PRIVATE KEY$/.test(b.label));
  const others = blocks.filter((b) => !/PRIVATE KEY$/.test(b.label) && b.label !== 'EC PARAMETERS');
  if (keyBlocks.length === 0) {
    const found = others.length > 0 ? `found ${summariseLabels(others)}` : 'found only EC PARAMETERS';
    const swapped = others.some((b) => b.label === 'CERTIFICATE')
      ? ' (are certificate and private-key swapped?)'
      : '';
    throw new BundleError('private-key', 'no-pem', `no private key block found; ${found}${swapped}`);
  }
  if (others.length > 0) notes.push(`private-key: ignored ${summariseLabels(others)} next to the key`);
  if (blocks.some((b) => b.label === 'EC PARAMETERS'))
    notes.push('private-key: dropped the EC PARAMETERS block');

  for (const block of keyBlocks) {
    if (block.label === 'ENCRYPTED PRIVATE KEY' || /ENCRYPTED/i.test(block.headers['Proc-Type'] ?? '')) {
      throw new BundleError(
        'private-key',
        'encrypted-key',
        `is encrypted with a passphrase; ACM imports only unencrypted keys: ${REMOVE_PASSPHRASE}`,
      );
    }
  }
  const distinct = keyBlocks.filter((b, i) => keyBlocks.findIndex((o) => o.der.equals(b.der)) === i);
  if (distinct.length < keyBlocks.length) notes.push('private-key: dropped a duplicate copy of the key');
  if (distinct.length > 1) {
    throw new BundleError(
      'private-key',
      'multiple-keys',
      `contains ${distinct.length} different private keys; give exactly one`,
    );
  }
  const block = distinct[0];
  if (!block) throw new BundleError('private-key', 'no-pem', 'no private key block found');

  const labelled = LABEL_FORMATS[block.label];
  if (!labelled) {
    const hint =
      block.label === 'OPENSSH PRIVATE KEY'
        ? 'an OpenSSH key is not a TLS key; give the key the certificate was issued for'
        : 'CloudFront accepts RSA 1024, 2048, 3072, 4096 or EC P-256 keys in PEM';
    const code = block.label === 'OPENSSH PRIVATE KEY' ? 'invalid-key' : 'unsupported-key';
    throw new BundleError('private-key', code, `is a "${block.label}" block; ${hint}`);
  }
  let format: KeyFormat = labelled;
  let key: KeyObject | undefined;
  for (const candidate of [
    labelled,
    ...(['pkcs8', 'pkcs1', 'sec1'] as const).filter((f) => f !== labelled),
  ]) {
    try {
      key = createPrivateKey({ key: block.der, format: 'der', type: candidate });
      format = candidate;
      break;
    } catch {
      // try the next form
    }
  }
  if (!key) {
    throw new BundleError(
      'private-key',
      'invalid-key',
      `the ${block.label} block could not be read as a private key (damaged, truncated, or not a key?)`,
    );
  }
  if (format !== labelled)
    notes.push(`private-key: the block labelled ${block.label} holds a ${FORMAT_NAMES[format]} key`);

  const target: KeyFormat = key.asymmetricKeyType === 'ec' ? 'sec1' : 'pkcs8';
  const pem = String(key.export({ type: target, format: 'pem' })).replace(/\r\n?/g, '\n');
  maskSecretText(pem, mask);
  if (!consistent(key)) {
    throw new BundleError(
      'private-key',
      'invalid-key',
      'is damaged: its private part does not agree with its public part (a changed character?); copy the key again from its source',
    );
  }
  if (format !== target) {
    notes.push(
      `private-key: converted ${FORMAT_NAMES[format]} to ${FORMAT_NAMES[target]}, the form ACM documents`,
    );
  }
  const algorithm = keyAlgorithmOf(key);
  return { key, format, pem, algorithm, spkiSha256: spkiSha256(createPublicKey(key)), notes };
}

function summariseLabels(blocks: PemBlock[]): string {
  const counts = new Map<string, number>();
  for (const b of blocks) counts.set(b.label, (counts.get(b.label) ?? 0) + 1);
  return [...counts].map(([label, n]) => (n > 1 ? `${n} ${label} blocks` : `a ${label} block`)).join(', ');
}

function bigint(base64url: string | undefined): bigint | undefined {
  return base64url === undefined
    ? undefined
    : BigInt(`0x${Buffer.from(base64url, 'base64url').toString('hex') || '0'}`);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * A key whose bytes were damaged can still parse and still carry the certificate's public key
 * (the damage hit a private-only field), and would be imported into ACM and fail in TLS later.
 * Check what OpenSSL's RSA_check_key checks (minus primality), and that a signature made with
 * the private part verifies with the public part (catches a damaged EC scalar).
 */
function consistent(key: KeyObject): boolean {
  try {
    if (key.asymmetricKeyType === 'rsa') {
      const jwk = key.export({ format: 'jwk' });
      const [n, e, d, p, q, dp, dq, qi] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map(
        bigint,
      );
      if (n === undefined || e === undefined || d === undefined) return false;
      if (p !== undefined && q !== undefined) {
        if (p * q !== n || p < 2n || q < 2n) return false;
        const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
        if ((d * e) % lambda !== 1n) return false;
        if (dp !== undefined && dp !== d % (p - 1n)) return false;
        if (dq !== undefined && dq !== d % (q - 1n)) return false;
        if (qi !== undefined && (qi * q) % p !== 1n) return false;
        // These relations make the key work; no need to pay for a trial signature.
        if (dp !== undefined && dq !== undefined && qi !== undefined) return true;
      }
    }
    // Other key types are refused later as unsupported; no need to exercise them here.
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') return true;
    const digest = 'sha256';
    const data = Buffer.from('cloudfront-certificate-deploy key check');
    return verify(digest, data, createPublicKey(key), sign(digest, data, key));
  } catch {
    return false;
  }
}
