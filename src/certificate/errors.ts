/** The action inputs a certificate bundle is made of; every BundleError names one of them. */
export type BundleInput = 'certificate' | 'private-key' | 'certificate-chain';

/**
 * Why a bundle was refused. Each code is one distinct thing the user has to fix.
 * - no-pem: no PEM block, or none of the right kind (the message says what was found instead)
 * - malformed-pem: a PEM block is truncated or its base64 is damaged
 * - unreadable-file: the value looks like a path but the file cannot be read
 * - invalid-certificate / invalid-key: a block does not parse
 * - multiple-keys: more than one private key given
 * - encrypted-key: passphrase-protected key (ACM needs it unencrypted)
 * - key-mismatch: no certificate matches the private key
 * - chain-incomplete: the leaf's issuer is not among the certificates given
 * - bad-signature: a certificate's signature does not verify with its issuer's key
 * - expired / not-yet-valid: the leaf is outside its validity period
 * - unsupported-key: a key type or size CloudFront does not accept
 * - leaf-is-ca: the leaf is a CA certificate
 * - no-server-auth: the leaf's Extended Key Usage lacks serverAuth
 * - too-large: over an ACM ImportCertificate size limit
 */
export type BundleErrorCode =
  | 'no-pem'
  | 'malformed-pem'
  | 'unreadable-file'
  | 'invalid-certificate'
  | 'invalid-key'
  | 'multiple-keys'
  | 'encrypted-key'
  | 'key-mismatch'
  | 'chain-incomplete'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'unsupported-key'
  | 'leaf-is-ca'
  | 'no-server-auth'
  | 'too-large';

/**
 * A certificate bundle the action refuses. The message starts with the input's name
 * ("private-key: ...") and never contains key material: no PEM lines, no base64 of the key.
 */
export class BundleError extends Error {
  readonly input: BundleInput;
  readonly code: BundleErrorCode;

  constructor(input: BundleInput, code: BundleErrorCode, detail: string) {
    super(`${input}: ${detail}`);
    this.name = 'BundleError';
    this.input = input;
    this.code = code;
  }
}
