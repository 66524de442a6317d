// Certificate facts: what the plan compares (SANs, serial, fingerprint, dates, key algorithm) and
// what validation looks at (CA flag, EKU, self-signature). @peculiar/x509 reads the extensions and
// names; node:crypto holds the public key and verifies signatures (synchronously, SHA-1 included).
import 'reflect-metadata';
import { X509Certificate as NodeCertificate, createHash, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { BundleError, type BundleInput } from './errors.js';
import { decodeInput } from './decode.js';

/** ACM's names (DescribeCertificate KeyAlgorithm); other RSA sizes are `RSA_${bits}`. */
export type KeyAlgorithm =
  | 'RSA_1024'
  | 'RSA_2048'
  | 'RSA_3072'
  | 'RSA_4096'
  | 'EC_prime256v1'
  | 'EC_secp384r1'
  | 'EC_secp521r1'
  | (string & {});

export interface CertificateFacts {
  subject: string;
  issuer: string;
  commonName: string | undefined;
  /** DNS names of the subjectAltName extension, lowercased, in certificate order. */
  sans: string[];
  /** Lowercase hex, no separators, whole bytes, no leading 00 padding (normaliseSerial). See formatAcmSerial. */
  serial: string;
  /** SHA-256 of the DER, lowercase hex without separators. */
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
  keyAlgorithm: KeyAlgorithm;
  /** OpenSSL's name, e.g. sha256WithRSAEncryption, ecdsa-with-SHA256. */
  signatureAlgorithm: string;
  isCa: boolean;
  /** Issuer equals subject and the signature verifies with the certificate's own key. */
  selfSigned: boolean;
  /** Names for the well-known purposes (serverAuth, clientAuth, ...), OIDs otherwise; undefined without the extension. */
  extendedKeyUsage: string[] | undefined;
  /** The certificate as PEM: LF line endings, 64-character lines, trailing newline. */
  pem: string;
}

/** A parsed certificate: its facts plus what validation needs. */
export interface ParsedCertificate {
  facts: CertificateFacts;
  node: NodeCertificate;
  der: Buffer;
  /** SHA-256 of the SubjectPublicKeyInfo, to compare with a private key's public half. */
  spkiSha256: string;
}

const EKU_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

const CURVE_NAMES: Record<string, string> = {
  prime256v1: 'prime256v1',
  'P-256': 'prime256v1',
  secp384r1: 'secp384r1',
  'P-384': 'secp384r1',
  secp521r1: 'secp521r1',
  'P-521': 'secp521r1',
};

export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}

/** ACM's KeyAlgorithm name for a public or private key. */
export function keyAlgorithmOf(key: KeyObject): KeyAlgorithm {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return `RSA_${details.modulusLength ?? 0}`;
    case 'rsa-pss':
      return `RSASSA_PSS_${details.modulusLength ?? 0}`;
    case 'ec': {
      const curve = details.namedCurve ?? 'unknown';
      return `EC_${CURVE_NAMES[curve] ?? curve}`;
    }
    default:
      return String(key.asymmetricKeyType ?? 'unknown').toUpperCase();
  }
}

/** "RSA 2048", "EC P-256": how people say it. */
export function describeKeyAlgorithm(algorithm: KeyAlgorithm): string {
  const rsa = /^RSA_(\d+)$/.exec(algorithm);
  if (rsa) return `RSA ${rsa[1]}`;
  const ec: Record<string, string> = {
    EC_prime256v1: 'EC P-256',
    EC_secp384r1: 'EC P-384',
    EC_secp521r1: 'EC P-521',
  };
  return ec[algorithm] ?? algorithm.replace(/_/g, ' ');
}

export function spkiSha256(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

function signatureAlgorithmName(cert: x509.X509Certificate): string {
  const alg = cert.signatureAlgorithm as { name?: string; hash?: { name?: string } };
  const hash = (alg.hash?.name ?? '').replace('-', '').toLowerCase(); // sha256
  switch (alg.name) {
    case 'RSASSA-PKCS1-v1_5':
      return `${hash}WithRSAEncryption`;
    case 'ECDSA':
      return `ecdsa-with-${hash.toUpperCase()}`;
    case 'RSA-PSS':
      return 'rsassaPss';
    case undefined:
      return 'unknown';
    default:
      return hash ? `${alg.name} with ${alg.hash?.name}` : alg.name;
  }
}

/**
 * Normalised serial: lowercase hex without separators, whole bytes, without the leading 00 byte
 * DER adds to keep a serial positive. Use it on both sides when comparing with ACM's Serial.
 */
export function normaliseSerial(serial: string): string {
  let hex = serial.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
  if (hex.length % 2 === 1) hex = `0${hex}`;
  while (hex.length > 2 && hex.startsWith('00')) hex = hex.slice(2);
  return hex === '' ? '00' : hex;
}

/**
 * The serial as ACM DescribeCertificate shows it: lowercase hex byte pairs joined by colons
 * ("0a:1b:2c"). Compare serials with normaliseSerial on both sides rather than by string.
 */
export function formatAcmSerial(serial: string): string {
  return (normaliseSerial(serial).match(/../g) ?? []).join(':');
}

/** Parses one DER certificate; the error names the input and the block position. */
export function parseCertificate(der: Buffer, input: BundleInput, position: number): ParsedCertificate {
  let node: NodeCertificate;
  let cert: x509.X509Certificate;
  try {
    node = new NodeCertificate(der);
    cert = new x509.X509Certificate(new Uint8Array(der));
  } catch {
    throw new BundleError(
      input,
      'invalid-certificate',
      `the CERTIFICATE block${position > 1 ? ` (block ${position})` : ''} is not a valid X.509 certificate (damaged or truncated?)`,
    );
  }
  try {
    return { facts: factsOf(cert, node, der), node, der, spkiSha256: spkiSha256(node.publicKey) };
  } catch {
    throw new BundleError(
      input,
      'invalid-certificate',
      `the certificate${position > 1 ? ` in block ${position}` : ''} has fields that could not be read (malformed extension?)`,
    );
  }
}

function factsOf(cert: x509.X509Certificate, node: NodeCertificate, der: Buffer): CertificateFacts {
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const sans = (san?.names.items ?? []).filter((n) => n.type === 'dns').map((n) => n.value.toLowerCase());
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  const sameName = node.subject === node.issuer;
  let selfSigned = false;
  if (sameName) {
    try {
      selfSigned = node.verify(node.publicKey);
    } catch {
      selfSigned = false;
    }
  }
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    commonName: cert.subjectName.getField('CN')[0],
    sans,
    serial: normaliseSerial(node.serialNumber),
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    keyAlgorithm: keyAlgorithmOf(node.publicKey),
    signatureAlgorithm: signatureAlgorithmName(cert),
    isCa: basic?.ca === true,
    selfSigned,
    extendedKeyUsage: eku ? eku.usages.map((u) => EKU_NAMES[String(u)] ?? String(u)) : undefined,
    pem: toPem('CERTIFICATE', der),
  };
}

/** Facts of the first certificate in a PEM text, e.g. the Certificate returned by ACM GetCertificate. */
export function certificateFacts(pem: string): CertificateFacts {
  const { blocks } = decodeInput('certificate', pem, {
    readFile: () => {
      throw Object.assign(new Error('no file reading here'), { code: 'ENOTSUP' });
    },
    mask: () => undefined,
  });
  const block = blocks.find((b) => b.label === 'CERTIFICATE');
  if (!block) {
    throw new BundleError(
      'certificate',
      'no-pem',
      `no CERTIFICATE block found (found ${blocks.map((b) => b.label).join(', ')})`,
    );
  }
  return parseCertificate(block.der, 'certificate', block.position).facts;
}
