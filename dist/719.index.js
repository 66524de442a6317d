export const id = 719;
export const ids = [719];
export const modules = {

/***/ 5719:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadBundle: () => (/* reexport */ loadBundle)
});

// UNUSED EXPORTS: ACM_LIMITS, BundleError, CLOUDFRONT_KEY_ALGORITHMS, certificateFacts, describeKeyAlgorithm, formatAcmSerial, normaliseSerial

;// CONCATENATED MODULE: ./lib/certificate/errors.js
/**
 * A certificate bundle the action refuses. The message starts with the input's name
 * ("private-key: ...") and never contains key material: no PEM lines, no base64 of the key.
 */
class errors_BundleError extends Error {
    input;
    code;
    constructor(input, code, detail) {
        super(`${input}: ${detail}`);
        this.name = 'BundleError';
        this.input = input;
        this.code = code;
    }
}

// EXTERNAL MODULE: ./node_modules/reflect-metadata/Reflect.js
var Reflect = __webpack_require__(477);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@peculiar/x509/build/x509.cjs.js
var x509_cjs = __webpack_require__(8927);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./lib/certificate/decode.js
// Input text -> PEM blocks. Accepts what people paste into secrets: PEM with LF or CRLF, text
// around the blocks (openssl -text output, "Bag Attributes", "subject=" lines), PEM with literal
// "\n" sequences (from JSON or .env files), base64 of any of that, or a path to a file holding it.
// When there is no PEM, the error names what was found instead (DER, PKCS#12, JSON, empty).



// latin1 keeps every byte of a binary file (a DER or .pfx file given by mistake) so that it can
// be recognised; PEM is ASCII, so it reads the same either way.
const defaultReadFile = (path) => (0,external_node_fs_.readFileSync)(path, 'latin1');
const KEY_LABEL = /PRIVATE KEY$/;
const MAX_DEPTH = 3;
/** Masks a secret text, its PEM body lines (and each body joined on one line) and its other lines. */
function maskSecretText(text, mask) {
    const trimmed = text.trim();
    // Nothing under 8 characters can be key material, and masking "a" would redact every "a" in the log.
    if (trimmed.length < 8)
        return;
    mask(trimmed);
    const lines = trimmed.split(/\r?\n|\r|\\n/);
    const body = [];
    for (const raw of lines) {
        const line = raw.trim();
        if (line.startsWith('-----')) {
            if (body.length > 1)
                mask(body.join(''));
            body.length = 0;
            continue;
        }
        // Lines under 8 characters carry a few bytes at most and are covered by the whole forms;
        // masking them would redact unrelated log text ("==", "MII").
        if (line.length >= 8 && line !== trimmed)
            mask(line);
        if (/^[A-Za-z0-9+/=]+$/.test(line))
            body.push(line);
    }
    if (body.length > 1)
        mask(body.join(''));
}
function decode_decodeInput(input, raw, ctx) {
    const notes = [];
    if (input === 'private-key')
        maskSecretText(raw, ctx.mask);
    const blocks = decodeText(input, raw, ctx, notes, 0, undefined);
    return { blocks, notes };
}
function decodeText(input, text, ctx, notes, depth, file) {
    const where = file === undefined ? '' : ` (file ${file})`;
    const t = text.replace(/^\uFEFF/, '').trim();
    if (t === '') {
        throw new errors_BundleError(input, 'no-pem', file === undefined ? 'is empty' : `the file ${file} is empty`);
    }
    if (t.includes('-----BEGIN ')) {
        return parsePem(input, t, ctx, notes, where);
    }
    if (depth < MAX_DEPTH && /^[A-Za-z0-9+/=_-]+$/.test(t.replace(/\s+/g, '')) && t.length >= 8) {
        const bytes = decodeBase64(t);
        if (bytes) {
            const decoded = bytes.toString('latin1');
            if (decoded.includes('-----BEGIN ') || base64OfPem(decoded)) {
                if (input === 'private-key')
                    maskSecretText(decoded, ctx.mask);
                notes.push(`${input}: decoded from base64${where}`);
                return decodeText(input, decoded, ctx, notes, depth + 1, file);
            }
            if (looksLikeDer(bytes)) {
                throw noPem(input, `base64 of ${describeDer(bytes)}${where}`, derHint(bytes));
            }
        }
    }
    if (file === undefined && looksLikePath(t)) {
        let content;
        let failure;
        try {
            content = ctx.readFile(t);
        }
        catch (error) {
            failure =
                error.code === undefined
                    ? 'read error'
                    : String(error.code);
        }
        if (content !== undefined) {
            if (input === 'private-key')
                maskSecretText(content, ctx.mask);
            notes.push(`${input}: read from the file ${t}`);
            return decodeText(input, content, ctx, notes, depth + 1, t);
        }
        if (strictlyPathLike(t)) {
            // A key input that is not PEM might still be secret text: never echo it.
            const shown = input === 'private-key' || mayBeKeyText(t) ? 'a file path' : `a file path (${t})`;
            throw new errors_BundleError(input, 'unreadable-file', `is not PEM and looks like ${shown}, but the file could not be read (${failure ?? 'unknown error'}); ` +
                'give the PEM text, its base64, or the path of a readable file');
        }
    }
    throw noPem(input, describeNonPem(input, t) + where, hintFor(input, t));
}
function noPem(input, found, hint) {
    const expected = input === 'private-key'
        ? 'expected a PEM private key (-----BEGIN PRIVATE KEY-----), its base64, or a path to it'
        : 'expected PEM certificates (-----BEGIN CERTIFICATE-----), their base64, or a path to a PEM file';
    return new errors_BundleError(input, 'no-pem', `no PEM block found; found ${found} instead. ${hint}${hint ? ' ' : ''}(${expected})`);
}
function parsePem(input, text, ctx, notes, where) {
    let t = text;
    if (!/[\r\n]/.test(t.slice(t.indexOf('-----BEGIN '))) && t.includes('\\n')) {
        t = t.replace(/\\r\\n|\\n|\\r/g, '\n');
        notes.push(`${input}: replaced literal "\\n" sequences with line breaks${where}`);
    }
    if (t.includes('\r')) {
        t = t.replace(/\r\n?/g, '\n');
        notes.push(`${input}: converted CRLF line endings to LF${where}`);
    }
    const blocks = [];
    const begin = /-----BEGIN ([A-Z0-9 #._-]{1,64})-----/g;
    let outside = '';
    let cursor = 0;
    let match;
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
            if (secret)
                maskSecretText(t.slice(match.index, nextBegin >= 0 ? nextBegin : undefined), ctx.mask);
            throw new errors_BundleError(input, 'malformed-pem', `the ${label} block${blockNo(position)}${where} has no "${endMarker}" line (truncated or pasted incompletely?)`);
        }
        const bodyText = t.slice(bodyStart, end);
        if (secret)
            maskSecretText(t.slice(match.index, end + endMarker.length), ctx.mask);
        const { headers, base64 } = splitHeaders(bodyText);
        const der = strictBase64(base64);
        if (!der || der.length === 0) {
            throw new errors_BundleError(input, 'malformed-pem', `the ${label} block${blockNo(position)}${where} does not hold valid base64 (damaged or edited?)`);
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
function blockNo(position) {
    return position > 1 ? ` (block ${position})` : '';
}
function splitHeaders(body) {
    const headers = {};
    const lines = body.split('\n');
    let i = 0;
    while (i < lines.length && (lines[i] ?? '').trim() === '')
        i++;
    while (i < lines.length) {
        const line = (lines[i] ?? '').trim();
        const header = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
        if (!header)
            break;
        headers[header[1] ?? ''] = header[2] ?? '';
        i++;
    }
    return { headers, base64: lines.slice(i).join('').replace(/\s+/g, '') };
}
function strictBase64(s) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1)
        return undefined;
    return Buffer.from(s, 'base64');
}
/** Base64 of base64 of PEM (a secret encoded twice) is seen in the wild too. */
function base64OfPem(text) {
    const t = text.trim();
    if (!/^[A-Za-z0-9+/=_-]+$/.test(t.replace(/\s+/g, '')))
        return false;
    return decodeBase64(t)?.toString('latin1').includes('-----BEGIN ') === true;
}
/** Standard or URL-safe base64, line-wrapped or not, padding optional. */
function decodeBase64(t) {
    const s = t.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(s) || s.length % 4 === 1)
        return undefined;
    const bytes = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length > 0 ? bytes : undefined;
}
function looksLikePath(t) {
    return t.length <= 4096 && !/[\r\n\0]/.test(t);
}
/** A run that could be a line of base64 key material: never echo it. */
function mayBeKeyText(t) {
    return (t.match(/[A-Za-z0-9+/=]{24,}/g) ?? []).some((run) => /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run));
}
function strictlyPathLike(t) {
    return (/^(\/|\.{1,2}[\\/]|~[\\/]|[A-Za-z]:[\\/]|\\\\)/.test(t) ||
        /\.(pem|crt|cer|cert|key|der|txt|p12|pfx|chain|ca-bundle)$/i.test(t));
}
/** Reads one DER length; returns the total encoded length of the outer TLV or undefined. */
function derOuterLength(bytes) {
    if (bytes.length < 2)
        return undefined;
    const first = bytes[1] ?? 0;
    if (first < 0x80)
        return 2 + first;
    const n = first & 0x7f;
    if (n === 0 || n > 4 || bytes.length < 2 + n)
        return undefined;
    let len = 0;
    for (let i = 0; i < n; i++)
        len = len * 256 + (bytes[2 + i] ?? 0);
    return 2 + n + len;
}
function looksLikeDer(bytes) {
    if (bytes[0] !== 0x30)
        return false;
    const total = derOuterLength(bytes);
    return total !== undefined && total <= bytes.length && total >= bytes.length - 2 && total > 8;
}
function derKind(bytes) {
    try {
        new external_node_crypto_.X509Certificate(bytes);
        return 'certificate';
    }
    catch {
        // not a certificate
    }
    for (const type of ['pkcs8', 'pkcs1', 'sec1']) {
        try {
            (0,external_node_crypto_.createPrivateKey)({ key: bytes, format: 'der', type });
            return 'private key';
        }
        catch {
            // not this key form
        }
    }
    // PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, ... }
    const header = 2 + ((bytes[1] ?? 0) >= 0x80 ? (bytes[1] ?? 0) & 0x7f : 0);
    if (bytes[header] === 0x02 && bytes[header + 1] === 0x01 && bytes[header + 2] === 0x03)
        return 'pkcs12';
    return 'unknown';
}
function describeDer(bytes) {
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
function derHint(bytes) {
    switch (derKind(bytes)) {
        case 'certificate':
            return 'Convert it to PEM: openssl x509 -inform der -in cert.der -out cert.pem';
        case 'private key':
            return 'Convert it to PEM: openssl pkey -inform der -in key.der -out key.pem';
        case 'pkcs12':
            return ('Extract PEM from it: openssl pkcs12 -in bundle.pfx -clcerts -nokeys -out cert.pem; ' +
                'openssl pkcs12 -in bundle.pfx -cacerts -nokeys -out chain.pem; openssl pkcs12 -in bundle.pfx -nocerts -nodes -out key.pem');
        default:
            return 'Convert it to PEM with openssl.';
    }
}
function describeNonPem(input, t) {
    const bytes = Buffer.from(t, 'latin1');
    if (looksLikeDer(bytes))
        return describeDer(bytes);
    if (t.startsWith('{') || t.startsWith('[')) {
        try {
            const value = JSON.parse(t);
            if (Array.isArray(value))
                return `a JSON array of ${value.length} item(s)`;
            if (value !== null && typeof value === 'object') {
                if (input === 'private-key')
                    return 'a JSON object';
                const keys = Object.keys(value)
                    .slice(0, 8)
                    .map((k) => k.replace(/[^\w.-]/g, '?').slice(0, 40));
                return `a JSON object (keys: ${keys.join(', ') || 'none'})`;
            }
        }
        catch {
            // not JSON after all
        }
    }
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x08\x0e-\x1f\x7f]/.test(t))
        return `${t.length} bytes of binary data`;
    if (input === 'private-key')
        return `${t.length} characters of text that is not PEM, base64 of PEM, or a readable file path`;
    // Redact long base64-looking runs: a key pasted into the wrong input must not reach the log.
    const redacted = t.replace(/[^\x20-\x7e]/g, '?').replace(/[A-Za-z0-9+/=_-]{16,}/g, '[...]');
    const preview = redacted.length > 40 ? `${redacted.slice(0, 40)}...` : redacted;
    return `text that is not PEM, base64 of PEM, or a readable file path ("${preview}")`;
}
function hintFor(input, t) {
    const bytes = Buffer.from(t, 'latin1');
    if (looksLikeDer(bytes))
        return derHint(bytes);
    if (t.startsWith('{'))
        return 'Pass the PEM text itself (for example one field of that JSON).';
    return '';
}

;// CONCATENATED MODULE: ./lib/certificate/facts.js
// Certificate facts: what the plan compares (SANs, serial, fingerprint, dates, key algorithm) and
// what validation looks at (CA flag, EKU, self-signature). @peculiar/x509 reads the extensions and
// names; node:crypto holds the public key and verifies signatures (synchronously, SHA-1 included).





const EKU_NAMES = {
    '1.3.6.1.5.5.7.3.1': 'serverAuth',
    '1.3.6.1.5.5.7.3.2': 'clientAuth',
    '1.3.6.1.5.5.7.3.3': 'codeSigning',
    '1.3.6.1.5.5.7.3.4': 'emailProtection',
    '1.3.6.1.5.5.7.3.8': 'timeStamping',
    '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
    '2.5.29.37.0': 'anyExtendedKeyUsage',
};
const CURVE_NAMES = {
    prime256v1: 'prime256v1',
    'P-256': 'prime256v1',
    secp384r1: 'secp384r1',
    'P-384': 'secp384r1',
    secp521r1: 'secp521r1',
    'P-521': 'secp521r1',
};
function toPem(label, der) {
    const b64 = Buffer.from(der).toString('base64');
    return `-----BEGIN ${label}-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}
/** ACM's KeyAlgorithm name for a public or private key. */
function keyAlgorithmOf(key) {
    const details = key.asymmetricKeyDetails ?? {};
    switch (key.asymmetricKeyType) {
        case 'rsa':
            return `RSA_${details.modulusLength ?? 0}`;
        case 'rsa-pss':
            return `RSASSA_PSS_${details.modulusLength ?? 0}`;
        case 'ec': {
            const curve = details.namedCurve ?? 'unknown';
            return `EC_${CURVE_NAMES[curve] ?? curve}`;
        }
        default:
            return String(key.asymmetricKeyType ?? 'unknown').toUpperCase();
    }
}
/** "RSA 2048", "EC P-256": how people say it. */
function describeKeyAlgorithm(algorithm) {
    const rsa = /^RSA_(\d+)$/.exec(algorithm);
    if (rsa)
        return `RSA ${rsa[1]}`;
    const ec = {
        EC_prime256v1: 'EC P-256',
        EC_secp384r1: 'EC P-384',
        EC_secp521r1: 'EC P-521',
    };
    return ec[algorithm] ?? algorithm.replace(/_/g, ' ');
}
function spkiSha256(key) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update(key.export({ type: 'spki', format: 'der' }))
        .digest('hex');
}
function signatureAlgorithmName(cert) {
    const alg = cert.signatureAlgorithm;
    const hash = (alg.hash?.name ?? '').replace('-', '').toLowerCase(); // sha256
    switch (alg.name) {
        case 'RSASSA-PKCS1-v1_5':
            return `${hash}WithRSAEncryption`;
        case 'ECDSA':
            return `ecdsa-with-${hash.toUpperCase()}`;
        case 'RSA-PSS':
            return 'rsassaPss';
        case undefined:
            return 'unknown';
        default:
            return hash ? `${alg.name} with ${alg.hash?.name}` : alg.name;
    }
}
/**
 * Normalised serial: lowercase hex without separators, whole bytes, without the leading 00 byte
 * DER adds to keep a serial positive. Use it on both sides when comparing with ACM's Serial.
 */
function normaliseSerial(serial) {
    let hex = serial.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
    if (hex.length % 2 === 1)
        hex = `0${hex}`;
    while (hex.length > 2 && hex.startsWith('00'))
        hex = hex.slice(2);
    return hex === '' ? '00' : hex;
}
/**
 * The serial as ACM DescribeCertificate shows it: lowercase hex byte pairs joined by colons
 * ("0a:1b:2c"). Compare serials with normaliseSerial on both sides rather than by string.
 */
function formatAcmSerial(serial) {
    return (normaliseSerial(serial).match(/../g) ?? []).join(':');
}
/** Parses one DER certificate; the error names the input and the block position. */
function parseCertificate(der, input, position) {
    let node;
    let cert;
    try {
        node = new external_node_crypto_.X509Certificate(der);
        cert = new x509_cjs/* X509Certificate */.yI(new Uint8Array(der));
    }
    catch {
        throw new errors_BundleError(input, 'invalid-certificate', `the CERTIFICATE block${position > 1 ? ` (block ${position})` : ''} is not a valid X.509 certificate (damaged or truncated?)`);
    }
    try {
        return { facts: factsOf(cert, node, der), node, der, spkiSha256: spkiSha256(node.publicKey) };
    }
    catch {
        throw new errors_BundleError(input, 'invalid-certificate', `the certificate${position > 1 ? ` in block ${position}` : ''} has fields that could not be read (malformed extension?)`);
    }
}
function factsOf(cert, node, der) {
    const san = cert.getExtension(x509_cjs/* SubjectAlternativeNameExtension */.Wx);
    const sans = (san?.names.items ?? []).filter((n) => n.type === 'dns').map((n) => n.value.toLowerCase());
    const eku = cert.getExtension(x509_cjs/* ExtendedKeyUsageExtension */.j6);
    const basic = cert.getExtension(x509_cjs/* BasicConstraintsExtension */.WA);
    const sameName = node.subject === node.issuer;
    let selfSigned = false;
    if (sameName) {
        try {
            selfSigned = node.verify(node.publicKey);
        }
        catch {
            selfSigned = false;
        }
    }
    return {
        subject: cert.subject,
        issuer: cert.issuer,
        commonName: cert.subjectName.getField('CN')[0],
        sans,
        serial: normaliseSerial(node.serialNumber),
        fingerprintSha256: (0,external_node_crypto_.createHash)('sha256').update(der).digest('hex'),
        notBefore: cert.notBefore,
        notAfter: cert.notAfter,
        keyAlgorithm: keyAlgorithmOf(node.publicKey),
        signatureAlgorithm: signatureAlgorithmName(cert),
        isCa: basic?.ca === true,
        selfSigned,
        extendedKeyUsage: eku ? eku.usages.map((u) => EKU_NAMES[String(u)] ?? String(u)) : undefined,
        pem: toPem('CERTIFICATE', der),
    };
}
/** Facts of the first certificate in a PEM text, e.g. the Certificate returned by ACM GetCertificate. */
function certificateFacts(pem) {
    const { blocks } = decodeInput('certificate', pem, {
        readFile: () => {
            throw Object.assign(new Error('no file reading here'), { code: 'ENOTSUP' });
        },
        mask: () => undefined,
    });
    const block = blocks.find((b) => b.label === 'CERTIFICATE');
    if (!block) {
        throw new BundleError('certificate', 'no-pem', `no CERTIFICATE block found (found ${blocks.map((b) => b.label).join(', ')})`);
    }
    return parseCertificate(block.der, 'certificate', block.position).facts;
}

// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
;// CONCATENATED MODULE: ./lib/certificate/key.js
// The private key: PKCS#8, PKCS#1 (RSA) or SEC1 (EC, with or without an EC PARAMETERS block).
// Encrypted keys are refused: ACM only imports unencrypted keys.
//
// Form sent to ACM: the ACM user guide ("Certificate and key format for importing",
// https://docs.aws.amazon.com/acm/latest/userguide/import-certificate-format.html) shows an RSA key
// as PKCS#8 ("-----BEGIN PRIVATE KEY-----") and an EC key as SEC1 ("-----BEGIN EC PRIVATE KEY-----",
// with an optional EC PARAMETERS block that ACM strips). We send exactly those two documented
// forms, re-encoded canonically (LF, 64-character lines): RSA keys as PKCS#8, EC keys as SEC1
// without the parameters block. Any other key type is refused later (unsupported-key).




const FORMAT_NAMES = {
    pkcs8: 'PKCS#8 (BEGIN PRIVATE KEY)',
    pkcs1: 'PKCS#1 (BEGIN RSA PRIVATE KEY)',
    sec1: 'SEC1 (BEGIN EC PRIVATE KEY)',
};
const LABEL_FORMATS = {
    'PRIVATE KEY': 'pkcs8',
    'RSA PRIVATE KEY': 'pkcs1',
    'EC PRIVATE KEY': 'sec1',
};
const REMOVE_PASSPHRASE = 'remove the passphrase: openssl pkey -in key.pem -out key.pem';
function parsePrivateKey(blocks, mask) {
    const notes = [];
    const keyBlocks = blocks.filter((b) => /PRIVATE KEY$/.test(b.label));
    const others = blocks.filter((b) => !/PRIVATE KEY$/.test(b.label) && b.label !== 'EC PARAMETERS');
    if (keyBlocks.length === 0) {
        const found = others.length > 0 ? `found ${summariseLabels(others)}` : 'found only EC PARAMETERS';
        const swapped = others.some((b) => b.label === 'CERTIFICATE')
            ? ' (are certificate and private-key swapped?)'
            : '';
        throw new errors_BundleError('private-key', 'no-pem', `no private key block found; ${found}${swapped}`);
    }
    if (others.length > 0)
        notes.push(`private-key: ignored ${summariseLabels(others)} next to the key`);
    if (blocks.some((b) => b.label === 'EC PARAMETERS'))
        notes.push('private-key: dropped the EC PARAMETERS block');
    for (const block of keyBlocks) {
        if (block.label === 'ENCRYPTED PRIVATE KEY' || /ENCRYPTED/i.test(block.headers['Proc-Type'] ?? '')) {
            throw new errors_BundleError('private-key', 'encrypted-key', `is encrypted with a passphrase; ACM imports only unencrypted keys: ${REMOVE_PASSPHRASE}`);
        }
    }
    const distinct = keyBlocks.filter((b, i) => keyBlocks.findIndex((o) => o.der.equals(b.der)) === i);
    if (distinct.length < keyBlocks.length)
        notes.push('private-key: dropped a duplicate copy of the key');
    if (distinct.length > 1) {
        throw new errors_BundleError('private-key', 'multiple-keys', `contains ${distinct.length} different private keys; give exactly one`);
    }
    const block = distinct[0];
    if (!block)
        throw new errors_BundleError('private-key', 'no-pem', 'no private key block found');
    const labelled = LABEL_FORMATS[block.label];
    if (!labelled) {
        const hint = block.label === 'OPENSSH PRIVATE KEY'
            ? 'an OpenSSH key is not a TLS key; give the key the certificate was issued for'
            : 'CloudFront accepts RSA 1024, 2048, 3072, 4096 or EC P-256 keys in PEM';
        const code = block.label === 'OPENSSH PRIVATE KEY' ? 'invalid-key' : 'unsupported-key';
        throw new errors_BundleError('private-key', code, `is a "${block.label}" block; ${hint}`);
    }
    let format = labelled;
    let key;
    for (const candidate of [
        labelled,
        ...['pkcs8', 'pkcs1', 'sec1'].filter((f) => f !== labelled),
    ]) {
        try {
            key = (0,external_node_crypto_.createPrivateKey)({ key: block.der, format: 'der', type: candidate });
            format = candidate;
            break;
        }
        catch {
            // try the next form
        }
    }
    if (!key) {
        throw new errors_BundleError('private-key', 'invalid-key', `the ${block.label} block could not be read as a private key (damaged, truncated, or not a key?)`);
    }
    if (format !== labelled)
        notes.push(`private-key: the block labelled ${block.label} holds a ${FORMAT_NAMES[format]} key`);
    const target = key.asymmetricKeyType === 'ec' ? 'sec1' : 'pkcs8';
    const pem = String(key.export({ type: target, format: 'pem' })).replace(/\r\n?/g, '\n');
    maskSecretText(pem, mask);
    if (!consistent(key)) {
        throw new errors_BundleError('private-key', 'invalid-key', 'is damaged: its private part does not agree with its public part (a changed character?); copy the key again from its source');
    }
    if (format !== target) {
        notes.push(`private-key: converted ${FORMAT_NAMES[format]} to ${FORMAT_NAMES[target]}, the form ACM documents`);
    }
    const algorithm = keyAlgorithmOf(key);
    return { key, format, pem, algorithm, spkiSha256: spkiSha256((0,external_node_crypto_.createPublicKey)(key)), notes };
}
function summariseLabels(blocks) {
    const counts = new Map();
    for (const b of blocks)
        counts.set(b.label, (counts.get(b.label) ?? 0) + 1);
    return [...counts].map(([label, n]) => (n > 1 ? `${n} ${label} blocks` : `a ${label} block`)).join(', ');
}
function bigint(base64url) {
    return base64url === undefined
        ? undefined
        : BigInt(`0x${Buffer.from(base64url, 'base64url').toString('hex') || '0'}`);
}
function gcd(a, b) {
    while (b !== 0n)
        [a, b] = [b, a % b];
    return a;
}
/**
 * A key whose bytes were damaged can still parse and still carry the certificate's public key
 * (the damage hit a private-only field), and would be imported into ACM and fail in TLS later.
 * Check what OpenSSL's RSA_check_key checks (minus primality), and that a signature made with
 * the private part verifies with the public part (catches a damaged EC scalar).
 */
function consistent(key) {
    try {
        if (key.asymmetricKeyType === 'rsa') {
            const jwk = key.export({ format: 'jwk' });
            const [n, e, d, p, q, dp, dq, qi] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map(bigint);
            if (n === undefined || e === undefined || d === undefined)
                return false;
            if (p !== undefined && q !== undefined) {
                if (p * q !== n || p < 2n || q < 2n)
                    return false;
                const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
                if ((d * e) % lambda !== 1n)
                    return false;
                if (dp !== undefined && dp !== d % (p - 1n))
                    return false;
                if (dq !== undefined && dq !== d % (q - 1n))
                    return false;
                if (qi !== undefined && (qi * q) % p !== 1n)
                    return false;
                // These relations make the key work; no need to pay for a trial signature.
                if (dp !== undefined && dq !== undefined && qi !== undefined)
                    return true;
            }
        }
        // Other key types are refused later as unsupported; no need to exercise them here.
        if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec')
            return true;
        const digest = 'sha256';
        const data = Buffer.from('cloudfront-certificate-deploy key check');
        return (0,external_node_crypto_.verify)(digest, data, (0,external_node_crypto_.createPublicKey)(key), (0,external_node_crypto_.sign)(digest, data, key));
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./lib/certificate/bundle.js
// Assemble and validate a certificate bundle: find the leaf by its key, put the chain in order,
// and refuse up front what ACM or CloudFront would refuse later, with a message that names the
// input and says what to do. Checks run in this order: decode -> key -> find leaf -> chain ->
// dates -> key type -> leaf checks -> sizes.






/** ACM ImportCertificate limits (bytes). */
const ACM_LIMITS = { certificate: 32_768, privateKey: 5_120, chain: 2_097_152 };
/** Key algorithms CloudFront accepts for viewer certificates (ACM imports P-384 and P-521 too). */
const CLOUDFRONT_KEY_ALGORITHMS = [
    'RSA_1024',
    'RSA_2048',
    'RSA_3072',
    'RSA_4096',
    'EC_prime256v1',
];
const CLOUDFRONT_KEYS_TEXT = 'RSA 1024, 2048, 3072, 4096 or EC P-256';
const SERVER_AUTH_OK = new Set(['serverAuth', 'anyExtendedKeyUsage']);
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_CHAIN = 10;
async function loadBundle(raw, opts) {
    const mask = opts.maskSecret ?? (() => undefined);
    const ctx = { readFile: opts.readFile ?? defaultReadFile, mask };
    const normalisations = [];
    const warnings = [];
    // 1-2. Decode and read the key first: that masks every form of it (raw, decoded, file
    // contents, every PEM line, the converted PEM) before anything else happens.
    const withoutKey = opts.keyOptional === true && raw.privateKey.trim() === '';
    const keyDecoded = withoutKey ? undefined : decode_decodeInput('private-key', raw.privateKey, ctx);
    const key = keyDecoded ? parsePrivateKey(keyDecoded.blocks, mask) : undefined;
    const certDecoded = decode_decodeInput('certificate', raw.certificate, ctx);
    const chainDecoded = raw.chain === undefined || raw.chain.trim() === ''
        ? undefined
        : decode_decodeInput('certificate-chain', raw.chain, ctx);
    normalisations.push(...(keyDecoded?.notes ?? []), ...(key?.notes ?? []), ...certDecoded.notes, ...(chainDecoded?.notes ?? []));
    const certBlocks = certificateBlocks('certificate', certDecoded, normalisations);
    const chainBlocks = chainDecoded
        ? certificateBlocks('certificate-chain', chainDecoded, normalisations)
        : [];
    // 3. Find the leaf: the certificate whose public key is the key's.
    const given = [
        ...certBlocks.map((b) => ({
            cert: parseCertificate(b.der, 'certificate', b.position),
            input: 'certificate',
        })),
        ...chainBlocks.map((b) => ({
            cert: parseCertificate(b.der, 'certificate-chain', b.position),
            input: 'certificate-chain',
        })),
    ].map((c, order) => ({ ...c, order }));
    const fromCertificate = given.filter((c) => c.input === 'certificate');
    const matchesIn = (list) => key ? list.filter((c) => c.cert.spkiSha256 === key.spkiSha256) : list.filter((c) => !c.cert.facts.isCa);
    const matches = matchesIn(fromCertificate).length > 0 ? matchesIn(fromCertificate) : matchesIn(given);
    const leafCandidate = preferredLeaf(key ? matches : matches.length > 0 ? matches : given, opts.now);
    if (!leafCandidate) {
        if (!key)
            throw new errors_BundleError('certificate', 'no-pem', 'holds no certificate');
        throw keyMismatch(fromCertificate, key.algorithm, key.spkiSha256);
    }
    if (!key) {
        warnings.push(`private-key: not given (pull requests from forks get no secrets): the key could not be checked against the certificate; the leaf was taken to be '${nameOf(leafCandidate.cert)}', the first certificate that is not a CA`);
    }
    const leaf = leafCandidate.cert;
    const sameKey = matches.filter((c) => c.cert.facts.fingerprintSha256 !== leaf.facts.fingerprintSha256);
    if (sameKey.length > 0) {
        normalisations.push(`${leafCandidate.input}: ${sameKey.length + 1} certificates match the key (a renewal that kept the key?); used '${nameOf(leaf)}' valid until ${iso(leaf.facts.notAfter)}`);
    }
    if (leafCandidate.input === 'certificate-chain') {
        normalisations.push(`certificate-chain: holds the leaf '${nameOf(leaf)}' that matches the key; used it as the certificate`);
    }
    else if (fromCertificate.length > 1 && fromCertificate.indexOf(leafCandidate) > 0) {
        normalisations.push(`certificate: the leaf '${nameOf(leaf)}' was found at position ${fromCertificate.indexOf(leafCandidate) + 1} of ${fromCertificate.length}`);
    }
    // De-duplicate: the same certificate given twice (often in both inputs) counts once.
    const pool = [];
    const seen = new Set([leaf.facts.fingerprintSha256]);
    const duplicates = new Map();
    for (const c of given) {
        if (c === leafCandidate)
            continue;
        if (seen.has(c.cert.facts.fingerprintSha256)) {
            duplicates.set(c.input, (duplicates.get(c.input) ?? 0) + 1);
            continue;
        }
        seen.add(c.cert.facts.fingerprintSha256);
        pool.push(c);
    }
    for (const [input, n] of duplicates) {
        normalisations.push(`${input}: dropped ${n === 1 ? 'a duplicate certificate' : `${n} duplicate certificates`} (given more than once)`);
    }
    // 4. Chain: walk from the leaf to its issuers.
    const chain = [];
    let droppedRoot;
    if (!leaf.facts.selfSigned) {
        let current = leaf;
        const used = new Set();
        while (chain.length < MAX_CHAIN) {
            const issuers = pool.filter((c) => !used.has(c) && c.cert.node.subject === current.node.issuer);
            if (issuers.length === 0) {
                if (current === leaf)
                    throw chainIncomplete(leaf, pool, chainDecoded !== undefined);
                break; // the top intermediate's issuer (normally the root) was not given: that is fine.
            }
            const issuer = issuers.find((c) => verifies(current.node, c.cert.node.publicKey));
            if (!issuer) {
                const first = issuers[0];
                throw new errors_BundleError(first.input, 'bad-signature', `the signature of '${nameOf(current)}' does not verify with the public key of '${nameOf(first.cert)}', ` +
                    'the certificate named as its issuer (a different certificate with the same name, or a damaged certificate?)');
            }
            used.add(issuer);
            if (issuer.cert.facts.selfSigned && current !== leaf) {
                droppedRoot = issuer;
                normalisations.push(`${issuer.input}: dropped the self-signed root '${nameOf(issuer.cert)}' (clients already have their roots)`);
                break;
            }
            chain.push(issuer);
            if (issuer.cert.facts.selfSigned) {
                normalisations.push(`${issuer.input}: kept the self-signed root '${nameOf(issuer.cert)}' because the leaf is issued directly by it`);
                break;
            }
            current = issuer.cert;
        }
    }
    const unused = pool.filter((c) => !chain.includes(c) && c !== droppedRoot);
    for (const c of unused) {
        normalisations.push(leaf.facts.selfSigned
            ? `${c.input}: dropped '${nameOf(c.cert)}': the certificate is self-signed and needs no chain`
            : `${c.input}: dropped '${nameOf(c.cert)}': it is not part of the leaf's chain`);
    }
    const walked = [leafCandidate, ...chain, ...(droppedRoot ? [droppedRoot] : [])];
    if (walked.some((c, i) => i > 0 && c.order < walked[i - 1].order)) {
        normalisations.push(`certificate-chain: re-ordered to leaf -> ${chain.map((c) => `'${nameOf(c.cert)}'`).join(' -> ') || '(none)'}`);
    }
    const moved = chain.filter((c) => c.input === 'certificate').length;
    if (moved > 0) {
        normalisations.push(`certificate: moved ${moved === 1 ? '1 extra certificate' : `${moved} extra certificates`} to the chain (ACM takes exactly one certificate)`);
    }
    // 5. Dates.
    const now = opts.now.getTime();
    const validity = `valid from ${iso(leaf.facts.notBefore)} to ${iso(leaf.facts.notAfter)}`;
    if (now < leaf.facts.notBefore.getTime()) {
        throw new errors_BundleError('certificate', 'not-yet-valid', `is not valid yet (${validity}; now ${iso(opts.now)}); ACM imports only certificates valid now`);
    }
    if (now > leaf.facts.notAfter.getTime()) {
        throw new errors_BundleError('certificate', 'expired', `expired on ${iso(leaf.facts.notAfter)} (${validity}; now ${iso(opts.now)})`);
    }
    const daysLeft = Math.floor((leaf.facts.notAfter.getTime() - now) / DAY_MS);
    if (daysLeft < opts.expiryWarningDays) {
        warnings.push(`certificate: expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}, on ${iso(leaf.facts.notAfter)}`);
    }
    for (const c of chain) {
        if (now > c.cert.facts.notAfter.getTime() || now < c.cert.facts.notBefore.getTime()) {
            const state = now > c.cert.facts.notAfter.getTime()
                ? `expired on ${iso(c.cert.facts.notAfter)}`
                : `is not valid until ${iso(c.cert.facts.notBefore)}`;
            warnings.push(`${c.input}: the chain certificate '${nameOf(c.cert)}' ${state}; clients may reject the chain`);
        }
    }
    // 6. Key type: what CloudFront accepts, not only what ACM imports.
    const keyAlgorithm = key?.algorithm ?? leaf.facts.keyAlgorithm;
    if (!CLOUDFRONT_KEY_ALGORITHMS.includes(keyAlgorithm)) {
        throw new errors_BundleError(key ? 'private-key' : 'certificate', 'unsupported-key', `is an ${describeKeyAlgorithm(keyAlgorithm)} key, which CloudFront does not accept; CloudFront accepts ${CLOUDFRONT_KEYS_TEXT}`);
    }
    // 7. The leaf itself.
    if (leaf.facts.isCa) {
        if (!leaf.facts.selfSigned) {
            throw new errors_BundleError('certificate', 'leaf-is-ca', `'${nameOf(leaf)}' is a CA certificate (basicConstraints CA:TRUE), not a server certificate; give the certificate issued for your domain names`);
        }
        warnings.push(`certificate: '${nameOf(leaf)}' is a self-signed CA certificate (as openssl req -x509 makes them); fine for tests only`);
    }
    const eku = leaf.facts.extendedKeyUsage;
    if (eku !== undefined && !eku.some((u) => SERVER_AUTH_OK.has(u))) {
        throw new errors_BundleError('certificate', 'no-server-auth', `its Extended Key Usage (${eku.join(', ') || 'empty'}) does not include serverAuth (TLS Web Server Authentication), which a CloudFront certificate needs`);
    }
    if (leaf.facts.sans.length === 0) {
        warnings.push(`certificate: has no DNS names in subjectAltName (CN-only${leaf.facts.commonName ? ` '${leaf.facts.commonName}'` : ''}); browsers and CloudFront alias checks use the SAN list`);
    }
    for (const c of [{ cert: leaf, input: leafCandidate.input }, ...chain]) {
        if (/^(sha1With|ecdsa-with-SHA1$)/i.test(c.cert.facts.signatureAlgorithm)) {
            warnings.push(`${c.input}: '${nameOf(c.cert)}' is signed with SHA-1 (${c.cert.facts.signatureAlgorithm}), which browsers reject`);
        }
    }
    const trust = trustWarning(leaf, chain, droppedRoot, opts.trustedRoots ?? external_node_tls_.rootCertificates);
    if (trust)
        warnings.push(trust);
    // 8. Sizes, on what will be sent.
    const certificatePem = leaf.facts.pem;
    const chainPem = chain.length > 0 ? chain.map((c) => c.cert.facts.pem).join('') : undefined;
    checkSizes(certificatePem, key?.pem ?? '', chainPem);
    return {
        leaf: leaf.facts,
        chain: chain.map((c) => c.cert.facts),
        certificatePem,
        chainPem,
        privateKeyPem: key?.pem ?? '',
        normalisations,
        warnings,
    };
}
function certificateBlocks(input, decoded, notes) {
    const certs = decoded.blocks.filter((b) => b.label === 'CERTIFICATE');
    const others = decoded.blocks.filter((b) => b.label !== 'CERTIFICATE');
    if (certs.length === 0) {
        const labels = [...new Set(others.map((b) => b.label))].join(', ');
        const swapped = others.some((b) => /PRIVATE KEY$/.test(b.label))
            ? ' (are certificate and private-key swapped?)'
            : '';
        throw new errors_BundleError(input, 'no-pem', `no CERTIFICATE block found; found ${labels} instead${swapped}`);
    }
    for (const label of new Set(others.map((b) => b.label))) {
        notes.push(/PRIVATE KEY$/.test(label)
            ? `${input}: ignored a ${label} block (the key is taken from private-key only)`
            : `${input}: ignored a ${label} block`);
    }
    return certs;
}
/** Among certificates with the key: a server certificate valid now, the one that lasts longest. */
function preferredLeaf(matches, now) {
    const t = now.getTime();
    const score = (c) => (c.cert.facts.isCa ? 0 : 2) +
        (c.cert.facts.notBefore.getTime() <= t && t <= c.cert.facts.notAfter.getTime() ? 1 : 0);
    return [...matches].sort((a, b) => score(b) - score(a) ||
        b.cert.facts.notAfter.getTime() - a.cert.facts.notAfter.getTime() ||
        a.order - b.order)[0];
}
function verifies(cert, key) {
    try {
        return cert.verify(key);
    }
    catch {
        return false;
    }
}
function nameOf(cert) {
    return cert.facts.commonName ?? cert.facts.subject;
}
function iso(date) {
    return date.toISOString().replace(/\.000Z$/, 'Z');
}
function keyMismatch(certs, keyAlgorithm, keySpki) {
    const shown = certs.find((c) => !c.cert.facts.isCa) ?? certs[0];
    const certPart = shown
        ? `certificate '${nameOf(shown.cert)}' has public key ${describeKeyAlgorithm(shown.cert.facts.keyAlgorithm)} sha256:${shown.cert.spkiSha256.slice(0, 16)}`
        : 'no certificate given';
    const scope = certs.length > 1 ? ` (none of the ${certs.length} certificates given matches)` : '';
    return new errors_BundleError('private-key', 'key-mismatch', `does not match the certificate${scope}: ${certPart}, the key's public half is ${describeKeyAlgorithm(keyAlgorithm)} sha256:${keySpki.slice(0, 16)}`);
}
function chainIncomplete(leaf, pool, chainGiven) {
    const need = `'${leaf.facts.issuer}'`;
    if (pool.length === 0) {
        return new errors_BundleError('certificate-chain', 'chain-incomplete', `${chainGiven ? 'holds no other certificate' : 'is empty'}, but '${nameOf(leaf)}' is not self-signed: ACM needs the intermediate certificate(s) of its issuer ${need} ("Could not validate the certificate with the certificate chain")`);
    }
    const found = pool.map((c) => `'${c.cert.facts.subject}'`).join(', ');
    return new errors_BundleError('certificate-chain', 'chain-incomplete', `does not link to the certificate: '${nameOf(leaf)}' is issued by ${need}, which is not among the certificates given (${found})`);
}
/** Refuses what ACM ImportCertificate would refuse for size (exported for tests: a 2 MiB chain is slow to make). */
function checkSizes(certificatePem, privateKeyPem, chainPem) {
    tooLarge('certificate', certificatePem, ACM_LIMITS.certificate);
    tooLarge('private-key', privateKeyPem, ACM_LIMITS.privateKey);
    if (chainPem !== undefined)
        tooLarge('certificate-chain', chainPem, ACM_LIMITS.chain);
}
function tooLarge(input, pem, limit) {
    const size = Buffer.byteLength(pem, 'utf8');
    if (size > limit) {
        throw new errors_BundleError(input, 'too-large', `is ${size} bytes as PEM; ACM accepts at most ${limit} bytes`);
    }
}
const rootIndexes = new WeakMap();
function rootIndex(roots) {
    let index = rootIndexes.get(roots);
    if (!index) {
        index = new Map();
        for (const pem of roots) {
            try {
                const cert = new external_node_crypto_.X509Certificate(pem);
                index.set(cert.subject, [...(index.get(cert.subject) ?? []), cert]);
            }
            catch {
                // an unreadable trusted root cannot anchor anything
            }
        }
        rootIndexes.set(roots, index);
    }
    return index;
}
function trustWarning(leaf, chain, droppedRoot, roots) {
    const advice = 'CloudFront wants certificates from a CA in the Mozilla list or from AWS Private CA';
    if (leaf.facts.selfSigned) {
        return `certificate: '${nameOf(leaf)}' is self-signed; browsers will not trust it (${advice})`;
    }
    const index = rootIndex(roots);
    const top = chain.length > 0 ? chain[chain.length - 1].cert : leaf;
    if (top.facts.selfSigned) {
        const known = (index.get(top.node.subject) ?? []).some((r) => r.fingerprint256 === top.node.fingerprint256);
        return known
            ? undefined
            : `certificate-chain: ends at the root '${nameOf(top)}', which is not in Node's list of trusted roots (a private CA? ${advice})`;
    }
    if (droppedRoot) {
        const root = droppedRoot.cert;
        const known = (index.get(root.node.subject) ?? []).some((r) => r.publicKey.equals(root.node.publicKey));
        return known
            ? undefined
            : `certificate-chain: ends at the root '${nameOf(root)}', which is not in Node's list of trusted roots (a private CA? ${advice})`;
    }
    const anchored = (index.get(top.node.issuer) ?? []).some((r) => verifies(top.node, r.publicKey));
    return anchored
        ? undefined
        : `certificate-chain: ends at '${nameOf(top)}', whose issuer '${top.facts.issuer}' is not in Node's list of trusted roots (a private CA, or a missing intermediate? ${advice})`;
}

;// CONCATENATED MODULE: ./lib/certificate/index.js
// The certificate bundle: decode the inputs, assemble leaf + chain + key, validate, and describe.
// Pure apart from reading a file when an input is a path; no @actions/core, no AWS.





/***/ })

};
