// Before an origin is switched to https-only: connect to it over TLS from the runner and check
// what CloudFront will check. If the certificate is not trusted or does not name the origin's
// domain, CloudFront answers every request to that origin with 502, so the switch is refused.
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import type { OriginVerdict } from './enforce.js';

export interface PreflightOptions {
  /** Default 5000 ms, for the DNS lookup, the connection and the handshake together. */
  readonly timeoutMs?: number;
  /** Extra trust (tests). Always on top of Node's bundled Mozilla roots, never the runner's own store. */
  readonly ca?: string | readonly string[];
  /** Dial this address instead of `domainName` (tests), while still checking the name. */
  readonly connect?: { host: string; port: number };
  /** Gives up at once (the run is failing for another reason): no verdict is needed any more. */
  readonly signal?: AbortSignal | undefined;
}

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * Whether CloudFront could reach `domainName` over HTTPS with TLSv1.2. Never throws; always
 * resolves a verdict. Trust is Node's bundled Mozilla roots (tls.rootCertificates), close to the
 * CA list CloudFront trusts, and deliberately not the runner's system store or NODE_EXTRA_CA_CERTS:
 * a corporate CA trusted on a self-hosted runner means nothing to CloudFront. Like CloudFront, no
 * missing intermediate is fetched: the origin must send its chain.
 */
export function checkOriginTls(
  domainName: string,
  port: number,
  options: PreflightOptions = {},
): Promise<OriginVerdict> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const extra =
    options.ca === undefined ? [] : typeof options.ca === 'string' ? [options.ca] : [...options.ca];
  const host = options.connect?.host ?? domainName;
  const dialPort = options.connect?.port ?? port;
  const where = `${domainName}:${port}`;

  return new Promise<OriginVerdict>((resolve) => {
    let socket: tls.TLSSocket | undefined;
    let settled = false;
    const settle = (verdict: OriginVerdict): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', cancel);
      socket?.destroy();
      resolve(verdict);
    };
    const timer = setTimeout(
      () => settle({ ok: false, reason: `no TLS handshake with ${where} within ${timeoutMs} ms` }),
      timeoutMs,
    );
    const cancel = (): void => settle({ ok: false, reason: `the check of ${where} was cancelled` });
    if (options.signal?.aborted) {
      cancel();
      return;
    }
    options.signal?.addEventListener('abort', cancel, { once: true });
    try {
      socket = tls.connect({
        host,
        port: dialPort,
        // SNI is what CloudFront sends, and the name the certificate must carry. RFC 6066 forbids
        // an IP address as SNI; Node then checks the certificate against `host` instead.
        ...(isIP(domainName) === 0 ? { servername: domainName } : {}),
        ca: [...tls.rootCertificates, ...extra],
        rejectUnauthorized: true,
        // The switched origin accepts only TLSv1.2 from CloudFront: prove the origin speaks it.
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
      });
      socket.once('secureConnect', () => settle({ ok: true }));
      socket.once('error', (error: NodeJS.ErrnoException) =>
        settle({ ok: false, reason: explain(error, domainName, where) }),
      );
    } catch (error) {
      settle({
        ok: false,
        reason: `could not connect to ${where}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });
}

/** A TLS or socket error as a sentence a user can act on. */
export function explain(error: NodeJS.ErrnoException, domainName: string, where: string): string {
  switch (error.code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'certificate is not trusted: it is self-signed';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'certificate is not trusted: its chain ends in a root CloudFront does not trust';
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'certificate is not trusted: issued by an unknown CA';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return 'certificate is not trusted: issued by an unknown CA, or the origin does not send its intermediate certificates';
    case 'CERT_HAS_EXPIRED':
      return 'certificate has expired';
    case 'CERT_NOT_YET_VALID':
      return 'certificate is not valid yet';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `certificate does not name ${domainName}`;
    case 'CERT_SIGNATURE_FAILURE':
    case 'CERT_UNTRUSTED':
    case 'CERT_REJECTED':
    case 'INVALID_CA':
      return `certificate is not trusted: ${error.message}`;
    case 'ECONNREFUSED':
      return `connection refused by ${where}`;
    case 'ECONNRESET':
      return `connection reset by ${where} during the TLS handshake`;
    case 'ETIMEDOUT':
      return `connection to ${where} timed out`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${domainName} does not resolve`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable`;
  }
  // OpenSSL alerts: most often the origin does not speak TLSv1.2 or shares no cipher with it.
  // OpenSSL's own message carries addresses and source paths: its `reason` alone reads better.
  if (
    error.code === 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' ||
    error.code === 'ERR_SSL_UNSUPPORTED_PROTOCOL'
  ) {
    return `${where} does not accept TLSv1.2, the only protocol CloudFront would use after the switch`;
  }
  if (error.code?.startsWith('ERR_SSL_') || error.code === 'EPROTO') {
    const reason = (error as { reason?: unknown }).reason;
    return `TLSv1.2 handshake with ${where} failed: ${typeof reason === 'string' ? reason : error.message.trim()}`;
  }
  return `TLS connection to ${where} failed: ${error.code ? `${error.code}: ` : ''}${error.message}`;
}
