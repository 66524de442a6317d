export const id = 190;
export const ids = [190];
export const modules = {

/***/ 5190:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Acm: () => (/* binding */ Acm)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_acm__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3490);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var _distribution_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(781);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6762);
// ACM, always in us-east-1: the only region CloudFront takes certificates from.




const IMPORT_ATTEMPTS = 5;
// ListCertificates returns only RSA_1024 and RSA_2048 certificates unless asked for every key type,
// so an EC or RSA 3072/4096 duplicate would be missed.
// https://docs.aws.amazon.com/acm/latest/APIReference/API_Filters.html
const ALL_KEY_TYPES = [
    'RSA_1024',
    'RSA_2048',
    'RSA_3072',
    'RSA_4096',
    'EC_prime256v1',
    'EC_secp384r1',
    'EC_secp521r1',
];
class Acm {
    client;
    importer;
    sleep;
    /**
     * `importer` sends ImportCertificate only, with the SDK's retries off: a retry after a timeout or a
     * 5xx may import a second copy when the first got through, and each import costs yearly quota.
     * import() retries only what certainly did not import: ACM's ThrottlingException.
     */
    constructor(client, importer = client, sleep = (ms) => new Promise((r) => setTimeout(r, ms))) {
        this.client = client;
        this.importer = importer;
        this.sleep = sleep;
    }
    destroy() {
        this.client.destroy();
        if (this.importer !== this.client)
            this.importer.destroy();
    }
    async describe(arn, signal) {
        try {
            const out = await this.client.send(new _aws_sdk_client_acm__WEBPACK_IMPORTED_MODULE_2__.DescribeCertificateCommand({ CertificateArn: arn }), signal ? { abortSignal: signal } : {});
            const c = out.Certificate;
            return {
                arn,
                serial: c?.Serial ? (0,_distribution_js__WEBPACK_IMPORTED_MODULE_3__/* .serialKey */ .S_)(c.Serial) : undefined,
                notAfter: c?.NotAfter,
                keyAlgorithm: c?.KeyAlgorithm,
                sans: c?.SubjectAlternativeNames ?? [],
                inUseBy: c?.InUseBy ?? [],
                extendedKeyUsages: (c?.ExtendedKeyUsages ?? []).flatMap((u) => (u.Name ? [u.Name] : [])),
                fingerprintSha256: undefined,
            };
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AwsCallError */ .iQ(`could not describe ACM certificate ${arn}`, error);
        }
    }
    /** SHA-256 of the DER of the certificate ACM holds at `arn`: proves "same leaf" exactly. */
    async fingerprint(arn) {
        try {
            const out = await this.client.send(new _aws_sdk_client_acm__WEBPACK_IMPORTED_MODULE_2__.GetCertificateCommand({ CertificateArn: arn }));
            if (!out.Certificate)
                throw new Error('GetCertificate returned no certificate');
            return new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(out.Certificate).fingerprint256.replace(/:/g, '').toLowerCase();
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AwsCallError */ .iQ(`could not read ACM certificate ${arn}`, error);
        }
    }
    /**
     * Every certificate in ACM (us-east-1) as ListCertificates summarises it, with every key type:
     * by default ListCertificates hides all but RSA_1024 and RSA_2048 (see ALL_KEY_TYPES).
     */
    async list(signal) {
        const summaries = [];
        let nextToken;
        try {
            do {
                const out = await this.client.send(new _aws_sdk_client_acm__WEBPACK_IMPORTED_MODULE_2__.ListCertificatesCommand({
                    Includes: { keyTypes: ALL_KEY_TYPES },
                    MaxItems: 1000,
                    ...(nextToken ? { NextToken: nextToken } : {}),
                }), signal ? { abortSignal: signal } : {});
                for (const s of out.CertificateSummaryList ?? []) {
                    if (!s.CertificateArn)
                        continue;
                    summaries.push({
                        arn: s.CertificateArn,
                        notAfter: s.NotAfter,
                        keyAlgorithm: s.KeyAlgorithm,
                        // Empty when the summary leaves them out (moto does): unknown, not "none".
                        sans: s.SubjectAlternativeNameSummaries ?? [],
                        extendedKeyUsages: s.ExtendedKeyUsages ?? [],
                        fingerprintSha256: undefined,
                    });
                }
                nextToken = out.NextToken;
            } while (nextToken);
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AwsCallError */ .iQ('could not list ACM certificates', error);
        }
        return summaries;
    }
    async import(bundle) {
        const encoder = new TextEncoder();
        const command = new _aws_sdk_client_acm__WEBPACK_IMPORTED_MODULE_2__.ImportCertificateCommand({
            Certificate: encoder.encode(bundle.certificatePem),
            PrivateKey: encoder.encode(bundle.privateKeyPem),
            ...(bundle.chainPem ? { CertificateChain: encoder.encode(bundle.chainPem) } : {}),
            // Tags cannot be given on a re-import.
            ...(bundle.arn ? { CertificateArn: bundle.arn } : { Tags: bundle.tags.map((t) => ({ ...t })) }),
        });
        const doing = bundle.arn
            ? `could not re-import the certificate into ${bundle.arn}`
            : 'could not import the certificate into ACM';
        for (let attempt = 1;; attempt++) {
            try {
                const out = await this.importer.send(command);
                if (!out.CertificateArn)
                    throw new Error('ImportCertificate returned no ARN');
                return out.CertificateArn;
            }
            catch (error) {
                if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isErrorCode */ .We)(error, 'ThrottlingException') && attempt < IMPORT_ATTEMPTS) {
                    await this.sleep(1000 * 2 ** (attempt - 1));
                    continue;
                }
                const status = error.$metadata?.httpStatusCode;
                const unsure = status === undefined || status >= 500;
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AwsCallError */ .iQ(unsure ? `${doing} (ACM may have imported it anyway: a re-run finds and reuses it)` : doing, error);
            }
        }
    }
    async tags(arn) {
        try {
            const out = await this.client.send(new _aws_sdk_client_acm__WEBPACK_IMPORTED_MODULE_2__.ListTagsForCertificateCommand({ CertificateArn: arn }));
            return (out.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AwsCallError */ .iQ(`could not read the tags of ${arn}`, error);
        }
    }
    async delete(arn) {
        try {
            await this.client.send(new _aws_sdk_client_acm__WEBPACK_IMPORTED_MODULE_2__.DeleteCertificateCommand({ CertificateArn: arn }));
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AwsCallError */ .iQ(`could not delete ${arn}`, error);
        }
    }
}


/***/ })

};
