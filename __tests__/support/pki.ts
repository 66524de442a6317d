// A small test PKI: self-signed roots, intermediates and leaves made with @peculiar/x509 on
// WebCrypto. Key pairs are cached per (key spec, role, slot) because RSA generation is slow; pass
// `fresh: true` (or `keys`) when a test needs a key nobody else has (key mismatch, forged CA).
import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';

// lib has no DOM: WebCrypto types come from node:crypto.
type Crypto = webcrypto.Crypto;
type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;
type Algorithm = webcrypto.Algorithm;
import * as x509 from '@peculiar/x509';

const crypto = (globalThis.crypto ?? webcrypto) as Crypto;
x509.cryptoProvider.set(crypto);

export type KeySpec = { kind: 'rsa'; bits: number } | { kind: 'ec'; curve: 'P-256' | 'P-384' | 'P-521' };

export interface Issued {
  pem: string; // certificate PEM, LF line endings, trailing newline
  der: Uint8Array;
  keyPem: string; // private key, PKCS#8 PEM ("BEGIN PRIVATE KEY")
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  spec: KeySpec;
}

export interface IssueOptions {
  /** '' = no CN attribute in the subject. */
  commonName?: string;
  /** DNS names; [] = no SAN extension. */
  sans?: string[];
  key?: KeySpec;
  notBefore?: Date;
  notAfter?: Date;
  /** hex */
  serial?: string;
  /** OIDs; null = no EKU extension; default serverAuth+clientAuth for leaves, none for CAs. */
  eku?: string[] | null;
  isCa?: boolean;
  /** Hash the issuer signs this certificate with. */
  hash?: 'SHA-1' | 'SHA-256' | 'SHA-384';
  /** x509.KeyUsageFlags bit set. */
  keyUsage?: number;
  // --- additions beyond the agreed API ---
  /** Use a newly generated key pair that is not shared with any other certificate. */
  fresh?: boolean;
  /** Use exactly this key pair (spec must describe it; defaults to `key` or the role default). */
  keys?: CryptoKeyPair;
}

export interface Chain {
  root: Issued;
  intermediate: Issued;
  leaf: Issued;
}

export const RSA_2048: KeySpec = { kind: 'rsa', bits: 2048 };
export const EC_P256: KeySpec = { kind: 'ec', curve: 'P-256' };

type Role = 'root' | 'intermediate' | 'leaf';

const DAY = 24 * 60 * 60 * 1000;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

function specId(spec: KeySpec): string {
  return spec.kind === 'rsa' ? `rsa${spec.bits}` : `ec${spec.curve}`;
}

function generationAlgorithm(spec: KeySpec): webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams {
  return spec.kind === 'rsa'
    ? {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: spec.bits,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      }
    : { name: 'ECDSA', namedCurve: spec.curve };
}

async function generate(spec: KeySpec): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(generationAlgorithm(spec), true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
}

const pool = new Map<string, Promise<CryptoKeyPair>>();

function keysFor(spec: KeySpec, role: Role, fresh: boolean): Promise<CryptoKeyPair> {
  if (fresh) return generate(spec);
  const id = `${specId(spec)}/${role}`;
  let keys = pool.get(id);
  if (!keys) {
    keys = generate(spec);
    pool.set(id, keys);
  }
  return keys;
}

// WebCrypto binds the hash to an RSA key at import time, so signing with another hash means
// re-importing the issuer's private key with that hash.
async function signingKey(
  issuer: CryptoKeyPair,
  hash: string,
): Promise<{ key: CryptoKey; algorithm: Algorithm }> {
  const alg = issuer.privateKey.algorithm as webcrypto.RsaHashedKeyAlgorithm | webcrypto.EcKeyAlgorithm;
  if (alg.name === 'ECDSA') {
    return { key: issuer.privateKey, algorithm: { name: 'ECDSA', hash } as webcrypto.EcdsaParams };
  }
  const current = (alg as webcrypto.RsaHashedKeyAlgorithm).hash.name;
  if (current === hash) return { key: issuer.privateKey, algorithm: issuer.privateKey.algorithm };
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', issuer.privateKey);
  const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: alg.name, hash }, true, ['sign']);
  return { key, algorithm: key.algorithm };
}

function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // Positive and without a leading zero byte, as real CAs issue them.
  bytes[0] = ((bytes[0] ?? 1) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}

function nameOf(commonName: string): x509.JsonName {
  return commonName === '' ? [{ O: ['Test PKI'] }] : [{ CN: [commonName] }, { O: ['Test PKI'] }];
}

function toPem(label: string, der: ArrayBuffer | Uint8Array): string {
  const b64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

async function finish(cert: x509.X509Certificate, keys: CryptoKeyPair, spec: KeySpec): Promise<Issued> {
  const der = new Uint8Array(cert.rawData);
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { pem: toPem('CERTIFICATE', der), der, keyPem: toPem('PRIVATE KEY', pkcs8), cert, keys, spec };
}

async function issue(role: Role, issuer: Issued | undefined, opts: IssueOptions): Promise<Issued> {
  const spec = opts.key ?? RSA_2048;
  const keys = opts.keys ?? (await keysFor(spec, role, opts.fresh === true));
  const now = Date.now();
  const isCa = opts.isCa ?? role !== 'leaf';
  const defaultName =
    role === 'root' ? 'Test Root CA' : role === 'intermediate' ? 'Test Intermediate CA' : undefined;
  const sans = opts.sans ?? (role === 'leaf' ? ['example.com', '*.example.com'] : []);
  const commonName = opts.commonName ?? defaultName ?? sans[0] ?? 'example.com';

  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(isCa, undefined, true)];
  const usage =
    opts.keyUsage ??
    (isCa
      ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature
      : spec.kind === 'rsa'
        ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
        : x509.KeyUsageFlags.digitalSignature);
  extensions.push(new x509.KeyUsagesExtension(usage, true));
  const eku = opts.eku === undefined ? (role === 'leaf' ? [SERVER_AUTH, CLIENT_AUTH] : null) : opts.eku;
  if (eku !== null) extensions.push(new x509.ExtendedKeyUsageExtension(eku, false));
  if (sans.length > 0) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(sans.map((value) => ({ type: 'dns' as const, value }))),
    );
  }
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey));
  if (issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey));

  const signer = await signingKey(issuer ? issuer.keys : keys, opts.hash ?? 'SHA-256');
  const base = {
    serialNumber: opts.serial ?? randomSerial(),
    notBefore: opts.notBefore ?? new Date(now - DAY),
    notAfter: opts.notAfter ?? new Date(now + (role === 'leaf' ? 90 : 3650) * DAY),
    extensions,
    signingAlgorithm: signer.algorithm,
  };
  const cert = await x509.X509CertificateGenerator.create({
    ...base,
    subject: nameOf(commonName),
    issuer: issuer ? issuer.cert.subjectName : nameOf(commonName),
    publicKey: keys.publicKey,
    signingKey: signer.key,
  });
  return finish(cert, keys, spec);
}

/** A self-signed CA certificate. */
export function makeRoot(opts: IssueOptions = {}): Promise<Issued> {
  return issue('root', undefined, opts);
}

export function makeIntermediate(issuer: Issued, opts: IssueOptions = {}): Promise<Issued> {
  return issue('intermediate', issuer, opts);
}

/** Default SANs ['example.com', '*.example.com'], RSA 2048, valid now-1d .. now+90d. */
export function makeLeaf(issuer: Issued, opts: IssueOptions = {}): Promise<Issued> {
  return issue('leaf', issuer, opts);
}

export async function makeChain(opts: { leaf?: IssueOptions; key?: KeySpec } = {}): Promise<Chain> {
  const keyOpt: IssueOptions = opts.key ? { key: opts.key } : {};
  const root = await makeRoot(keyOpt);
  const intermediate = await makeIntermediate(root, keyOpt);
  const leaf = await makeLeaf(intermediate, { ...keyOpt, ...opts.leaf });
  return { root, intermediate, leaf };
}

/** The same RSA key as PKCS#1 ("BEGIN RSA PRIVATE KEY"). */
export function toPkcs1(keyPem: string): string {
  return String(createPrivateKey(keyPem).export({ type: 'pkcs1', format: 'pem' }));
}

const CURVE_PARAMS: Record<string, string> = {
  prime256v1: 'BggqhkjOPQMBBw==',
  secp384r1: 'BgUrgQQAIg==',
  secp521r1: 'BgUrgQQAIw==',
};

/** The same EC key as SEC1 ("BEGIN EC PRIVATE KEY"), optionally preceded by an EC PARAMETERS block as `openssl ecparam -genkey` writes. */
export function toSec1(keyPem: string, withParams = false): string {
  const key = createPrivateKey(keyPem);
  const sec1 = String(key.export({ type: 'sec1', format: 'pem' }));
  if (!withParams) return sec1;
  const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
  const params = CURVE_PARAMS[curve];
  if (!params) throw new Error(`toSec1: unknown curve ${curve}`);
  return `-----BEGIN EC PARAMETERS-----\n${params}\n-----END EC PARAMETERS-----\n${sec1}`;
}
