// IAM server certificates (query protocol): the legacy certificates CloudFront can serve through
// IAMCertificateId. UploadServerCertificate and ListServerCertificates, with IAM's rules that matter
// here: CloudFront uses only those under a /cloudfront path, names are unique, and the key must
// match the certificate.
import { randomBytes } from 'node:crypto';
import { ServiceError } from './faults.js';
import { type CertificateFacts, parseCertificate, parsePrivateKey } from './x509.js';
import { buildXml, element, type XmlElement } from './xml.js';

export const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const IAM_ACTIONS: ReadonlySet<string> = new Set([
  'UploadServerCertificate',
  'ListServerCertificates',
]);

export interface ServerCertificateInput {
  name: string;
  certificate: string;
  privateKey: string;
  chain?: string | undefined;
  /** Default `/cloudfront/`: the only path CloudFront takes certificates from. */
  path?: string | undefined;
}

export interface StoredServerCertificate {
  id: string;
  name: string;
  path: string;
  arn: string;
  uploadDate: Date;
  leaf: CertificateFacts;
}

export interface IamDeps {
  accountId: string;
  now: () => Date;
}

const DEFAULT_PAGE = 100;

export class IamService {
  readonly certificates = new Map<string, StoredServerCertificate>();
  /** At most this many per page, whatever MaxItems asks: IAM "might return fewer results". */
  pageLimit = Infinity;

  constructor(private readonly deps: IamDeps) {}

  reset(): void {
    this.certificates.clear();
    this.pageLimit = Infinity;
  }

  upload(input: ServerCertificateInput): StoredServerCertificate {
    const path = input.path ?? '/';
    if (!path.startsWith('/') || !path.endsWith('/')) {
      throw new ServiceError('ValidationError', `The specified value for path is invalid: ${path}`);
    }
    if ([...this.certificates.values()].some((c) => c.name === input.name)) {
      throw new ServiceError(
        'EntityAlreadyExists',
        `The Server Certificate with name ${input.name} already exists.`,
        409,
      );
    }
    let leaf: CertificateFacts;
    try {
      leaf = parseCertificate(input.certificate);
    } catch {
      throw new ServiceError(
        'MalformedCertificate',
        'Unable to parse certificate. Please ensure the certificate is in PEM format.',
      );
    }
    try {
      const key = parsePrivateKey(input.privateKey);
      if (!leaf.node.checkPrivateKey(key)) throw new Error('mismatch');
    } catch {
      throw new ServiceError('KeyPairMismatch', 'The private key did not match the public key provided.');
    }
    const id = `ASCA${randomBytes(12).toString('hex').toUpperCase().slice(0, 17)}`;
    const stored: StoredServerCertificate = {
      id,
      name: input.name,
      path,
      arn: `arn:aws:iam::${this.deps.accountId}:server-certificate${path}${input.name}`,
      uploadDate: this.deps.now(),
      leaf,
    };
    this.certificates.set(id, stored);
    return stored;
  }

  get(id: string): StoredServerCertificate | undefined {
    return this.certificates.get(id);
  }

  /** Runs one query-protocol action and returns the response document. */
  handle(params: URLSearchParams, requestId: string): string {
    const action = params.get('Action') ?? '';
    let result: XmlElement;
    switch (action) {
      case 'UploadServerCertificate': {
        const stored = this.upload({
          name: required(params, 'ServerCertificateName'),
          certificate: required(params, 'CertificateBody'),
          privateKey: required(params, 'PrivateKey'),
          chain: params.get('CertificateChain') ?? undefined,
          path: params.get('Path') ?? undefined,
        });
        result = element('UploadServerCertificateResult', [metadata(stored)]);
        break;
      }
      case 'ListServerCertificates':
        result = this.list(params);
        break;
      default:
        throw new ServiceError('InvalidAction', `Could not find operation ${action} for version 2010-05-08`);
    }
    return buildXml(
      element(`${action}Response`, [result, element('ResponseMetadata', [element('RequestId', requestId)])], {
        xmlns: IAM_NS,
      }),
    );
  }

  private list(params: URLSearchParams): XmlElement {
    const prefix = params.get('PathPrefix') ?? '/';
    const max = Number(params.get('MaxItems') ?? DEFAULT_PAGE);
    if (!Number.isInteger(max) || max < 1 || max > 1000) {
      throw new ServiceError(
        'ValidationError',
        `1 validation error detected: Value '${params.get('MaxItems')}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
      );
    }
    const size = Math.min(max, this.pageLimit);
    const all = [...this.certificates.values()]
      .filter((c) => c.path.startsWith(prefix))
      .sort((a, b) => a.name.localeCompare(b.name));
    const marker = params.get('Marker');
    const start = marker === null ? 0 : Number(marker);
    if (!Number.isInteger(start) || start < 0 || start > all.length) {
      throw new ServiceError('ValidationError', 'Invalid Marker.');
    }
    const page = all.slice(start, start + size);
    const truncated = start + size < all.length;
    return element('ListServerCertificatesResult', [
      element(
        'ServerCertificateMetadataList',
        page.map((c) => element('member', metadata(c).children)),
      ),
      element('IsTruncated', String(truncated)),
      ...(truncated ? [element('Marker', String(start + size))] : []),
    ]);
  }
}

function metadata(c: StoredServerCertificate): XmlElement {
  return element('ServerCertificateMetadata', [
    element('Path', c.path),
    element('ServerCertificateName', c.name),
    element('ServerCertificateId', c.id),
    element('Arn', c.arn),
    element('UploadDate', c.uploadDate.toISOString()),
    element('Expiration', c.leaf.notAfter.toISOString()),
  ]);
}

function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === '') {
    throw new ServiceError(
      'ValidationError',
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}
