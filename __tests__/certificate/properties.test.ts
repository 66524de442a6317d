// Property-based tests: whatever the inputs, loadBundle either accepts or rejects with a
// BundleError (never a TypeError or a parser's own exception), and no message ever carries a
// line of the private key.
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { createPrivateKey } from 'node:crypto';
import {
  makeChain,
  makeIntermediate,
  makeLeaf,
  toPkcs1,
  toSec1,
  type Chain,
  type Issued,
} from '../support/pki.js';
import { BundleError, loadBundle, type CertificateBundle } from '../../src/certificate/index.js';
import { options, secretLines } from './fixtures.js';

let c: Chain;
let int2: Issued;
let deepLeaf: Issued;
let secrets: string[];

beforeAll(async () => {
  c = await makeChain();
  int2 = await makeIntermediate(c.intermediate, { commonName: 'Second Intermediate' });
  deepLeaf = await makeLeaf(int2, { sans: ['deep.example.com'] });
  secrets = secretLines([c.leaf.keyPem, toPkcs1(c.leaf.keyPem), deepLeaf.keyPem, toPkcs1(deepLeaf.keyPem)]);
});

const files = new Map<string, string>();
const readFile = (path: string): string => {
  const content = files.get(path);
  if (content === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  return content;
};

/** Runs loadBundle and checks the only allowed failure: a BundleError without key material. */
async function attempt(raw: {
  certificate: string;
  privateKey: string;
  chain?: string;
}): Promise<CertificateBundle | BundleError> {
  try {
    return await loadBundle(raw, options({ readFile }));
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    for (const line of secrets) {
      if (error.message.includes(line))
        throw new Error(`message leaks a key line: ${error.message}`, { cause: error });
    }
    expect(error.message.startsWith(`${error.input}: `)).toBe(true);
    return error;
  }
}

// Kept modest: the machines have 2 cores and the whole directory should stay under ~30 s.
const RUNS = { numRuns: 100 };

describe('loadBundle properties', () => {
  it('arbitrary strings in any input: BundleError only', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('')),
        fc.oneof(fc.string(), fc.string({ unit: 'binary' })),
        fc.option(fc.string(), { nil: undefined }),
        fc.nat(2),
        async (s, t, chain, where) => {
          const raw =
            where === 0
              ? { certificate: s, privateKey: c.leaf.keyPem, ...(chain === undefined ? {} : { chain }) }
              : where === 1
                ? { certificate: c.leaf.pem, privateKey: s, chain: c.intermediate.pem }
                : { certificate: s, privateKey: t, ...(chain === undefined ? {} : { chain }) };
          const result = await attempt(raw);
          if (where !== 1) expect(result).toBeInstanceOf(BundleError);
        },
      ),
      RUNS,
    );
  });

  it('strings made of PEM-ish pieces: BundleError only', async () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '-----BEGIN CERTIFICATE-----',
        '-----END CERTIFICATE-----',
        '-----BEGIN PRIVATE KEY-----',
        '-----END PRIVATE KEY-----',
        '-----BEGIN EC PARAMETERS-----',
        '-----BEGIN RSA PRIVATE KEY-----',
        '-----END RSA PRIVATE KEY-----',
        'Proc-Type: 4,ENCRYPTED',
        '\n',
        '\r\n',
        '\\n',
        ' ',
        'MIIB',
        '====',
        '{"a":1}',
      ),
      fc.base64String({ maxLength: 80 }),
      fc.string({ maxLength: 10 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.boolean(), async (pieces, asKey) => {
        const text = pieces.join('');
        await attempt(
          asKey
            ? { certificate: c.leaf.pem, privateKey: text }
            : { certificate: text, privateKey: c.leaf.keyPem },
        );
      }),
      RUNS,
    );
  });

  it('truncated PEM anywhere: BundleError or (if nothing needed was cut) a bundle', async () => {
    const certificate = c.leaf.pem + c.intermediate.pem;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(certificate.length),
        fc.nat(c.leaf.keyPem.length),
        fc.nat(3),
        async (certCut, keyCut, which) => {
          const raw = {
            certificate: which & 1 ? certificate.slice(0, certCut) : certificate,
            privateKey: which & 2 ? c.leaf.keyPem.slice(0, keyCut) : c.leaf.keyPem,
          };
          await attempt(raw);
        },
      ),
      RUNS,
    );
  });

  it('a single corrupted character in the key: BundleError without key lines, or the same key', async () => {
    const key = toPkcs1(c.leaf.keyPem);
    const original = createPrivateKey(key).export({ format: 'jwk' });
    await fc.assert(
      fc.asyncProperty(
        fc.nat(key.length - 1),
        fc.constantFrom('A', '/', '*', '-', '\n', ' ', 'z'),
        async (at, ch) => {
          const damaged = key.slice(0, at) + ch + key.slice(at + 1);
          const result = await attempt({
            certificate: c.leaf.pem,
            privateKey: damaged,
            chain: c.intermediate.pem,
          });
          // Accepted only if the damage did not change the key (e.g. a DER version field OpenSSL ignores).
          if (!(result instanceof BundleError)) {
            expect(createPrivateKey(result.privateKeyPem).export({ format: 'jwk' })).toEqual(original);
          }
        },
      ),
      RUNS,
    );
  });

  it('a single corrupted character in a certificate, the chain or an EC key: BundleError only, or accepted', async () => {
    const ecRoot = await makeIntermediate(c.root, {
      key: { kind: 'ec', curve: 'P-256' },
      commonName: 'EC Intermediate',
    });
    const ecLeaf = await makeLeaf(ecRoot, { key: { kind: 'ec', curve: 'P-256' } });
    const ecKey = toSec1(ecLeaf.keyPem, true);
    secrets.push(...secretLines([ecLeaf.keyPem, ecKey]));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(2),
        fc.nat(),
        fc.constantFrom('A', '/', '0', 'z', '\n', '-'),
        async (which, at, ch) => {
          const damage = (s: string) => s.slice(0, at % s.length) + ch + s.slice((at % s.length) + 1);
          const raw = {
            certificate: which === 0 ? damage(ecLeaf.pem) : ecLeaf.pem,
            chain: which === 1 ? damage(ecRoot.pem) : ecRoot.pem,
            privateKey: which === 2 ? damage(ecKey) : ecKey,
          };
          await attempt(raw);
        },
      ),
      RUNS,
    );
  });

  it('random bytes from a file: BundleError only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.boolean(), async (bytes, asKey) => {
        files.set('/random.bin', Buffer.from(bytes).toString('latin1'));
        const result = await attempt(
          asKey
            ? { certificate: c.leaf.pem, privateKey: '/random.bin' }
            : { certificate: '/random.bin', privateKey: c.leaf.keyPem },
        );
        expect(result).toBeInstanceOf(BundleError);
      }),
      RUNS,
    );
  });

  it('random bytes as base64: BundleError only', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.boolean(),
        async (bytes, asKey) => {
          const b64 = Buffer.from(bytes).toString('base64');
          const result = await attempt(
            asKey
              ? { certificate: c.leaf.pem, privateKey: b64 }
              : { certificate: b64, privateKey: c.leaf.keyPem },
          );
          expect(result).toBeInstanceOf(BundleError);
        },
      ),
      RUNS,
    );
  });

  it('shuffled, duplicated and split chains always assemble to leaf -> int2 -> int1', async () => {
    const all = [deepLeaf.pem, int2.pem, c.intermediate.pem, c.root.pem];
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(all, { minLength: 4, maxLength: 4 }),
        fc.array(fc.constantFrom(...all), { maxLength: 3 }),
        fc.nat(5),
        fc.constantFrom('\n', '\r\n', '\n\n  junk  \n'),
        async (order, extra, split, sep) => {
          // The leaf must stay in certificate unless the split puts everything in the chain.
          const pems = [...order, ...extra];
          const cut = Math.min(split, pems.length);
          let certificate = pems.slice(0, cut).join(sep);
          let chain = pems.slice(cut).join(sep);
          if (certificate.trim() === '') [certificate, chain] = [chain, certificate];
          const result = await attempt({ certificate, privateKey: deepLeaf.keyPem, chain });
          expect(result).not.toBeInstanceOf(BundleError);
          const bundle = result as CertificateBundle;
          expect(bundle.certificatePem).toBe(deepLeaf.pem);
          expect(bundle.chainPem).toBe(int2.pem + c.intermediate.pem);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('base64 and CRLF wrappings of a valid bundle are accepted unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.boolean(), fc.boolean(), async (b64, crlf, pkcs1) => {
        const wrap = (s: string) => {
          const t = crlf ? s.replace(/\n/g, '\r\n') : s;
          return b64 ? Buffer.from(t).toString('base64') : t;
        };
        const result = await attempt({
          certificate: wrap(c.leaf.pem + c.intermediate.pem),
          privateKey: wrap(pkcs1 ? toPkcs1(c.leaf.keyPem) : c.leaf.keyPem),
        });
        expect(result).not.toBeInstanceOf(BundleError);
        const bundle = result as CertificateBundle;
        expect(bundle.certificatePem).toBe(c.leaf.pem);
        expect(bundle.privateKeyPem).toBe(c.leaf.keyPem);
      }),
      { numRuns: 16 },
    );
  });
});
