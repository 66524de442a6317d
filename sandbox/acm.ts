// ACM (JSON 1.1): imported certificates, their facts and ACM's rules for importing them.
import { randomUUID } from 'node:crypto';
import { ServiceError } from './faults.js';
import {
  ACM_KEY_ALGORITHMS,
  issuedBy,
  parseCertificate,
  parsePrivateKey,
  pemBlocks,
  type CertificateFacts,
  type KeyAlgorithm,
} from './x509.js';

export interface Tag {
  Key: string;
  Value?: string;
}

export interface StoredCertificate {
  arn: string;
  region: string;
  leaf: CertificateFacts;
  chain: CertificateFacts[];
  privateKeyPem: string;
  importedAt: Date;
  createdAt: Date;
  tags: Tag[];
  /** 1 for the first import, +1 per re-import. */
  imports: number;
}

export interface ImportInput {
  certificate: string;
  privateKey: string;
  chain?: string | undefined;
  tags?: Tag[] | undefined;
  certificateArn?: string | undefined;
  region?: string | undefined;
}

/** ACM's own default for ListCertificates without Includes.keyTypes. */
export const DEFAULT_LIST_KEY_TYPES: readonly KeyAlgorithm[] = ['RSA_1024', 'RSA_2048'];

const LIMITS = { certificate: 32768, privateKey: 5120, certificateChain: 2097152 };
const ARN_RE = /^arn:aws:acm:([a-z0-9-]+):(\d{12}):certificate\/[A-Za-z0-9-]+$/;

function validation(message: string): ServiceError {
  return new ServiceError('ValidationException', message);
}

function lengthError(field: string, max: number): ServiceError {
  return validation(
    `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
  );
}

function epochSeconds(d: Date): number {
  return d.getTime() / 1000;
}

function ekuSet(facts: CertificateFacts): Set<string> {
  return new Set(facts.extendedKeyUsages.map((e) => e.OID));
}

export interface AcmDeps {
  accountId: string;
  now: () => Date;
  /** ARNs of the distributions that use a certificate (kept by the CloudFront side). */
  usersOf: (arn: string) => string[];
}

export class AcmService {
  readonly certificates = new Map<string, StoredCertificate>();

  constructor(private readonly deps: AcmDeps) {}

  get(arn: string): StoredCertificate | undefined {
    return this.certificates.get(arn);
  }

  reset(): void {
    this.certificates.clear();
  }

  private requireArn(arn: unknown): string {
    if (typeof arn !== 'string' || arn.length === 0) {
      throw validation(
        "1 validation error detected: Value at 'certificateArn' failed to satisfy constraint: Member must not be null",
      );
    }
    if (!ARN_RE.test(arn)) throw new ServiceError('InvalidArnException', `The ARN ${arn} is not valid.`);
    return arn;
  }

  private find(arn: unknown, region: string): StoredCertificate {
    const valid = this.requireArn(arn);
    const stored = this.certificates.get(valid);
    if (!stored || stored.region !== region) {
      throw new ServiceError('ResourceNotFoundException', `Could not find certificate ${valid}.`);
    }
    return stored;
  }

  status(cert: StoredCertificate): 'ISSUED' | 'EXPIRED' {
    return this.deps.now().getTime() > cert.leaf.notAfter.getTime() ? 'EXPIRED' : 'ISSUED';
  }

  /** ImportCertificate, with every check ACM makes. Returns the ARN. */
  importCertificate(input: ImportInput): string {
    const region = input.region ?? 'us-east-1';
    const certBytes = Buffer.byteLength(input.certificate);
    const keyBytes = Buffer.byteLength(input.privateKey);
    if (certBytes === 0)
      throw validation(
        "1 validation error detected: Value at 'certificate' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    if (keyBytes === 0)
      throw validation(
        "1 validation error detected: Value at 'privateKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    if (certBytes > LIMITS.certificate) throw lengthError('certificate', LIMITS.certificate);
    if (keyBytes > LIMITS.privateKey) throw lengthError('privateKey', LIMITS.privateKey);
    if (input.chain !== undefined && Buffer.byteLength(input.chain) > LIMITS.certificateChain) {
      throw lengthError('certificateChain', LIMITS.certificateChain);
    }
    if (input.tags !== undefined && input.tags.length > 50) {
      throw new ServiceError('TooManyTagsException', 'the TagSet: ... contains too many Tags');
    }

    const existing = input.certificateArn === undefined ? undefined : this.find(input.certificateArn, region);
    if (existing && input.tags !== undefined && input.tags.length > 0) {
      throw validation('You cannot specify tags when you reimport a certificate.');
    }

    // The certificate: PEM, exactly one.
    const certBlocks = pemBlocks(input.certificate).filter((b) => b.label === 'CERTIFICATE');
    if (certBlocks.length === 0) throw validation('The certificate is not PEM-encoded or is not valid.');
    if (certBlocks.length > 1) {
      throw validation(
        'The certificate field contains more than one certificate. You can specify only one certificate in this field.',
      );
    }
    let leaf: CertificateFacts;
    try {
      leaf = parseCertificate(certBlocks[0]!.text);
    } catch {
      throw validation('The certificate is not PEM-encoded or is not valid.');
    }
    if (leaf.keyAlgorithm.startsWith('UNSUPPORTED_')) {
      throw validation(`The certificate key algorithm is not supported (${leaf.keyAlgorithm.slice(12)}).`);
    }

    // The private key: PEM, unencrypted, matching.
    const keyBlock = pemBlocks(input.privateKey).find((b) => b.label.endsWith('PRIVATE KEY'));
    if (!keyBlock) throw validation('The private key is not PEM-encoded or is not valid.');
    if (keyBlock.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type: 4,ENCRYPTED/.test(input.privateKey)) {
      throw validation('The private key is not supported.');
    }
    let matches: boolean;
    try {
      matches = leaf.node.checkPrivateKey(parsePrivateKey(keyBlock.text));
    } catch {
      throw validation('The private key is not PEM-encoded or is not valid.');
    }
    if (!matches) throw validation('The private key does not match the public key in the certificate.');

    // Dates.
    const now = this.deps.now().getTime();
    if (leaf.notAfter.getTime() < now) throw validation('The certificate has expired, is not valid.');
    if (leaf.notBefore.getTime() > now)
      throw validation('The certificate is not in effect yet, is not valid.');

    // The chain: each certificate must issue the one before it.
    const chain = this.parseChain(input.chain);
    if (!leaf.selfSigned || chain.length > 0) {
      if (chain.length === 0) {
        throw validation('Could not validate the certificate with the certificate chain.');
      }
      let subject = leaf;
      for (const issuer of chain) {
        if (!issuedBy(subject.node, issuer.node)) {
          throw validation('Could not validate the certificate with the certificate chain.');
        }
        subject = issuer;
      }
    }

    if (existing) {
      this.checkReimport(existing.leaf, leaf);
      existing.leaf = leaf;
      existing.chain = chain;
      existing.privateKeyPem = keyBlock.text;
      existing.importedAt = this.deps.now();
      existing.imports += 1;
      return existing.arn;
    }

    const arn = `arn:aws:acm:${region}:${this.deps.accountId}:certificate/${randomUUID()}`;
    this.certificates.set(arn, {
      arn,
      region,
      leaf,
      chain,
      privateKeyPem: keyBlock.text,
      importedAt: this.deps.now(),
      createdAt: this.deps.now(),
      tags: [...(input.tags ?? [])],
      imports: 1,
    });
    return arn;
  }

  private parseChain(chain: string | undefined): CertificateFacts[] {
    if (chain === undefined || chain.trim() === '') return [];
    const blocks = pemBlocks(chain);
    if (blocks.length === 0 || blocks.some((b) => b.label !== 'CERTIFICATE')) {
      throw validation('The certificate chain is not PEM-encoded or is not valid.');
    }
    try {
      return blocks.map((b) => parseCertificate(b.text));
    } catch {
      throw validation('The certificate chain is not PEM-encoded or is not valid.');
    }
  }

  /** https://docs.aws.amazon.com/acm/latest/userguide/import-reimport.html */
  private checkReimport(before: CertificateFacts, after: CertificateFacts): void {
    if (before.keyAlgorithm !== after.keyAlgorithm) {
      throw validation(
        `The key algorithm of the new certificate (${after.keyAlgorithm}) must match the existing certificate (${before.keyAlgorithm}).`,
      );
    }
    const oldNames = new Set(before.subjectAlternativeNames.map((n) => n.toLowerCase()));
    if (!after.subjectAlternativeNames.some((n) => oldNames.has(n.toLowerCase()))) {
      throw validation(
        'The new certificate must contain at least one domain name of the certificate it replaces.',
      );
    }
    const missingKu = before.keyUsages.filter((k) => !after.keyUsages.includes(k));
    if (missingKu.length > 0) {
      throw validation(
        `The new certificate must keep the key usages of the certificate it replaces (missing ${missingKu.join(', ')}).`,
      );
    }
    const newEku = ekuSet(after);
    const missingEku = [...ekuSet(before)].filter(
      // ClientAuth may go: public CAs stopped issuing it in 2025-2026.
      (oid) => !newEku.has(oid) && oid !== '1.3.6.1.5.5.7.3.2',
    );
    if (missingEku.length > 0) {
      throw validation(
        `The new certificate must keep the extended key usages of the certificate it replaces (missing ${missingEku.join(', ')}).`,
      );
    }
  }

  describe(cert: StoredCertificate): Record<string, unknown> {
    const inUseBy = this.deps.usersOf(cert.arn);
    return {
      CertificateArn: cert.arn,
      DomainName: cert.leaf.domainName,
      SubjectAlternativeNames: cert.leaf.subjectAlternativeNames,
      Serial: cert.leaf.serial,
      Subject: cert.leaf.subject,
      Issuer: cert.leaf.issuer,
      ImportedAt: epochSeconds(cert.importedAt),
      Status: this.status(cert),
      NotBefore: epochSeconds(cert.leaf.notBefore),
      NotAfter: epochSeconds(cert.leaf.notAfter),
      KeyAlgorithm: cert.leaf.keyAlgorithm,
      SignatureAlgorithm: cert.leaf.signatureAlgorithm,
      InUseBy: inUseBy,
      Type: 'IMPORTED',
      KeyUsages: cert.leaf.keyUsages.map((Name) => ({ Name })),
      ExtendedKeyUsages: cert.leaf.extendedKeyUsages,
      RenewalEligibility: 'INELIGIBLE',
      Options: { CertificateTransparencyLoggingPreference: 'ENABLED', Export: 'DISABLED' },
    };
  }

  private summary(cert: StoredCertificate): Record<string, unknown> {
    const sans = cert.leaf.subjectAlternativeNames;
    return {
      CertificateArn: cert.arn,
      DomainName: cert.leaf.domainName,
      SubjectAlternativeNameSummaries: sans.slice(0, 100),
      HasAdditionalSubjectAlternativeNames: sans.length > 100,
      Status: this.status(cert),
      Type: 'IMPORTED',
      KeyAlgorithm: cert.leaf.keyAlgorithm,
      KeyUsages: cert.leaf.keyUsages,
      ExtendedKeyUsages: cert.leaf.extendedKeyUsages.map((e) => e.Name),
      ExportOption: 'DISABLED',
      InUse: this.deps.usersOf(cert.arn).length > 0,
      RenewalEligibility: 'INELIGIBLE',
      NotBefore: epochSeconds(cert.leaf.notBefore),
      NotAfter: epochSeconds(cert.leaf.notAfter),
      ImportedAt: epochSeconds(cert.importedAt),
    };
  }

  /** Runs one JSON 1.1 operation; throws ServiceError. */
  handle(operation: string, input: Record<string, unknown>, region: string): unknown {
    switch (operation) {
      case 'ImportCertificate': {
        const decode = (field: string, required: boolean): string | undefined => {
          const v = input[field];
          if (v === undefined || v === null) {
            if (required) {
              throw validation(
                `1 validation error detected: Value at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`,
              );
            }
            return undefined;
          }
          if (typeof v !== 'string')
            throw new ServiceError('SerializationException', `${field} must be a base64 blob`);
          return Buffer.from(v, 'base64').toString('utf8');
        };
        const arn = this.importCertificate({
          certificate: decode('Certificate', true)!,
          privateKey: decode('PrivateKey', true)!,
          chain: decode('CertificateChain', false),
          tags: input.Tags as Tag[] | undefined,
          certificateArn: input.CertificateArn as string | undefined,
          region,
        });
        return { CertificateArn: arn };
      }
      case 'DescribeCertificate':
        return { Certificate: this.describe(this.find(input.CertificateArn, region)) };
      case 'GetCertificate': {
        const cert = this.find(input.CertificateArn, region);
        const out: Record<string, unknown> = { Certificate: cert.leaf.pem };
        if (cert.chain.length > 0) out.CertificateChain = cert.chain.map((c) => c.pem).join('');
        return out;
      }
      case 'ListCertificates':
        return this.list(input, region);
      case 'DeleteCertificate': {
        const cert = this.find(input.CertificateArn, region);
        if (this.deps.usersOf(cert.arn).length > 0) {
          throw new ServiceError(
            'ResourceInUseException',
            `Certificate ${cert.arn} in account ${this.deps.accountId} is in use.`,
          );
        }
        this.certificates.delete(cert.arn);
        return {};
      }
      case 'AddTagsToCertificate': {
        const cert = this.find(input.CertificateArn, region);
        const tags = (input.Tags as Tag[] | undefined) ?? [];
        if (tags.length === 0)
          throw validation(
            "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1",
          );
        for (const tag of tags) {
          const i = cert.tags.findIndex((t) => t.Key === tag.Key);
          if (i >= 0) cert.tags[i] = { ...tag };
          else cert.tags.push({ ...tag });
        }
        if (cert.tags.length > 50)
          throw new ServiceError('TooManyTagsException', 'the TagSet contains too many Tags');
        return {};
      }
      case 'RemoveTagsFromCertificate': {
        const cert = this.find(input.CertificateArn, region);
        const tags = (input.Tags as Tag[] | undefined) ?? [];
        cert.tags = cert.tags.filter(
          (t) => !tags.some((r) => r.Key === t.Key && (r.Value === undefined || r.Value === t.Value)),
        );
        return {};
      }
      case 'ListTagsForCertificate':
        return { Tags: this.find(input.CertificateArn, region).tags.map((t) => ({ ...t })) };
      default:
        throw new ServiceError('UnknownOperationException', `The sandbox does not implement ${operation}.`);
    }
  }

  private list(input: Record<string, unknown>, region: string): unknown {
    const includes = (input.Includes ?? {}) as { keyTypes?: string[] };
    const keyTypes = includes.keyTypes ?? DEFAULT_LIST_KEY_TYPES;
    for (const k of keyTypes) {
      if (!(ACM_KEY_ALGORITHMS as readonly string[]).includes(k)) {
        throw validation(
          `1 validation error detected: Value '[${keyTypes.join(', ')}]' at 'includes.keyTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [RSA_1024, RSA_2048, EC_secp384r1, EC_prime256v1, EC_secp521r1, RSA_3072, RSA_4096]]`,
        );
      }
    }
    const statuses = input.CertificateStatuses as string[] | undefined;
    const maxItems = input.MaxItems as number | undefined;
    if (maxItems !== undefined && (maxItems < 1 || maxItems > 1000)) {
      throw validation(
        "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000",
      );
    }
    let start = 0;
    if (input.NextToken !== undefined) {
      const n = Number(
        Buffer.from(String(input.NextToken), 'base64url')
          .toString('utf8')
          .replace(/^offset:/, ''),
      );
      if (!Number.isInteger(n) || n < 0)
        throw new ServiceError('InvalidArgsException', 'The NextToken is not valid.');
      start = n;
    }
    const matching = [...this.certificates.values()].filter(
      (c) =>
        c.region === region &&
        (keyTypes as readonly string[]).includes(c.leaf.keyAlgorithm) &&
        // "By default, only certificates with keyTypes RSA_1024 or RSA_2048 and with at least one
        // specified domain are returned." (ACM user guide, gs-acm-list)
        (input.Includes !== undefined || c.leaf.domainName !== '') &&
        (statuses === undefined || statuses.length === 0 || statuses.includes(this.status(c))),
    );
    const page = maxItems === undefined ? matching.slice(start) : matching.slice(start, start + maxItems);
    const end = start + page.length;
    const out: Record<string, unknown> = { CertificateSummaryList: page.map((c) => this.summary(c)) };
    if (end < matching.length) out.NextToken = Buffer.from(`offset:${end}`).toString('base64url');
    return out;
  }
}
