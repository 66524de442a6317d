// Assemble and validate a certificate bundle: find the leaf by its key, put the chain in order,
// and refuse up front what ACM or CloudFront would refuse later, with a message that names the
// input and says what to do. Checks run in this order: decode -> key -> find leaf -> chain ->
// dates -> key type -> leaf checks -> sizes.
import { rootCertificates } from 'node:tls';
import { X509Certificate as NodeCertificate, type KeyObject } from 'node:crypto';
import { BundleError, type BundleInput } from './errors.js';
import { decodeInput, defaultReadFile, type Decoded, type DecodeContext, type PemBlock } from './decode.js';
import { parsePrivateKey } from './key.js';
import {
  describeKeyAlgorithm,
  parseCertificate,
  type CertificateFacts,
  type ParsedCertificate,
} from './facts.js';

export interface CertificateBundle {
  leaf: CertificateFacts;
  /** Intermediates, the leaf's issuer first; a self-signed root is dropped. */
  chain: CertificateFacts[];
  /** Exactly one PEM certificate (ACM ImportCertificate takes one). */
  certificatePem: string;
  /** The intermediates as concatenated PEM; undefined when there are none (self-signed leaf). */
  chainPem: string | undefined;
  /** Unencrypted key, PKCS#8 for RSA and SEC1 for EC: the forms the ACM user guide shows (see key.ts). */
  privateKeyPem: string;
  /** What was accepted and changed, as sentences that start with the input name. */
  normalisations: string[];
  /** Problems that do not stop the import, as sentences that start with the input name. */
  warnings: string[];
}

export interface BundleOptions {
  now: Date;
  expiryWarningDays: number;
  /** Reads a file named by an input; default node:fs (latin1, so binary files can be recognised). */
  readFile?: ((path: string) => string) | undefined;
  /** Called with every form of the private key before anything else is done with it. */
  maskSecret?: ((secret: string) => void) | undefined;
  /** PEM roots the chain should end at for the "private CA?" warning; default tls.rootCertificates. */
  trustedRoots?: readonly string[] | undefined;
  /**
   * Accept an empty private key: a fork's pull-request dry run gets no secrets, but a certificate
   * kept in the repository can still be checked. The leaf is then the first non-CA certificate,
   * and what could not be checked is said in `warnings`. Never for a run that imports.
   */
  keyOptional?: boolean | undefined;
}

/** ACM ImportCertificate limits (bytes). */
export const ACM_LIMITS = { certificate: 32_768, privateKey: 5_120, chain: 2_097_152 } as const;

/** Key algorithms CloudFront accepts for viewer certificates (ACM imports P-384 and P-521 too). */
export const CLOUDFRONT_KEY_ALGORITHMS: readonly string[] = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
];
const CLOUDFRONT_KEYS_TEXT = 'RSA 1024, 2048, 3072, 4096 or EC P-256';

const SERVER_AUTH_OK = new Set(['serverAuth', 'anyExtendedKeyUsage']);
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_CHAIN = 10;

interface Candidate {
  cert: ParsedCertificate;
  input: BundleInput;
  /** Order of appearance across the certificate then the chain input. */
  order: number;
}

export async function loadBundle(
  raw: { certificate: string; privateKey: string; chain?: string | undefined },
  opts: BundleOptions,
): Promise<CertificateBundle> {
  const mask = opts.maskSecret ?? (() => undefined);
  const ctx: DecodeContext = { readFile: opts.readFile ?? defaultReadFile, mask };
  const normalisations: string[] = [];
  const warnings: string[] = [];

  // 1-2. Decode and read the key first: that masks every form of it (raw, decoded, file
  // contents, every PEM line, the converted PEM) before anything else happens.
  const withoutKey = opts.keyOptional === true && raw.privateKey.trim() === '';
  const keyDecoded = withoutKey ? undefined : decodeInput('private-key', raw.privateKey, ctx);
  const key = keyDecoded ? parsePrivateKey(keyDecoded.blocks, mask) : undefined;
  const certDecoded = decodeInput('certificate', raw.certificate, ctx);
  const chainDecoded =
    raw.chain === undefined || raw.chain.trim() === ''
      ? undefined
      : decodeInput('certificate-chain', raw.chain, ctx);
  normalisations.push(
    ...(keyDecoded?.notes ?? []),
    ...(key?.notes ?? []),
    ...certDecoded.notes,
    ...(chainDecoded?.notes ?? []),
  );
  const certBlocks = certificateBlocks('certificate', certDecoded, normalisations);
  const chainBlocks = chainDecoded
    ? certificateBlocks('certificate-chain', chainDecoded, normalisations)
    : [];

  // 3. Find the leaf: the certificate whose public key is the key's.
  const given: Candidate[] = [
    ...certBlocks.map((b) => ({
      cert: parseCertificate(b.der, 'certificate', b.position),
      input: 'certificate' as const,
    })),
    ...chainBlocks.map((b) => ({
      cert: parseCertificate(b.der, 'certificate-chain', b.position),
      input: 'certificate-chain' as const,
    })),
  ].map((c, order) => ({ ...c, order }));
  const fromCertificate = given.filter((c) => c.input === 'certificate');
  const matchesIn = (list: Candidate[]) =>
    key ? list.filter((c) => c.cert.spkiSha256 === key.spkiSha256) : list.filter((c) => !c.cert.facts.isCa);
  const matches = matchesIn(fromCertificate).length > 0 ? matchesIn(fromCertificate) : matchesIn(given);
  const leafCandidate = preferredLeaf(key ? matches : matches.length > 0 ? matches : given, opts.now);
  if (!leafCandidate) {
    if (!key) throw new BundleError('certificate', 'no-pem', 'holds no certificate');
    throw keyMismatch(fromCertificate, key.algorithm, key.spkiSha256);
  }
  if (!key) {
    warnings.push(
      `private-key: not given (pull requests from forks get no secrets): the key could not be checked against the certificate; the leaf was taken to be '${nameOf(leafCandidate.cert)}', the first certificate that is not a CA`,
    );
  }
  const leaf = leafCandidate.cert;
  const sameKey = matches.filter((c) => c.cert.facts.fingerprintSha256 !== leaf.facts.fingerprintSha256);
  if (sameKey.length > 0) {
    normalisations.push(
      `${leafCandidate.input}: ${sameKey.length + 1} certificates match the key (a renewal that kept the key?); used '${nameOf(leaf)}' valid until ${iso(leaf.facts.notAfter)}`,
    );
  }
  if (leafCandidate.input === 'certificate-chain') {
    normalisations.push(
      `certificate-chain: holds the leaf '${nameOf(leaf)}' that matches the key; used it as the certificate`,
    );
  } else if (fromCertificate.length > 1 && fromCertificate.indexOf(leafCandidate) > 0) {
    normalisations.push(
      `certificate: the leaf '${nameOf(leaf)}' was found at position ${fromCertificate.indexOf(leafCandidate) + 1} of ${fromCertificate.length}`,
    );
  }

  // De-duplicate: the same certificate given twice (often in both inputs) counts once.
  const pool: Candidate[] = [];
  const seen = new Set<string>([leaf.facts.fingerprintSha256]);
  const duplicates = new Map<BundleInput, number>();
  for (const c of given) {
    if (c === leafCandidate) continue;
    if (seen.has(c.cert.facts.fingerprintSha256)) {
      duplicates.set(c.input, (duplicates.get(c.input) ?? 0) + 1);
      continue;
    }
    seen.add(c.cert.facts.fingerprintSha256);
    pool.push(c);
  }
  for (const [input, n] of duplicates) {
    normalisations.push(
      `${input}: dropped ${n === 1 ? 'a duplicate certificate' : `${n} duplicate certificates`} (given more than once)`,
    );
  }

  // 4. Chain: walk from the leaf to its issuers.
  const chain: Candidate[] = [];
  let droppedRoot: Candidate | undefined;
  if (!leaf.facts.selfSigned) {
    let current = leaf;
    const used = new Set<Candidate>();
    while (chain.length < MAX_CHAIN) {
      const issuers = pool.filter((c) => !used.has(c) && c.cert.node.subject === current.node.issuer);
      if (issuers.length === 0) {
        if (current === leaf) throw chainIncomplete(leaf, pool, chainDecoded !== undefined);
        break; // the top intermediate's issuer (normally the root) was not given: that is fine.
      }
      const issuer = issuers.find((c) => verifies(current.node, c.cert.node.publicKey));
      if (!issuer) {
        const first = issuers[0] as Candidate;
        throw new BundleError(
          first.input,
          'bad-signature',
          `the signature of '${nameOf(current)}' does not verify with the public key of '${nameOf(first.cert)}', ` +
            'the certificate named as its issuer (a different certificate with the same name, or a damaged certificate?)',
        );
      }
      used.add(issuer);
      if (issuer.cert.facts.selfSigned && current !== leaf) {
        droppedRoot = issuer;
        normalisations.push(
          `${issuer.input}: dropped the self-signed root '${nameOf(issuer.cert)}' (clients already have their roots)`,
        );
        break;
      }
      chain.push(issuer);
      if (issuer.cert.facts.selfSigned) {
        normalisations.push(
          `${issuer.input}: kept the self-signed root '${nameOf(issuer.cert)}' because the leaf is issued directly by it`,
        );
        break;
      }
      current = issuer.cert;
    }
  }
  const unused = pool.filter((c) => !chain.includes(c) && c !== droppedRoot);
  for (const c of unused) {
    normalisations.push(
      leaf.facts.selfSigned
        ? `${c.input}: dropped '${nameOf(c.cert)}': the certificate is self-signed and needs no chain`
        : `${c.input}: dropped '${nameOf(c.cert)}': it is not part of the leaf's chain`,
    );
  }
  const walked = [leafCandidate, ...chain, ...(droppedRoot ? [droppedRoot] : [])];
  if (walked.some((c, i) => i > 0 && c.order < (walked[i - 1] as Candidate).order)) {
    normalisations.push(
      `certificate-chain: re-ordered to leaf -> ${chain.map((c) => `'${nameOf(c.cert)}'`).join(' -> ') || '(none)'}`,
    );
  }
  const moved = chain.filter((c) => c.input === 'certificate').length;
  if (moved > 0) {
    normalisations.push(
      `certificate: moved ${moved === 1 ? '1 extra certificate' : `${moved} extra certificates`} to the chain (ACM takes exactly one certificate)`,
    );
  }

  // 5. Dates.
  const now = opts.now.getTime();
  const validity = `valid from ${iso(leaf.facts.notBefore)} to ${iso(leaf.facts.notAfter)}`;
  if (now < leaf.facts.notBefore.getTime()) {
    throw new BundleError(
      'certificate',
      'not-yet-valid',
      `is not valid yet (${validity}; now ${iso(opts.now)}); ACM imports only certificates valid now`,
    );
  }
  if (now > leaf.facts.notAfter.getTime()) {
    throw new BundleError(
      'certificate',
      'expired',
      `expired on ${iso(leaf.facts.notAfter)} (${validity}; now ${iso(opts.now)})`,
    );
  }
  const daysLeft = Math.floor((leaf.facts.notAfter.getTime() - now) / DAY_MS);
  if (daysLeft < opts.expiryWarningDays) {
    warnings.push(
      `certificate: expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}, on ${iso(leaf.facts.notAfter)}`,
    );
  }
  for (const c of chain) {
    if (now > c.cert.facts.notAfter.getTime() || now < c.cert.facts.notBefore.getTime()) {
      const state =
        now > c.cert.facts.notAfter.getTime()
          ? `expired on ${iso(c.cert.facts.notAfter)}`
          : `is not valid until ${iso(c.cert.facts.notBefore)}`;
      warnings.push(
        `${c.input}: the chain certificate '${nameOf(c.cert)}' ${state}; clients may reject the chain`,
      );
    }
  }

  // 6. Key type: what CloudFront accepts, not only what ACM imports.
  const keyAlgorithm = key?.algorithm ?? leaf.facts.keyAlgorithm;
  if (!CLOUDFRONT_KEY_ALGORITHMS.includes(keyAlgorithm)) {
    throw new BundleError(
      key ? 'private-key' : 'certificate',
      'unsupported-key',
      `is an ${describeKeyAlgorithm(keyAlgorithm)} key, which CloudFront does not accept; CloudFront accepts ${CLOUDFRONT_KEYS_TEXT}`,
    );
  }

  // 7. The leaf itself.
  if (leaf.facts.isCa) {
    if (!leaf.facts.selfSigned) {
      throw new BundleError(
        'certificate',
        'leaf-is-ca',
        `'${nameOf(leaf)}' is a CA certificate (basicConstraints CA:TRUE), not a server certificate; give the certificate issued for your domain names`,
      );
    }
    warnings.push(
      `certificate: '${nameOf(leaf)}' is a self-signed CA certificate (as openssl req -x509 makes them); fine for tests only`,
    );
  }
  const eku = leaf.facts.extendedKeyUsage;
  if (eku !== undefined && !eku.some((u) => SERVER_AUTH_OK.has(u))) {
    throw new BundleError(
      'certificate',
      'no-server-auth',
      `its Extended Key Usage (${eku.join(', ') || 'empty'}) does not include serverAuth (TLS Web Server Authentication), which a CloudFront certificate needs`,
    );
  }
  if (leaf.facts.sans.length === 0) {
    warnings.push(
      `certificate: has no DNS names in subjectAltName (CN-only${leaf.facts.commonName ? ` '${leaf.facts.commonName}'` : ''}); browsers and CloudFront alias checks use the SAN list`,
    );
  }
  for (const c of [{ cert: leaf, input: leafCandidate.input }, ...chain]) {
    if (/^(sha1With|ecdsa-with-SHA1$)/i.test(c.cert.facts.signatureAlgorithm)) {
      warnings.push(
        `${c.input}: '${nameOf(c.cert)}' is signed with SHA-1 (${c.cert.facts.signatureAlgorithm}), which browsers reject`,
      );
    }
  }
  const trust = trustWarning(leaf, chain, droppedRoot, opts.trustedRoots ?? rootCertificates);
  if (trust) warnings.push(trust);

  // 8. Sizes, on what will be sent.
  const certificatePem = leaf.facts.pem;
  const chainPem = chain.length > 0 ? chain.map((c) => c.cert.facts.pem).join('') : undefined;
  checkSizes(certificatePem, key?.pem ?? '', chainPem);

  return {
    leaf: leaf.facts,
    chain: chain.map((c) => c.cert.facts),
    certificatePem,
    chainPem,
    privateKeyPem: key?.pem ?? '',
    normalisations,
    warnings,
  };
}

function certificateBlocks(input: BundleInput, decoded: Decoded, notes: string[]): PemBlock[] {
  const certs = decoded.blocks.filter((b) => b.label === 'CERTIFICATE');
  const others = decoded.blocks.filter((b) => b.label !== 'CERTIFICATE');
  if (certs.length === 0) {
    const labels = [...new Set(others.map((b) => b.label))].join(', ');
    const swapped = others.some((b) => /PRIVATE KEY$/.test(b.label))
      ? ' (are certificate and private-key swapped?)'
      : '';
    throw new BundleError(input, 'no-pem', `no CERTIFICATE block found; found ${labels} instead${swapped}`);
  }
  for (const label of new Set(others.map((b) => b.label))) {
    notes.push(
      /PRIVATE KEY$/.test(label)
        ? `${input}: ignored a ${label} block (the key is taken from private-key only)`
        : `${input}: ignored a ${label} block`,
    );
  }
  return certs;
}

/** Among certificates with the key: a server certificate valid now, the one that lasts longest. */
function preferredLeaf(matches: Candidate[], now: Date): Candidate | undefined {
  const t = now.getTime();
  const score = (c: Candidate): number =>
    (c.cert.facts.isCa ? 0 : 2) +
    (c.cert.facts.notBefore.getTime() <= t && t <= c.cert.facts.notAfter.getTime() ? 1 : 0);
  return [...matches].sort(
    (a, b) =>
      score(b) - score(a) ||
      b.cert.facts.notAfter.getTime() - a.cert.facts.notAfter.getTime() ||
      a.order - b.order,
  )[0];
}

function verifies(cert: NodeCertificate, key: KeyObject): boolean {
  try {
    return cert.verify(key);
  } catch {
    return false;
  }
}

function nameOf(cert: ParsedCertificate): string {
  return cert.facts.commonName ?? cert.facts.subject;
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

function keyMismatch(certs: Candidate[], keyAlgorithm: string, keySpki: string): BundleError {
  const shown = certs.find((c) => !c.cert.facts.isCa) ?? certs[0];
  const certPart = shown
    ? `certificate '${nameOf(shown.cert)}' has public key ${describeKeyAlgorithm(shown.cert.facts.keyAlgorithm)} sha256:${shown.cert.spkiSha256.slice(0, 16)}`
    : 'no certificate given';
  const scope = certs.length > 1 ? ` (none of the ${certs.length} certificates given matches)` : '';
  return new BundleError(
    'private-key',
    'key-mismatch',
    `does not match the certificate${scope}: ${certPart}, the key's public half is ${describeKeyAlgorithm(keyAlgorithm)} sha256:${keySpki.slice(0, 16)}`,
  );
}

function chainIncomplete(leaf: ParsedCertificate, pool: Candidate[], chainGiven: boolean): BundleError {
  const need = `'${leaf.facts.issuer}'`;
  if (pool.length === 0) {
    return new BundleError(
      'certificate-chain',
      'chain-incomplete',
      `${chainGiven ? 'holds no other certificate' : 'is empty'}, but '${nameOf(leaf)}' is not self-signed: ACM needs the intermediate certificate(s) of its issuer ${need} ("Could not validate the certificate with the certificate chain")`,
    );
  }
  const found = pool.map((c) => `'${c.cert.facts.subject}'`).join(', ');
  return new BundleError(
    'certificate-chain',
    'chain-incomplete',
    `does not link to the certificate: '${nameOf(leaf)}' is issued by ${need}, which is not among the certificates given (${found})`,
  );
}

/** Refuses what ACM ImportCertificate would refuse for size (exported for tests: a 2 MiB chain is slow to make). */
export function checkSizes(
  certificatePem: string,
  privateKeyPem: string,
  chainPem: string | undefined,
): void {
  tooLarge('certificate', certificatePem, ACM_LIMITS.certificate);
  tooLarge('private-key', privateKeyPem, ACM_LIMITS.privateKey);
  if (chainPem !== undefined) tooLarge('certificate-chain', chainPem, ACM_LIMITS.chain);
}

function tooLarge(input: BundleInput, pem: string, limit: number): void {
  const size = Buffer.byteLength(pem, 'utf8');
  if (size > limit) {
    throw new BundleError(input, 'too-large', `is ${size} bytes as PEM; ACM accepts at most ${limit} bytes`);
  }
}

type RootIndex = Map<string, NodeCertificate[]>;
const rootIndexes = new WeakMap<readonly string[], RootIndex>();

function rootIndex(roots: readonly string[]): RootIndex {
  let index = rootIndexes.get(roots);
  if (!index) {
    index = new Map();
    for (const pem of roots) {
      try {
        const cert = new NodeCertificate(pem);
        index.set(cert.subject, [...(index.get(cert.subject) ?? []), cert]);
      } catch {
        // an unreadable trusted root cannot anchor anything
      }
    }
    rootIndexes.set(roots, index);
  }
  return index;
}

function trustWarning(
  leaf: ParsedCertificate,
  chain: Candidate[],
  droppedRoot: Candidate | undefined,
  roots: readonly string[],
): string | undefined {
  const advice = 'CloudFront wants certificates from a CA in the Mozilla list or from AWS Private CA';
  if (leaf.facts.selfSigned) {
    return `certificate: '${nameOf(leaf)}' is self-signed; browsers will not trust it (${advice})`;
  }
  const index = rootIndex(roots);
  const top = chain.length > 0 ? (chain[chain.length - 1] as Candidate).cert : leaf;
  if (top.facts.selfSigned) {
    const known = (index.get(top.node.subject) ?? []).some(
      (r) => r.fingerprint256 === top.node.fingerprint256,
    );
    return known
      ? undefined
      : `certificate-chain: ends at the root '${nameOf(top)}', which is not in Node's list of trusted roots (a private CA? ${advice})`;
  }
  if (droppedRoot) {
    const root = droppedRoot.cert;
    const known = (index.get(root.node.subject) ?? []).some((r) => r.publicKey.equals(root.node.publicKey));
    return known
      ? undefined
      : `certificate-chain: ends at the root '${nameOf(root)}', which is not in Node's list of trusted roots (a private CA? ${advice})`;
  }
  const anchored = (index.get(top.node.issuer) ?? []).some((r) => verifies(top.node, r.publicKey));
  return anchored
    ? undefined
    : `certificate-chain: ends at '${nameOf(top)}', whose issuer '${top.facts.issuer}' is not in Node's list of trusted roots (a private CA, or a missing intermediate? ${advice})`;
}
