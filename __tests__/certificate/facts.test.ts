import { describe, it, expect, beforeAll } from 'vitest';
import { createHash, X509Certificate } from 'node:crypto';
import { makeChain, makeIntermediate, makeLeaf, makeRoot, type Chain } from '../support/pki.js';
import {
  BundleError,
  certificateFacts,
  formatAcmSerial,
  normaliseSerial,
  describeKeyAlgorithm,
} from '../../src/certificate/index.js';

let c: Chain;
beforeAll(async () => {
  c = await makeChain();
});

describe('certificateFacts', () => {
  it('describes a leaf', () => {
    const f = certificateFacts(c.leaf.pem);
    expect(f.subject).toBe('CN=example.com, O=Test PKI');
    expect(f.issuer).toBe('CN=Test Intermediate CA, O=Test PKI');
    expect(f.commonName).toBe('example.com');
    expect(f.sans).toEqual(['example.com', '*.example.com']);
    expect(f.serial).toBe(c.leaf.cert.serialNumber.toLowerCase());
    expect(f.fingerprintSha256).toBe(createHash('sha256').update(c.leaf.der).digest('hex'));
    expect(f.fingerprintSha256).toBe(
      new X509Certificate(c.leaf.pem).fingerprint256.replace(/:/g, '').toLowerCase(),
    );
    expect(f.notBefore.getTime()).toBe(c.leaf.cert.notBefore.getTime());
    expect(f.notAfter.getTime()).toBe(c.leaf.cert.notAfter.getTime());
    expect(f.keyAlgorithm).toBe('RSA_2048');
    expect(f.signatureAlgorithm).toBe('sha256WithRSAEncryption');
    expect(f.isCa).toBe(false);
    expect(f.selfSigned).toBe(false);
    expect(f.extendedKeyUsage).toEqual(['serverAuth', 'clientAuth']);
    expect(f.pem).toBe(c.leaf.pem);
  });

  it('describes CAs: root self-signed, intermediate not', () => {
    expect(certificateFacts(c.root.pem)).toMatchObject({
      isCa: true,
      selfSigned: true,
      extendedKeyUsage: undefined,
      sans: [],
    });
    expect(certificateFacts(c.intermediate.pem)).toMatchObject({ isCa: true, selfSigned: false });
  });

  it('lowercases SANs and keeps only DNS names', async () => {
    const leaf = await makeLeaf(c.intermediate, { sans: ['WWW.Example.COM', 'api.example.com'] });
    expect(certificateFacts(leaf.pem).sans).toEqual(['www.example.com', 'api.example.com']);
  });

  it('names EC keys and ECDSA signatures as ACM and OpenSSL do', async () => {
    const root = await makeRoot({ key: { kind: 'ec', curve: 'P-384' } });
    const leaf = await makeLeaf(root, { key: { kind: 'ec', curve: 'P-256' }, hash: 'SHA-384' });
    const f = certificateFacts(leaf.pem);
    expect(f.keyAlgorithm).toBe('EC_prime256v1');
    expect(f.signatureAlgorithm).toBe('ecdsa-with-SHA384');
    expect(certificateFacts(root.pem).keyAlgorithm).toBe('EC_secp384r1');
    const p521 = await makeRoot({ key: { kind: 'ec', curve: 'P-521' } });
    expect(certificateFacts(p521.pem).keyAlgorithm).toBe('EC_secp521r1');
  });

  it('names RSA signature hashes', async () => {
    const sha384 = await makeLeaf(c.intermediate, { hash: 'SHA-384' });
    expect(certificateFacts(sha384.pem).signatureAlgorithm).toBe('sha384WithRSAEncryption');
    const sha1 = await makeLeaf(c.intermediate, { hash: 'SHA-1' });
    expect(certificateFacts(sha1.pem).signatureAlgorithm).toBe('sha1WithRSAEncryption');
  });

  it('keeps unknown EKU OIDs as OIDs', async () => {
    const leaf = await makeLeaf(c.intermediate, { eku: ['1.3.6.1.5.5.7.3.1', '1.2.3.4.5'] });
    expect(certificateFacts(leaf.pem).extendedKeyUsage).toEqual(['serverAuth', '1.2.3.4.5']);
  });

  it('gives the serial without leading zero bytes', async () => {
    const leaf = await makeLeaf(c.intermediate, { serial: '0a1b2c3d' });
    expect(certificateFacts(leaf.pem).serial).toBe('0a1b2c3d');
    const high = await makeIntermediate(c.root, { serial: '7f00aa' });
    expect(certificateFacts(high.pem).serial).toBe('7f00aa');
  });

  it('handles a subject without CN', async () => {
    const leaf = await makeLeaf(c.intermediate, { commonName: '' });
    const f = certificateFacts(leaf.pem);
    expect(f.commonName).toBeUndefined();
    expect(f.subject).toBe('O=Test PKI');
  });

  it('accepts what ACM GetCertificate returns (CRLF, surrounding whitespace) and takes the first certificate', () => {
    const f = certificateFacts(`\r\n${c.leaf.pem.replace(/\n/g, '\r\n')}${c.intermediate.pem}`);
    expect(f.commonName).toBe('example.com');
    expect(f.pem).toBe(c.leaf.pem);
  });

  it('refuses what is not a certificate with a BundleError', () => {
    expect(() => certificateFacts('')).toThrow(BundleError);
    expect(() => certificateFacts(c.leaf.keyPem)).toThrow(
      /certificate: no CERTIFICATE block found \(found PRIVATE KEY\)/,
    );
    expect(() => certificateFacts('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toThrow(
      expect.objectContaining({ code: 'invalid-certificate' }),
    );
    expect(() => certificateFacts('/some/path.pem')).toThrow(
      expect.objectContaining({ code: 'unreadable-file' }),
    );
  });
});

describe('serials', () => {
  it('normaliseSerial: lowercase, no separators, whole bytes, no leading 00 bytes', () => {
    expect(normaliseSerial('00:AB:cd')).toBe('abcd');
    expect(normaliseSerial('0A1B')).toBe('0a1b');
    expect(normaliseSerial('a1b')).toBe('0a1b');
    expect(normaliseSerial('0000')).toBe('00');
    expect(normaliseSerial('')).toBe('00');
  });

  it('formatAcmSerial: colon-separated byte pairs like DescribeCertificate', () => {
    expect(formatAcmSerial('0a1b2c')).toBe('0a:1b:2c');
    expect(formatAcmSerial('A1B2C')).toBe('0a:1b:2c');
    expect(formatAcmSerial('00ff01')).toBe('ff:01');
    expect(normaliseSerial(formatAcmSerial(certificateFacts(c.leaf.pem).serial))).toBe(
      certificateFacts(c.leaf.pem).serial,
    );
  });
});

describe('describeKeyAlgorithm', () => {
  it('says it the way people do', () => {
    expect(describeKeyAlgorithm('RSA_2048')).toBe('RSA 2048');
    expect(describeKeyAlgorithm('EC_prime256v1')).toBe('EC P-256');
    expect(describeKeyAlgorithm('EC_secp521r1')).toBe('EC P-521');
    expect(describeKeyAlgorithm('EC_secp256k1')).toBe('EC secp256k1');
  });
});
