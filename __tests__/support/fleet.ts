// Seeding the sandbox the way real accounts look before a renewal.
import type { Issued } from './pki.js';
import type { Tag } from '../../sandbox/index.js';
import type { Sandbox } from './sandbox.js';

/** Imports a generated leaf (with its issuer as the chain) through the sandbox's API; returns the ARN. */
export function importIssued(sb: Sandbox, leaf: Issued, issuer: Issued, tags?: Tag[]): string {
  return sb.importCertificate({
    certificate: leaf.pem,
    privateKey: leaf.keyPem,
    chain: issuer.pem,
    ...(tags ? { tags } : {}),
  });
}
