import { describe, it, expect, beforeAll } from 'vitest';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import {
  makeChain,
  makeIntermediate,
  makeLeaf,
  makeRoot,
  toPkcs1,
  toSec1,
  type Chain,
} from '../support/pki.js';
import { loadBundle, ACM_LIMITS } from '../../src/certificate/index.js';
import { checkSizes } from '../../src/certificate/bundle.js';
import { NOW, options, refusal, expectNoSecret } from './fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
let c: Chain;

beforeAll(async () => {
  c = await makeChain();
});

describe('loadBundle: accepted and normalised', () => {
  it('takes leaf + key + chain as given and reports nothing to normalise', async () => {
    const b = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.intermediate.pem },
      options(),
    );
    expect(b.certificatePem).toBe(c.leaf.pem);
    expect(b.chainPem).toBe(c.intermediate.pem);
    expect(b.privateKeyPem).toBe(c.leaf.keyPem);
    expect(b.leaf.sans).toEqual(['example.com', '*.example.com']);
    expect(b.chain.map((f) => f.commonName)).toEqual(['Test Intermediate CA']);
    expect(b.normalisations).toEqual([]);
  });

  it('drops the self-signed root and says so', async () => {
    const b = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.intermediate.pem + c.root.pem },
      options(),
    );
    expect(b.chainPem).toBe(c.intermediate.pem);
    expect(b.normalisations).toContain(
      "certificate-chain: dropped the self-signed root 'Test Root CA' (clients already have their roots)",
    );
  });

  it('re-orders a chain given root first', async () => {
    const b = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.root.pem + c.intermediate.pem },
      options(),
    );
    expect(b.chainPem).toBe(c.intermediate.pem);
    expect(b.normalisations).toContain("certificate-chain: re-ordered to leaf -> 'Test Intermediate CA'");
  });

  it('re-orders a two-intermediate chain given in any order', async () => {
    const int2 = await makeIntermediate(c.intermediate, {
      commonName: 'Second Intermediate',
      key: { kind: 'ec', curve: 'P-256' },
    });
    const leaf = await makeLeaf(int2, { sans: ['deep.example.org'] });
    const b = await loadBundle(
      { certificate: leaf.pem, privateKey: leaf.keyPem, chain: c.intermediate.pem + c.root.pem + int2.pem },
      options(),
    );
    expect(b.chain.map((f) => f.commonName)).toEqual(['Second Intermediate', 'Test Intermediate CA']);
    expect(b.chainPem).toBe(int2.pem + c.intermediate.pem);
    expect(b.normalisations).toContain(
      "certificate-chain: re-ordered to leaf -> 'Second Intermediate' -> 'Test Intermediate CA'",
    );
  });

  it('splits a full chain given in certificate: extra certificates become the chain', async () => {
    const b = await loadBundle(
      { certificate: c.leaf.pem + c.intermediate.pem + c.root.pem, privateKey: c.leaf.keyPem },
      options(),
    );
    expect(b.certificatePem).toBe(c.leaf.pem);
    expect(b.chainPem).toBe(c.intermediate.pem);
    expect(b.normalisations).toContain(
      'certificate: moved 1 extra certificate to the chain (ACM takes exactly one certificate)',
    );
    expect(b.normalisations).toContain(
      "certificate: dropped the self-signed root 'Test Root CA' (clients already have their roots)",
    );
  });

  it('finds the leaf anywhere in certificate by its key', async () => {
    const b = await loadBundle(
      { certificate: c.root.pem + c.intermediate.pem + c.leaf.pem, privateKey: c.leaf.keyPem },
      options(),
    );
    expect(b.certificatePem).toBe(c.leaf.pem);
    expect(b.chainPem).toBe(c.intermediate.pem);
    expect(b.normalisations).toContain("certificate: the leaf 'example.com' was found at position 3 of 3");
  });

  it('finds the leaf in certificate-chain when certificate holds only the intermediate', async () => {
    const b = await loadBundle(
      { certificate: c.intermediate.pem, privateKey: c.leaf.keyPem, chain: c.leaf.pem },
      options(),
    );
    expect(b.certificatePem).toBe(c.leaf.pem);
    expect(b.chainPem).toBe(c.intermediate.pem);
    expect(b.normalisations.join('\n')).toContain("certificate-chain: holds the leaf 'example.com'");
  });

  it('picks the newest valid certificate when several share the key (renewal with the same key)', async () => {
    const renewed = await makeLeaf(c.intermediate, { notAfter: new Date(Date.now() + 120 * DAY) });
    const expired = await makeLeaf(c.intermediate, {
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2020-03-01T00:00:00Z'),
    });
    const b = await loadBundle(
      {
        certificate: expired.pem + c.leaf.pem + renewed.pem,
        privateKey: c.leaf.keyPem,
        chain: c.intermediate.pem,
      },
      options(),
    );
    expect(b.certificatePem).toBe(renewed.pem);
    expect(b.normalisations.join('\n')).toContain(
      'certificate: 3 certificates match the key (a renewal that kept the key?)',
    );
  });

  it('de-duplicates the same full chain given in both inputs', async () => {
    const full = c.leaf.pem + c.intermediate.pem;
    const b = await loadBundle({ certificate: full, privateKey: c.leaf.keyPem, chain: full }, options());
    expect(b.chainPem).toBe(c.intermediate.pem);
    expect(b.chain).toHaveLength(1);
    expect(b.normalisations).toContain(
      'certificate-chain: dropped 2 duplicate certificates (given more than once)',
    );
  });

  it('drops certificates that are not part of the chain', async () => {
    const other = await makeRoot({
      commonName: 'Unrelated CA',
      fresh: true,
      key: { kind: 'ec', curve: 'P-256' },
    });
    const b = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: other.pem + c.intermediate.pem },
      options(),
    );
    expect(b.chainPem).toBe(c.intermediate.pem);
    expect(b.normalisations).toContain(
      "certificate-chain: dropped 'Unrelated CA': it is not part of the leaf's chain",
    );
  });

  it('accepts CRLF, whitespace and openssl/certbot text around the blocks', async () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const certificate = `\n\n  subject=CN = example.com\nissuer=CN = Test Intermediate CA\n${crlf(c.leaf.pem)}\n\n`;
    const chain = `Bag Attributes\n    friendlyName: x\n${c.intermediate.pem}  \n# trailing comment\n`;
    const b = await loadBundle({ certificate, privateKey: `  ${crlf(c.leaf.keyPem)}  `, chain }, options());
    expect(b.certificatePem).toBe(c.leaf.pem);
    expect(b.chainPem).toBe(c.intermediate.pem);
    expect(b.normalisations).toEqual(
      expect.arrayContaining([
        'certificate: converted CRLF line endings to LF',
        'certificate: ignored the text outside the PEM blocks',
        'certificate-chain: ignored the text outside the PEM blocks',
        'private-key: converted CRLF line endings to LF',
      ]),
    );
  });

  it('accepts PEM with literal \\n sequences (from JSON or .env files)', async () => {
    const escaped = (s: string) => s.replace(/\n/g, '\\n');
    const b = await loadBundle(
      {
        certificate: escaped(c.leaf.pem),
        privateKey: escaped(c.leaf.keyPem),
        chain: escaped(c.intermediate.pem),
      },
      options(),
    );
    expect(b.certificatePem).toBe(c.leaf.pem);
    expect(b.privateKeyPem).toBe(c.leaf.keyPem);
    expect(b.normalisations).toContain('certificate: replaced literal "\\n" sequences with line breaks');
  });

  it('accepts base64 of PEM in every input', async () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const b = await loadBundle(
      {
        certificate: b64(c.leaf.pem + c.intermediate.pem),
        privateKey: b64(c.leaf.keyPem),
        chain: b64(c.intermediate.pem),
      },
      options(),
    );
    expect(b.certificatePem).toBe(c.leaf.pem);
    expect(b.chainPem).toBe(c.intermediate.pem);
    expect(b.normalisations).toEqual(
      expect.arrayContaining([
        'certificate: decoded from base64',
        'private-key: decoded from base64',
        'certificate-chain: decoded from base64',
      ]),
    );
  });

  it('accepts wrapped base64 (base64 without -w0)', async () => {
    const wrapped = (
      Buffer.from(c.leaf.pem)
        .toString('base64')
        .match(/.{1,76}/g) ?? []
    ).join('\n');
    const b = await loadBundle(
      { certificate: wrapped, privateKey: c.leaf.keyPem, chain: c.intermediate.pem },
      options(),
    );
    expect(b.certificatePem).toBe(c.leaf.pem);
  });

  it('reads paths with the injected readFile', async () => {
    const files: Record<string, string> = {
      '/certs/fullchain.pem': c.leaf.pem + c.intermediate.pem,
      './key.pem': c.leaf.keyPem,
      'chain.b64': Buffer.from(c.intermediate.pem).toString('base64'),
    };
    const readFile = (path: string): string => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
      return content;
    };
    const b = await loadBundle(
      { certificate: '/certs/fullchain.pem', privateKey: './key.pem', chain: 'chain.b64' },
      options({ readFile }),
    );
    expect(b.certificatePem).toBe(c.leaf.pem);
    expect(b.chainPem).toBe(c.intermediate.pem);
    expect(b.normalisations).toEqual(
      expect.arrayContaining([
        'certificate: read from the file /certs/fullchain.pem',
        'private-key: read from the file ./key.pem',
        'certificate-chain: read from the file chain.b64',
        'certificate-chain: decoded from base64 (file chain.b64)',
      ]),
    );
  });

  it('reads a real file with the default readFile', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    writeFileSync(join(dir, 'cert.pem'), c.leaf.pem + c.intermediate.pem);
    const b = await loadBundle({ certificate: join(dir, 'cert.pem'), privateKey: c.leaf.keyPem }, options());
    expect(b.chainPem).toBe(c.intermediate.pem);
  });

  it('treats an empty or whitespace chain input as absent', async () => {
    const b = await loadBundle(
      { certificate: c.leaf.pem + c.intermediate.pem, privateKey: c.leaf.keyPem, chain: '  \n' },
      options(),
    );
    expect(b.chainPem).toBe(c.intermediate.pem);
  });

  it('ignores a private key block inside certificate, and masks it', async () => {
    const masked: string[] = [];
    const b = await loadBundle(
      { certificate: c.leaf.pem + c.leaf.keyPem + c.intermediate.pem, privateKey: c.leaf.keyPem },
      options({ maskSecret: (s) => masked.push(s) }),
    );
    expect(b.chainPem).toBe(c.intermediate.pem);
    expect(b.normalisations).toContain(
      'certificate: ignored a PRIVATE KEY block (the key is taken from private-key only)',
    );
    expect(masked).toContain(c.leaf.keyPem.trim());
  });

  it('takes a leaf issued directly by a root and keeps that root as the chain', async () => {
    const leaf = await makeLeaf(c.root, { sans: ['direct.example.com'] });
    const b = await loadBundle(
      { certificate: leaf.pem, privateKey: leaf.keyPem, chain: c.root.pem },
      options(),
    );
    expect(b.chainPem).toBe(c.root.pem);
    expect(b.normalisations).toContain(
      "certificate-chain: kept the self-signed root 'Test Root CA' because the leaf is issued directly by it",
    );
  });
});

describe('loadBundle: self-signed certificates', () => {
  it('accepts a self-signed leaf with no chain and warns', async () => {
    const self = await makeRoot({
      isCa: false,
      commonName: 'self.example.com',
      sans: ['self.example.com'],
      eku: ['1.3.6.1.5.5.7.3.1'],
    });
    const b = await loadBundle({ certificate: self.pem, privateKey: self.keyPem }, options());
    expect(b.chainPem).toBeUndefined();
    expect(b.chain).toEqual([]);
    expect(b.leaf.selfSigned).toBe(true);
    expect(b.warnings.join('\n')).toContain(
      "certificate: 'self.example.com' is self-signed; browsers will not trust it",
    );
  });

  it('drops a chain given with a self-signed leaf', async () => {
    const self = await makeRoot({ isCa: false, commonName: 'self.example.com', sans: ['self.example.com'] });
    const b = await loadBundle(
      { certificate: self.pem, privateKey: self.keyPem, chain: c.intermediate.pem },
      options(),
    );
    expect(b.chainPem).toBeUndefined();
    expect(b.normalisations).toContain(
      "certificate-chain: dropped 'Test Intermediate CA': the certificate is self-signed and needs no chain",
    );
  });

  it('accepts a self-signed CA:TRUE certificate (openssl req -x509) with a warning, not leaf-is-ca', async () => {
    const b = await loadBundle({ certificate: c.root.pem, privateKey: c.root.keyPem }, options());
    expect(b.leaf.isCa).toBe(true);
    expect(b.warnings.join('\n')).toContain('is a self-signed CA certificate');
  });
});

describe('loadBundle: warnings', () => {
  it('warns when the chain does not end at a trusted root, and not when it does', async () => {
    const untrusted = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.intermediate.pem },
      options(),
    );
    expect(untrusted.warnings.join('\n')).toContain(
      "certificate-chain: ends at 'Test Intermediate CA', whose issuer 'CN=Test Root CA, O=Test PKI' is not in Node's list of trusted roots",
    );
    const trusted = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.intermediate.pem },
      options({ trustedRoots: [c.root.pem] }),
    );
    expect(trusted.warnings).toEqual([]);
    const withRoot = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.intermediate.pem + c.root.pem },
      options({ trustedRoots: [c.root.pem] }),
    );
    expect(withRoot.warnings).toEqual([]);
    const withUnknownRoot = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.intermediate.pem + c.root.pem },
      options(),
    );
    expect(withUnknownRoot.warnings.join('\n')).toContain(
      "certificate-chain: ends at the root 'Test Root CA', which is not in Node's list",
    );
  });

  it("uses Node's root store by default (a test CA is not in it)", async () => {
    const b = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.intermediate.pem },
      { now: NOW, expiryWarningDays: 30 },
    );
    expect(b.warnings.join('\n')).toContain("not in Node's list of trusted roots");
  });

  it('warns when the leaf expires within expiryWarningDays, with the days left', async () => {
    const b = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.intermediate.pem },
      options({
        now: new Date(c.leaf.cert.notAfter.getTime() - 10 * DAY - 1000),
        trustedRoots: [c.root.pem],
      }),
    );
    expect(b.warnings).toEqual([
      `certificate: expires in 10 days, on ${c.leaf.cert.notAfter.toISOString().replace('.000Z', 'Z')}`,
    ]);
    const quiet = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.intermediate.pem },
      options({
        now: new Date(c.leaf.cert.notAfter.getTime() - 10 * DAY - 1000),
        expiryWarningDays: 5,
        trustedRoots: [c.root.pem],
      }),
    );
    expect(quiet.warnings).toEqual([]);
  });

  it('warns about SHA-1 signatures', async () => {
    const leaf = await makeLeaf(c.intermediate, { hash: 'SHA-1' });
    const b = await loadBundle(
      { certificate: leaf.pem, privateKey: leaf.keyPem, chain: c.intermediate.pem },
      options(),
    );
    expect(b.leaf.signatureAlgorithm).toBe('sha1WithRSAEncryption');
    expect(b.warnings).toContain(
      "certificate: 'example.com' is signed with SHA-1 (sha1WithRSAEncryption), which browsers reject",
    );
  });

  it('warns about a leaf without SANs (CN-only)', async () => {
    const leaf = await makeLeaf(c.intermediate, { sans: [], commonName: 'cn-only.example.com' });
    const b = await loadBundle(
      { certificate: leaf.pem, privateKey: leaf.keyPem, chain: c.intermediate.pem },
      options(),
    );
    expect(b.leaf.sans).toEqual([]);
    expect(b.warnings.join('\n')).toContain(
      "certificate: has no DNS names in subjectAltName (CN-only 'cn-only.example.com')",
    );
  });

  it('warns about an expired intermediate but still accepts', async () => {
    const old = await makeIntermediate(c.root, {
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const leaf = await makeLeaf(old);
    const b = await loadBundle({ certificate: leaf.pem, privateKey: leaf.keyPem, chain: old.pem }, options());
    expect(b.warnings.join('\n')).toMatch(
      /certificate-chain: the chain certificate 'Test Intermediate CA' expired on .*; clients may reject the chain/,
    );
  });
});

describe('loadBundle: refused', () => {
  it('key-mismatch: names both public keys, never the private key', async () => {
    const other = await makeLeaf(c.intermediate, { fresh: true });
    const e = await refusal(
      loadBundle({ certificate: c.leaf.pem, privateKey: other.keyPem, chain: c.intermediate.pem }, options()),
    );
    expect(e.code).toBe('key-mismatch');
    expect(e.input).toBe('private-key');
    expect(e.message).toMatch(
      /^private-key: does not match the certificate: certificate 'example.com' has public key RSA 2048 sha256:[0-9a-f]{16}, the key's public half is RSA 2048 sha256:[0-9a-f]{16}$/,
    );
    expectNoSecret(e.message, [other.keyPem, c.leaf.keyPem]);
  });

  it('key-mismatch across key types and with several certificates', async () => {
    const ec = await makeRoot({ key: { kind: 'ec', curve: 'P-256' }, fresh: true });
    const e = await refusal(
      loadBundle({ certificate: c.leaf.pem + c.intermediate.pem, privateKey: ec.keyPem }, options()),
    );
    expect(e.code).toBe('key-mismatch');
    expect(e.message).toContain('(none of the 2 certificates given matches)');
    expect(e.message).toContain("the key's public half is EC P-256");
  });

  it('chain-incomplete: a leaf with no chain at all', async () => {
    const e = await refusal(loadBundle({ certificate: c.leaf.pem, privateKey: c.leaf.keyPem }, options()));
    expect(e.code).toBe('chain-incomplete');
    expect(e.input).toBe('certificate-chain');
    expect(e.message).toBe(
      "certificate-chain: is empty, but 'example.com' is not self-signed: ACM needs the intermediate certificate(s) of its issuer 'CN=Test Intermediate CA, O=Test PKI' (\"Could not validate the certificate with the certificate chain\")",
    );
  });

  it('chain-incomplete: a chain that does not link names the issuer needed', async () => {
    const other = await makeIntermediate(c.root, { commonName: 'Other Intermediate' });
    const e = await refusal(
      loadBundle(
        { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: other.pem + c.root.pem },
        options(),
      ),
    );
    expect(e.code).toBe('chain-incomplete');
    expect(e.message).toContain(
      "'example.com' is issued by 'CN=Test Intermediate CA, O=Test PKI', which is not among the certificates given",
    );
    expect(e.message).toContain("'CN=Other Intermediate, O=Test PKI'");
  });

  it('chain-incomplete: only the root given', async () => {
    const e = await refusal(
      loadBundle({ certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.root.pem }, options()),
    );
    expect(e.code).toBe('chain-incomplete');
  });

  it('bad-signature: an intermediate with the right name but another key', async () => {
    const impostor = await makeIntermediate(c.root, { fresh: true });
    const e = await refusal(
      loadBundle({ certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: impostor.pem }, options()),
    );
    expect(e.code).toBe('bad-signature');
    expect(e.input).toBe('certificate-chain');
    expect(e.message).toContain(
      "the signature of 'example.com' does not verify with the public key of 'Test Intermediate CA'",
    );
  });

  it('bad-signature: higher up the chain', async () => {
    const fakeRoot = await makeRoot({ fresh: true, key: { kind: 'ec', curve: 'P-256' } });
    const int2 = await makeIntermediate(c.intermediate, { commonName: 'Second Intermediate' });
    const leaf = await makeLeaf(int2);
    const e = await refusal(
      loadBundle(
        {
          certificate: leaf.pem,
          privateKey: leaf.keyPem,
          chain: int2.pem + c.intermediate.pem + fakeRoot.pem,
        },
        options(),
      ),
    );
    expect(e.code).toBe('bad-signature');
    expect(e.message).toContain(
      "the signature of 'Test Intermediate CA' does not verify with the public key of 'Test Root CA'",
    );
  });

  it('expired, with the dates', async () => {
    const e = await refusal(
      loadBundle(
        { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.intermediate.pem },
        options({ now: new Date(c.leaf.cert.notAfter.getTime() + DAY) }),
      ),
    );
    expect(e.code).toBe('expired');
    expect(e.input).toBe('certificate');
    const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
    expect(e.message).toContain(
      `expired on ${iso(c.leaf.cert.notAfter)} (valid from ${iso(c.leaf.cert.notBefore)} to ${iso(c.leaf.cert.notAfter)}`,
    );
  });

  it('expired: a leaf generated with past dates', async () => {
    const leaf = await makeLeaf(c.intermediate, {
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2020-04-01T00:00:00Z'),
    });
    const e = await refusal(
      loadBundle({ certificate: leaf.pem, privateKey: leaf.keyPem, chain: c.intermediate.pem }, options()),
    );
    expect(e.code).toBe('expired');
    expect(e.message).toContain('expired on 2020-04-01T00:00:00Z');
  });

  it('not-yet-valid, with the dates', async () => {
    const leaf = await makeLeaf(c.intermediate, {
      notBefore: new Date(Date.now() + 2 * DAY),
      notAfter: new Date(Date.now() + 90 * DAY),
    });
    const e = await refusal(
      loadBundle({ certificate: leaf.pem, privateKey: leaf.keyPem, chain: c.intermediate.pem }, options()),
    );
    expect(e.code).toBe('not-yet-valid');
    expect(e.message).toMatch(/^certificate: is not valid yet \(valid from \S+Z to \S+Z; now \S+Z\)/);
  });

  it('leaf-is-ca: an intermediate given with its own key', async () => {
    const e = await refusal(
      loadBundle(
        { certificate: c.intermediate.pem, privateKey: c.intermediate.keyPem, chain: c.root.pem },
        options(),
      ),
    );
    expect(e.code).toBe('leaf-is-ca');
    expect(e.message).toContain("'Test Intermediate CA' is a CA certificate (basicConstraints CA:TRUE)");
  });

  it('no-server-auth: EKU without serverAuth; no EKU at all is fine', async () => {
    const clientOnly = await makeLeaf(c.intermediate, { eku: ['1.3.6.1.5.5.7.3.2'] });
    const e = await refusal(
      loadBundle(
        { certificate: clientOnly.pem, privateKey: clientOnly.keyPem, chain: c.intermediate.pem },
        options(),
      ),
    );
    expect(e.code).toBe('no-server-auth');
    expect(e.message).toContain('its Extended Key Usage (clientAuth) does not include serverAuth');
    const noEku = await makeLeaf(c.intermediate, { eku: null });
    const b = await loadBundle(
      { certificate: noEku.pem, privateKey: noEku.keyPem, chain: c.intermediate.pem },
      options(),
    );
    expect(b.leaf.extendedKeyUsage).toBeUndefined();
    const serverOnly = await makeLeaf(c.intermediate, { eku: ['1.3.6.1.5.5.7.3.1'] });
    const s = await loadBundle(
      { certificate: serverOnly.pem, privateKey: serverOnly.keyPem, chain: c.intermediate.pem },
      options(),
    );
    expect(s.leaf.extendedKeyUsage).toEqual(['serverAuth']);
  });

  it('too-large: a certificate over 32 KiB', async () => {
    const sans = Array.from({ length: 1400 }, (_, i) => `host-${i}.a-rather-long-name.example.com`);
    const big = await makeLeaf(c.intermediate, { sans });
    expect(big.pem.length).toBeGreaterThan(ACM_LIMITS.certificate);
    const e = await refusal(
      loadBundle({ certificate: big.pem, privateKey: big.keyPem, chain: c.intermediate.pem }, options()),
    );
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/^certificate: is \d+ bytes as PEM; ACM accepts at most 32768 bytes$/);
  });

  it('too-large: the chain and key limits (checked on what is sent)', () => {
    const small = c.intermediate.pem;
    expect(() => checkSizes(c.leaf.pem, c.leaf.keyPem, small)).not.toThrow();
    expect(() => checkSizes(c.leaf.pem, c.leaf.keyPem, undefined)).not.toThrow();
    const chain = small.repeat(Math.ceil(ACM_LIMITS.chain / small.length) + 1);
    expect(() => checkSizes(c.leaf.pem, c.leaf.keyPem, chain)).toThrow(
      expect.objectContaining({ code: 'too-large', input: 'certificate-chain' }),
    );
    const key = 'x'.repeat(ACM_LIMITS.privateKey + 1);
    expect(() => checkSizes(c.leaf.pem, key, small)).toThrow(
      expect.objectContaining({
        code: 'too-large',
        input: 'private-key',
        message: 'private-key: is 5121 bytes as PEM; ACM accepts at most 5120 bytes',
      }),
    );
  });

  it('checks in order: a mismatched key is reported before an expired certificate', async () => {
    const other = await makeLeaf(c.intermediate, { fresh: true });
    const e = await refusal(
      loadBundle(
        { certificate: c.leaf.pem, privateKey: other.keyPem },
        options({ now: new Date(c.leaf.cert.notAfter.getTime() + DAY) }),
      ),
    );
    expect(e.code).toBe('key-mismatch');
    const e2 = await refusal(
      loadBundle(
        { certificate: c.leaf.pem, privateKey: c.leaf.keyPem },
        options({ now: new Date(c.leaf.cert.notAfter.getTime() + DAY) }),
      ),
    );
    expect(e2.code).toBe('chain-incomplete');
  });
});

describe('loadBundle: key types', () => {
  const accepted = [
    [{ kind: 'rsa', bits: 1024 }, 'RSA_1024'],
    [{ kind: 'rsa', bits: 2048 }, 'RSA_2048'],
    [{ kind: 'rsa', bits: 3072 }, 'RSA_3072'],
    [{ kind: 'rsa', bits: 4096 }, 'RSA_4096'],
    [{ kind: 'ec', curve: 'P-256' }, 'EC_prime256v1'],
  ] as const;
  for (const [key, algorithm] of accepted) {
    it(`accepts ${algorithm}`, async () => {
      const leaf = await makeLeaf(c.intermediate, { key });
      const b = await loadBundle(
        { certificate: leaf.pem, privateKey: leaf.keyPem, chain: c.intermediate.pem },
        options(),
      );
      expect(b.leaf.keyAlgorithm).toBe(algorithm);
      expect(createPrivateKey(b.privateKeyPem).asymmetricKeyType).toBe(key.kind === 'rsa' ? 'rsa' : 'ec');
      expect(new X509Certificate(b.certificatePem).checkPrivateKey(createPrivateKey(b.privateKeyPem))).toBe(
        true,
      );
    }, 60_000);
  }

  const refused = [
    [{ kind: 'ec', curve: 'P-384' }, 'EC P-384'],
    [{ kind: 'ec', curve: 'P-521' }, 'EC P-521'],
    [{ kind: 'rsa', bits: 1536 }, 'RSA 1536'],
    [{ kind: 'rsa', bits: 768 }, 'RSA 768'],
  ] as const;
  for (const [key, name] of refused) {
    it(`refuses ${name}: CloudFront does not accept it`, async () => {
      const leaf = await makeLeaf(c.intermediate, { key });
      const e = await refusal(
        loadBundle({ certificate: leaf.pem, privateKey: leaf.keyPem, chain: c.intermediate.pem }, options()),
      );
      expect(e.code).toBe('unsupported-key');
      expect(e.message).toBe(
        `private-key: is an ${name} key, which CloudFront does not accept; CloudFront accepts RSA 1024, 2048, 3072, 4096 or EC P-256`,
      );
    });
  }

  it('sends RSA keys as PKCS#8, converting PKCS#1', async () => {
    const b = await loadBundle(
      { certificate: c.leaf.pem, privateKey: toPkcs1(c.leaf.keyPem), chain: c.intermediate.pem },
      options(),
    );
    expect(b.privateKeyPem).toBe(c.leaf.keyPem);
    expect(b.normalisations).toContain(
      'private-key: converted PKCS#1 (BEGIN RSA PRIVATE KEY) to PKCS#8 (BEGIN PRIVATE KEY), the form ACM documents',
    );
  });

  it('sends EC keys as SEC1 without the EC PARAMETERS block', async () => {
    const leaf = await makeLeaf(c.intermediate, { key: { kind: 'ec', curve: 'P-256' } });
    const fromPkcs8 = await loadBundle(
      { certificate: leaf.pem, privateKey: leaf.keyPem, chain: c.intermediate.pem },
      options(),
    );
    expect(fromPkcs8.privateKeyPem).toBe(toSec1(leaf.keyPem));
    expect(fromPkcs8.privateKeyPem).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
    expect(fromPkcs8.normalisations).toContain(
      'private-key: converted PKCS#8 (BEGIN PRIVATE KEY) to SEC1 (BEGIN EC PRIVATE KEY), the form ACM documents',
    );
    const withParams = await loadBundle(
      { certificate: leaf.pem, privateKey: toSec1(leaf.keyPem, true), chain: c.intermediate.pem },
      options(),
    );
    expect(withParams.privateKeyPem).toBe(toSec1(leaf.keyPem));
    expect(withParams.normalisations).toEqual(['private-key: dropped the EC PARAMETERS block']);
    const plain = await loadBundle(
      { certificate: leaf.pem, privateKey: toSec1(leaf.keyPem), chain: c.intermediate.pem },
      options(),
    );
    expect(plain.normalisations).toEqual([]);
  });
});

describe('loadBundle: masking', () => {
  it('masks every form of the key before anything else happens', async () => {
    const events: string[] = [];
    const masked: string[] = [];
    const b64Key = Buffer.from(toPkcs1(c.leaf.keyPem)).toString('base64');
    const b = await loadBundle(
      { certificate: 'cert.pem', privateKey: b64Key, chain: c.intermediate.pem },
      options({
        maskSecret: (s) => {
          events.push('mask');
          masked.push(s);
        },
        readFile: (path) => {
          events.push(`read ${path}`);
          return c.leaf.pem;
        },
      }),
    );
    expect(events[0]).toBe('mask');
    expect(events.indexOf('read cert.pem')).toBeGreaterThan(events.lastIndexOf('mask'));
    expect(masked).toContain(b64Key);
    const pkcs1 = toPkcs1(c.leaf.keyPem);
    expect(masked).toContain(pkcs1.trim());
    expect(masked).toContain(b.privateKeyPem.trim());
    for (const pem of [pkcs1, b.privateKeyPem]) {
      const lines = pem.split('\n').filter((l) => l.length >= 8 && !l.startsWith('-----'));
      for (const line of lines) expect(masked).toContain(line);
      expect(masked).toContain(lines.join(''));
    }
  });

  it('masks the contents of a key file', async () => {
    const masked: string[] = [];
    await loadBundle(
      { certificate: c.leaf.pem, privateKey: '/secrets/key.pem', chain: c.intermediate.pem },
      options({ maskSecret: (s) => masked.push(s), readFile: () => `\n${c.leaf.keyPem}\n` }),
    );
    expect(masked).toContain('/secrets/key.pem');
    expect(masked).toContain(c.leaf.keyPem.trim());
  });

  it('masks the key even when the bundle is refused', async () => {
    const masked: string[] = [];
    const other = await makeLeaf(c.intermediate, { fresh: true });
    await refusal(
      loadBundle(
        { certificate: c.leaf.pem, privateKey: other.keyPem },
        options({ maskSecret: (s) => masked.push(s) }),
      ),
    );
    expect(masked).toContain(other.keyPem.trim());
  });
});
