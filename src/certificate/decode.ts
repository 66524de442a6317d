// Input text -> PEM blocks. Accepts what people paste into secrets: PEM with LF or CRLF, text
// around the blocks (openssl -text output, "Bag Attributes", "subject=" lines), PEM with literal
// "\n" sequences (from JSON or .env files), base64 of any of that, or a path to a file holding it.
// When there is no PEM, the error names what was found instead (DER, PKCS#12, JSON, empty).
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BundleError, type BundleInput } from './errors.js';

export interface PemBlock {
  /** The label as written after BEGIN, e.g. "CERTIFICATE", "RSA PRIVATE KEY". */
  label: string;
  /** RFC 1421 headers, e.g. Proc-Type: 4,ENCRYPTED on legacy encrypted keys. */
  headers: Record<string, string>;
  der: Buffer;
  /** 1-based position among all blocks of the input. */
  position: number;
}

export interface Decoded {
  blocks: PemBlock[];
  /** Human sentences about what was accepted and normalised, prefixed with the input name. */
  notes: string[];
}

export interface DecodeContext {
  readFile: (path: string) => string;
  /** Called with every secret text form (the private-key input, and any key found elsewhere). */
  mask: (secret: string) => void;
}

// latin1 keeps every byte of a binary file (a DER or .pfx file given by mistake) so that it can
// be recognised; PEM is ASCII, so it reads the same either way.
export const defaultReadFile = (path: string): string => readFileSync(path, 'latin1');

const KEY_LABEL = /PRIVATE KEY$/;
const MAX_DEPTH = 3;

/** Masks a secret text, its PEM body lines (and each body joined on one line) and its other lines. */
export function maskSecretText(text: string, mask: (secret: string) => void): void {
  const trimmed = text.trim();
  // Nothing under 8 characters can be key material, and masking "a" would redact every "a" in the log.
  if (trimmed.length < 8) return;
  mask(trimmed);
  const lines = trimmed.split(/\r?\n|\r|\\n/);
  const body: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith('-----')) {
      if (body.length > 1) mask(body.join(''));
      body.length = 0;
      continue;
    }
    // Lines under 8 characters carry a few bytes at most and are covered by the whole forms;
    // masking them would redact unrelated log text ("==", "MII").
    if (line.length >= 8 && line !== trimmed) mask(line);
    if (/^[A-Za-z0-9+/=]+$/.test(line)) body.push(line);
  }
  if (body.length > 1) mask(body.join(''));
}

export function decodeInput(input: BundleInput, raw: string, ctx: DecodeContext): Decoded {
  const notes: string[] = [];
  if (input === 'private-key') maskSecretText(raw, ctx.mask);
  const blocks = decodeText(input, raw, ctx, notes, 0, undefined);
  return { blocks, notes };
}

function decodeText(
  input: BundleInput,
  text: string,
  ctx: DecodeContext,
  notes: string[],
  depth: number,
  file: string | undefined,
): PemBlock[] {
  const where = file === undefined ? '' : ` (file ${file})`;
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t === '') {
    throw new BundleError(input, 'no-pem', file === undefined ? 'is empty' : `the file ${file} is empty`);
  }
  if (t.includes('-----BEGIN ')) {
    return parsePem(input, t, ctx, notes, where);
  }
  if (depth < MAX_DEPTH && /^[A-Za-z0-9+/=_-]+$/.test(t.replace(/\s+/g, '')) && t.length >= 8) {
    const bytes = decodeBase64(t);
    if (bytes) {
      const decoded = bytes.toString('latin1');
      if (decoded.includes('-----BEGIN ') || base64OfPem(decoded)) {
        if (input === 'private-key') maskSecretText(decoded, ctx.mask);
        notes.push(`${input}: decoded from base64${where}`);
        return decodeText(input, decoded, ctx, notes, depth + 1, file);
      }
      if (looksLikeDer(bytes)) {
        throw noPem(input, `base64 of ${describeDer(bytes)}${where}`, derHint(bytes));
      }
    }
  }
  if (file === undefined && looksLikePath(t)) {
    let content: string | undefined;
    let failure: string | undefined;
    try {
      content = ctx.readFile(t);
    } catch (error) {
      failure =
        (error as { code?: unknown }).code === undefined
          ? 'read error'
          : String((error as { code?: unknown }).code);
    }
    if (content !== undefined) {
      if (input === 'private-key') maskSecretText(content, ctx.mask);
      notes.push(`${input}: read from the file ${t}`);
      return decodeText(input, content, ctx, notes, depth + 1, t);
    }
    if (strictlyPathLike(t)) {
      // A key input that is not PEM might still be secret text: never echo it.
      const shown = input === 'private-key' || mayBeKeyText(t) ? 'a file path' : `a file path (${t})`;
      throw new BundleError(
        input,
        'unreadable-file',
        `is not PEM and looks like ${shown}, but the file could not be read (${failure ?? 'unknown error'}); ` +
          'give the PEM text, its base64, or the path of a readable file',
      );
    }
  }
  throw noPem(input, describeNonPem(input, t) + where, hintFor(input, t));
}

function noPem(input: BundleInput, found: string, hint: string): BundleError {
  const expected =
    input === 'private-key'
      ? 'expected a PEM private key (-----BEGIN PRIVATE KEY-----), its base64, or a path to it'
      : 'expected PEM certificates (-----BEGIN CERTIFICATE-----), their base64, or a path to a PEM file';
  return new BundleError(
    input,
    'no-pem',
    `no PEM block found; found ${found} instead. ${hint}${hint ? ' ' : ''}(${expected})`,
  );
}

function parsePem(
  input: BundleInput,
  text: string,
  ctx: DecodeContext,
  notes: string[],
  where: string,
): PemBlock[] {
  let t = text;
  if (!/[\r\n]/.test(t.slice(t.indexOf('-----BEGIN '))) && t.includes('\\n')) {
    t = t.replace(/\\r\\n|\\n|\\r/g, '\n');
    notes.push(`${input}: replaced literal "\\n" sequences with line breaks${where}`);
  }
  if (t.includes('\r')) {
    t = t.replace(/\r\n?/g, '\n');
    notes.push(`${input}: converted CRLF line endings to LF${where}`);
  }
  const blocks: PemBlock[] = [];
  const begin = /-----BEGIN ([A-Z0-9 #._-]{1,64})-----/g;
  let outside = '';
  let cursor = 0;
  let match: RegExpExecArray | null;
  while ((match = begin.exec(t)) !== null) {
    const label = (match[1] ?? '').trim();
    const position = blocks.length + 1;
    outside += t.slice(cursor, match.index);
    const endMarker = `-----END ${label}-----`;
    const bodyStart = match.index + match[0].length;
    const end = t.indexOf(endMarker, bodyStart);
    const nextBegin = t.indexOf('-----BEGIN ', bodyStart);
    const secret = KEY_LABEL.test(label) || label === 'EC PARAMETERS';
    if (end < 0 || (nextBegin >= 0 && nextBegin < end)) {
      if (secret) maskSecretText(t.slice(match.index, nextBegin >= 0 ? nextBegin : undefined), ctx.mask);
      throw new BundleError(
        input,
        'malformed-pem',
        `the ${label} block${blockNo(position)}${where} has no "${endMarker}" line (truncated or pasted incompletely?)`,
      );
    }
    const bodyText = t.slice(bodyStart, end);
    if (secret) maskSecretText(t.slice(match.index, end + endMarker.length), ctx.mask);
    const { headers, base64 } = splitHeaders(bodyText);
    const der = strictBase64(base64);
    if (!der || der.length === 0) {
      throw new BundleError(
        input,
        'malformed-pem',
        `the ${label} block${blockNo(position)}${where} does not hold valid base64 (damaged or edited?)`,
      );
    }
    blocks.push({ label: label === 'X509 CERTIFICATE' ? 'CERTIFICATE' : label, headers, der, position });
    cursor = end + endMarker.length;
    begin.lastIndex = cursor;
  }
  outside += t.slice(cursor);
  if (outside.trim() !== '' && blocks.length > 0) {
    notes.push(`${input}: ignored the text outside the PEM blocks${where}`);
  }
  return blocks;
}

function blockNo(position: number): string {
  return position > 1 ? ` (block ${position})` : '';
}

function splitHeaders(body: string): { headers: Record<string, string>; base64: string } {
  const headers: Record<string, string> = {};
  const lines = body.split('\n');
  let i = 0;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  while (i < lines.length) {
    const line = (lines[i] ?? '').trim();
    const header = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (!header) break;
    headers[header[1] ?? ''] = header[2] ?? '';
    i++;
  }
  return { headers, base64: lines.slice(i).join('').replace(/\s+/g, '') };
}

function strictBase64(s: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) return undefined;
  return Buffer.from(s, 'base64');
}

/** Base64 of base64 of PEM (a secret encoded twice) is seen in the wild too. */
function base64OfPem(text: string): boolean {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/=_-]+$/.test(t.replace(/\s+/g, ''))) return false;
  return decodeBase64(t)?.toString('latin1').includes('-----BEGIN ') === true;
}

/** Standard or URL-safe base64, line-wrapped or not, padding optional. */
function decodeBase64(t: string): Buffer | undefined {
  const s = t.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(s) || s.length % 4 === 1) return undefined;
  const bytes = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length > 0 ? bytes : undefined;
}

function looksLikePath(t: string): boolean {
  return t.length <= 4096 && !/[\r\n\0]/.test(t);
}

/** A run that could be a line of base64 key material: never echo it. */
function mayBeKeyText(t: string): boolean {
  return (t.match(/[A-Za-z0-9+/=]{24,}/g) ?? []).some(
    (run) => /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run),
  );
}

function strictlyPathLike(t: string): boolean {
  return (
    /^(\/|\.{1,2}[\\/]|~[\\/]|[A-Za-z]:[\\/]|\\\\)/.test(t) ||
    /\.(pem|crt|cer|cert|key|der|txt|p12|pfx|chain|ca-bundle)$/i.test(t)
  );
}

/** Reads one DER length; returns the total encoded length of the outer TLV or undefined. */
function derOuterLength(bytes: Buffer): number | undefined {
  if (bytes.length < 2) return undefined;
  const first = bytes[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || bytes.length < 2 + n) return undefined;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (bytes[2 + i] ?? 0);
  return 2 + n + len;
}

function looksLikeDer(bytes: Buffer): boolean {
  if (bytes[0] !== 0x30) return false;
  const total = derOuterLength(bytes);
  return total !== undefined && total <= bytes.length && total >= bytes.length - 2 && total > 8;
}

type DerKind = 'certificate' | 'private key' | 'pkcs12' | 'unknown';

function derKind(bytes: Buffer): DerKind {
  try {
    new X509Certificate(bytes);
    return 'certificate';
  } catch {
    // not a certificate
  }
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: bytes, format: 'der', type });
      return 'private key';
    } catch {
      // not this key form
    }
  }
  // PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, ... }
  const header = 2 + ((bytes[1] ?? 0) >= 0x80 ? (bytes[1] ?? 0) & 0x7f : 0);
  if (bytes[header] === 0x02 && bytes[header + 1] === 0x01 && bytes[header + 2] === 0x03) return 'pkcs12';
  return 'unknown';
}

function describeDer(bytes: Buffer): string {
  switch (derKind(bytes)) {
    case 'certificate':
      return 'a DER (binary) certificate';
    case 'private key':
      return 'a DER (binary) private key';
    case 'pkcs12':
      return 'a PKCS#12 (.pfx/.p12) archive';
    default:
      return 'DER (binary ASN.1) data';
  }
}

function derHint(bytes: Buffer): string {
  switch (derKind(bytes)) {
    case 'certificate':
      return 'Convert it to PEM: openssl x509 -inform der -in cert.der -out cert.pem';
    case 'private key':
      return 'Convert it to PEM: openssl pkey -inform der -in key.der -out key.pem';
    case 'pkcs12':
      return (
        'Extract PEM from it: openssl pkcs12 -in bundle.pfx -clcerts -nokeys -out cert.pem; ' +
        'openssl pkcs12 -in bundle.pfx -cacerts -nokeys -out chain.pem; openssl pkcs12 -in bundle.pfx -nocerts -nodes -out key.pem'
      );
    default:
      return 'Convert it to PEM with openssl.';
  }
}

function describeNonPem(input: BundleInput, t: string): string {
  const bytes = Buffer.from(t, 'latin1');
  if (looksLikeDer(bytes)) return describeDer(bytes);
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(t);
      if (Array.isArray(value)) return `a JSON array of ${value.length} item(s)`;
      if (value !== null && typeof value === 'object') {
        if (input === 'private-key') return 'a JSON object';
        const keys = Object.keys(value)
          .slice(0, 8)
          .map((k) => k.replace(/[^\w.-]/g, '?').slice(0, 40));
        return `a JSON object (keys: ${keys.join(', ') || 'none'})`;
      }
    } catch {
      // not JSON after all
    }
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0e-\x1f\x7f]/.test(t)) return `${t.length} bytes of binary data`;
  if (input === 'private-key')
    return `${t.length} characters of text that is not PEM, base64 of PEM, or a readable file path`;
  // Redact long base64-looking runs: a key pasted into the wrong input must not reach the log.
  const redacted = t.replace(/[^\x20-\x7e]/g, '?').replace(/[A-Za-z0-9+/=_-]{16,}/g, '[...]');
  const preview = redacted.length > 40 ? `${redacted.slice(0, 40)}...` : redacted;
  return `text that is not PEM, base64 of PEM, or a readable file path ("${preview}")`;
}

function hintFor(input: BundleInput, t: string): string {
  const bytes = Buffer.from(t, 'latin1');
  if (looksLikeDer(bytes)) return derHint(bytes);
  if (t.startsWith('{')) return 'Pass the PEM text itself (for example one field of that JSON).';
  return '';
}
