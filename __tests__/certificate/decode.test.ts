import { describe, it, expect, beforeAll } from 'vitest';
import { createPrivateKey } from 'node:crypto';
import { makeChain, makeRoot, toPkcs1, toSec1, type Chain } from '../support/pki.js';
import { loadBundle } from '../../src/certificate/index.js';
import { decodeInput, maskSecretText } from '../../src/certificate/decode.js';
import { options, refusal, expectNoSecret } from './fixtures.js';

let c: Chain;
beforeAll(async () => {
  c = await makeChain();
});

const noFiles = (path: string): string => {
  throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
};
const ctx = { readFile: noFiles, mask: () => undefined };

describe('decodeInput', () => {
  it('returns the blocks with their labels, headers and positions', () => {
    const legacy =
      '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n';
    const { blocks } = decodeInput('certificate', c.leaf.pem + legacy, ctx);
    expect(blocks.map((b) => [b.label, b.position])).toEqual([
      ['CERTIFICATE', 1],
      ['RSA PRIVATE KEY', 2],
    ]);
    expect(blocks[1]?.headers['Proc-Type']).toBe('4,ENCRYPTED');
    expect(Buffer.from(c.leaf.der).equals(blocks[0]?.der ?? Buffer.alloc(0))).toBe(true);
  });

  it('maps the legacy X509 CERTIFICATE label to CERTIFICATE', () => {
    const legacy = c.leaf.pem.replace(/CERTIFICATE/g, 'X509 CERTIFICATE');
    expect(decodeInput('certificate', legacy, ctx).blocks[0]?.label).toBe('CERTIFICATE');
  });

  it('accepts URL-safe base64 of PEM', () => {
    const b64url = Buffer.from(c.leaf.pem).toString('base64url');
    const { blocks, notes } = decodeInput('certificate', b64url, ctx);
    expect(blocks).toHaveLength(1);
    expect(notes).toEqual(['certificate: decoded from base64']);
  });

  it('accepts base64 of base64 of PEM', () => {
    const twice = Buffer.from(Buffer.from(c.leaf.pem).toString('base64')).toString('base64');
    expect(decodeInput('certificate', twice, ctx).notes).toEqual([
      'certificate: decoded from base64',
      'certificate: decoded from base64',
    ]);
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(decodeInput('certificate', `\uFEFF${c.leaf.pem}`, ctx).blocks).toHaveLength(1);
  });
});

describe('no PEM: the error says what was found instead', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['empty', () => '', /^certificate: is empty$/],
    ['whitespace only', () => ' \n\t ', /^certificate: is empty$/],
    [
      'a JSON object',
      () => JSON.stringify({ certificate: 'x', key: 'y' }),
      /found a JSON object \(keys: certificate, key\) instead\. Pass the PEM text itself/,
    ],
    ['a JSON array', () => '[1,2]', /found a JSON array of 2 item\(s\) instead/],
    [
      'base64 of a DER certificate',
      () => Buffer.from(c.leaf.der).toString('base64'),
      /found base64 of a DER \(binary\) certificate instead\. Convert it to PEM: openssl x509 -inform der/,
    ],
    [
      'plain text',
      () => 'hello world',
      /found text that is not PEM, base64 of PEM, or a readable file path \("hello world"\) instead/,
    ],
    ['an unexpanded expression', () => '${{ secrets.CERT }}', /\("\$\{\{ secrets\.CERT \}\}"\)/],
  ];
  for (const [name, value, message] of cases) {
    it(name, async () => {
      const e = await refusal(
        loadBundle({ certificate: value(), privateKey: c.leaf.keyPem }, options({ readFile: noFiles })),
      );
      expect(e.code).toBe('no-pem');
      expect(e.input).toBe('certificate');
      expect(e.message).toMatch(message);
    });
  }

  it('a DER file read from a path', async () => {
    const der = Buffer.from(c.leaf.der).toString('latin1');
    const e = await refusal(
      loadBundle({ certificate: 'cert.der', privateKey: c.leaf.keyPem }, options({ readFile: () => der })),
    );
    expect(e.code).toBe('no-pem');
    expect(e.message).toContain('found a DER (binary) certificate (file cert.der) instead');
  });

  it('a DER private key (base64)', async () => {
    const der = createPrivateKey(c.leaf.keyPem).export({ type: 'pkcs8', format: 'der' });
    const e = await refusal(
      loadBundle({ certificate: c.leaf.pem, privateKey: der.toString('base64') }, options()),
    );
    expect(e.code).toBe('no-pem');
    expect(e.input).toBe('private-key');
    expect(e.message).toContain(
      'found base64 of a DER (binary) private key instead. Convert it to PEM: openssl pkey -inform der',
    );
    expectNoSecret(e.message, [c.leaf.keyPem, der.toString('base64')]);
  });

  it('a PKCS#12 archive', async () => {
    // SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs7-data ... } } is how every .pfx starts.
    const pfx = Buffer.from('3082000d020103300806062a864886f70d0107010000', 'hex');
    pfx.writeUInt16BE(pfx.length - 4, 2);
    const e = await refusal(
      loadBundle({ certificate: pfx.toString('base64'), privateKey: c.leaf.keyPem }, options()),
    );
    expect(e.message).toContain(
      'found base64 of a PKCS#12 (.pfx/.p12) archive instead. Extract PEM from it: openssl pkcs12',
    );
  });

  it('binary garbage from a file', async () => {
    const e = await refusal(
      loadBundle(
        { certificate: 'x.bin', privateKey: c.leaf.keyPem },
        options({ readFile: () => '\x01\x02\x03abc' }),
      ),
    );
    expect(e.code).toBe('no-pem');
    expect(e.message).toContain('found 6 bytes of binary data (file x.bin) instead');
  });

  it('an empty file', async () => {
    const e = await refusal(
      loadBundle({ certificate: 'empty.pem', privateKey: c.leaf.keyPem }, options({ readFile: () => '' })),
    );
    expect(e.message).toBe('certificate: the file empty.pem is empty');
  });

  it('the key where the certificate should be', async () => {
    const e = await refusal(loadBundle({ certificate: c.leaf.keyPem, privateKey: c.leaf.keyPem }, options()));
    expect(e.message).toBe(
      'certificate: no CERTIFICATE block found; found PRIVATE KEY instead (are certificate and private-key swapped?)',
    );
  });

  it('swapped certificate and private-key', async () => {
    const e = await refusal(loadBundle({ certificate: c.leaf.keyPem, privateKey: c.leaf.pem }, options()));
    expect(e.input).toBe('private-key');
    expect(e.message).toBe(
      'private-key: no private key block found; found a CERTIFICATE block (are certificate and private-key swapped?)',
    );
  });

  it('a chain input with no certificate', async () => {
    const e = await refusal(
      loadBundle({ certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: 'nope' }, options()),
    );
    expect(e.input).toBe('certificate-chain');
    expect(e.code).toBe('no-pem');
  });

  it('never echoes private-key text that is not PEM', async () => {
    const secretish = 'this is my super secret passphrase-like text';
    const e = await refusal(loadBundle({ certificate: c.leaf.pem, privateKey: secretish }, options()));
    expect(e.code).toBe('no-pem');
    expect(e.message).not.toContain('secret');
    expect(e.message).toContain(`found ${secretish.length} characters of text that is not PEM`);
  });

  it('redacts base64-looking runs in the certificate preview', async () => {
    const e = await refusal(
      loadBundle(
        { certificate: 'key: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC!', privateKey: c.leaf.keyPem },
        options(),
      ),
    );
    expect(e.message).toContain('("key: [...]!")');
  });
});

describe('paths', () => {
  it('unreadable-file for a path that cannot be read, with the error code', async () => {
    const e = await refusal(
      loadBundle(
        { certificate: './missing/cert.pem', privateKey: c.leaf.keyPem },
        options({ readFile: noFiles }),
      ),
    );
    expect(e.code).toBe('unreadable-file');
    expect(e.message).toBe(
      'certificate: is not PEM and looks like a file path (./missing/cert.pem), but the file could not be read (ENOENT); give the PEM text, its base64, or the path of a readable file',
    );
  });

  it('a private-key path is not echoed', async () => {
    const e = await refusal(
      loadBundle(
        { certificate: c.leaf.pem, privateKey: '/secret/location/key.pem' },
        options({ readFile: noFiles }),
      ),
    );
    expect(e.code).toBe('unreadable-file');
    expect(e.message).not.toContain('/secret/location');
  });

  it('the default readFile on a missing file', async () => {
    const e = await refusal(
      loadBundle({ certificate: '/nonexistent/dir/cert.pem', privateKey: c.leaf.keyPem }, options()),
    );
    expect(e.code).toBe('unreadable-file');
    expect(e.message).toContain('(ENOENT)');
  });

  it('a path-like value does not name a file when it could be key text', async () => {
    const e = await refusal(
      loadBundle(
        { certificate: '/MIIEvQIBADANBgkqhkiG9w0BAQEF#', privateKey: c.leaf.keyPem },
        options({ readFile: noFiles }),
      ),
    );
    expect(e.message).not.toContain('MIIEvQ');
  });
});

describe('malformed PEM', () => {
  it('a truncated block (no END line)', async () => {
    const truncated = c.leaf.pem.slice(0, 300);
    const e = await refusal(loadBundle({ certificate: truncated, privateKey: c.leaf.keyPem }, options()));
    expect(e.code).toBe('malformed-pem');
    expect(e.message).toBe(
      'certificate: the CERTIFICATE block has no "-----END CERTIFICATE-----" line (truncated or pasted incompletely?)',
    );
  });

  it('a block cut off before the next BEGIN', async () => {
    const cut = c.leaf.pem.slice(0, 300) + c.intermediate.pem;
    const e = await refusal(loadBundle({ certificate: cut, privateKey: c.leaf.keyPem }, options()));
    expect(e.code).toBe('malformed-pem');
  });

  it('damaged base64 in the key: no key material in the message, still masked', async () => {
    const lines = c.leaf.keyPem.split('\n');
    lines[3] = `${(lines[3] ?? '').slice(0, 20)}*${(lines[3] ?? '').slice(21)}`;
    const damaged = lines.join('\n');
    const masked: string[] = [];
    const e = await refusal(
      loadBundle(
        { certificate: c.leaf.pem, privateKey: damaged },
        options({ maskSecret: (s) => masked.push(s) }),
      ),
    );
    expect(e.code).toBe('malformed-pem');
    expect(e.message).toBe(
      'private-key: the PRIVATE KEY block does not hold valid base64 (damaged or edited?)',
    );
    expect(masked).toContain(lines[3]);
  });

  it('a truncated certificate body that is still valid base64', async () => {
    const lines = c.leaf.pem.trim().split('\n');
    const cut = [...lines.slice(0, 5), lines[lines.length - 1]].join('\n');
    const e = await refusal(loadBundle({ certificate: cut, privateKey: c.leaf.keyPem }, options()));
    expect(e.code).toBe('invalid-certificate');
    expect(e.message).toBe(
      'certificate: the CERTIFICATE block is not a valid X.509 certificate (damaged or truncated?)',
    );
  });

  it('names the block position of a bad certificate in the chain', async () => {
    const bad = '-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n';
    const e = await refusal(
      loadBundle(
        { certificate: c.leaf.pem, privateKey: c.leaf.keyPem, chain: c.intermediate.pem + bad },
        options(),
      ),
    );
    expect(e.input).toBe('certificate-chain');
    expect(e.message).toContain('(block 2)');
  });
});

describe('private keys', () => {
  it('encrypted PKCS#8 is refused with the openssl command', async () => {
    const encrypted = String(
      createPrivateKey(c.leaf.keyPem).export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase: 'pw',
      }),
    );
    const e = await refusal(loadBundle({ certificate: c.leaf.pem, privateKey: encrypted }, options()));
    expect(e.code).toBe('encrypted-key');
    expect(e.message).toBe(
      'private-key: is encrypted with a passphrase; ACM imports only unencrypted keys: remove the passphrase: openssl pkey -in key.pem -out key.pem',
    );
    expectNoSecret(e.message, [encrypted]);
  });

  it('legacy encrypted PKCS#1 (Proc-Type: 4,ENCRYPTED) is refused', async () => {
    const encrypted = String(
      createPrivateKey(c.leaf.keyPem).export({
        type: 'pkcs1',
        format: 'pem',
        cipher: 'aes-128-cbc',
        passphrase: 'pw',
      }),
    );
    expect(encrypted).toContain('Proc-Type: 4,ENCRYPTED');
    const e = await refusal(loadBundle({ certificate: c.leaf.pem, privateKey: encrypted }, options()));
    expect(e.code).toBe('encrypted-key');
  });

  it('legacy encrypted SEC1 is refused', async () => {
    const ec = await makeRoot({ key: { kind: 'ec', curve: 'P-256' } });
    const encrypted = String(
      createPrivateKey(ec.keyPem).export({
        type: 'sec1',
        format: 'pem',
        cipher: 'aes-128-cbc',
        passphrase: 'pw',
      }),
    );
    const e = await refusal(loadBundle({ certificate: ec.pem, privateKey: encrypted }, options()));
    expect(e.code).toBe('encrypted-key');
  });

  it('two different keys are refused; the same key twice is fine', async () => {
    const other = await makeRoot({ key: { kind: 'ec', curve: 'P-256' } });
    const e = await refusal(
      loadBundle({ certificate: c.leaf.pem, privateKey: c.leaf.keyPem + other.keyPem }, options()),
    );
    expect(e.code).toBe('multiple-keys');
    expect(e.message).toBe('private-key: contains 2 different private keys; give exactly one');
    const b = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.keyPem + c.leaf.keyPem, chain: c.intermediate.pem },
      options(),
    );
    expect(b.normalisations).toContain('private-key: dropped a duplicate copy of the key');
  });

  it('a key with its certificate in the same input', async () => {
    const b = await loadBundle(
      { certificate: c.leaf.pem, privateKey: c.leaf.pem + c.leaf.keyPem, chain: c.intermediate.pem },
      options(),
    );
    expect(b.normalisations).toContain('private-key: ignored a CERTIFICATE block next to the key');
  });

  it('a PKCS#1 key mislabelled as PRIVATE KEY', async () => {
    const pkcs1 = toPkcs1(c.leaf.keyPem).replace(/RSA PRIVATE KEY/g, 'PRIVATE KEY');
    const b = await loadBundle(
      { certificate: c.leaf.pem, privateKey: pkcs1, chain: c.intermediate.pem },
      options(),
    );
    expect(b.privateKeyPem).toBe(c.leaf.keyPem);
    expect(b.normalisations[0]).toBe(
      'private-key: the block labelled PRIVATE KEY holds a PKCS#1 (BEGIN RSA PRIVATE KEY) key',
    );
  });

  it('garbage inside a well-formed key block', async () => {
    const e = await refusal(
      loadBundle(
        {
          certificate: c.leaf.pem,
          privateKey: '-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAA\n-----END PRIVATE KEY-----',
        },
        options(),
      ),
    );
    expect(e.code).toBe('invalid-key');
  });

  it('a damaged RSA key that still carries the right public key (CRT field changed)', async () => {
    const jwk = createPrivateKey(c.leaf.keyPem).export({ format: 'jwk' });
    const dp = Buffer.from(jwk.dp ?? '', 'base64url');
    dp[10] = (dp[10] ?? 0) ^ 0x01;
    const damaged = String(
      createPrivateKey({ key: { ...jwk, dp: dp.toString('base64url') }, format: 'jwk' }).export({
        type: 'pkcs1',
        format: 'pem',
      }),
    );
    const e = await refusal(
      loadBundle({ certificate: c.leaf.pem, privateKey: damaged, chain: c.intermediate.pem }, options()),
    );
    expect(e.code).toBe('invalid-key');
    expect(e.message).toBe(
      'private-key: is damaged: its private part does not agree with its public part (a changed character?); copy the key again from its source',
    );
  });

  it('a damaged EC key whose embedded public key is intact', async () => {
    const ec = await makeRoot({ key: { kind: 'ec', curve: 'P-256' }, isCa: false, sans: ['ec.example.com'] });
    const jwk = createPrivateKey(ec.keyPem).export({ format: 'jwk' });
    const d = Buffer.from(jwk.d ?? '', 'base64url');
    d[5] = (d[5] ?? 0) ^ 0x10;
    const damaged = String(
      createPrivateKey({ key: { ...jwk, d: d.toString('base64url') }, format: 'jwk' }).export({
        type: 'sec1',
        format: 'pem',
      }),
    );
    const e = await refusal(loadBundle({ certificate: ec.pem, privateKey: damaged }, options()));
    expect(e.code).toBe('invalid-key');
  });

  it('an OpenSSH key', async () => {
    const e = await refusal(
      loadBundle(
        {
          certificate: c.leaf.pem,
          privateKey:
            '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----',
        },
        options(),
      ),
    );
    expect(e.code).toBe('invalid-key');
    expect(e.message).toContain('an OpenSSH key is not a TLS key');
  });

  it('an Ed25519 key and certificate: unsupported-key', async () => {
    const ed = await makeRoot({ key: { kind: 'ec', curve: 'P-256' } });
    // A key CloudFront cannot use at all: refused as unsupported, after the match check.
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const e = await refusal(loadBundle({ certificate: ed.pem, privateKey: pem }, options()));
    expect(e.code).toBe('key-mismatch');
    expect(e.message).toContain("the key's public half is ED25519");
  });

  it('SEC1 with EC PARAMETERS and CRLF, as openssl ecparam -genkey writes on Windows', async () => {
    const ec = await makeRoot({ key: { kind: 'ec', curve: 'P-256' }, isCa: false, sans: ['ec.example.com'] });
    const b = await loadBundle(
      { certificate: ec.pem, privateKey: toSec1(ec.keyPem, true).replace(/\n/g, '\r\n') },
      options(),
    );
    expect(b.privateKeyPem).toBe(toSec1(ec.keyPem));
    expect(b.leaf.keyAlgorithm).toBe('EC_prime256v1');
  });
});

describe('maskSecretText', () => {
  it('masks the whole text, each body line and each joined body', () => {
    const masked: string[] = [];
    maskSecretText(`junk\n${c.leaf.keyPem}`, (s) => masked.push(s));
    const body = c.leaf.keyPem.trim().split('\n').slice(1, -1);
    expect(masked).toContain(`junk\n${c.leaf.keyPem}`.trim());
    for (const line of body) if (line.length >= 8) expect(masked).toContain(line);
    expect(masked).toContain(body.join(''));
    expect(masked).not.toContain('-----BEGIN PRIVATE KEY-----');
  });

  it('masks lines joined with literal \\n', () => {
    const masked: string[] = [];
    const escaped = c.leaf.keyPem.replace(/\n/g, '\\n');
    maskSecretText(escaped, (s) => masked.push(s));
    expect(masked).toContain(c.leaf.keyPem.split('\n')[1]);
  });

  it('ignores empty text', () => {
    const masked: string[] = [];
    maskSecretText('  \n', (s) => masked.push(s));
    expect(masked).toEqual([]);
  });
});
