// The origin TLS preflight against real local HTTPS servers with certificates from a test CA.
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, type Server, type Socket, createServer as createTcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PreflightOptions, checkOriginTls } from '../../src/posture/index.js';
import { explain } from '../../src/posture/preflight.js';
import { EC_P256, type Issued, makeIntermediate, makeLeaf, makeRoot } from '../support/pki.js';

const DAY = 86_400_000;
const NAME = 'origin.test';

let root: Issued;
let intermediate: Issued;
const servers: Server[] = [];
const sockets = new Set<Socket>();

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** An HTTPS server on 127.0.0.1 that presents `cert` (a PEM, chain included when wanted). */
function serve(cert: string, key: string, tlsOptions: { minVersion?: 'TLSv1.3' } = {}): Promise<number> {
  const server = createHttpsServer({ cert, key, ...tlsOptions }, (_req, res) => res.end('ok'));
  server.on('tlsClientError', () => undefined);
  return listen(server);
}

/** Check NAME while dialling the local server, trusting the test root. */
function check(port: number, options: PreflightOptions = {}) {
  return checkOriginTls(NAME, 443, { ca: root.pem, connect: { host: '127.0.0.1', port }, ...options });
}

beforeAll(async () => {
  root = await makeRoot({ key: EC_P256 });
  intermediate = await makeIntermediate(root, { key: EC_P256 });
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('checkOriginTls', () => {
  it('passes an origin whose certificate chains to a trusted root and names the origin', async () => {
    const leaf = await makeLeaf(intermediate, { key: EC_P256, sans: [NAME] });
    const port = await serve(leaf.pem + intermediate.pem, leaf.keyPem);
    expect(await check(port)).toEqual({ ok: true });
  });

  it('passes a wildcard certificate that covers the origin', async () => {
    const leaf = await makeLeaf(intermediate, { key: EC_P256, sans: ['*.origin.test'] });
    const port = await serve(leaf.pem + intermediate.pem, leaf.keyPem);
    const connect = { host: '127.0.0.1', port };
    expect(await checkOriginTls('api.origin.test', 443, { ca: root.pem, connect })).toEqual({ ok: true });
    // One label only, as CloudFront matches wildcards.
    expect(await checkOriginTls('a.api.origin.test', 443, { ca: root.pem, connect })).toEqual({
      ok: false,
      reason: 'certificate does not name a.api.origin.test',
    });
  });

  it('accepts a list of extra CAs', async () => {
    const leaf = await makeLeaf(intermediate, { key: EC_P256, sans: [NAME] });
    const port = await serve(leaf.pem + intermediate.pem, leaf.keyPem);
    expect(await check(port, { ca: [root.pem] })).toEqual({ ok: true });
  });

  it('refuses a certificate that does not name the origin, though it is trusted', async () => {
    const leaf = await makeLeaf(intermediate, { key: EC_P256, sans: ['other.test', 'www.origin.test'] });
    const port = await serve(leaf.pem + intermediate.pem, leaf.keyPem);
    expect(await check(port)).toEqual({ ok: false, reason: 'certificate does not name origin.test' });
  });

  it('refuses an expired certificate', async () => {
    const leaf = await makeLeaf(intermediate, {
      key: EC_P256,
      sans: [NAME],
      notBefore: new Date(Date.now() - 100 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const port = await serve(leaf.pem + intermediate.pem, leaf.keyPem);
    expect(await check(port)).toEqual({ ok: false, reason: 'certificate has expired' });
  });

  it('refuses a self-signed certificate', async () => {
    const selfSigned = await makeRoot({
      key: EC_P256,
      fresh: true,
      commonName: NAME,
      sans: [NAME],
      isCa: false,
    });
    const port = await serve(selfSigned.pem, selfSigned.keyPem);
    expect(await check(port)).toEqual({ ok: false, reason: 'certificate is not trusted: it is self-signed' });
  });

  it('refuses a certificate from a CA that is not trusted', async () => {
    const otherRoot = await makeRoot({ key: EC_P256, fresh: true, commonName: 'Unknown Root CA' });
    const otherIntermediate = await makeIntermediate(otherRoot, {
      key: EC_P256,
      fresh: true,
      commonName: 'Unknown Intermediate CA',
    });
    const leaf = await makeLeaf(otherIntermediate, { key: EC_P256, sans: [NAME] });
    const port = await serve(leaf.pem + otherIntermediate.pem, leaf.keyPem);
    expect(await check(port)).toEqual({
      ok: false,
      reason: 'certificate is not trusted: issued by an unknown CA',
    });

    // The same, with the untrusted root sent along: still not trusted.
    const withRoot = await serve(leaf.pem + otherIntermediate.pem + otherRoot.pem, leaf.keyPem);
    expect(await check(withRoot)).toEqual({
      ok: false,
      reason: 'certificate is not trusted: its chain ends in a root CloudFront does not trust',
    });
  });

  it('refuses an origin that does not send its intermediate, as CloudFront would', async () => {
    const leaf = await makeLeaf(intermediate, { key: EC_P256, sans: [NAME] });
    const port = await serve(leaf.pem, leaf.keyPem);
    const verdict = await check(port);
    expect(verdict).toEqual({
      ok: false,
      reason:
        'certificate is not trusted: issued by an unknown CA, or the origin does not send its intermediate certificates',
    });
  });

  it('does not trust the test CA unless told to: only the bundled Mozilla roots count', async () => {
    const leaf = await makeLeaf(intermediate, { key: EC_P256, sans: [NAME] });
    const port = await serve(leaf.pem + intermediate.pem, leaf.keyPem);
    const verdict = await checkOriginTls(NAME, 443, { connect: { host: '127.0.0.1', port } });
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(/^certificate is not trusted/);
  });

  it('refuses an origin that does not speak TLSv1.2, the only protocol the switch allows', async () => {
    const leaf = await makeLeaf(intermediate, { key: EC_P256, sans: [NAME] });
    const port = await serve(leaf.pem + intermediate.pem, leaf.keyPem, { minVersion: 'TLSv1.3' });
    expect(await check(port)).toEqual({
      ok: false,
      reason:
        'origin.test:443 does not accept TLSv1.2, the only protocol CloudFront would use after the switch',
    });
  });

  it('refuses when the connection is refused', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await checkOriginTls(NAME, 8443, { ca: root.pem, connect: { host: '127.0.0.1', port } })).toEqual({
      ok: false,
      reason: 'connection refused by origin.test:8443',
    });
  });

  it('gives up after the timeout when the origin never answers the handshake', async () => {
    const port = await listen(createTcpServer(() => undefined));
    const started = Date.now();
    expect(await check(port, { timeoutMs: 300 })).toEqual({
      ok: false,
      reason: 'no TLS handshake with origin.test:443 within 300 ms',
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('gives up at once when its signal aborts, long before the timeout', async () => {
    const port = await listen(createTcpServer(() => undefined));
    const stop = new AbortController();
    const verdict = check(port, { timeoutMs: 60_000, signal: stop.signal });
    stop.abort();
    expect(await verdict).toEqual({ ok: false, reason: 'the check of origin.test:443 was cancelled' });
    const already = await check(port, { timeoutMs: 60_000, signal: stop.signal });
    expect(already).toEqual({ ok: false, reason: 'the check of origin.test:443 was cancelled' });
  });

  it('never throws, even on options Node rejects', async () => {
    const verdict = await checkOriginTls(NAME, 443, { connect: { host: '127.0.0.1', port: 70000 } });
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(/^could not connect to origin\.test:443: /);
  });
});

describe('explain', () => {
  const error = (code: string | undefined, message: string, extra: object = {}): NodeJS.ErrnoException =>
    Object.assign(new Error(message), code === undefined ? {} : { code }, extra);
  const where = 'origin.test:443';

  it.each([
    ['ETIMEDOUT', 'connection to origin.test:443 timed out'],
    ['ENOTFOUND', 'origin.test does not resolve'],
    ['EAI_AGAIN', 'origin.test does not resolve'],
    ['ECONNRESET', 'connection reset by origin.test:443 during the TLS handshake'],
    ['EHOSTUNREACH', 'origin.test:443 is unreachable'],
    ['CERT_NOT_YET_VALID', 'certificate is not valid yet'],
  ])('%s -> %s', (code, reason) => {
    expect(explain(error(code, 'raw'), 'origin.test', where)).toBe(reason);
  });

  it("uses OpenSSL's reason, not its message with source paths", () => {
    const e = error(
      'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
      '40:error:0A000410:SSL routines:...:ssl/record/rec_layer_s3.c:918:\n',
      {
        reason: 'sslv3 alert handshake failure',
      },
    );
    expect(explain(e, 'origin.test', where)).toBe(
      'TLSv1.2 handshake with origin.test:443 failed: sslv3 alert handshake failure',
    );
  });

  it('keeps the code and message of anything else', () => {
    expect(explain(error('EWHATEVER', 'odd'), 'origin.test', where)).toBe(
      'TLS connection to origin.test:443 failed: EWHATEVER: odd',
    );
    expect(explain(error(undefined, 'odd'), 'origin.test', where)).toBe(
      'TLS connection to origin.test:443 failed: odd',
    );
  });
});
