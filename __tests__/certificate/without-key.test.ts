// A fork's pull-request dry run has no key: the certificate it was given is still checked.
import { describe, expect, it } from 'vitest';
import { BundleError, loadBundle } from '../../src/certificate/index.js';
import { EC_P256, makeChain } from '../support/pki.js';

const options = { now: new Date(), expiryWarningDays: 30, keyOptional: true };

describe('loadBundle without a key (keyOptional)', () => {
  it('takes the first non-CA certificate as the leaf, checks the chain, and says what it could not check', async () => {
    const chain = await makeChain({ leaf: { sans: ['example.com'] } });
    const bundle = await loadBundle(
      { certificate: chain.intermediate.pem + chain.leaf.pem, privateKey: '' },
      options,
    );
    expect(bundle.leaf.sans).toEqual(['example.com']);
    expect(bundle.chain.map((c) => c.subject)).toEqual([chain.intermediate.cert.subject]);
    expect(bundle.privateKeyPem).toBe('');
    expect(bundle.warnings.join('\n')).toContain('private-key: not given');
  });

  it('still refuses what it can see: a missing intermediate, a key type CloudFront refuses', async () => {
    const chain = await makeChain({ leaf: { sans: ['example.com'] } });
    await expect(loadBundle({ certificate: chain.leaf.pem, privateKey: '' }, options)).rejects.toMatchObject({
      code: 'chain-incomplete',
    });
    const p384 = await makeChain({ leaf: { sans: ['example.com'], key: { kind: 'ec', curve: 'P-384' } } });
    await expect(
      loadBundle({ certificate: p384.leaf.pem + p384.intermediate.pem, privateKey: '' }, options),
    ).rejects.toMatchObject({ code: 'unsupported-key', input: 'certificate' });
  });

  it('is off by default: an empty key is refused, naming the input', async () => {
    const chain = await makeChain({ key: EC_P256 });
    const error = await loadBundle(
      { certificate: chain.leaf.pem + chain.intermediate.pem, privateKey: '' },
      { now: new Date(), expiryWarningDays: 30 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).input).toBe('private-key');
  });
});
