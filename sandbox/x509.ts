// Certificate parsing for the sandbox. Deliberately independent of src/: the sandbox judges
// the action, so it must not share the action's understanding of certificates.
import 'reflect-metadata';
import { X509Certificate as NodeCertificate, createPrivateKey, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';

export interface PemBlock {
  label: string;
  der: Buffer;
  text: string;
}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(PEM_RE)) {
    const label = m[1] ?? '';
    const body = (m[2] ?? '').replace(/\s+/g, '');
    out.push({ label, der: Buffer.from(body, 'base64'), text: m[0] });
  }
  return out;
}

export function toPem(der: Buffer | Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** ACM's names for key algorithms (DescribeCertificate KeyAlgorithm, Includes.keyTypes). */
export type KeyAlgorithm =
  'RSA_1024' | 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'EC_prime256v1' | 'EC_secp384r1' | 'EC_secp521r1';

export const ACM_KEY_ALGORITHMS: readonly KeyAlgorithm[] = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
];

/** https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html */
export const CLOUDFRONT_KEY_ALGORITHMS: readonly KeyAlgorithm[] = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
];

const KEY_USAGE_NAMES: ReadonlyArray<[x509.KeyUsageFlags, string]> = [
  [x509.KeyUsageFlags.digitalSignature, 'DIGITAL_SIGNATURE'],
  [x509.KeyUsageFlags.nonRepudiation, 'NON_REPUDIATION'],
  [x509.KeyUsageFlags.keyEncipherment, 'KEY_ENCIPHERMENT'],
  [x509.KeyUsageFlags.dataEncipherment, 'DATA_ENCIPHERMENT'],
  [x509.KeyUsageFlags.keyAgreement, 'KEY_AGREEMENT'],
  [x509.KeyUsageFlags.keyCertSign, 'CERTIFICATE_SIGNING'],
  [x509.KeyUsageFlags.cRLSign, 'CRL_SIGNING'],
  [x509.KeyUsageFlags.encipherOnly, 'ENCIPHER_ONLY'],
  [x509.KeyUsageFlags.decipherOnly, 'DECIPHER_ONLY'],
];

export const EKU_NAMES: Readonly<Record<string, string>> = {
  '1.3.6.1.5.5.7.3.1': 'TLS_WEB_SERVER_AUTHENTICATION',
  '1.3.6.1.5.5.7.3.2': 'TLS_WEB_CLIENT_AUTHENTICATION',
  '1.3.6.1.5.5.7.3.3': 'CODE_SIGNING',
  '1.3.6.1.5.5.7.3.4': 'EMAIL_PROTECTION',
  '1.3.6.1.5.5.7.3.5': 'IPSEC_END_SYSTEM',
  '1.3.6.1.5.5.7.3.6': 'IPSEC_TUNNEL',
  '1.3.6.1.5.5.7.3.7': 'IPSEC_USER',
  '1.3.6.1.5.5.7.3.8': 'TIME_STAMPING',
  '1.3.6.1.5.5.7.3.9': 'OCSP_SIGNING',
  '2.5.29.37.0': 'ANY',
};

export interface CertificateFacts {
  pem: string;
  der: Buffer;
  node: NodeCertificate;
  /** `0a:1b:...`, as ACM prints it. */
  serial: string;
  subject: string;
  issuer: string;
  commonName: string | undefined;
  dnsNames: string[];
  /** What ACM reports as DomainName: the CN, else the first DNS name. */
  domainName: string;
  /** What ACM reports as SubjectAlternativeNames (and what CloudFront checks aliases against). */
  subjectAlternativeNames: string[];
  notBefore: Date;
  notAfter: Date;
  keyAlgorithm: KeyAlgorithm | `UNSUPPORTED_${string}`;
  signatureAlgorithm: string;
  keyUsages: string[];
  extendedKeyUsages: Array<{ Name: string; OID: string }>;
  selfSigned: boolean;
  isCa: boolean;
}

function dnToAcm(dn: string): string {
  return dn
    .split('\n')
    .filter((s) => s.length > 0)
    .join(', ');
}

export function keyAlgorithmOf(key: KeyObject): CertificateFacts['keyAlgorithm'] {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    const name = `RSA_${bits}`;
    return (ACM_KEY_ALGORITHMS as readonly string[]).includes(name)
      ? (name as KeyAlgorithm)
      : `UNSUPPORTED_${name}`;
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = details.namedCurve ?? 'unknown';
    const name = `EC_${curve}`;
    return (ACM_KEY_ALGORITHMS as readonly string[]).includes(name)
      ? (name as KeyAlgorithm)
      : `UNSUPPORTED_${name}`;
  }
  return `UNSUPPORTED_${key.asymmetricKeyType ?? 'unknown'}`;
}

function signatureAlgorithmName(cert: x509.X509Certificate): string {
  const alg = cert.signatureAlgorithm as { name?: string; hash?: { name?: string } };
  const hash = (alg.hash?.name ?? 'SHA-256').replace('-', '');
  if (alg.name === 'ECDSA') return `${hash}WITHECDSA`;
  if (alg.name === 'RSA-PSS') return 'SSASSA-PSS';
  return `${hash}WITHRSA`;
}

export function formatSerial(hex: string): string {
  const even = hex.length % 2 === 1 ? `0${hex}` : hex;
  return (even.toLowerCase().match(/../g) ?? []).join(':');
}

export function parseCertificate(input: string | Buffer): CertificateFacts {
  const node = new NodeCertificate(input);
  const der = node.raw;
  const cert = new x509.X509Certificate(der);
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const dnsNames = (san?.names.items ?? []).filter((n) => n.type === 'dns').map((n) => n.value);
  const commonName = cert.subjectName.getField('CN')[0];
  const subjectAlternativeNames = [...new Set([...(commonName ? [commonName] : []), ...dnsNames])];
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  const keyUsages = ku ? KEY_USAGE_NAMES.filter(([flag]) => (ku.usages & flag) !== 0).map(([, n]) => n) : [];
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const extendedKeyUsages = (eku?.usages ?? []).map((oid) => {
    const o = String(oid);
    return { Name: EKU_NAMES[o] ?? 'CUSTOM', OID: o };
  });
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  return {
    pem: toPem(der),
    der,
    node,
    serial: formatSerial(node.serialNumber),
    subject: dnToAcm(node.subject),
    issuer: dnToAcm(node.issuer),
    commonName,
    dnsNames,
    domainName: commonName ?? dnsNames[0] ?? '',
    subjectAlternativeNames,
    notBefore: new Date(node.validFrom),
    notAfter: new Date(node.validTo),
    keyAlgorithm: keyAlgorithmOf(node.publicKey),
    signatureAlgorithm: signatureAlgorithmName(cert),
    keyUsages,
    extendedKeyUsages,
    // Not checkIssued(): OpenSSL also wants keyCertSign, which a self-signed leaf lacks.
    selfSigned: node.subject === node.issuer && safeVerify(node, node),
    isCa: bc?.ca ?? false,
  };
}

function safeVerify(subject: NodeCertificate, issuer: NodeCertificate): boolean {
  try {
    return subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** Whether `issuer` issued `subject` (names chain and the signature verifies). */
export function issuedBy(subject: NodeCertificate, issuer: NodeCertificate): boolean {
  return subject.checkIssued(issuer) && safeVerify(subject, issuer);
}

export function parsePrivateKey(pem: string): KeyObject {
  return createPrivateKey({ key: pem, format: 'pem' });
}

/** RFC 6125-style matching as CloudFront applies it to aliases. */
export function nameCovers(san: string, alias: string): boolean {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\.$/, '');
  const s = norm(san);
  const a = norm(alias);
  if (s === a) return true;
  if (a.startsWith('*.')) return false; // a wildcard alias needs the same wildcard SAN
  if (!s.startsWith('*.')) return false;
  const suffix = s.slice(1); // ".example.com"
  if (!a.endsWith(suffix)) return false;
  const label = a.slice(0, a.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}
