import { describe, it, expect } from 'vitest';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { makeChain, makeRoot, makeLeaf, toPkcs1, toSec1 } from '../support/pki.js';

describe('test PKI', () => {
  it('makes a chain that node:crypto verifies', async () => {
    const { root, intermediate, leaf } = await makeChain();
    const r = new X509Certificate(root.pem);
    const i = new X509Certificate(intermediate.pem);
    const l = new X509Certificate(leaf.pem);
    expect(r.verify(r.publicKey)).toBe(true);
    expect(i.verify(r.publicKey)).toBe(true);
    expect(l.verify(i.publicKey)).toBe(true);
    expect(l.checkIssued(i)).toBe(true);
    expect(i.ca).toBe(true);
    expect(l.ca).toBe(false);
    expect(l.subjectAltName).toBe('DNS:example.com, DNS:*.example.com');
    expect(l.checkPrivateKey(createPrivateKey(leaf.keyPem))).toBe(true);
    expect(leaf.pem.endsWith('-----END CERTIFICATE-----\n')).toBe(true);
    expect(leaf.pem).not.toContain('\r');
    expect(leaf.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(Buffer.from(leaf.der).equals(l.raw)).toBe(true);
  });

  it('honours options: EC key, SHA-1, dates, serial, no EKU, no SAN', async () => {
    const root = await makeRoot({ key: { kind: 'ec', curve: 'P-256' }, commonName: 'My Root' });
    const leaf = await makeLeaf(root, {
      key: { kind: 'ec', curve: 'P-384' },
      hash: 'SHA-1',
      sans: [],
      eku: null,
      serial: '0a1b2c',
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
      commonName: 'cn-only.example.com',
    });
    const l = new X509Certificate(leaf.pem);
    expect(l.subjectAltName).toBeUndefined();
    expect(l.keyUsage).toBeUndefined();
    expect(l.serialNumber.toLowerCase()).toBe('0a1b2c');
    expect(l.issuer).toContain('CN=My Root');
    expect(l.verify(new X509Certificate(root.pem).publicKey)).toBe(true);
    expect(l.publicKey.asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    expect(leaf.cert.signatureAlgorithm.hash.name).toBe('SHA-1');
    expect(new Date(l.validTo).getTime()).toBe(new Date('2021-01-01T00:00:00Z').getTime());
  });

  it('converts keys to PKCS#1 and SEC1', async () => {
    const { leaf } = await makeChain();
    const pkcs1 = toPkcs1(leaf.keyPem);
    expect(pkcs1).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const root = await makeRoot({ key: { kind: 'ec', curve: 'P-256' } });
    const sec1 = toSec1(root.keyPem, true);
    expect(sec1).toMatch(
      /^-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n-----BEGIN EC PRIVATE KEY-----/,
    );
    expect(createPrivateKey(toSec1(root.keyPem)).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('reuses key pairs per spec and role, unless fresh', async () => {
    const a = await makeChain();
    const b = await makeChain();
    expect(a.leaf.keyPem).toBe(b.leaf.keyPem);
    expect(a.leaf.keyPem).not.toBe(a.intermediate.keyPem);
    expect(a.leaf.cert.serialNumber).not.toBe(b.leaf.cert.serialNumber);
    const c = await makeLeaf(a.intermediate, { fresh: true });
    expect(c.keyPem).not.toBe(a.leaf.keyPem);
  });
});
